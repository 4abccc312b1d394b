using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AgentRules.Tests.Generators.ToolWrappers;

/// <summary>
/// The per-tool parse is keyed on syntax and on the compilation's declarations: an edit inside a body runs no parse
/// at all, a declaration edit elsewhere re-binds only tools that depend on it, and every change that can alter a
/// tool's model still reaches the generated code.
/// </summary>
public class ToolWrapperIncrementalTests
{
    private const string OtherTools = """
        using AgentRules;
        namespace Other;
        public partial class Clock
        {
            [AgentTool, ReadOnlyTool]
            public static string Now() => "noon";
        }
        """;

    private const string Unrelated = """
        namespace Unrelated;
        public static class Helper
        {
            public static int Value() { return 1; }
        }
        """;

    private static GeneratorTest<ToolWrapperGenerator> Test(params string[] sources)
    {
        var test = new GeneratorTest<ToolWrapperGenerator>();
        foreach (var source in sources)
        {
            test.Sources.Add(source);
        }

        return test;
    }

    private static Compilation Edit(Compilation compilation, string fileContains, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains(fileContains, StringComparison.Ordinal));
        var text = tree.ToString();
        Assert.Contains(from, text, StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Replace(from, to, StringComparison.Ordinal))));
    }

    private static async Task<(GeneratorRun First, GeneratorRun Second)> RunEditedAsync(GeneratorTest<ToolWrapperGenerator> test, Func<Compilation, Compilation> edit)
    {
        var first = await test.RunAsync();
        return (first, GeneratorTest<ToolWrapperGenerator>.Run(first.Driver, edit(first.InputCompilation)));
    }

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string step) =>
        run.Result.Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).ToList();

    private static void AssertAllCachedOrUnchanged(GeneratorRun run)
    {
        foreach (var step in TrackingNames.All)
        {
            Assert.All(Outputs(run, step), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
    }

    [Fact]
    public async Task An_edit_inside_an_unrelated_body_runs_no_tool_parse()
    {
        var (_, second) = await RunEditedAsync(Test(ToolWrapperGeneratorTests.SupportTools, OtherTools, Unrelated), c => Edit(c, "class Helper", "return 1;", "return 2;"));

        Assert.All(Outputs(second, TrackingNames.Declarations), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        var methods = Outputs(second, TrackingNames.Methods);
        Assert.Equal(5, methods.Count);
        Assert.All(methods, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public async Task A_declaration_edit_elsewhere_leaves_every_step_cached_or_unchanged()
    {
        var (first, second) = await RunEditedAsync(
            Test(ToolWrapperGeneratorTests.SupportTools, OtherTools, Unrelated),
            c => Edit(c, "class Helper", "public static int Value()", "public static int Other(string s) => 0; public static int Value()"));

        // No tool was read from Helper's file: the declarations as the tools see them are unchanged, no parse runs
        // (MemberDeclarationsKeyTests has the edits that must still reach the output).
        Assert.All(Outputs(second, TrackingNames.Declarations), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(Outputs(second, TrackingNames.Methods), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        AssertAllCachedOrUnchanged(second);
        Assert.Equal(first.GeneratedSources, second.GeneratedSources);
    }

    [Fact]
    public async Task An_edit_in_one_tool_file_parses_only_that_files_tools()
    {
        var (_, second) = await RunEditedAsync(Test(ToolWrapperGeneratorTests.SupportTools, OtherTools), c => Edit(c, "class Clock", "\"noon\"", "\"midnight\""));

        var methods = Outputs(second, TrackingNames.Methods);
        Assert.Equal(5, methods.Count);
        var ran = methods.Where(o => o.Reason != IncrementalStepRunReason.Cached).ToList();
        var clock = Assert.Single(ran);
        Assert.Equal(IncrementalStepRunReason.Unchanged, clock.Reason);
        Assert.Equal("Now", ((AgentToolParseResult)clock.Value).Tool!.MethodName);
        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public async Task Changing_a_record_in_another_file_changes_the_schema()
    {
        const string Tool = """
            using AgentRules;
            namespace Shop;
            public partial class Orders
            {
                [AgentTool, ReadOnlyTool]
                public string Find(Query query) => query.Text;
            }
            """;
        const string Model = """
            namespace Shop;
            public sealed record Query(string Text);
            """;

        var (first, second) = await RunEditedAsync(Test(Tool, Model), c => Edit(c, "record Query", "string Text)", "string Text, int Page = 1)"));

        var before = first.GeneratedSources.Values.Single(s => s.Contains("class Orders", StringComparison.Ordinal));
        var after = second.GeneratedSources.Values.Single(s => s.Contains("class Orders", StringComparison.Ordinal));
        Assert.DoesNotContain("page", before, StringComparison.Ordinal);
        Assert.Contains("page", after, StringComparison.Ordinal);
        await AssertSameAsFreshRunAsync(second);
    }

    [Fact]
    public async Task Changing_a_constant_in_another_file_changes_the_default()
    {
        const string Tool = """
            using AgentRules;
            namespace Shop;
            public partial class Orders
            {
                [AgentTool, ReadOnlyTool]
                public int List(int limit = Limits.Default) => limit;
            }
            """;
        const string Constants = """
            namespace Shop;
            public static class Limits { public const int Default = Base + 10; }
            """;
        const string Base = """
            namespace Shop;
            public static partial class Defaults { }
            public static class Numbers { }
            """;

        var test = Test(Tool, Constants.Replace("Base + 10", "Numbers2.Base + 10", StringComparison.Ordinal), Base.Replace("public static class Numbers { }", "public static class Numbers2 { public const int Base = 7; }", StringComparison.Ordinal));
        var (first, second) = await RunEditedAsync(test, c => Edit(c, "class Numbers2", "Base = 7", "Base = 30"));

        var before = first.GeneratedSources.Values.Single(s => s.Contains("class Orders", StringComparison.Ordinal));
        var after = second.GeneratedSources.Values.Single(s => s.Contains("class Orders", StringComparison.Ordinal));
        Assert.Contains("17", before, StringComparison.Ordinal);
        Assert.Contains("40", after, StringComparison.Ordinal);
        Assert.DoesNotContain("17", after, StringComparison.Ordinal);
        await AssertSameAsFreshRunAsync(second);
    }

    [Fact]
    public async Task A_new_type_that_changes_what_a_parameter_binds_to_reaches_the_output()
    {
        const string Tool = """
            using AgentRules;
            namespace Shop.Agent;
            public partial class Orders
            {
                [AgentTool, ReadOnlyTool]
                public string Describe(Color color) => color.ToString();
            }
            """;
        const string GlobalColor = "public enum Color { Red, Green }";

        var (first, second) = await RunEditedAsync(
            Test(Tool, GlobalColor),
            c => c.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(
                "namespace Shop.Agent { public enum Color { Cyan, Magenta } }",
                (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)c.SyntaxTrees.First().Options,
                path: TestProject.Root + "Colors.cs")));

        var before = first.GeneratedSources.Values.Single(s => s.Contains("class Orders", StringComparison.Ordinal));
        var after = second.GeneratedSources.Values.Single(s => s.Contains("class Orders", StringComparison.Ordinal));
        Assert.Contains("Green", before, StringComparison.Ordinal);
        Assert.Contains("Magenta", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Green", after, StringComparison.Ordinal);
        await AssertSameAsFreshRunAsync(second);
    }

    /// <summary>The incremental run produced what a first run over the same sources produces.</summary>
    private static async Task AssertSameAsFreshRunAsync(GeneratorRun incremental)
    {
        var fresh = await Test(incremental.InputCompilation.SyntaxTrees.Select(t => t.ToString()).ToArray()).RunAsync();
        Assert.Equal(fresh.GeneratedSources.Values.OrderBy(s => s, StringComparer.Ordinal), incremental.GeneratedSources.Values.OrderBy(s => s, StringComparer.Ordinal));
    }
}
