using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AgentRules.Tests.Generators.ProcessSpec;

/// <summary>
/// The inventory publishes the words its sections are written with (<see cref="ProcessSpecGenerator.Parser.InventoryWords"/>), and
/// the spec's early exit (<see cref="SpecCandidates"/>) reads them there: a file that spells any of them keeps the spec
/// pass, and every kind of inventory entry, found in code against the real frameworks, sits in a file that spells one.
/// </summary>
public class ProcessSpecInventoryWordsTests
{
    /// <summary>Microsoft.Extensions.AI and AgentRules only: no framework reference that defers the exit to the engines.</summary>
    private static ImmutableArray<MetadataReference> AiOnly => TestReferences.Net.Add(TestReferences.AgentRules)
        .AddRange(TestReferences.Frameworks.Where(r => System.IO.Path.GetFileNameWithoutExtension(r.Display ?? string.Empty).StartsWith("Microsoft.Extensions.AI", System.StringComparison.Ordinal)));

    [Fact]
    public async Task Each_inventory_word_alone_keeps_the_spec_pass_and_a_file_without_one_does_not()
    {
        Assert.Contains("ChatClientAgent", ProcessSpecGenerator.Parser.InventoryWords);
        Assert.Contains("NeverRequire", ProcessSpecGenerator.Parser.InventoryWords);
        Assert.False(await MaySpellAnyAsync("namespace Ledger; public static class Holder { public static int Unrelated; }"));
        foreach (var word in ProcessSpecGenerator.Parser.InventoryWords)
        {
            Assert.True(await MaySpellAnyAsync("namespace Ledger; public static class Holder { public static int " + word + "; }"), word);
        }
    }

    [Fact]
    public async Task Every_kind_of_inventory_entry_is_in_a_file_that_spells_a_published_word()
    {
        var sources = new[]
        {
            """
            using AgentRules;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            namespace Contoso.Agents;

            public static class Agents
            {
                public static AIAgent Triage(IChatClient chat) => new ChatClientAgent(chat, instructions: "Triage tickets.", name: "triage");

                public static AIAgent Quick(IChatClient chat) => chat.AsAIAgent(instructions: "Be brief.", name: "quick");

                public static ToolGuard Guard() => new(new() { AgentName = "support-agent", MaxCalls = 20 });
            }
            """,
            """
            using System.Threading.Tasks;
            using ModelContextProtocol.Client;

            namespace Contoso.Servers;

            public static class Servers
            {
                public static Task<McpClient> GitHub() => McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions { Command = "npx" }));
            }
            """,
            """
            using Microsoft.Extensions.AI;

            namespace Contoso.Hosted;

            public static class Hosted
            {
                public static HostedMcpServerTool Docs() => new("docs", "https://example.com/mcp") { ApprovalMode = HostedMcpServerToolApprovalMode.NeverRequire };
            }
            """,
        };

        var test = new TestProject();
        test.Sources.AddRange(sources);
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var document = ProcessSpecGenerator.Parser.Build(compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider, project.AnalyzerOptions.AdditionalFiles, new SpecSettings(true, "Contoso", null, Embed: true), CancellationToken.None);
        Assert.Equal(["Agent Framework AsAIAgent", "Agent Framework ChatClientAgent", "AgentRules ToolGuard"], document.Agents.Select(a => a.Kind).OrderBy(k => k, System.StringComparer.Ordinal));
        Assert.Equal("stdio", Assert.Single(document.McpServers).Transport);
        Assert.Contains(document.Approvals, a => a.Kind == "bypass" && a.What.Contains("NeverRequire", System.StringComparison.Ordinal));

        var locations = document.Agents.Select(a => a.Location).Concat(document.McpServers.Select(s => s.Location)).Concat(document.Approvals.Select(a => a.Location));
        foreach (var location in locations)
        {
            var tree = compilation.SyntaxTrees.Single(t => t.FilePath.Replace('\\', '/').EndsWith(location.Path, System.StringComparison.Ordinal));
            Assert.True(SourceIndex.ContainsAny(tree, ProcessSpecGenerator.Parser.InventoryWords, CancellationToken.None), location.Path);
        }
    }

    [Fact]
    public async Task Agents_created_through_an_alias_or_a_target_typed_new_are_still_listed()
    {
        // The inventory binds only creations named like the types it reads: an alias of one, and a target-typed new(),
        // stay candidates.
        const string Source = """
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using Helper = Microsoft.Agents.AI.ChatClientAgent;

            namespace Contoso.Agents;

            public static class Agents
            {
                public static AIAgent Aliased(IChatClient chat) => new Helper(chat, instructions: "Answer briefly.", name: "aliased");

                public static AIAgent TargetTyped(IChatClient chat)
                {
                    ChatClientAgent agent = new(chat, instructions: "Answer politely.", name: "target-typed");
                    return agent;
                }

                public static object Unrelated() => new System.Text.StringBuilder("not an agent");
            }
            """;
        var test = new TestProject();
        test.Sources.Add(Source);
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var document = ProcessSpecGenerator.Parser.Build(compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider, project.AnalyzerOptions.AdditionalFiles, new SpecSettings(true, "Contoso", null, Embed: true), CancellationToken.None);
        Assert.Equal(["aliased", "target-typed"], document.Agents.Select(a => a.Name).OrderBy(n => n, System.StringComparer.Ordinal));
        Assert.All(document.Agents, a => Assert.Equal("Agent Framework ChatClientAgent", a.Kind));
    }

    private static async Task<bool> MaySpellAnyAsync(string source)
    {
        var test = new TestProject { References = AiOnly };
        test.Sources.Add(source);
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return SpecCandidates.MaySpellAny(compilation, project.AnalyzerOptions.AdditionalFiles, project.AnalyzerOptions.AnalyzerConfigOptionsProvider, include: null, CancellationToken.None);
    }
}
