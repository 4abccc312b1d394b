using System.Collections.Immutable;
using System.Linq;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Recognition;

/// <summary>
/// The one reader of <c>[EnvironmentScope]</c> and <c>[ToolBudget]</c> values, shared by the analyzers (which keep the
/// values as written) and the tool-wrapper generator (which normalises them explicitly), on the real runtime attributes.
/// </summary>
public class ToolAttributeReaderTests
{
    private const string Tools = """
        using AgentRules;

        public static class Tools
        {
            [EnvironmentScope(" Staging ", "", "Development", "  ")]
            public static void Padded() { }

            [EnvironmentScope("Production")]
            public static void Single() { }

            [EnvironmentScope]
            public static void NoEnvironment() { }

            [EnvironmentScope(null)]
            public static void NullArray() { }

            [EnvironmentScope(new[] { "Development", null })]
            public static void NullElement() { }

            [ToolBudget]
            public static void DefaultBudget() { }

            [ToolBudget(MaxCalls = 3, Cost = 5)]
            public static void Budget() { }

            [ToolBudget(MaxCalls = -2, Cost = -1)]
            public static void NegativeBudget() { }
        }
        """;

    private static readonly Compilation s_compilation = CSharpCompilation.Create(
        "ToolAttributeReaderTests",
        new[] { CSharpSyntaxTree.ParseText(Tools, TestProject.ParseOptions) },
        TestReferences.Net.Add(TestReferences.AgentRules),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    [Fact]
    public void The_test_source_compiles()
    {
        Assert.Empty(s_compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("Padded", new[] { " Staging ", "", "Development", "  " })]
    [InlineData("Single", new[] { "Production" })]
    [InlineData("NoEnvironment", new string[0])]
    [InlineData("NullArray", new string[0])]
    [InlineData("NullElement", new[] { "Development" })]
    public void Environments_are_read_as_written(string method, string[] expected)
    {
        Assert.Equal(expected, ToolAttributeReader.Environments(Attribute(method, "EnvironmentScopeAttribute")));
    }

    [Fact]
    public void Normalizing_trims_and_drops_blank_environments_in_order()
    {
        var raw = ToolAttributeReader.Environments(Attribute("Padded", "EnvironmentScopeAttribute"));

        Assert.Equal(new[] { "Staging", "Development" }, ToolAttributeReader.NormalizeEnvironments(raw));
        Assert.Empty(ToolAttributeReader.NormalizeEnvironments(ImmutableArray.Create(" ", "")));
    }

    [Theory]
    [InlineData("DefaultBudget", 0, 1)]
    [InlineData("Budget", 3, 5)]
    [InlineData("NegativeBudget", -2, -1)]
    public void Budgets_are_read_as_written_with_the_attribute_defaults(string method, int maxCalls, int cost)
    {
        Assert.Equal(new ToolBudgetValues(maxCalls, cost), ToolAttributeReader.Budget(Attribute(method, "ToolBudgetAttribute")));
    }

    [Fact]
    public void A_tool_without_a_budget_has_the_runtime_defaults()
    {
        Assert.Equal(new ToolBudgetValues(0, 1), ToolBudgetValues.Unset);
    }

    private static AttributeData Attribute(string method, string attribute) =>
        s_compilation.GetTypeByMetadataName("Tools")!.GetMembers(method).Single().GetAttributes().Single(a => a.AttributeClass?.Name == attribute);
}
