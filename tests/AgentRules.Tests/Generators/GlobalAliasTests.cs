using System;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.Prompts;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Generators;

/// <summary>
/// <c>global using Tool = AgentRules.AgentToolAttribute;</c> in one file (often GlobalUsings.cs) and <c>[Tool]</c> in
/// another: the compiler binds it, the analyzers see it, and so must the generators (a regression of the syntax-keyed
/// pipelines, which looked for aliases in the member's own file only).
/// </summary>
public class GlobalAliasTests
{
    private const string ToolAlias = "global using Tool = AgentRules.AgentToolAttribute;";

    private const string AliasedTool = """
        using AgentRules;
        namespace Shop;
        public partial class Orders
        {
            [Tool("find_order"), ReadOnlyTool]
            public string Find(int id) => "#" + id;
        }
        """;

    [Fact]
    public async Task A_tool_attribute_aliased_in_another_file_gets_its_wrapper()
    {
        var run = await new GeneratorTest<ToolWrapperGenerator> { Sources = { ToolAlias, AliasedTool } }.RunAsync();

        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run);
        var source = Assert.Single(run.GeneratedSources).Value;
        Assert.Contains("public global::AgentRules.ToolCallResult<string> FindGuarded(global::AgentRules.ToolGuard guard, int id)", source, StringComparison.Ordinal);
        Assert.Contains("\"find_order\"", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_global_alias_of_another_attribute_generates_nothing()
    {
        var run = await new GeneratorTest<ToolWrapperGenerator>
        {
            Sources = { "global using Tool = System.ObsoleteAttribute;", AliasedTool.Replace("[Tool(\"find_order\"), ReadOnlyTool]", "[Tool(\"old\"), ReadOnlyTool]", StringComparison.Ordinal) },
        }.RunAsync();

        Assert.Empty(run.GeneratedSources);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public async Task Adding_the_alias_later_reaches_the_output_and_an_unrelated_edit_after_it_changes_nothing()
    {
        var test = new GeneratorTest<ToolWrapperGenerator> { Sources = { "namespace Shop; public static class Other { }", AliasedTool.Replace("[Tool(", "[AgentRules.AgentTool(", StringComparison.Ordinal) } };
        var first = await test.RunAsync();
        Assert.Single(first.GeneratedSources);

        // The same tool, now spelled through an alias declared in a new file.
        var tree = first.InputCompilation.SyntaxTrees.Single(t => t.ToString().Contains("class Orders", StringComparison.Ordinal));
        var edited = first.InputCompilation
            .ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(AliasedTool)))
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(ToolAlias, TestProject.ParseOptions, path: TestProject.Root + "GlobalUsings.cs"));
        var second = GeneratorTest<ToolWrapperGenerator>.Run(first.Driver, edited);
        Assert.Equal(first.GeneratedSources, second.GeneratedSources);

        var third = GeneratorTest<ToolWrapperGenerator>.Run(second.Driver, edited.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Unrelated; static class Edited { }", TestProject.ParseOptions, path: TestProject.Root + "Unrelated.cs")));
        var steps = third.Result.Results.Single().TrackedSteps;
        foreach (var step in AgentRules.Generators.ToolWrappers.TrackingNames.All.Where(steps.ContainsKey))
        {
            Assert.All(steps[step].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is Microsoft.CodeAnalysis.IncrementalStepRunReason.Cached or Microsoft.CodeAnalysis.IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }

        Assert.Equal(first.GeneratedSources, third.GeneratedSources);
    }

    [Fact]
    public async Task A_prompt_attribute_aliased_in_another_file_reaches_the_registry()
    {
        var run = await new GeneratorTest<PromptRegistryGenerator>
        {
            Sources =
            {
                "global using AgentPromptText = AgentRules.PromptAttribute;",
                """
                namespace Support;
                public static class Prompts
                {
                    [AgentPromptText("support.greeting", Version = 2)]
                    public const string Greeting = "Greet the customer by name.";
                }
                """,
            },
            GlobalConfig = "build_property.RootNamespace = Support",
            AdditionalFiles = { ("AgentPrompts.lock", string.Empty) },
        }.RunAsync();

        GeneratorTest<PromptRegistryGenerator>.AssertCompilesWithoutWarnings(run);
        Assert.Contains("new global::AgentRules.AgentPrompt(\"support.greeting\", 2, ", run.GeneratedSources["AgentPrompts.g.cs"], StringComparison.Ordinal);
    }

    /// <summary>
    /// One file replaced (with or without the alias), another added, then a third added: the tool stays generated
    /// through all three runs. (A candidate filter combined with the aliases before the per-member step lost it in the
    /// third run, in both spellings.)
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_tool_survives_a_replaced_file_then_an_added_one(bool spelledThroughAlias)
    {
        var direct = AliasedTool.Replace("[Tool(", "[AgentRules.AgentTool(", StringComparison.Ordinal);
        var first = await new GeneratorTest<ToolWrapperGenerator> { Sources = { "namespace Shop; public static class Other { }", direct } }.RunAsync();

        var tree = first.InputCompilation.SyntaxTrees.Single(t => t.ToString().Contains("class Orders", StringComparison.Ordinal));
        var edited = first.InputCompilation
            .ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(spelledThroughAlias ? AliasedTool : direct + "\n")))
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(spelledThroughAlias ? ToolAlias : "namespace X; class Y { }", TestProject.ParseOptions, path: TestProject.Root + "GlobalUsings.cs"));
        var second = GeneratorTest<ToolWrapperGenerator>.Run(first.Driver, edited);
        var third = GeneratorTest<ToolWrapperGenerator>.Run(second.Driver, edited.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Unrelated; static class Edited { }", TestProject.ParseOptions, path: TestProject.Root + "Unrelated.cs")));

        Assert.Single(first.GeneratedSources);
        Assert.Equal(first.GeneratedSources, second.GeneratedSources);
        Assert.Equal(first.GeneratedSources, third.GeneratedSources);
    }
}
