using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

// The runtime has a ToolEffect too (AgentRules.ToolEffect), which this namespace would otherwise find first.
using ToolEffect = AgentRules.Analyzers.Recognition.Tools.ToolEffect;

/// <summary>Code in the IDE is half-written: the tool-safety analyzers never throw on it, and still see what is clear.</summary>
public class ToolSafetyRobustnessTests
{
    public static TheoryData<string> BrokenSources() => new(Sources);

    private static readonly string[] Sources =
    {
        """
        using System.IO;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed class Broken
        {
            [McpServerTool(Name = , Destructive = )]
            public string DeleteThing(int id) => Missing.Call(id)

            [McpServerTool(Destructive = true)]
            public void Drop(

            [McpServerTool]
            public UnknownType DeleteAll() { File.Delete(; }
        }
        """,
        """
        using System.IO;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        public static class Registrations
        {
            public static object A() => AIFunctionFactory.Create(NotAMethod, "delete_x");
            public static object B() => AIFunctionFactory.Create((string p) => File.Delete(p), name: 12);
            public static object C() => ChatTool.CreateFunctionTool(functionName: null!, functionDescription: );
            public static object D() => AIFunctionFactory.Create(typeof(Registrations).GetMethod(UnknownName)!, null);
            public static object E() => new ApprovalRequiredAIFunction(;
            public static object F() => new(AIFunctionFactory.Create(
        }
        """,
        """
        using Microsoft.SemanticKernel;
        using Microsoft.Azure.Functions.Worker;
        using Microsoft.Azure.Functions.Worker.Extensions.Mcp;

        public class Plugin
        {
            [KernelFunction("delete_" + )]
            public string Delete(string id) => Repo.Remove(id);

            [Function(nameof(Purge))]
            public string Purge([McpToolTrigger()] ToolInvocationContext context, [BlobOutput] string x) => x;

            [AgentRules.EnvironmentScope(null!)]
            [KernelFunction]
            public void Remove(string id) { if (AgentRules.AgentEnvironment.Is()) return; }
        }
        """,
        """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        var builder = Host.CreateApplicationBuilder(args);
        if (builder.Environment.IsEnvironment()) builder.Services.AddMcpServer().WithTools<>();
        builder.Services.AddMcpServer().WithTools(typeof(Missing), null!);
        """,
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task No_analyzer_throws_on_code_that_does_not_compile(string source)
    {
        var test = new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer> { Source = source, AllowCompilerErrors = true };
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer(), new AGR0005UndeclaredToolEffectAnalyzer(), new AGR0007ReadOnlyToolWritesAnalyzer(), new AGR0008DestructiveToolWithoutApprovalAnalyzer());

        // Fails the test on any analyzer exception (AD0001).
        await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers);

        // The engine's enumeration does not throw either.
        var compilation = (await project.GetCompilationAsync())!;
        var context = ToolSafetyContext.Create(compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
        _ = context?.GetAllTools(default);
    }

    [Fact]
    public async Task What_is_clear_in_broken_code_is_still_reported()
    {
        var test = new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer> { Source = Sources[0], AllowCompilerErrors = true };
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(new AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer()));

        Assert.Contains(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).StartsWith("Destructive tool 'delete_thing'", System.StringComparison.Ordinal));
    }
}
