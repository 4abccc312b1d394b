using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// A framework member name (<c>InvokeAsync</c>, <c>GetResponseAsync</c>) is a seed of the loop rules' reach only in
/// files that can refer to the framework: they spell its namespace, name one of its types or a type derived from one,
/// or some file has a global using of it (<c>LlmFrameworkEvidence</c>). On the Azure MCP server, SignalR's and
/// System.CommandLine's <c>InvokeAsync</c> spread the reach to 3,268 method names and 148 loops were bound for nothing.
/// </summary>
[Collection(ReachCacheCollection.Name)] // the reach cache is process-wide
public class AgentLoopFrameworkEvidenceTests
{
    // A hub client of the app's own: its InvokeAsync is no model call, and this file names no framework.
    private const string HubFile = """
        using System.Threading.Tasks;

        namespace Shop.Hub;

        public sealed class HubConnection
        {
            public Task<string> InvokeAsync(string method, string argument) => Task.FromResult(argument + method);
        }

        public sealed class Poller(HubConnection connection)
        {
            public async Task PollAsync()
            {
                var state = "";
                while (!state.EndsWith("x"))
                {
                    state = await NextAsync(state);
                }
            }

            public Task<string> NextAsync(string state) => connection.InvokeAsync("next", state);
        }
        """;

    // The same calls in a file that imports Microsoft.Extensions.AI: there InvokeAsync may be AIFunction's.
    private const string HubFileWithFramework = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Shop.Hub;

        public sealed class HubConnection
        {
            public Task<string> InvokeAsync(string method, string argument) => Task.FromResult(argument + method);
        }

        public sealed class Poller(HubConnection connection)
        {
            public async Task PollAsync()
            {
                var state = "";
                while (!state.EndsWith("x"))
                {
                    state = await NextAsync(state);
                }
            }

            public Task<string> NextAsync(string state) => connection.InvokeAsync("next", state);
        }
        """;

    private const string DerivedClientFile = """
        using System.Collections.Generic;
        using Microsoft.Extensions.AI;

        namespace Shop.Agents;

        public sealed class SupportClient(IChatClient inner) : DelegatingChatClient(inner);

        public static class Conversation
        {
            public static List<ChatMessage> History { get; } = new();
        }
        """;

    // Names no framework type or namespace, only the app's SupportClient (derived from one).
    private const string DerivedClientLoopFile = """
        using System.Threading.Tasks;

        namespace Shop.Agents;

        public sealed class Support(SupportClient client)
        {
            public async Task RunAsync()
            {
                var done = false;
                while (!done)
                {
                    var response = await client.GetResponseAsync(Conversation.History);
                    done = response.Text == "DONE";
                }
            }
        }
        """;

    private const string ClientsFile = """
        using System.Collections.Generic;
        using Microsoft.Extensions.AI;

        namespace Shop.Agents;

        public static class Clients
        {
            public static IChatClient? Current { get; set; }

            public static IChatClient Create() => Current!;

            public static List<ChatMessage> History { get; } = new();
        }
        """;

    // Gets its client through var from Clients and names nothing of the framework: the evidence is a global using.
    private const string VarLoopFile = """
        using System.Threading.Tasks;

        namespace Shop.Agents;

