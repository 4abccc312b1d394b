using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// Which of the app's members put a parameter into a prompt (a constructor building a system message from it) is read
/// per tree and kept with the tree, so the next compilation — a keystroke in the IDE — reads only the edited file again.
/// These tests edit the forwarding member's file and the caller's file in successive compilations that share the
/// other trees, and check AGR0004 after each edit against the same sources parsed afresh.
/// </summary>
public class PromptForwardingEditTests
{
    private const string AgentFile = """
        using System.Collections.Generic;

        public sealed record Message(string Role, string Content);

        public sealed class Agent
        {
            private readonly List<Message> _messages = new();

            public Agent(string roleDescription, string model)
            {
                Name = roleDescription;
                Model = model;
            }

            public string Name { get; }

            public string Model { get; }
        }
        """;

    private const string CallerFile = """
        public static class Program
        {
            public static Agent Start() => new Agent("You are a patient Spanish teacher.", "llama3");
        }
        """;

    [Fact]
    public async Task Editing_the_forwarding_member_or_its_caller_gives_the_diagnostics_of_a_fresh_compilation()
    {
        var test = new TestProject();
        test.Sources.Add(AgentFile);
        test.Sources.Add(CallerFile);
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var agent = compilation.SyntaxTrees.ElementAt(0);
        var caller = compilation.SyntaxTrees.ElementAt(1);

        // The constructor keeps its parameter as a name: not a prompt.
        Assert.Empty(await AnalyseAsync(compilation, project.AnalyzerOptions));

        // The callee's file: the constructor now puts it into a system message, so the caller's literal is a prompt.
        compilation = Edit(compilation, ref agent, "Name = roleDescription;", "Name = roleDescription;\n        _messages.Add(new Message(\"system\", roleDescription));");
        Assert.Equal(new[] { "AGR0004 Test1.cs:2" }, await AnalyseAsync(compilation, project.AnalyzerOptions));

        // The caller's file, with the callee's tree (and its kept answer) unchanged.
        compilation = Edit(compilation, ref caller, "public static Agent Start()", "public static Agent Start( )");
        Assert.Equal(new[] { "AGR0004 Test1.cs:2" }, await AnalyseAsync(compilation, project.AnalyzerOptions));

        // The callee's file again: the parameter goes into a user message, and the caller's literal is no prompt.
        compilation = Edit(compilation, ref agent, "new Message(\"system\", roleDescription)", "new Message(\"user\", roleDescription)");
        Assert.Empty(await AnalyseAsync(compilation, project.AnalyzerOptions));
    }

    /// <summary>AGR0004 in a compilation, checked against the same sources parsed again (no tree shared with an earlier compilation).</summary>
    private static async Task<string[]> AnalyseAsync(Compilation compilation, AnalyzerOptions options)
    {
        var found = await RunAsync(compilation, options);
        var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(tree =>
            CSharpSyntaxTree.ParseText(tree.GetText(), (CSharpParseOptions)tree.Options, tree.FilePath)));
        Assert.Equal(await RunAsync(fresh, options), found);
        return found;
    }

    private static async Task<string[]> RunAsync(Compilation compilation, AnalyzerOptions options)
    {
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new AGR0004UnversionedPromptAnalyzer()), options).GetAnalyzerDiagnosticsAsync();
        return diagnostics
            .Select(d => d.Id + " " + System.IO.Path.GetFileName(d.Location.GetLineSpan().Path) + ":" + d.Location.GetLineSpan().StartLinePosition.Line)
            .OrderBy(s => s, System.StringComparer.Ordinal)
            .ToArray();
    }

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
