using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AgentRules.Tests.Generators.ProcessSpec;

/// <summary>
/// The spec's early exit (<see cref="SpecCandidates"/>): a project whose files hold no tool, prompt, prompt site, agent
/// loop, framework site or inventory entry is told apart without binding, and gets the empty spec; every kind of agent
/// code keeps the spec pass, so the exit never drops a section.
/// </summary>
public class ProcessSpecEarlyExitTests
{
    /// <summary>Plain code that references the real Microsoft.Extensions.AI and uses its types, but builds no agent.</summary>
    private const string PlainWithAiTypes = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Billing;

        public sealed class Usage
        {
            private readonly List<decimal> _amounts = new();

            public UsageDetails Details { get; } = new();

            public ChatFinishReason? LastReason { get; set; }

            public decimal Total()
            {
                decimal total = 0;
                var i = 0;
                while (i < _amounts.Count)
                {
                    total += _amounts[i++];
                }

                return total;
            }

            public async Task<int> CountAsync(IAsyncEnumerable<decimal> amounts)
            {
                var count = 0;
                await foreach (var amount in amounts)
                {
                    count++;
                }

                return count;
            }
        }
        """;

    [Fact]
    public async Task Plain_code_that_references_an_AI_package_exits_early_binds_nothing_and_gets_the_empty_spec()
    {
        var (compilation, project) = await CompileAsync(PlainWithAiTypes);
        var options = project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
        var tools = ToolSafetyContext.Create(compilation, options);
        var bound = new List<SyntaxTree>();
        var loops = AgentLoopContext.Create(compilation, options, tree => { lock (bound) { bound.Add(tree); } return compilation.GetSemanticModel(tree); });
        var prompts = PromptSiteRecognizer.Create(new KnownTypes(compilation), ImmutableArray<string>.Empty);

        Assert.NotNull(loops); // the package is referenced: the engines are live, the exit is the files' doing
        Assert.False(SpecCandidates.MayHaveAny(compilation, project.AnalyzerOptions.AdditionalFiles, options, tools, prompts, loops, include: null, CancellationToken.None));
        Assert.Empty(bound);
        Assert.Empty(tools?.GetTreesWithSemanticModels() ?? []);

        var document = ProcessSpecGenerator.Parser.Build(compilation, options, project.AnalyzerOptions.AdditionalFiles, new SpecSettings(true, "Billing", null, Embed: true), CancellationToken.None);
        Assert.True(document.IsEmpty);
    }

    public static TheoryData<string, string> AgentCode => new()
    {
        { "MCP tool", "using ModelContextProtocol.Server; [McpServerToolType] public sealed class T { [McpServerTool] public static string Ping() => \"pong\"; }" },
        { "[AgentTool]", "using AgentRules; public sealed partial class T { [AgentTool(\"ping\")] public string Ping() => \"pong\"; }" },
        { "registered lambda", "using Microsoft.Extensions.AI; public static class T { public static AIFunction F() => AIFunctionFactory.Create(() => 1, \"one\"); }" },
        { "[Prompt]", "using AgentRules; public static class P { [Prompt(\"billing.system\", Version = 1)] public const string System = \"You are brief.\"; }" },
        { "system message", "using Microsoft.Extensions.AI; public static class P { public static ChatMessage M() => new(ChatRole.System, \"You are brief.\"); }" },
        { "agent loop", "using System.Threading.Tasks; using Microsoft.Extensions.AI; public sealed class L(IChatClient c) { public async Task Run() { while (true) { await c.GetResponseAsync(\"next\"); } } }" },
        { "function-invocation site", "using Microsoft.Extensions.AI; public static class S { public static IChatClient B(IChatClient c) => new ChatClientBuilder(c).UseFunctionInvocation().Build(); }" },
        { "agent", "using Microsoft.Agents.AI; using Microsoft.Extensions.AI; public static class A { public static AIAgent Make(IChatClient c) => new ChatClientAgent(c, name: \"a\"); }" },
        { "HTTP post to a model", "using System.Net.Http; using System.Threading.Tasks; public sealed class H(HttpClient h) { public async Task Go() { while (true) { await h.PostAsync(\"https://api.openai.com/v1/chat/completions\", null); } } }" },
    };

    [Theory]
    [MemberData(nameof(AgentCode))]
    public async Task Every_kind_of_agent_code_keeps_the_spec_pass_and_gets_described(string kind, string source)
    {
        var (compilation, project) = await CompileAsync(PlainWithAiTypes, source);
        var options = project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
        var tools = ToolSafetyContext.Create(compilation, options);
        var loops = AgentLoopContext.Create(compilation, options);
        var prompts = PromptSiteRecognizer.Create(new KnownTypes(compilation), ImmutableArray<string>.Empty);
        Assert.True(SpecCandidates.MayHaveAny(compilation, project.AnalyzerOptions.AdditionalFiles, options, tools, prompts, loops, include: null, CancellationToken.None), kind);

        var document = ProcessSpecGenerator.Parser.Build(compilation, options, project.AnalyzerOptions.AdditionalFiles, new SpecSettings(true, "Billing", null, Embed: true), CancellationToken.None);
        Assert.False(document.IsEmpty, kind);
    }

    [Fact]
    public async Task A_prompt_file_keeps_the_spec_pass()
    {
        var test = new TestProject { Source = PlainWithAiTypes, EditorConfig = "[*.md]\nbuild_metadata.AdditionalFiles.AgentPromptId = billing.system\n" };
        test.AdditionalFiles.Add(("Prompts/system.md", "You are brief."));
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        var options = project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
        Assert.True(SpecCandidates.MayHaveAny(compilation, project.AnalyzerOptions.AdditionalFiles, options, null, null, null, include: null, CancellationToken.None));
    }

    /// <summary>The .NET reference assemblies, AgentRules and Microsoft.Extensions.AI (with its abstractions) only.</summary>
    private static ImmutableArray<MetadataReference> AiOnly => TestReferences.Net.Add(TestReferences.AgentRules)
        .AddRange(TestReferences.Frameworks.Where(r => System.IO.Path.GetFileNameWithoutExtension(r.Display ?? string.Empty).StartsWith("Microsoft.Extensions.AI", System.StringComparison.Ordinal)));

    [Fact]
    public async Task A_project_on_Microsoft_Extensions_AI_alone_that_spells_no_agent_word_exits_before_any_engine_is_created()
    {
        var (compilation, project) = await CompileAsync(AiOnly, PlainWithAiTypes);
        Assert.Contains(compilation.References, r => r.Display?.Contains("Microsoft.Extensions.AI.Abstractions", System.StringComparison.Ordinal) == true);
        Assert.False(SpecCandidates.MaySpellAny(compilation, project.AnalyzerOptions.AdditionalFiles, project.AnalyzerOptions.AnalyzerConfigOptionsProvider, include: null, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(AgentCode))]
    public async Task Every_kind_of_agent_code_spells_a_word_of_the_syntax_check(string kind, string source)
    {
        // Syntax only: the frameworks the snippets use need not be referenced (errors allowed), as a stand-in declared in
        // source would not be. With them referenced the check defers to the engines' gates anyway.
        var test = new TestProject { References = AiOnly, AllowCompilerErrors = true };
        test.Sources.Add(PlainWithAiTypes);
        test.Sources.Add(source);
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.True(SpecCandidates.MaySpellAny(compilation, project.AnalyzerOptions.AdditionalFiles, project.AnalyzerOptions.AnalyzerConfigOptionsProvider, include: null, CancellationToken.None), kind);
    }

    [Fact]
    public async Task A_referenced_agent_framework_or_configured_names_defer_to_the_engines()
    {
        var (withFrameworks, project) = await CompileAsync(TestReferences.All, PlainWithAiTypes);
        Assert.True(SpecCandidates.MaySpellAny(withFrameworks, project.AnalyzerOptions.AdditionalFiles, project.AnalyzerOptions.AnalyzerConfigOptionsProvider, include: null, CancellationToken.None));

        var test = new TestProject { References = AiOnly, EditorConfig = "agentrules.llm_methods = Billing.Gateway.Ask\n" };
        test.Sources.Add(PlainWithAiTypes);
        var configured = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await configured.GetCompilationAsync())!;
        Assert.True(SpecCandidates.MaySpellAny(compilation, configured.AnalyzerOptions.AdditionalFiles, configured.AnalyzerOptions.AnalyzerConfigOptionsProvider, include: null, CancellationToken.None));
    }

    private static Task<(Compilation Compilation, Project Project)> CompileAsync(params string[] sources) => CompileAsync(TestReferences.All, sources);

    private static async Task<(Compilation Compilation, Project Project)> CompileAsync(ImmutableArray<MetadataReference> references, params string[] sources)
    {
        var test = new TestProject { References = references };
        test.Sources.AddRange(sources);
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return (compilation, project);
    }
}
