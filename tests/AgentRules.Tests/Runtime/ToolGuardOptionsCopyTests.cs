using AgentRules;
using Xunit;

namespace AgentRules.Tests.Runtime;

/// <summary>The framework integrations build a guard per session and a budget per run from options configured once: nothing may be lost.</summary>
public class ToolGuardOptionsCopyTests
{
    [Fact]
    public void CopyFor_keeps_every_limit_and_the_shared_budget_and_fills_in_the_agent_name()
    {
        var shared = new NoBudget();
        var options = new ToolGuardOptions
        {
            Environment = "Staging",
            MaxCalls = 7,
            MaxCost = 9,
            MaxIdenticalCalls = 2,
            DuplicateWindow = 5,
            SharedBudget = shared,
            SharedBudgetScope = "tenant:acme",
        };
        options.MaxCallsPerTool["refund_order"] = 1;
        options.DuplicateCheckExemptTools.Add("get_time");

        var copy = options.CopyFor("support-agent");

        Assert.Equal("support-agent", copy.AgentName);
        Assert.Equal(("Staging", 7, 9, 2, 5), (copy.Environment, copy.MaxCalls, copy.MaxCost, copy.MaxIdenticalCalls, copy.DuplicateWindow));
        Assert.Same(shared, copy.SharedBudget);
        Assert.Equal("tenant:acme", copy.SharedBudgetScope);
        Assert.Equal(1, copy.MaxCallsPerTool["REFUND_ORDER"]);
        Assert.Contains("GET_TIME", copy.DuplicateCheckExemptTools);

        options.MaxCallsPerTool["refund_order"] = 3;
        Assert.Equal(1, copy.MaxCallsPerTool["refund_order"]); // a copy, not a view
        Assert.Equal("billing", new ToolGuardOptions { AgentName = "billing" }.CopyFor("support-agent").AgentName);
    }

    [Fact]
    public void RunBudgetOptions_CopyFor_keeps_every_limit_and_the_shared_budget_and_fills_in_the_agent_name()
    {
        var shared = new NoBudget();
        var prices = new ModelPriceTable().Add("gpt-4o", 2.5m, 10m);
        var options = new RunBudgetOptions
        {
            MaxModelCalls = 3,
            MaxInputTokens = 4,
            MaxOutputTokens = 5,
            MaxTotalTokens = 6,
            MaxCost = 7m,
            Prices = prices,
            MaxDuration = System.TimeSpan.FromSeconds(8),
            MaxIdenticalRequests = 2,
            DuplicateWindow = 9,
            SharedBudget = shared,
            SharedBudgetScope = "session:42",
        };

        var copy = options.CopyFor("support-agent");

        Assert.Equal("support-agent", copy.AgentName);
        Assert.Equal((3, 4L, 5L, 6L, 7m, 2, 9), (copy.MaxModelCalls, copy.MaxInputTokens, copy.MaxOutputTokens, copy.MaxTotalTokens, copy.MaxCost, copy.MaxIdenticalRequests, copy.DuplicateWindow));
        Assert.Same(prices, copy.Prices);
        Assert.Equal(System.TimeSpan.FromSeconds(8), copy.MaxDuration);
        Assert.Same(shared, copy.SharedBudget);
        Assert.Equal("session:42", copy.SharedBudgetScope);
        Assert.Equal("billing", new RunBudgetOptions { AgentName = "billing" }.CopyFor("support-agent").AgentName);
    }

    private sealed class NoBudget : ISharedBudget
    {
        public bool TryTake(string scope, long amount, ToolEffect effect) => false;

        public void Add(string scope, long amount)
        {
        }
    }
}
