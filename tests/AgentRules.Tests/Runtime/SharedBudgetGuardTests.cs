using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AgentRules.Tests.Runtime;

/// <summary>ToolGuard consults an <see cref="ISharedBudget"/> when one is configured, and gives back what it did not spend.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class SharedBudgetGuardTests : IDisposable
{
    private static readonly ToolDescriptor GetOrder = new("shared_get_order", "Reads an order.", ToolEffect.ReadOnly);
    private static readonly ToolDescriptor RefundOrder = new("shared_refund_order", "Refunds an order.", ToolEffect.Destructive, cost: 5);

    public SharedBudgetGuardTests()
    {
        KillSwitch.Global.Reset();
        AgentEnvironment.Set(AgentEnvironment.Development);
    }

    public void Dispose()
    {
        KillSwitch.Global.Reset();
        AgentEnvironment.Reset();
    }

    private static ulong Args(ToolDescriptor tool, int id) => ToolArgumentHash.Add(ToolArgumentHash.Start(tool), id);

    [Fact]
    public void Each_admitted_call_takes_its_cost_from_the_scope_with_its_effect()
    {
        var budget = new CountingBudget(limit: 100);
        var guard = new ToolGuard(new ToolGuardOptions { SharedBudget = budget, SharedBudgetScope = "session:1" });

        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        Assert.False(guard.Check(RefundOrder, Args(RefundOrder, 1)).IsRefused);

        Assert.Equal(6, budget.Used("session:1"));
        Assert.Equal([("session:1", 1L, ToolEffect.ReadOnly), ("session:1", 5L, ToolEffect.Destructive)], budget.Takes);
    }

    [Fact]
    public void A_spent_shared_budget_refuses_with_a_budget_refusal_and_counts_nothing_locally()
    {
        var budget = new CountingBudget(limit: 7);
        var guard = new ToolGuard(new ToolGuardOptions { SharedBudget = budget, SharedBudgetScope = "tenant:acme" });

        Assert.False(guard.Check(RefundOrder, Args(RefundOrder, 1)).IsRefused);
        var refusal = guard.Check(RefundOrder, Args(RefundOrder, 2));

        Assert.Equal(ToolRefusalReason.Budget, refusal.Reason);
        Assert.Contains("shared budget 'tenant:acme'", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(1, guard.CallCount);
        Assert.Equal(1, guard.RefusalCount(ToolRefusalReason.Budget));
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused); // 5 + 1 fits in 7: other calls go on
    }

    [Fact]
    public void Units_are_given_back_when_a_local_check_refuses_the_call()
    {
        var budget = new CountingBudget(limit: 100);
        var guard = new ToolGuard(new ToolGuardOptions { SharedBudget = budget, SharedBudgetScope = "s", MaxCalls = 2, MaxIdenticalCalls = 1 });

        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        Assert.Equal(ToolRefusalReason.Duplicate, guard.Check(GetOrder, Args(GetOrder, 1)).Reason);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 2)).IsRefused);
        Assert.Equal(ToolRefusalReason.Budget, guard.Check(GetOrder, Args(GetOrder, 3)).Reason); // the session's MaxCalls

        Assert.Equal(2, budget.Used("s"));
    }

    [Fact]
    public void The_kill_switch_refuses_before_the_shared_budget_is_asked()
    {
        var budget = new CountingBudget(limit: 100);
        var guard = new ToolGuard(new ToolGuardOptions { SharedBudget = budget, SharedBudgetScope = "s" });
        KillSwitch.Global.Trip("stop");

        Assert.Equal(ToolRefusalReason.KillSwitch, guard.Check(GetOrder, Args(GetOrder, 1)).Reason);
        Assert.Empty(budget.Takes);
    }

    [Fact]
    public void A_budget_that_throws_refuses_the_call()
    {
        var guard = new ToolGuard(new ToolGuardOptions { SharedBudget = new ThrowingBudget(), SharedBudgetScope = "s" });

        Assert.Equal(ToolRefusalReason.Budget, guard.Check(GetOrder, Args(GetOrder, 1)).Reason);
        Assert.Equal(0, guard.CallCount);
    }

    [Fact]
    public void The_fast_path_steps_aside_so_every_call_asks_the_shared_budget()
    {
        var budget = new CountingBudget(limit: 3);
        var guard = new ToolGuard(new ToolGuardOptions { SharedBudget = budget, SharedBudgetScope = "s" });
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused); // resolves the tool's slot

        Assert.False(guard.TryAdmit(GetOrder, Args(GetOrder, 2)));
        Assert.Equal(1, guard.CallCount);

        var withoutShared = new ToolGuard(new ToolGuardOptions());
        Assert.False(withoutShared.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        Assert.True(withoutShared.TryAdmit(GetOrder, Args(GetOrder, 2)));
    }

    [Fact]
    public void A_scope_is_required_with_a_shared_budget()
    {
        var error = Assert.Throws<ArgumentException>(() => new ToolGuard(new ToolGuardOptions { SharedBudget = new CountingBudget(1) }));
        Assert.Contains("SharedBudgetScope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sessions_sharing_a_scope_never_admit_past_it_under_contention()
    {
        var budget = new CountingBudget(limit: 1_000);
        var guards = new ToolGuard[4];
        for (var i = 0; i < guards.Length; i++)
        {
            guards[i] = new ToolGuard(new ToolGuardOptions { SharedBudget = budget, SharedBudgetScope = "tenant", MaxIdenticalCalls = 0 });
        }

        var admitted = 0;
        Parallel.For(0, 8, thread =>
        {
            var guard = guards[thread % guards.Length];
            for (var i = 0; i < 500; i++)
            {
                if (!guard.Check(GetOrder, Args(GetOrder, i)).IsRefused)
                {
                    Interlocked.Increment(ref admitted);
                }
            }
        });

        Assert.Equal(1_000, admitted);
        Assert.Equal(1_000, budget.Used("tenant"));
    }

    private sealed class CountingBudget(long limit) : ISharedBudget
    {
        private readonly ConcurrentDictionary<string, long> _used = new();

        public List<(string Scope, long Amount, ToolEffect Effect)> Takes { get; } = [];

        public long Used(string scope) => _used.GetValueOrDefault(scope);

        public bool TryTake(string scope, long amount, ToolEffect effect)
        {
            lock (Takes)
            {
                Takes.Add((scope, amount, effect));
                var used = _used.GetValueOrDefault(scope);
                if (used + amount > limit)
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
