using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.Prompts;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using PromptSteps = AgentRules.Generators.Prompts.TrackingNames;
using ToolSteps = AgentRules.Generators.ToolWrappers.TrackingNames;

namespace AgentRules.Tests.Generators;

/// <summary>
/// The per-member steps of the tool-wrapper and prompt generators are keyed on the declarations their remembered
/// models were read from (<c>DependencyMemo.For</c>), not on every declaration of the compilation: a declaration edit
/// in a file no tool or prompt was read from runs no per-member step at all, while an edit to a tree a model was read
/// from, or a new type name, still reaches the generated code. Each test first runs a body edit, as an editing
/// session would, so the edits below meet a driver whose models were kept across compilations.
/// </summary>
public class MemberDeclarationsKeyTests
{
    private const string Tools = """
        using AgentRules;
        namespace Shop;
        public partial class Orders
        {
            [AgentTool, ReadOnlyTool]
            public string Find(Query query, Color color) => query.Text + color;

            [AgentTool, ReadOnlyTool]
            public int Count(int max = Limits.Max) => max;
        }
        """;

    private const string Model = """
        namespace Shop;
        public sealed record Query(string Text);
        public static class Limits { public const int Max = 10; }
        """;

    private const string GlobalColor = "public enum Color { Red, Green }";

    private const string Unrelated = """
        namespace Unrelated;
        public static class Helper
        {
            public static int Value() { return 1; }
        }
        """;

    private const string Prompts = """
        using AgentRules;
        namespace Support;
        public static class SupportPrompts
        {
            [Prompt("support.triage", Version = 3)]
            public const string Triage = "You triage support tickets.";
        }
        """;

