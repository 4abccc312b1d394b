using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Xunit;

namespace AgentRules.Tests.Runtime;

/// <summary>
/// <see cref="RunBudget"/> with <see cref="RunBudgetOptions.SharedBudget"/>: what it takes from and adds to the shared
/// scopes, on an in-memory shared budget (the Redis one is tested against a real redis-server in AgentRules.Redis.Tests).
/// </summary>
[Collection(ProcessStateCollection.Name)]
public sealed class SharedRunBudgetTests : IDisposable
{
    public SharedRunBudgetTests() => KillSwitch.Global.Reset();

    public void Dispose() => KillSwitch.Global.Reset();

    [Fact]
    public void Budgets_of_several_processes_sharing_a_scope_admit_exactly_the_shared_model_calls()
    {
        var options = new RunBudgetOptions { MaxModelCalls = 300, MaxIdenticalRequests = 0 };
        var shared = new MemoryBudget(options.SharedLimitOf);
        options.SharedBudget = shared;
        options.SharedBudgetScope = "session:1";
        var budgets = Enumerable.Range(0, 4).Select(_ => new RunBudget(options.CopyFor(null))).ToList();

        var admitted = 0;
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            var budget = budgets[t % budgets.Count];
            while (!budget.TryBeginCall().IsRefused)
            {
                Interlocked.Increment(ref admitted);
                budget.CompleteCall("m", 10, 5);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(300, admitted); // each budget alone would have admitted 300
        Assert.Equal(300, shared.Used("session:1:model_calls"));
        Assert.Equal(300, budgets.Sum(b => b.ModelCalls));
        var refusal = budgets[0].TryBeginCall();
        Assert.Equal(RunBudgetLimit.ModelCalls, refusal.Limit);
        Assert.Equal("Model call refused (budget): the shared budget 'session:1:model_calls' (the model calls of every process sharing it) is spent or cannot be reached.", refusal.Message);
        Assert.Equal(3, budgets[0].RefusalCount(RunBudgetLimit.ModelCalls)); // its two threads stopped at a refusal, and this one
        budgets.ForEach(b => b.Dispose());
    }

    [Fact]
    public void Tokens_are_taken_at_admission_and_the_rest_added_after_the_response()
    {
        var options = new RunBudgetOptions { MaxInputTokens = 1_000, MaxOutputTokens = 500, MaxTotalTokens = 1_200 };
        var shared = new MemoryBudget(options.SharedLimitOf);
        options.SharedBudget = shared;
        options.SharedBudgetScope = "s";
        using var budget = new RunBudget(options);

        Assert.False(budget.TryBeginCall(reserveOutputTokens: 100).IsRefused);
        Assert.Equal((1L, 100L, 100L), (shared.Used("s:input_tokens"), shared.Used("s:output_tokens"), shared.Used("s:total_tokens")));
        budget.CompleteCall("m", 300, 40, reserveOutputTokens: 100);
        Assert.Equal((300L, 40L, 340L), (shared.Used("s:input_tokens"), shared.Used("s:output_tokens"), shared.Used("s:total_tokens")));

        Assert.False(budget.TryBeginCall().IsRefused);
        budget.AbandonCall();
        Assert.Equal((300L, 40L, 340L), (shared.Used("s:input_tokens"), shared.Used("s:output_tokens"), shared.Used("s:total_tokens")));
        Assert.Equal(0, shared.Used("s:model_calls")); // no call limit set: not kept
    }

    [Fact]
    public void Another_process_spending_the_shared_tokens_refuses_this_one_and_nothing_is_kept_for_the_refused_call()
    {
        var options = new RunBudgetOptions { MaxModelCalls = 10, MaxTotalTokens = 1_000, MaxIdenticalRequests = 0 };
        var shared = new MemoryBudget(options.SharedLimitOf);
        options.SharedBudget = shared;
        options.SharedBudgetScope = "tenant:acme";
        using var here = new RunBudget(options);
        using var there = new RunBudget(options);

        there.BeginCall();
        there.CompleteCall("m", 900, 150); // past the limit by one response's worth

        var refusal = here.TryBeginCall();
        Assert.Equal(RunBudgetLimit.TotalTokens, refusal.Limit);
        Assert.Contains("'tenant:acme:total_tokens'", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(1, shared.Used("tenant:acme:model_calls")); // the model call taken before the refusal was given back
        Assert.Equal(0, here.ModelCalls);
    }

    [Fact]
    public void A_local_refusal_gives_the_shared_units_back()
    {
        var options = new RunBudgetOptions { MaxModelCalls = 100, MaxOutputTokens = 1_000, MaxIdenticalRequests = 1 };
        var shared = new MemoryBudget(options.SharedLimitOf);
        options.SharedBudget = shared;
        options.SharedBudgetScope = "s";
        using var budget = new RunBudget(options);

        Assert.False(budget.TryBeginCall(requestHash: 42).IsRefused);
        budget.CompleteCall("m", 1, 1);
        Assert.Equal(RunBudgetLimit.Duplicate, budget.TryBeginCall(requestHash: 42).Limit);

        Assert.Equal(1, shared.Used("s:model_calls"));
        Assert.Equal(1, shared.Used("s:output_tokens"));
    }

    [Fact]
    public void Money_is_kept_in_millionths_and_the_options_give_the_fleet_limits()
    {
        var prices = new ModelPriceTable().Add("m", 2m, 8m); // per million tokens
        var options = new RunBudgetOptions { MaxCost = 0.5m, Prices = prices, MaxModelCalls = 7 };
        Assert.Equal(500_000, options.SharedLimitOf("s:cost"));
        Assert.Equal(7, options.SharedLimitOf("s:model_calls"));
        Assert.Null(options.SharedLimitOf("s:total_tokens")); // not limited
        Assert.Null(options.SharedLimitOf("tenant:acme"));     // not a run budget's scope
        Assert.Equal("s:cost", RunBudget.SharedScopeOf("s", RunBudgetLimit.Cost));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunBudget.SharedScopeOf("s", RunBudgetLimit.Duplicate));

        var shared = new MemoryBudget(options.SharedLimitOf);
        options.SharedBudget = shared;
        options.SharedBudgetScope = "s";
        using var budget = new RunBudget(options);
        budget.BeginCall(modelId: "m");
        budget.CompleteCall("m", 100_000, 10_000); // 0.2 + 0.08
        Assert.Equal(280_000, shared.Used("s:cost"));
    }

    [Fact]
    public void A_shared_budget_that_throws_refuses_the_call_and_a_scope_is_required()
    {
        using var budget = new RunBudget(new RunBudgetOptions { MaxModelCalls = 3, SharedBudget = new ThrowingBudget(), SharedBudgetScope = "s" });
        Assert.Equal(RunBudgetLimit.ModelCalls, budget.TryBeginCall().Limit);
        Assert.Equal(0, budget.ModelCalls);

        var error = Assert.Throws<ArgumentException>(() => new RunBudget(new RunBudgetOptions { SharedBudget = new ThrowingBudget() }));
        Assert.Contains("SharedBudgetScope is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_trip_no_call_takes_from_the_shared_budget()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N");
        var options = new RunBudgetOptions { AgentName = agent, MaxModelCalls = 3 };
        var shared = new MemoryBudget(options.SharedLimitOf);
        options.SharedBudget = shared;
        options.SharedBudgetScope = "s";
        using var budget = new RunBudget(options);

        KillSwitch.ForAgent(agent).Trip("test");

        Assert.Equal(RunBudgetLimit.KillSwitch, budget.TryBeginCall().Limit);
        Assert.Empty(shared.Takes);
    }

    private sealed class MemoryBudget(Func<string, long?> limit) : ISharedBudget
    {
        private readonly ConcurrentDictionary<string, long> _used = new();

        public List<string> Takes { get; } = [];

        public long Used(string scope) => _used.GetValueOrDefault(scope);

        public bool TryTake(string scope, long amount, ToolEffect effect)
        {
            lock (Takes)
            {
                Takes.Add(scope);
                var used = _used.GetValueOrDefault(scope);
                if (used + amount > (limit(scope) ?? 0))
                {
                    return false;
                }

                _used[scope] = used + amount;
                return true;
            }
        }

        public void Add(string scope, long amount)
        {
            lock (Takes)
            {
                _used[scope] = _used.GetValueOrDefault(scope) + amount;
            }
        }
    }

    private sealed class ThrowingBudget : ISharedBudget
    {
        public bool TryTake(string scope, long amount, ToolEffect effect) => throw new InvalidOperationException("store down");

        public void Add(string scope, long amount) => throw new InvalidOperationException("store down");
    }
}