        public sealed class Worker
        {
            public async Task RunAsync()
            {
                var client = Clients.Create();
                var done = false;
                while (!done)
                {
                    var response = await client.GetResponseAsync(Clients.History);
                    done = response.Text == "DONE";
                }
            }
        }
        """;

    private const string GlobalUsingsFile = """
        global using System.Text;
        """;

    [Fact]
    public async Task A_framework_member_name_is_no_seed_in_a_file_that_cannot_refer_to_the_framework()
    {
        var compilation = await CompileAsync(HubFile);
        var (loops, words) = FindLoops(compilation);
        Assert.Empty(loops);
        Assert.DoesNotContain("NextAsync", words); // it calls HubConnection.InvokeAsync, not AIFunction's

        // The same code importing the framework: InvokeAsync is a seed there, so NextAsync may reach a model by name
        // (binding then finds no model call: no loop either way).
        compilation = await CompileAsync(HubFileWithFramework);
        (loops, words) = FindLoops(compilation);
        Assert.Empty(loops);
        Assert.Contains("NextAsync", words);
    }

    [Fact]
    public async Task A_model_call_is_found_in_a_file_that_names_only_a_type_derived_from_a_framework_type()
    {
        var compilation = await CompileAsync(DerivedClientFile, DerivedClientLoopFile);
        var (loops, _) = FindLoops(compilation);
        Assert.Equal(new[] { "RunAsync: IChatClient.GetResponseAsync via " }, loops);
    }

    [Fact]
    public async Task A_global_using_of_the_framework_gives_every_file_the_evidence_and_an_edit_that_adds_one_recomputes_the_reach()
    {
        var compilation = await CompileAsync(ClientsFile, VarLoopFile, GlobalUsingsFile);
        var globalUsings = compilation.SyntaxTrees.ElementAt(2);
        var loopFile = compilation.SyntaxTrees.ElementAt(1);

        // Without it, a file that gets the client through var and names nothing of the framework has no evidence:
        // the limit of the per-file gate (documented in docs/performance.md).
        var (loops, _, _) = FindLoopsChecked(compilation);
        Assert.Empty(loops);

        compilation = Edit(compilation, ref globalUsings, "global using System.Text;", "global using System.Text;\nglobal using Microsoft.Extensions.AI;");
        (loops, _, var reused) = FindLoopsChecked(compilation);
        Assert.False(reused);
        Assert.Equal(new[] { "RunAsync: IChatClient.GetResponseAsync via " }, loops);

        // A keystroke in the loop's body: the names are reused, the loop still found.
        compilation = Edit(compilation, ref loopFile, "var done = false;", "var done  = false;");
        (loops, _, reused) = FindLoopsChecked(compilation);
        Assert.True(reused);
        Assert.Equal(new[] { "RunAsync: IChatClient.GetResponseAsync via " }, loops);

        // And the global using removed again: recomputed, the loop is no longer found.
        compilation = Edit(compilation, ref globalUsings, "\nglobal using Microsoft.Extensions.AI;", string.Empty);
        (loops, _, reused) = FindLoopsChecked(compilation);
        Assert.False(reused);
        Assert.Empty(loops);
    }

    private static async Task<Compilation> CompileAsync(params string[] sources)
    {
        var test = new TestProject();
        test.Sources.AddRange(sources);
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }

    /// <summary>The loops found, checked against the same sources parsed afresh (no reach carried over).</summary>
    private static (string[] Loops, IReadOnlyList<string> Words, bool Reused) FindLoopsChecked(Compilation compilation)
    {
        var (loops, words, reused) = FindLoopsAndReuse(compilation);
        var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(tree =>
            CSharpSyntaxTree.ParseText(tree.GetText(), (CSharpParseOptions)tree.Options, tree.FilePath)));
        var (expected, _, freshReused) = FindLoopsAndReuse(fresh);
        Assert.False(freshReused);
        Assert.Equal(expected, loops);
        return (loops, words, reused);
    }

    private static (string[] Loops, IReadOnlyList<string> Words) FindLoops(Compilation compilation)
    {
        var (loops, words, _) = FindLoopsAndReuse(compilation);
        return (loops, words);
    }

    private static (string[] Loops, IReadOnlyList<string> Words, bool Reused) FindLoopsAndReuse(Compilation compilation)
    {
        var context = AgentLoopContext.Create(compilation, options: null)!;
        var (loops, _) = AgentLoopCatalog.FindAll(context, tree => context.Compilation.GetSemanticModel(tree), default);
        var reach = typeof(AgentLoopContext).GetMethod("GetReach", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(context, new object[] { default(System.Threading.CancellationToken) })!;
        var words = (IReadOnlyList<string>)reach.GetType().GetProperty("Words")!.GetValue(reach)!;
        var reused = (bool)typeof(AgentLoopContext).GetProperty("ReachReused", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(context)!;
        return (loops.Select(Describe).ToArray(), words, reused);
    }

    private static string Describe(AgentLoop loop) =>
        loop.Syntax.Ancestors().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().First().Identifier.ValueText
        + ": " + loop.LlmCall.Call.Name + " via " + string.Join(" → ", loop.LlmCall.Path.Select(m => m.Name));

    private static Compilation Edit(Compilation compilation, ref SyntaxTree tree, string find, string replace)
    {
        var text = tree.GetText();
        var start = text.ToString().IndexOf(find, System.StringComparison.Ordinal);
        Assert.True(start >= 0, find);
        var edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(start, find.Length), replace)));
        var result = compilation.ReplaceSyntaxTree(tree, edited);
        tree = edited;
        return result;
    }
}
