using System.IO;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using AgentRules.Tests.Rules.Enforcement;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// AGR0017 finds the budget type through the loop engine's <c>KnownTypes</c>, like the other rules: a project whose
/// references define <c>AgentRules.RunBudgetOptions</c> twice (a library that vendored an internal copy) still has its
/// budget seen. <c>Compilation.GetTypeByMetadataName</c> answers null for such a name, which made every site a false alarm.
/// </summary>
public class RunBudgetTypeResolutionTests
{
    private const string Budgeted = """
        using Microsoft.Extensions.AI;

        public static class Setup
        {
            public static IChatClient Build(IChatClient inner) =>
                inner.AsBuilder().UseAgentRules(o => o.Budget.MaxTotalTokens = 200_000).Build();
        }
        """;

    [Fact]
    public async Task A_budget_is_seen_when_another_reference_also_defines_the_budget_type()
    {
        var vendored = Emit("Vendored", "namespace AgentRules { internal sealed class RunBudgetOptions { public long? MaxTotalTokens { get; set; } } }");
        var references = EnforcementTestReferences.WithCompanions.Add(vendored);
        Assert.Null(CSharpCompilation.Create("Probe", [], references).GetTypeByMetadataName("AgentRules.RunBudgetOptions")); // ambiguous to the compiler

        await new AnalyzerTest<AGR0017AgentRunWithoutBudgetAnalyzer> { Source = Budgeted, References = references }.RunAsync();
    }

    [Fact]
    public async Task Without_a_budget_the_site_is_still_reported_with_the_duplicate_reference()
    {
        var vendored = Emit("Vendored", "namespace AgentRules { internal sealed class RunBudgetOptions { public long? MaxTotalTokens { get; set; } } }");
        var test = new AnalyzerTest<AGR0017AgentRunWithoutBudgetAnalyzer>
        {
            Source = Budgeted.Replace(".UseAgentRules(o => o.Budget.MaxTotalTokens = 200_000)", ".{|AGR0017:UseAgentRules|}(o => o.Budget.MaxModelCalls = 20)", System.StringComparison.Ordinal),
            References = EnforcementTestReferences.WithCompanions.Add(vendored),
        };
        test.ExpectedMessages.Add("UseAgentRules() runs tools in a model loop with no token or money budget");

        await test.RunAsync();
    }

    private static MetadataReference Emit(string name, string source)
    {
        var compilation = CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(source)], TestReferences.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
