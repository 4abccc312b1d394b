using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules.FixAll;

/// <summary>
/// The agent-loop fixes (AGR0002, AGR0003, AGR0009) run the way <c>dotnet format</c> runs them: several rules at once,
/// each Fix All seeded with the analyzer's first diagnostic (often another rule's on the same loop), in document,
/// project and solution scope. One run must fix every loop and leave code that compiles.
/// </summary>
public class AgentLoopDotNetFormatTests
{
    private static readonly string[] Ids = ["AGR0002", "AGR0003", "AGR0009"];

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = [.. RuleGroups.AllLoopRules()];

    private static readonly ImmutableArray<CodeFixProvider> Fixers = [new AGR0002AgentLoopWithoutIterationCapCodeFix(), new AGR0003AgentLoopWithoutStopSignalCodeFix(), new AGR0009FunctionInvocationDefaultCapCodeFix()];

    private const string Loops = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public sealed class Researcher(IChatClient chatClient)
        {
            public async Task<string> AskAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
            {
                while (true)
                {
                    var response = await chatClient.GetResponseAsync(messages);
                    if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
                    messages.AddRange(response.Messages);
                }
            }

            public async Task ReviewAsync(List<ChatMessage> messages)
            {
                var done = false;
                do
                {
                    var response = await chatClient.GetResponseAsync(messages, cancellationToken: CancellationToken.None);
                    done = response.FinishReason == ChatFinishReason.Stop;
                }
                while (!done);
            }

            public async Task<int> SummarizeAsync(List<ChatMessage> messages)
            {
                for (;;)
                {
                    var response = await chatClient.GetResponseAsync(messages);
                    if (response.Messages.Count > 0) return response.Messages.Count;
                }
            }
        }
        """;

    private const string Clients = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public static class Clients
        {
            public static IChatClient Build(IChatClient inner) => inner.AsBuilder().UseFunctionInvocation().Build();

            public static IChatClient Configured(IChatClient inner) =>
                inner.AsBuilder().UseFunctionInvocation(configure: c => c.AllowConcurrentInvocation = true).Build();

            // Harness agents: no using of Microsoft.Agents.AI here, so the added options stay qualified and still compile.
            public static Microsoft.Agents.AI.AIAgent Harness(IChatClient inner) => inner.AsHarnessAgent();

            public static Microsoft.Agents.AI.AIAgent NamedHarness(IChatClient inner) =>
                new Microsoft.Agents.AI.HarnessAgent(inner, new Microsoft.Agents.AI.HarnessAgentOptions { Name = "coder" });

            public static async Task<string> LoopAsync(IChatClient client, List<ChatMessage> messages)
            {
                while (true)
                {
                    var response = await client.GetResponseAsync(messages);
                    if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
                }
            }
        }
        """;

    public static TheoryData<FixAllScope, bool> Runs()
    {
        var data = new TheoryData<FixAllScope, bool>();
        foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution })
        {
            data.Add(scope, false);
            data.Add(scope, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task One_run_fixes_every_loop_and_the_result_compiles(FixAllScope scope, bool reverseOrder)
    {
        var project = new TestProject { Sources = { Loops, Clients } }.CreateProject([Loops, Clients], []);
        var before = await DotNetFormatEmulation.AnalyzeAsync(project, Analyzers, Ids);
        Assert.Contains(before, d => d.Id == "AGR0002");
        Assert.Contains(before, d => d.Id == "AGR0003");
        Assert.Contains(before, d => d.Id == "AGR0009");

        var run = await DotNetFormatEmulation.RunAsync(project, Analyzers, Fixers, Ids, scope, reverseOrder);

        Assert.Empty(run.Warnings);
        Assert.Empty(await DotNetFormatEmulation.CompilerErrorsAsync(run.Project));
        var after = await DotNetFormatEmulation.AnalyzeAsync(run.Project, Analyzers, Ids);
        var remaining = scope == FixAllScope.Document
            ? after.Where(d => d.Location.SourceTree!.FilePath == before.First().Location.SourceTree!.FilePath)
            : after;
        Assert.Empty(remaining.Select(AnalyzerRunner.Format));
    }

    [Fact]
    public async Task The_cancellation_fix_has_a_Fix_All_when_seeded_with_an_AGR0002_diagnostic_and_no_key()
    {
        var project = new TestProject().CreateProject([Loops], []);
        var diagnostics = await DotNetFormatEmulation.AnalyzeAsync(project, [.. RuleGroups.AgentLoops()], Ids);
        var fixer = new AGR0003AgentLoopWithoutStopSignalCodeFix();

        var context = new FixAllContext(
            project.Documents.Single(),
            fixer,
            FixAllScope.Solution,
            null!,
            ["AGR0003"],
            new SeededProvider(diagnostics),
            System.Threading.CancellationToken.None);
        var action = await fixer.GetFixAllProvider().GetFixAsync(context);

        Assert.NotNull(action);
    }

    private sealed class SeededProvider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<System.Collections.Generic.IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, System.Threading.CancellationToken cancellationToken) => Task.FromResult<System.Collections.Generic.IEnumerable<Diagnostic>>(diagnostics);

        public override Task<System.Collections.Generic.IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, System.Threading.CancellationToken cancellationToken) => Task.FromResult<System.Collections.Generic.IEnumerable<Diagnostic>>(diagnostics);

        public override Task<System.Collections.Generic.IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, System.Threading.CancellationToken cancellationToken) => Task.FromResult<System.Collections.Generic.IEnumerable<Diagnostic>>(diagnostics);
    }
}
