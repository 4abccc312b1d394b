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

/// <summary>AGR0100 (tool wrapper generator): an [AgentTool] method in a type that is not partial.</summary>
public class AGR0100AgentToolTypeNotPartialTests
{
    [Fact]
    public async Task AGR0100_tool_in_a_type_that_is_not_partial()
    {
        var run = await RunAsync("""
            using AgentRules;
            public sealed class OrderTools
            {
                [AgentTool("cancel_order"), DestructiveTool, EnvironmentScope("Development"), RequiresApproval]
                public void CancelOrder(int orderId) { }
            }
            """);

        Assert.Equal(("AGR0100", "CancelOrder", "Agent tool 'cancel_order' is declared in 'OrderTools', which is not a partial class, struct or record: no guarded wrapper or AIFunction is generated for it"), Only(run));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public async Task AGR0100_names_the_containing_type_that_is_not_partial()
    {
        var run = await RunAsync("""
            using AgentRules;
            public class Outer
            {
                public partial class Inner
                {
                    [AgentTool, ReadOnlyTool] public int Count() => 1;
                }
            }
            """);

        Assert.Equal(("AGR0100", "Count", "Agent tool 'Count' is declared in 'Outer', which is not a partial class, struct or record: no guarded wrapper or AIFunction is generated for it"), Only(run));
    }

    [Fact]
    public async Task AGR0100_interface_and_local_function_tools()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial interface ITools
            {
                [AgentTool, ReadOnlyTool] int Count();
            }
            public partial class Host
            {
                public int Run()
                {
                    return Local();

                    [AgentTool, ReadOnlyTool]
                    static int Local() => 1;
                }
            }
            """);

        Assert.Equal(2, run.Diagnostics.Length);
        Assert.All(run.Diagnostics, d => Assert.Equal("AGR0100", d.Id));
        Assert.Contains(run.Diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'ITools'", StringComparison.Ordinal));
        Assert.Contains(run.Diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'Host.Run'", StringComparison.Ordinal));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public async Task Partial_type_is_not_reported()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class OrderTools
            {
                [AgentTool("get_order"), ReadOnlyTool] public string GetOrder(int orderId) => "#" + orderId;
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.GeneratedSources);
    }
}