    private static Compilation Edit(Compilation compilation, string fileContains, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains(fileContains, StringComparison.Ordinal));
        var text = tree.ToString();
        Assert.Contains(from, text, StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Replace(from, to, StringComparison.Ordinal))));
    }

    private static Compilation BodyEdit(Compilation compilation, int value) => Edit(compilation, "class Helper", "return 1;", "return " + value + ";");

    private static Compilation DeclarationEdit(Compilation compilation) =>
        Edit(compilation, "class Helper", "public static int Value()", "public static int Other(string s) => 0; public static int Value()");

    private static List<IncrementalStepRunReason> Reasons(GeneratorRun run, string step) =>
        run.Result.Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    /// <summary>Runs the generator, then a body edit (so every model is remembered with what it was read from).</summary>
    private static async Task<GeneratorRun> WarmAsync<TGenerator>(params string[] sources)
        where TGenerator : IIncrementalGenerator, new()
    {
        var test = new GeneratorTest<TGenerator>();
        foreach (var source in sources)
        {
            test.Sources.Add(source);
        }

        var first = await test.RunAsync();
        return GeneratorTest<TGenerator>.Run(first.Driver, BodyEdit(first.InputCompilation, 2));
    }

    private static async Task AssertSameAsFreshRunAsync<TGenerator>(GeneratorRun incremental)
        where TGenerator : IIncrementalGenerator, new()
    {
        var test = new GeneratorTest<TGenerator>();
        foreach (var tree in incremental.InputCompilation.SyntaxTrees)
        {
            test.Sources.Add(tree.ToString());
        }

        var fresh = await test.RunAsync();
        Assert.Equal(fresh.GeneratedSources.Values.OrderBy(s => s, StringComparer.Ordinal), incremental.GeneratedSources.Values.OrderBy(s => s, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_declaration_edit_in_a_file_no_tool_reads_runs_no_tool_parse()
    {
        var warm = await WarmAsync<ToolWrapperGenerator>(Tools, Model, GlobalColor, Unrelated);
        var edited = GeneratorTest<ToolWrapperGenerator>.Run(warm.Driver, DeclarationEdit(warm.InputCompilation));

        Assert.All(Reasons(edited, ToolSteps.Declarations), r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        var methods = Reasons(edited, ToolSteps.Methods);
        Assert.Equal(2, methods.Count);
        Assert.All(methods, r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        foreach (var step in ToolSteps.All)
        {
            Assert.All(Reasons(edited, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }

        Assert.Equal(warm.GeneratedSources, edited.GeneratedSources);
    }

    [Fact]
    public async Task A_new_type_no_tool_file_mentions_runs_no_tool_parse()
    {
        var warm = await WarmAsync<ToolWrapperGenerator>(Tools, Model, GlobalColor, Unrelated);
        var edited = GeneratorTest<ToolWrapperGenerator>.Run(warm.Driver, Edit(warm.InputCompilation, "class Helper", "public static class Helper", "public sealed class Added { }\npublic static class Helper"));

        Assert.All(Reasons(edited, ToolSteps.Declarations), r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.All(Reasons(edited, ToolSteps.Methods), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.Equal(warm.GeneratedSources, edited.GeneratedSources);
    }

    [Fact]
    public async Task After_it_an_edit_to_a_record_a_tool_reads_still_reaches_the_schema()
    {
        var warm = await WarmAsync<ToolWrapperGenerator>(Tools, Model, GlobalColor, Unrelated);
        var unrelated = GeneratorTest<ToolWrapperGenerator>.Run(warm.Driver, DeclarationEdit(warm.InputCompilation));
        var edited = GeneratorTest<ToolWrapperGenerator>.Run(unrelated.Driver, Edit(unrelated.InputCompilation, "record Query", "string Text)", "string Text, int Page = 1)"));

        var before = unrelated.GeneratedSources.Values.Single(s => s.Contains("class Orders", StringComparison.Ordinal));
        var after = edited.GeneratedSources.Values.Single(s => s.Contains("class Orders", StringComparison.Ordinal));
        Assert.DoesNotContain("page", before, StringComparison.Ordinal);
        Assert.Contains("page", after, StringComparison.Ordinal);
        await AssertSameAsFreshRunAsync<ToolWrapperGenerator>(edited);
    }

    [Fact]
    public async Task After_it_an_edit_to_a_constant_a_default_reads_still_reaches_the_default()
    {
        var warm = await WarmAsync<ToolWrapperGenerator>(Tools, Model, GlobalColor, Unrelated);
        var unrelated = GeneratorTest<ToolWrapperGenerator>.Run(warm.Driver, DeclarationEdit(warm.InputCompilation));
        var edited = GeneratorTest<ToolWrapperGenerator>.Run(unrelated.Driver, Edit(unrelated.InputCompilation, "const int Max = 10;", "10;", "25;"));

        Assert.DoesNotContain("25", unrelated.GeneratedSources.Values.Single(s => s.Contains("class Orders", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("25", edited.GeneratedSources.Values.Single(s => s.Contains("class Orders", StringComparison.Ordinal)), StringComparison.Ordinal);
        await AssertSameAsFreshRunAsync<ToolWrapperGenerator>(edited);
    }

    [Fact]
    public async Task After_it_a_new_type_that_changes_what_a_parameter_binds_to_reaches_the_output()
    {
        var warm = await WarmAsync<ToolWrapperGenerator>(Tools, Model, GlobalColor, Unrelated);
        var unrelated = GeneratorTest<ToolWrapperGenerator>.Run(warm.Driver, DeclarationEdit(warm.InputCompilation));
        var edited = GeneratorTest<ToolWrapperGenerator>.Run(
            unrelated.Driver,
            unrelated.InputCompilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
                "namespace Shop { public enum Color { Cyan, Magenta } }",
                (CSharpParseOptions)unrelated.InputCompilation.SyntaxTrees.First().Options,
                path: TestProject.Root + "Colors.cs")));

        var after = edited.GeneratedSources.Values.Single(s => s.Contains("class Orders", StringComparison.Ordinal));
        Assert.Contains("Magenta", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Green", after, StringComparison.Ordinal);
        await AssertSameAsFreshRunAsync<ToolWrapperGenerator>(edited);
    }

    [Fact]
    public async Task A_tool_whose_documentation_refers_to_code_is_read_again_after_any_declaration_edit()
    {
        // A cref may bind to anything, so such a model depends on every declaration: the key falls back to the
        // compilation's whole fingerprint.
        const string Documented = """
            using AgentRules;
            namespace Shop;
            public partial class Orders
            {
                /// <summary>Finds orders; see <see cref="Unrelated.Helper"/>.</summary>
                [AgentTool, ReadOnlyTool]
                public string Find(string text) => text;
            }
            """;
        var warm = await WarmAsync<ToolWrapperGenerator>(Documented, Unrelated);
        var edited = GeneratorTest<ToolWrapperGenerator>.Run(warm.Driver, DeclarationEdit(warm.InputCompilation));

        Assert.All(Reasons(edited, ToolSteps.Declarations), r => Assert.Equal(IncrementalStepRunReason.Modified, r));
        Assert.All(Reasons(edited, ToolSteps.Methods), r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.Equal(warm.GeneratedSources, edited.GeneratedSources);
    }

    [Fact]
    public async Task A_declaration_edit_in_a_file_no_prompt_reads_runs_no_prompt_read()
    {
        var warm = await WarmAsync<PromptRegistryGenerator>(Prompts, Unrelated);
        var edited = GeneratorTest<PromptRegistryGenerator>.Run(warm.Driver, DeclarationEdit(warm.InputCompilation));

        Assert.All(Reasons(edited, PromptSteps.CompilationDeclarations), r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        var members = Reasons(edited, PromptSteps.Members);
        Assert.Single(members);
        Assert.All(members, r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.Equal(warm.GeneratedSources, edited.GeneratedSources);

        // And the prompt's own file still reaches the registry.
        var changed = GeneratorTest<PromptRegistryGenerator>.Run(edited.Driver, Edit(edited.InputCompilation, "class SupportPrompts", "Version = 3", "Version = 4"));
        Assert.NotEqual(edited.GeneratedSources["AgentPrompts.g.cs"], changed.GeneratedSources["AgentPrompts.g.cs"]);
        await AssertSameAsFreshRunAsync<PromptRegistryGenerator>(changed);
    }
}
