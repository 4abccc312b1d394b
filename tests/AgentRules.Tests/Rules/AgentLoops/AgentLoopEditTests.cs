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
/// In the IDE every keystroke is a new compilation that shares all but the edited tree with the previous one, and the
/// loop rules carry which names can reach a model (<c>LlmReach</c>) from one to the next when the changed trees cannot
/// change them. These tests edit successive compilations — the caller's file, the callee's file, a new implementation
/// in a new file — and check after each edit that the loops found are those a compilation parsed from scratch gives,
/// and that the names were reused when the edit could not change them and recomputed when it could.
/// </summary>
[Collection(ReachCacheCollection.Name)] // the cache is process-wide: other tests' compilations must not evict it mid-test
public class AgentLoopEditTests
{
    private const string CallerFile = """
        using System.Threading.Tasks;

        namespace Shop.Agents;

        public sealed class Support(IAsk ask)
        {
            public async Task RunAsync(string task)
            {
                var answer = task;
                while (!answer.EndsWith("DONE"))
                {
                    answer = await Helpers.StepAsync(answer);
                }
            }

            public async Task RunThroughInterfaceAsync(string task)
            {
                var answer = task;
                while (!answer.EndsWith("DONE"))
                {
                    answer = await ask.AskAsync(answer);
                }
            }
        }
        """;

    private const string CalleeFile = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Shop.Agents;

        public static class Helpers
        {
            public static IChatClient? Client { get; set; }

            public static async Task<string> StepAsync(string prompt) => (await Client!.GetResponseAsync(prompt)).Text;
        }
        """;

    private const string InterfaceFile = """
        using System.Threading.Tasks;

        namespace Shop.Agents;

        public interface IAsk
        {
            Task<string> AskAsync(string prompt);
        }

        public sealed class EchoAsk : IAsk
        {
            public Task<string> AskAsync(string prompt) => Task.FromResult(prompt);
        }
        """;

    private const string ModelImplementationFile = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Shop.Agents;

        public sealed class ModelAsk(IChatClient chatClient) : IAsk
        {
            public async Task<string> AskAsync(string prompt) => (await chatClient.GetResponseAsync(prompt)).Text;
        }
        """;

    [Fact]
    public async Task Each_edit_gives_the_loops_of_a_fresh_compilation_and_reuses_the_names_only_when_they_cannot_change()
    {
        var test = new TestProject();
        test.Sources.Add(CallerFile);
        test.Sources.Add(CalleeFile);
        test.Sources.Add(InterfaceFile);
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var caller = compilation.SyntaxTrees.ElementAt(0);
        var callee = compilation.SyntaxTrees.ElementAt(1);

        // The first compilation: the loop through the helper calls a model; the one through IAsk does not (EchoAsk).
        var (loops, _) = Analyse(compilation);
        Assert.Equal(new[] { "RunAsync: IChatClient.GetResponseAsync via StepAsync" }, loops);

        // A keystroke inside a body of the caller: same names, reused, same loops.
        compilation = Edit(compilation, ref caller, "var answer = task;", "var answer  = task;");
        (loops, var reused) = Analyse(compilation);
        Assert.True(reused);
        Assert.Equal(new[] { "RunAsync: IChatClient.GetResponseAsync via StepAsync" }, loops);

        // The callee's file: the helper no longer calls a model. Its facts changed, so the names are recomputed.
        compilation = Edit(compilation, ref callee, "(await Client!.GetResponseAsync(prompt)).Text", "prompt");
        (loops, reused) = Analyse(compilation);
        Assert.False(reused);
        Assert.Empty(loops);

        // ... and calls one again: the same facts as the first compilation's callee, whose names may be reused.
        compilation = Edit(compilation, ref callee, "=> prompt;", "=> (await Client!.GetResponseAsync(prompt)).Text;");
        (loops, _) = Analyse(compilation);
        Assert.Equal(new[] { "RunAsync: IChatClient.GetResponseAsync via StepAsync" }, loops);

        // A new file implements IAsk with a model call: the loop through the interface now reaches one.
        compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(ModelImplementationFile, (CSharpParseOptions)caller.Options, TestProject.SourcePath(3)));
        (loops, reused) = Analyse(compilation);
        Assert.False(reused);
        Assert.Equal(new[] { "RunAsync: IChatClient.GetResponseAsync via StepAsync", "RunThroughInterfaceAsync: IChatClient.GetResponseAsync via AskAsync → AskAsync" }, loops);

        // The caller's file: a loop becomes an if. The names it spells are the same (reused), but its own loops are
        // found again, since the edited tree is always analysed afresh.
        compilation = Edit(compilation, ref caller, "while (!answer.EndsWith(\"DONE\"))\n        {\n            answer = await Helpers", "if (!answer.EndsWith(\"DONE\"))\n        {\n            answer = await Helpers");
        (loops, reused) = Analyse(compilation);
        Assert.True(reused);
        Assert.Equal(new[] { "RunThroughInterfaceAsync: IChatClient.GetResponseAsync via AskAsync → AskAsync" }, loops);

        // The new implementation is removed again: the interface loop is gone (the names are those of the three-file
        // compilations before it, which may be reused).
        compilation = compilation.RemoveSyntaxTrees(compilation.SyntaxTrees.ElementAt(3));
        (loops, _) = Analyse(compilation);
        Assert.Empty(loops);
    }

    /// <summary>The loops of a compilation, checked against those of the same sources parsed again (which share no tree with any earlier compilation).</summary>
    private static (string[] Loops, bool Reused) Analyse(Compilation compilation)
    {
        var (loops, reused) = FindLoops(compilation);
        var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(tree =>
            CSharpSyntaxTree.ParseText(tree.GetText(), (CSharpParseOptions)tree.Options, tree.FilePath)));
        var (expected, freshReused) = FindLoops(fresh);
        Assert.False(freshReused);
        Assert.Equal(expected, loops);
        return (loops, reused);
    }

    private static (string[] Loops, bool Reused) FindLoops(Compilation compilation)
    {
        var context = AgentLoopContext.Create(compilation, options: null)!;
        var (loops, _) = AgentLoopCatalog.FindAll(context, tree => context.Compilation.GetSemanticModel(tree), default);
        var reused = (bool)typeof(AgentLoopContext).GetProperty("ReachReused", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(context)!;
        return (loops.Select(Describe).ToArray(), reused);
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

/// <summary>Tests that observe the loop rules' process-wide reach cache run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReachCacheCollection
{
    public const string Name = "Loop rules' reach cache";
}
