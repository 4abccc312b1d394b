using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Generators.Prompts;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tasks;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// AGR0202, not a finding: the process spec composed by the analyzers (read by the build task from the SARIF log): the same spec the
/// generator computes, from the compilation the compiler emits (generated code added, as csc runs it), only when the
/// build asks for it, and empty for a project without agent code.
/// </summary>
public class AGR0202ProcessSpecFactsTests
{
    private const string Compute = "build_property.AgentRulesSpecCompute = true\nbuild_property.RootNamespace = Contoso.Agent\n";

    private const string McpAndChat = """
        using System.ComponentModel;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using ModelContextProtocol.Server;

        namespace Contoso.Agent;

        [McpServerToolType]
        public sealed class AdminTools
        {
            [McpServerTool(Name = "drop_table", Destructive = true), Description("Drops a table.")]
            public string DropTable(string table) => table;
        }

        public sealed class Loop(IChatClient client)
        {
            public async Task RunAsync(CancellationToken token)
            {
                var history = new System.Collections.Generic.List<ChatMessage> { new(ChatRole.User, "hi") };
                while (true)
                {
                    var response = await client.GetResponseAsync(history, cancellationToken: token);
                    history.AddRange(response.Messages);
                }
            }
        }
        """;

    private const string AgentToolSource = """
        using System.ComponentModel;
        using AgentRules;

        namespace Contoso.Agent;

        public sealed partial class RefundTools
        {
            [AgentTool("refund_order"), DestructiveTool, EnvironmentScope("Staging")]
            [Description("Refunds an order.")]
            public decimal RefundOrder(int orderId) => orderId;
        }
        """;

    [Theory]
    [InlineData(McpAndChat)]
    [InlineData(AgentToolSource)]
    public async Task The_analyzers_carry_the_spec_the_generator_computes(string source)
    {
        var (input, output, options) = await CompileAsync(Compute, source);
        var spec = Assert.Single(await SpecDiagnosticsAsync(output, options));

        Assert.True(spec.IsSuppressed);
        Assert.Equal(Location.None, spec.Location);
        var expected = ProcessSpecGenerator.Parser.Build(input, options.AnalyzerConfigOptionsProvider, options.AdditionalFiles, SpecSettings.Read(options.AnalyzerConfigOptionsProvider.GlobalOptions), CancellationToken.None);
        Assert.False(expected.IsEmpty);
        Assert.Equal(ProcessSpecGenerator.Emitter.ToJson(expected), spec.Properties[ProcessSpecAnalyzer.JsonProperty]);
        Assert.Equal(ProcessSpecGenerator.Emitter.ToMarkdown(expected), spec.Properties[ProcessSpecAnalyzer.MarkdownProperty]);
    }

    [Fact]
    public async Task Code_the_generators_added_is_not_described()
    {
        // The tool wrapper generator adds an AIFunction per [AgentTool]; the spec lists the tool once, where it is declared.
        var (_, output, options) = await CompileAsync(Compute, AgentToolSource);
        Assert.Contains(output.SyntaxTrees, t => !ProcessSpecGenerator.Parser.IsWrittenByHand(t));

        var json = Assert.Single(await SpecDiagnosticsAsync(output, options)).Properties[ProcessSpecAnalyzer.JsonProperty]!;
        Assert.Contains("\"tools\": 1,", json, StringComparison.Ordinal);
        Assert.DoesNotContain(".g.cs", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build_property.AgentRulesSpecCompute = false\n")] // design-time builds, AgentRulesSpec=false
    [InlineData("")] // no package targets (another tool hosting the analyzers)
    [InlineData("build_property.AgentRulesSpecCompute = true\nbuild_property.AgentRulesSpecEmbed = true\n")] // the generator computes it
    public async Task Nothing_is_computed_unless_the_build_asks_the_analyzers_for_the_spec(string globalConfig)
    {
        var (_, output, options) = await CompileAsync(globalConfig, McpAndChat);
        Assert.Empty(await SpecDiagnosticsAsync(output, options));
    }

    [Fact]
    public async Task A_project_without_agent_code_gets_an_empty_spec_unless_it_asks_for_one()
    {
        const string Plain = "namespace Billing; public static class Invoices { public static decimal Total() => 0m; }";
        var (_, output, options) = await CompileAsync(Compute, Plain);
        var empty = Assert.Single(await SpecDiagnosticsAsync(output, options));
        Assert.Equal(string.Empty, empty.Properties[ProcessSpecAnalyzer.JsonProperty]);
        Assert.Equal(string.Empty, empty.Properties[ProcessSpecAnalyzer.MarkdownProperty]);

        const string Always = Compute + "build_property.AgentRulesSpec = true\n";
        var (_, optedIn, optedInOptions) = await CompileAsync(Always, Plain);
        var json = Assert.Single(await SpecDiagnosticsAsync(optedIn, optedInOptions)).Properties[ProcessSpecAnalyzer.JsonProperty]!;
        Assert.Contains("\"tools\": 0,", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_task_looks_for_the_catalogue_id()
    {
        Assert.Equal(DiagnosticIds.ProcessSpecFacts, SarifFindings.SpecFactsRule);
        Assert.Equal(DiagnosticIds.ProcessSpecFacts, DiagnosticDescriptors.ProcessSpecFacts.Id);
        Assert.Contains(WellKnownDiagnosticTags.NotConfigurable, DiagnosticDescriptors.ProcessSpecFacts.CustomTags);
    }

    /// <summary>Compiles as csc does: AgentRules' generators first, then the analyzers run on the compilation with the generated code.</summary>
    private static async Task<(Compilation Input, Compilation Output, AnalyzerOptions Options)> CompileAsync(string globalConfig, string source)
    {
        var project = new TestProject { Source = source, GlobalConfig = globalConfig.Length == 0 ? null : globalConfig }.CreateProject([source], []);
        var input = (await project.GetCompilationAsync())!;
        var driver = CSharpGeneratorDriver.Create(
            [new ToolWrapperGenerator().AsSourceGenerator(), new PromptRegistryGenerator().AsSourceGenerator(), new ProcessSpecGenerator().AsSourceGenerator()],
            project.AnalyzerOptions.AdditionalFiles,
            (CSharpParseOptions)project.ParseOptions!,
            project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
        driver.RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return (input, output, project.AnalyzerOptions);
    }

    /// <summary>The AGR0202 diagnostics of a run of every rule analyzer and the spec analyzer, suppressed ones included (as csc reports them with /errorlog).</summary>
    private static async Task<ImmutableArray<Diagnostic>> SpecDiagnosticsAsync(Compilation compilation, AnalyzerOptions analyzerOptions)
    {
        var analyzers = AgentRulesAnalyzers.RulesAndSpec();
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            analyzerOptions,
            onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.Where(d => d.Id == DiagnosticIds.ProcessSpecFacts).ToImmutableArray();
    }
}
