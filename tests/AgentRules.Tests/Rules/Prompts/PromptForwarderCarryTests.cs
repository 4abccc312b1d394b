using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using AgentRules.Tests.Rules.ToolSafety;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// Which trees declare members that put a parameter into a prompt is carried from one compilation to the next (a
/// keystroke in the IDE asks only the edited file again). These tests edit successive compilations — an unrelated
/// file, the forwarding member's file (making and unmaking it a forwarder), the caller's file, a global alias that
/// changes the words a file must spell — and check AGR0004 after each edit, the edited document and the whole
/// compilation, against the same sources parsed afresh, and that the forwarders were carried exactly when the
/// project's trees and candidate words were those of the previous compilation.
/// </summary>
[Collection(ToolRegistrationCacheCollection.Name)] // the snapshots are process-wide: other tests' compilations must not evict them mid-test
public class PromptForwarderCarryTests
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
                _messages.Add(new Message("system", roleDescription));
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

            public static Agent Other() => Factory.Make("You are a terse reviewer.");
        }
        """;

    private const string FactoryFile = """
        public static class Factory
        {
            public static Agent Make(string text)
            {
                return new Agent("x", text);
            }
        }
        """;

    private const string UnrelatedFile = """
        public static class Numbers
        {
            public static int Twice(int value)
            {
                return value * 2;
            }
        }
        """;

    [Fact]
    public async Task Each_edit_gives_the_diagnostics_of_a_fresh_compilation_and_carries_the_forwarders_only_when_nothing_else_changed()
    {
        var test = new TestProject();
        test.Sources.Add(AgentFile);
        test.Sources.Add(CallerFile);
        test.Sources.Add(FactoryFile);
        test.Sources.Add(UnrelatedFile);
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var agent = compilation.SyntaxTrees.ElementAt(0);
        var caller = compilation.SyntaxTrees.ElementAt(1);
        var factory = compilation.SyntaxTrees.ElementAt(2);
        var unrelated = compilation.SyntaxTrees.ElementAt(3);
        var options = project.AnalyzerOptions;

        // The constructor puts its first parameter into a system message: the caller's first literal and the
        // factory's "x" are prompts.
        var (found, _) = await AnalyseAsync(compilation, caller, options);
        Assert.Equal(new[] { "AGR0004 Test1.cs:2", "AGR0004 Test2.cs:4" }, found);

        // A keystroke in the unrelated file: carried.
        compilation = Edit(compilation, ref unrelated, "value * 2", "value  * 2");
        (found, var carried) = await AnalyseAsync(compilation, unrelated, options);
        Assert.True(carried);
        Assert.Equal(new[] { "AGR0004 Test1.cs:2", "AGR0004 Test2.cs:4" }, found);

        // The factory passes its own parameter as the first argument: one level only (the factory's call is no
        // candidate site, so the factory is no forwarder), and "x" is now the model: one site left.
        compilation = Edit(compilation, ref factory, "new Agent(\"x\", text)", "new Agent(text, \"x\")");
        (found, carried) = await AnalyseAsync(compilation, factory, options);
        Assert.True(carried);
        Assert.Equal(new[] { "AGR0004 Test1.cs:2" }, found);

        // The constructor's file: the parameter now goes into a user message; no forwarder left.
        compilation = Edit(compilation, ref agent, "new Message(\"system\", roleDescription)", "new Message(\"user\", roleDescription)");
        (found, carried) = await AnalyseAsync(compilation, agent, options);
        Assert.True(carried);
        Assert.Empty(found);

        // And back: a forwarder again, found in the edited file while the others are carried.
        compilation = Edit(compilation, ref agent, "new Message(\"user\", roleDescription)", "new Message(\"system\", roleDescription)");
        (found, carried) = await AnalyseAsync(compilation, caller, options);
        Assert.True(carried);
        Assert.Equal(new[] { "AGR0004 Test1.cs:2" }, found);

        // The caller's file.
        compilation = Edit(compilation, ref caller, "public static Agent Start()", "public static Agent Start( )");
        (found, carried) = await AnalyseAsync(compilation, caller, options);
        Assert.True(carried);
        Assert.Equal(new[] { "AGR0004 Test1.cs:2" }, found);

        // A new file: the trees are not those of the previous compilation, so every file is read again.
        compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public static class More { }", (CSharpParseOptions)unrelated.Options, TestProject.SourcePath(4)));
        (found, carried) = await AnalyseAsync(compilation, caller, options);
        Assert.False(carried);
        Assert.Equal(new[] { "AGR0004 Test1.cs:2" }, found);
    }

    /// <summary>
    /// AGR0004 in the whole compilation (after the edited document, as the IDE asks it first), checked against the same
    /// sources parsed again; and whether the compilation's forwarders were carried from a previous compilation.
    /// </summary>
    private static async Task<(string[] Found, bool Carried)> AnalyseAsync(Compilation compilation, SyntaxTree edited, AnalyzerOptions options)
    {
        // The compilation's recognizer asked first, for the edited document: whether its forwarders were carried from
        // the previous compilation (a recognizer made later for the same compilation would carry them from this one).
        var recognizer = PromptSiteRecognizer.GetOrCreate(compilation, options.AnalyzerConfigOptionsProvider);
        recognizer.GetSites(compilation.GetSemanticModel(edited), includeConstructorInitializers: true, default);
        var carried = (bool)typeof(PromptSiteRecognizer).GetProperty("ForwardersCarried", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(recognizer)!;

        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new AGR0004UnversionedPromptAnalyzer());
        var document = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(edited), null, default);
        var found = Format(await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync());

        var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(tree =>
            CSharpSyntaxTree.ParseText(tree.GetText(), (CSharpParseOptions)tree.Options, tree.FilePath)));
        Assert.Equal(Format(await fresh.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync()), found);
        Assert.Equal(found.Where(f => f.Contains(System.IO.Path.GetFileName(edited.FilePath) + ":", System.StringComparison.Ordinal)), Format(document));
        return (found, carried);
    }

    private static string[] Format(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics
            .Select(d => d.Id + " " + System.IO.Path.GetFileName(d.Location.GetLineSpan().Path) + ":" + d.Location.GetLineSpan().StartLinePosition.Line)
            .OrderBy(s => s, System.StringComparer.Ordinal)
            .ToArray();

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
