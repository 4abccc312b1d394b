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

/// <summary>AGR0103 (tool wrapper generator): an [AgentTool] method with a ref or out parameter.</summary>
public class AGR0103AgentToolHasByRefParameterTests
{
    [Theory]
    [InlineData("ref int attempts", "ref")]
    [InlineData("out string error", "out")]
    [InlineData("ref readonly int attempts", "ref readonly")]
    public async Task AGR0103_ref_and_out_parameters(string parameter, string kind)
    {
        var name = parameter.Split(' ').Last();
        var run = await RunAsync($$"""
            using AgentRules;
            public partial class Retry
            {
                [AgentTool("retry"), ReadOnlyTool] public bool TryAgain(int id, {{parameter}}) { {{(kind == "out" ? "error = \"\";" : string.Empty)}} return true; }
            }
            """);

        Assert.Equal(("AGR0103", name, $"Parameter '{name}' of agent tool 'retry' is passed by '{kind}': a tool call cannot return values through parameters, so no guarded wrapper or AIFunction is generated for it"), Only(run));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public async Task In_parameters_are_fine()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class Maths
            {
                [AgentTool, ReadOnlyTool] public static decimal Tax(in decimal amount) => amount * 0.2m;
            }
            """);

        Assert.Empty(run.Diagnostics);
        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run);
    }
}
