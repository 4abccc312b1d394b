using System;
using Xunit;

namespace AgentRules.Tests.Runtime;

/// <summary>
/// Every limit of <see cref="ToolGuardOptions"/> is validated alike: a negative value is a mistake (0 says "no limit"),
/// the duplicate window is bounded, and the exception names the option and the value.
/// </summary>
public sealed class ToolGuardOptionsValidationTests
{
    [Fact]
    public void A_negative_per_tool_limit_is_rejected_like_a_negative_MaxCalls()
    {
        var options = new ToolGuardOptions();
        options.MaxCallsPerTool["refund_order"] = -1;

        var perTool = Assert.Throws<ArgumentOutOfRangeException>(() => new ToolGuard(options));
        var total = Assert.Throws<ArgumentOutOfRangeException>(() => new ToolGuard(new ToolGuardOptions { MaxCalls = -1 }));

        Assert.Equal("options.MaxCallsPerTool", perTool.ParamName);
        Assert.Equal(-1, perTool.ActualValue);
        Assert.Contains("MaxCallsPerTool[\"refund_order\"]", perTool.Message, StringComparison.Ordinal);
        Assert.Equal("options.MaxCalls", total.ParamName);
        Assert.Equal(-1, total.ActualValue);
    }

    [Fact]
    public void A_zero_per_tool_limit_still_removes_the_tools_limit()
    {
        var tool = new ToolDescriptor("refund_order", maxCalls: 1);
        var options = new ToolGuardOptions { MaxIdenticalCalls = 0 };
        options.MaxCallsPerTool["refund_order"] = 0;
        var guard = new ToolGuard(options);

        for (var i = 0; i < 5; i++)
        {
            Assert.False(guard.Check(tool, (ulong)i).IsRefused);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1025)]
    [InlineData(int.MaxValue)]
    public void A_duplicate_window_outside_its_range_is_rejected_naming_the_option(int window)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ToolGuard(new ToolGuardOptions { DuplicateWindow = window }));

        Assert.Equal("options.DuplicateWindow", error.ParamName);
        Assert.Equal(window, error.ActualValue);
        Assert.Contains("DuplicateWindow", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ToolGuard.MaxDuplicateWindow)]
    public void The_duplicate_window_range_includes_its_ends(int window)
    {
        var guard = new ToolGuard(new ToolGuardOptions { DuplicateWindow = window });

        Assert.Equal(0, guard.CallCount);
    }

    [Fact]
    public void Negative_cost_and_identical_call_limits_name_their_option()
    {
        Assert.Equal("options.MaxCost", Assert.Throws<ArgumentOutOfRangeException>(() => new ToolGuard(new ToolGuardOptions { MaxCost = -5 })).ParamName);
        Assert.Equal("options.MaxIdenticalCalls", Assert.Throws<ArgumentOutOfRangeException>(() => new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = -2 })).ParamName);
    }
}
