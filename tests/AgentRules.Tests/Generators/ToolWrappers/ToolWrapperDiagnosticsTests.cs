using System;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Generators.ToolWrappers;

/// <summary>
/// The tool wrapper generator never crashes on half-written code. Its diagnostics (AGR0100-AGR0105: every problem it
/// cannot work around is a clear diagnostic at the right place, never a crash or a silent skip) are tested one file per ID,
/// tests/AgentRules.Tests/Rules/AGR010x*Tests.cs, with the helpers below.
/// </summary>
public class ToolWrapperDiagnosticsTests
{
    internal static async Task<GeneratorRun> RunAsync(string source, bool withAI = true)
    {
        var test = new GeneratorTest<ToolWrapperGenerator> { Source = source };
        if (!withAI)
        {
            test.References = TestReferences.Net.Add(TestReferences.AgentRules);
        }

        var run = await test.RunAsync();
        Assert.Null(run.Result.Results.Single().Exception);
        return run;
    }

    internal static (string Id, string Text, string Message) Only(GeneratorRun run)
    {
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.True(diagnostic.Location.IsInSource, "generator diagnostics must point into the source, so #pragma warning disable works");
        Assert.Same(run.InputCompilation.SyntaxTrees.First(), diagnostic.Location.SourceTree);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal($"https://github.com/agentrules/AgentRules/blob/main/docs/rules/{diagnostic.Id}.md", diagnostic.Descriptor.HelpLinkUri);
        return (diagnostic.Id, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan), diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Half_written_code_never_crashes_the_generator()
    {
        var sources = new[]
        {
            "public partial class T { [AgentRules.AgentTool] public Missing M(Unknown u) => default; }",
            "public partial class T { [AgentRules.AgentTool(] public int M(int x) => x; }",
            "public partial class T { [AgentRules.AgentTool] public int M(int x = ) => x; }",
            "public partial class T { [AgentRules.AgentTool] public int M(",
            "public partial class T { [AgentRules.AgentTool, AgentRules.EnvironmentScope(null)] public void M() { } }",
            "public partial class T { [AgentRules.AgentTool(null)] public void M(System.Collections.Generic.List<> items) { } }",
            "public partial record R(Missing Value); public partial class T { [AgentRules.AgentTool] public void M(R r) { } }",
            "public partial class T { /// <summary>Unclosed <c>tag</summary>\n [AgentRules.AgentTool] public void M() { } }",
        };

        foreach (var source in sources)
        {
            var test = new GeneratorTest<ToolWrapperGenerator> { Source = source, AllowCompilerErrors = true };
            var run = await test.RunAsync();
            Assert.Null(run.Result.Results.Single().Exception);
            Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CS8784" or "CS8785");
        }
    }
}
