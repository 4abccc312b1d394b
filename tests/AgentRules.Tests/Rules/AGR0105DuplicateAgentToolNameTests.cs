using System;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static AgentRules.Tests.Generators.ToolWrappers.ToolWrapperDiagnosticsTests;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0105 (tool wrapper generator): two [AgentTool] methods of one type with one tool name.</summary>
public class AGR0105DuplicateAgentToolNameTests
{
    [Fact]
    public async Task AGR0105_two_tools_of_one_type_with_one_name()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class Lookup
            {
                [AgentTool("find"), ReadOnlyTool] public int ById(int id) => id;
                [AgentTool("find"), ReadOnlyTool] public int ByName(string name) => name.Length;
            }
            """);

        Assert.Equal(("AGR0105", "ByName", "Agent tool name 'find' is already used by another tool of 'Lookup': the model could not tell them apart, so no guarded wrapper or AIFunction is generated for this one"), Only(run));
        var source = Assert.Single(run.GeneratedSources).Value;
        Assert.Contains("ByIdGuarded", source, StringComparison.Ordinal);
        Assert.DoesNotContain("ByNameGuarded", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_name_in_different_types_is_fine()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class A { [AgentTool("find"), ReadOnlyTool] public int Find(int id) => id; }
            public partial class B { [AgentTool("find"), ReadOnlyTool] public int Find(int id) => id; }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Equal(2, run.GeneratedSources.Count);
    }
}
