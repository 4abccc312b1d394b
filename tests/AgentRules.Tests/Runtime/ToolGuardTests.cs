using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AgentRules.Tests.Runtime;

[Collection(ProcessStateCollection.Name)]
public sealed class ToolGuardTests : IDisposable
{
    private static readonly ToolDescriptor GetOrder = new("get_order", "Reads an order.", ToolEffect.ReadOnly);
    private static readonly ToolDescriptor RefundOrder = new("refund_order", "Refunds an order.", ToolEffect.Destructive, environments: ["Development", "Staging"], requiresApproval: true, maxCalls: 2, cost: 5);
    private static readonly ToolDescriptor Clock = new("now");

    public ToolGuardTests()
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

    private static string NewAgent() => "agent-" + Guid.NewGuid().ToString("N");

    [Fact]
    public void Admits_calls_within_every_limit_and_counts_them()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxCalls = 10, MaxCost = 100 });

        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        Assert.False(guard.Check(RefundOrder, Args(RefundOrder, 1)).IsRefused);

        Assert.Equal(2, guard.CallCount);
        Assert.Equal(6, guard.CostSpent);
        Assert.Equal(1, guard.CallsTo(RefundOrder));
        Assert.Equal(0, guard.CallsTo(Clock));
    }

    [Fact]
    public void Global_kill_switch_refuses_every_call_with_its_reason()
    {
        var guard = new ToolGuard(new ToolGuardOptions { AgentName = NewAgent() });
        KillSwitch.Global.Trip("incident 4711");

        var refusal = guard.Check(GetOrder, Args(GetOrder, 1));

        Assert.Equal(ToolRefusalReason.KillSwitch, refusal.Reason);
        Assert.Equal("kill_switch", refusal.ReasonCode);
        Assert.Contains("incident 4711", refusal.Message, StringComparison.Ordinal);
        Assert.StartsWith("Tool call refused (kill switch): 'get_order'", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, guard.CallCount);
        Assert.Equal(1, guard.RefusalCount(ToolRefusalReason.KillSwitch));
    }

    [Fact]
    public void Agent_kill_switch_stops_only_that_agent()
    {
        var stopped = new ToolGuard(new ToolGuardOptions { AgentName = NewAgent() });
        var running = new ToolGuard(new ToolGuardOptions { AgentName = NewAgent() });

        stopped.KillSwitch.Trip("looping on refunds");

        Assert.Equal(ToolRefusalReason.KillSwitch, stopped.Check(GetOrder, Args(GetOrder, 1)).Reason);
        Assert.False(running.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        Assert.False(KillSwitch.Global.IsTripped);
    }

    [Fact]
    public void Kill_switch_comes_before_every_other_check()
    {
        AgentEnvironment.Set(AgentEnvironment.Production);
        var guard = new ToolGuard(new ToolGuardOptions { MaxCalls = 1 });
        KillSwitch.Global.Trip("stop");

        Assert.Equal(ToolRefusalReason.KillSwitch, guard.Check(RefundOrder, Args(RefundOrder, 1)).Reason);
    }

    [Fact]
    public void Out_of_scope_tool_is_refused_and_not_listed()
    {
        AgentEnvironment.Set(AgentEnvironment.Production);
        var guard = new ToolGuard();

        var refusal = guard.Check(RefundOrder, Args(RefundOrder, 1));

        Assert.Equal(ToolRefusalReason.Environment, refusal.Reason);
        Assert.Equal("Tool call refused (environment): 'refund_order' may run only in Development, Staging; this session runs in Production.", refusal.Message);
        Assert.False(guard.IsAllowed(RefundOrder));
        Assert.True(guard.IsAllowed(GetOrder));
        Assert.Equal(0, guard.CallCount);
    }

    [Fact]
    public void Environment_follows_the_current_environment_and_compares_case_insensitively()
    {
        var guard = new ToolGuard();
        AgentEnvironment.Set("staging");
        Assert.False(guard.Check(RefundOrder, Args(RefundOrder, 1)).IsRefused);

        AgentEnvironment.Set("Production");
        Assert.Equal(ToolRefusalReason.Environment, guard.Check(RefundOrder, Args(RefundOrder, 2)).Reason);

        AgentEnvironment.Set("DEVELOPMENT");
        Assert.False(guard.Check(RefundOrder, Args(RefundOrder, 3)).IsRefused);
    }

    [Fact]
    public void Session_environment_overrides_the_process_environment()
    {
        AgentEnvironment.Set(AgentEnvironment.Development);
        var guard = new ToolGuard(new ToolGuardOptions { Environment = "Production" });

        Assert.Equal("Production", guard.Environment);
        Assert.Equal(ToolRefusalReason.Environment, guard.Check(RefundOrder, Args(RefundOrder, 1)).Reason);
    }

    [Fact]
    public void Session_call_budget_refuses_the_call_after_the_last_one()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxCalls = 3 });
        for (var i = 0; i < 3; i++)
        {
            Assert.False(guard.Check(GetOrder, Args(GetOrder, i)).IsRefused);
        }

        var refusal = guard.Check(GetOrder, Args(GetOrder, 99));

        Assert.Equal(ToolRefusalReason.Budget, refusal.Reason);
        Assert.Equal("Tool call refused (budget): 'get_order' was not run because the session's budget of 3 tool calls is spent.", refusal.Message);
        Assert.Equal(3, guard.CallCount);
    }

    [Fact]
    public void Cost_budget_refuses_a_call_that_would_overspend()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxCost = 12 });
        Assert.False(guard.Check(RefundOrder, Args(RefundOrder, 1)).IsRefused); // 5
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);       // 6
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 2)).IsRefused);       // 7

        var refusal = guard.Check(RefundOrder, Args(RefundOrder, 2));           // 12 would be fine, 7 + 5 = 12: admitted
        Assert.False(refusal.IsRefused);

        refusal = guard.Check(GetOrder, Args(GetOrder, 3));                     // 13 > 12
        Assert.Equal(ToolRefusalReason.Budget, refusal.Reason);
        Assert.Equal("Tool call refused (budget): 'get_order' costs 1 and the session has spent 12 of its 12 cost units.", refusal.Message);
    }

    [Fact]
    public void Tool_call_limit_comes_from_the_descriptor_and_options_override_it()
    {
        var guard = new ToolGuard();
        Assert.False(guard.Check(RefundOrder, Args(RefundOrder, 1)).IsRefused);
        Assert.False(guard.Check(RefundOrder, Args(RefundOrder, 2)).IsRefused);
        var refusal = guard.Check(RefundOrder, Args(RefundOrder, 3));
        Assert.Equal(ToolRefusalReason.Budget, refusal.Reason);
        Assert.Equal("Tool call refused (budget): 'refund_order' may be called at most 2 times per session.", refusal.Message);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 3)).IsRefused);

        var options = new ToolGuardOptions();
        options.MaxCallsPerTool["REFUND_ORDER"] = 0;
        options.MaxCallsPerTool["get_order"] = 1;
        var overridden = new ToolGuard(options);
        for (var i = 0; i < 5; i++)
        {
            Assert.False(overridden.Check(RefundOrder, Args(RefundOrder, i)).IsRefused);
        }

        Assert.False(overridden.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        Assert.Equal(ToolRefusalReason.Budget, overridden.Check(GetOrder, Args(GetOrder, 2)).Reason);
    }

    [Fact]
    public void Fourth_identical_call_in_a_row_is_refused_by_default()
    {
        var guard = new ToolGuard();
        for (var i = 0; i < 3; i++)
        {
            Assert.False(guard.Check(GetOrder, Args(GetOrder, 100)).IsRefused);
        }

        var refusal = guard.Check(GetOrder, Args(GetOrder, 100));

        Assert.Equal(ToolRefusalReason.Duplicate, refusal.Reason);
        Assert.Equal("Tool call refused (duplicate): 'get_order' was just called 3 times in a row with the same arguments. Use the earlier result or change the arguments.", refusal.Message);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 101)).IsRefused);
        Assert.Equal(4, guard.CallCount);
    }

    [Fact]
    public void Identical_calls_spread_over_the_window_are_refused()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 2, DuplicateWindow = 5 });
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 2)).IsRefused);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 2)).IsRefused);

        var refusal = guard.Check(GetOrder, Args(GetOrder, 1));
        Assert.Equal(ToolRefusalReason.Duplicate, refusal.Reason);
        Assert.Contains("called 2 times with the same arguments within the last 5 calls", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identical_calls_that_left_the_window_are_forgotten()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 1, DuplicateWindow = 2 });
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        Assert.Equal(ToolRefusalReason.Duplicate, guard.Check(GetOrder, Args(GetOrder, 1)).Reason);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 2)).IsRefused);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 3)).IsRefused);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
    }

    [Fact]
    public void Without_a_window_only_calls_in_a_row_count()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 1, DuplicateWindow = 0 });
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 2)).IsRefused);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        Assert.Equal(ToolRefusalReason.Duplicate, guard.Check(GetOrder, Args(GetOrder, 1)).Reason);
    }

    [Fact]
    public void Same_arguments_to_different_tools_are_not_duplicates()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 1 });
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        Assert.False(guard.Check(Clock, Args(Clock, 1)).IsRefused);
    }

    [Fact]
    public void Duplicate_detection_can_be_off_or_exempt_a_tool()
    {
        var off = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 0 });
        var options = new ToolGuardOptions();
        options.DuplicateCheckExemptTools.Add("NOW");
        var exempt = new ToolGuard(options);
        for (var i = 0; i < 10; i++)
        {
            Assert.False(off.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
            Assert.False(exempt.Check(Clock, ToolArgumentHash.Start(Clock)).IsRefused);
        }
    }

    [Fact]
    public void Refused_calls_use_no_budget_and_budget_comes_before_duplicates()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxCalls = 4, MaxIdenticalCalls = 1 });
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ToolRefusalReason.Duplicate, guard.Check(GetOrder, Args(GetOrder, 1)).Reason);
        }

        Assert.Equal(1, guard.CallCount);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 2)).IsRefused);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 3)).IsRefused);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 4)).IsRefused);
        Assert.Equal(ToolRefusalReason.Budget, guard.Check(GetOrder, Args(GetOrder, 4)).Reason);
        Assert.Equal(5, guard.RefusalCount(ToolRefusalReason.Duplicate));
        Assert.Equal(1, guard.RefusalCount(ToolRefusalReason.Budget));
    }

    [Fact]
    public void Reset_starts_a_new_session()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxCalls = 1 });
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
        Assert.True(guard.Check(GetOrder, Args(GetOrder, 2)).IsRefused);

        guard.Reset();

        Assert.Equal(0, guard.CallCount);
        Assert.False(guard.Check(GetOrder, Args(GetOrder, 1)).IsRefused);
    }

    [Fact]
    public void Argument_hash_tells_values_apart_and_repeats_for_equal_values()
    {
        var start = ToolArgumentHash.Start(GetOrder);
        Assert.Equal(ToolArgumentHash.Add(start, "a" + "b"), ToolArgumentHash.Add(start, new string(['a', 'b'])));
        Assert.NotEqual(ToolArgumentHash.Add(start, "ab"), ToolArgumentHash.Add(start, "ba"));
        Assert.NotEqual(ToolArgumentHash.Add(start, (string?)null), ToolArgumentHash.Add(start, string.Empty));
        Assert.NotEqual(ToolArgumentHash.Add(ToolArgumentHash.Add(start, 1), 2), ToolArgumentHash.Add(ToolArgumentHash.Add(start, 2), 1));
        Assert.NotEqual(ToolArgumentHash.Add(start, (int?)null), ToolArgumentHash.Add(start, (int?)0));
        Assert.Equal(ToolArgumentHash.AddItems(start, new[] { 1, 2 }), ToolArgumentHash.AddItems(start, new List<int> { 1, 2 }));
        Assert.NotEqual(ToolArgumentHash.AddItems(start, new[] { 1, 2 }), ToolArgumentHash.AddItems(start, new[] { 1, 2, 0 }));
        Assert.NotEqual(ToolArgumentHash.Start(GetOrder), ToolArgumentHash.Start(Clock));
    }

    [Fact]
    public void Eight_threads_calling_ten_thousand_times_against_a_budget_of_1000_admit_exactly_1000()
    {
        for (var round = 0; round < 5; round++)
        {
            var guard = new ToolGuard(new ToolGuardOptions { MaxCalls = 1_000, MaxIdenticalCalls = 0 });
            var admitted = 0;
            using var start = new Barrier(8);
            var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
            {
                var hash = Args(GetOrder, t);
                start.SignalAndWait();
                for (var i = 0; i < 10_000; i++)
                {
                    if (!guard.Check(GetOrder, hash).IsRefused)
                    {
                        Interlocked.Increment(ref admitted);
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.Equal(1_000, admitted);
            Assert.Equal(1_000, guard.CallCount);
            Assert.Equal(79_000, guard.RefusalCount(ToolRefusalReason.Budget));
        }
    }

    [Fact]
    public void Cost_and_per_tool_limits_are_exact_under_contention()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxCost = 997, MaxIdenticalCalls = 0 });
        var limited = new ToolDescriptor("limited", maxCalls: 250, cost: 3);
        var admittedCost = 0;
        var admittedLimited = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var tool = i % 2 == 0 ? limited : GetOrder;
                if (!guard.Check(tool, Args(tool, i)).IsRefused)
                {
                    Interlocked.Add(ref admittedCost, tool.Cost);
                    if (tool == limited)
                    {
                        Interlocked.Increment(ref admittedLimited);
                    }
                }
            }
        });

        Assert.True(admittedCost <= 997, $"admitted {admittedCost} cost units");
        Assert.True(admittedCost >= 995, $"admitted only {admittedCost} cost units"); // every thread keeps asking for 1-unit calls
        Assert.Equal(admittedCost, guard.CostSpent);
        Assert.True(admittedLimited <= 250, $"admitted {admittedLimited} calls of a tool limited to 250");
    }

    [Fact]
    public void After_Trip_returns_no_call_is_admitted()
    {
        for (var round = 0; round < 20; round++)
        {
            var guard = new ToolGuard(new ToolGuardOptions { AgentName = NewAgent(), MaxIdenticalCalls = 0 });

            Assert.Equal(0, CallsAdmittedAfterTrip(guard, g => !g.Check(GetOrder, 1).IsRefused, guard.KillSwitch));
        }
    }

    [Fact]
    public void TryAdmit_declines_a_tools_first_call_in_a_session_and_admits_the_next_ones()
    {
        // Duplicate detection off: with it on, the fast path may also step aside for a call whose hash shares a
        // bucket with earlier ones (the full path then admits it), which this test does not want to depend on.
        var guard = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 0 });
        var tool = new ToolDescriptor("first_call");

        Assert.False(guard.TryAdmit(tool, Args(tool, 1)));
        Assert.Equal(0, guard.CallCount);
        Assert.False(guard.Check(tool, Args(tool, 1)).IsRefused);
        Assert.True(guard.TryAdmit(tool, Args(tool, 2)));
        Assert.True(guard.TryAdmit(tool, Args(tool, 3)));

        Assert.Equal(3, guard.CallCount);
        Assert.Equal(3, guard.CallsTo(tool));
        Assert.Equal(3, guard.CostSpent);
    }

    [Fact]
    public void TryAdmit_declines_what_Check_refuses_and_counts_neither_the_call_nor_a_refusal()
    {
        var guard = new ToolGuard(new ToolGuardOptions { AgentName = NewAgent(), MaxCalls = 3, MaxIdenticalCalls = 2 });
        bool Admit(int id) => guard.TryAdmit(GetOrder, Args(GetOrder, id)) || !guard.Check(GetOrder, Args(GetOrder, id)).IsRefused;
        Assert.True(Admit(1));
        Assert.True(Admit(1));

        // Duplicate in a row: the fast path steps aside and counts nothing, Check says why.
        Assert.False(guard.TryAdmit(GetOrder, Args(GetOrder, 1)));
        Assert.Equal(0, guard.RefusalCount(ToolRefusalReason.Duplicate));
        Assert.Equal(ToolRefusalReason.Duplicate, guard.Check(GetOrder, Args(GetOrder, 1)).Reason);
        Assert.Equal(1, guard.RefusalCount(ToolRefusalReason.Duplicate));

        // Budget.
        Assert.True(Admit(2));
        Assert.False(guard.TryAdmit(GetOrder, Args(GetOrder, 3)));
        Assert.Equal(3, guard.CallCount);
        Assert.Equal(0, guard.RefusalCount(ToolRefusalReason.Budget));
        Assert.Equal(ToolRefusalReason.Budget, guard.Check(GetOrder, Args(GetOrder, 3)).Reason);

        // Kill switch, which comes first.
        guard.KillSwitch.Trip("stop");
        Assert.False(guard.TryAdmit(GetOrder, Args(GetOrder, 4)));
        Assert.Equal(ToolRefusalReason.KillSwitch, guard.Check(GetOrder, Args(GetOrder, 4)).Reason);
        Assert.Equal(3, guard.CallCount);
        Assert.Equal(0, guard.RefusalCount(ToolRefusalReason.Environment));
    }

    [Fact]
    public void TryAdmit_admits_a_scoped_tool_once_its_environment_is_decided_and_declines_when_it_changes()
    {
        var scoped = new ToolDescriptor("scoped", environments: ["Development"]);
        var guard = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 0 });

        Assert.False(guard.TryAdmit(scoped, 1));
        Assert.False(guard.Check(scoped, 1).IsRefused);
        Assert.True(guard.TryAdmit(scoped, 2));

        AgentEnvironment.Set(AgentEnvironment.Production);
        Assert.False(guard.TryAdmit(scoped, 3));
        Assert.Equal(ToolRefusalReason.Environment, guard.Check(scoped, 3).Reason);

        AgentEnvironment.Set(AgentEnvironment.Development);
        Assert.False(guard.Check(scoped, 4).IsRefused);
        Assert.True(guard.TryAdmit(scoped, 5));
        Assert.Equal(4, guard.CallCount);

        var pinned = new ToolGuard(new ToolGuardOptions { Environment = "Staging" });
        Assert.False(pinned.TryAdmit(scoped, 6));
        Assert.Equal(ToolRefusalReason.Environment, pinned.Check(scoped, 6).Reason);
    }

    [Fact]
    public void TryAdmit_declines_traced_calls_so_that_Begin_starts_their_span()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 0 });
        Assert.False(guard.Check(GetOrder, 1).IsRefused);
        Assert.True(guard.TryAdmit(GetOrder, 2));

        using (var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentRulesTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        })
        {
            ActivitySource.AddActivityListener(listener);
            Assert.False(guard.TryAdmit(GetOrder, 3));
            Assert.Equal(2, guard.CallCount);
        }

        Assert.True(guard.TryAdmit(GetOrder, 4));
        Assert.Equal(3, guard.CallCount);
    }

    [Fact]
    public void Reset_keeps_the_tools_own_limits_and_the_exemptions()
    {
        var options = new ToolGuardOptions();
        options.DuplicateCheckExemptTools.Add("now");
        options.DuplicateCheckExemptTools.Add("refund_order");
        var guard = new ToolGuard(options);
        for (var round = 0; round < 2; round++)
        {
            Assert.False(guard.Check(RefundOrder, Args(RefundOrder, 1)).IsRefused);
            Assert.True(guard.TryAdmit(RefundOrder, Args(RefundOrder, 2)));
            Assert.False(guard.TryAdmit(RefundOrder, Args(RefundOrder, 3)));
            Assert.Equal(ToolRefusalReason.Budget, guard.Check(RefundOrder, Args(RefundOrder, 3)).Reason);
            for (var i = 0; i < 5; i++)
            {
                Assert.True(i == 0 && round == 0 ? !guard.Check(Clock, 7).IsRefused : guard.TryAdmit(Clock, 7));
            }

            guard.Reset();
            Assert.Equal(0, guard.CallsTo(RefundOrder));
        }
    }

    [Fact]
    public void Fast_and_full_paths_together_admit_exactly_the_budget_under_contention()
    {
        for (var round = 0; round < 5; round++)
        {
            var options = new ToolGuardOptions { MaxCalls = 1_000, MaxCost = 100_000 };
            var guard = new ToolGuard(options);
            var limited = new ToolDescriptor("limited_" + round, maxCalls: 300);
            var admitted = 0;
            var admittedLimited = 0;
            using var start = new Barrier(8);
            var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 10_000; i++)
                {
                    // What a generated wrapper does: the fast path, else the full one. Distinct arguments per thread
                    // and call, so duplicates do not interfere.
                    var tool = i % 2 == 0 ? limited : GetOrder;
                    var hash = ToolArgumentHash.Add(ToolArgumentHash.Add(ToolArgumentHash.Start(tool), t), i);
                    if (guard.TryAdmit(tool, hash) || !guard.Check(tool, hash).IsRefused)
                    {
                        Interlocked.Increment(ref admitted);
                        if (tool == limited)
                        {
                            Interlocked.Increment(ref admittedLimited);
                        }
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.Equal(1_000, admitted);
            Assert.Equal(1_000, guard.CallCount);
            Assert.Equal(admittedLimited, guard.CallsTo(limited));
            Assert.True(admittedLimited <= 300, $"admitted {admittedLimited} calls of a tool limited to 300");
            Assert.Equal(79_000, guard.RefusalCount(ToolRefusalReason.Budget));
        }
    }

    [Fact]
    public void After_Trip_returns_the_fast_path_admits_no_call()
    {
        for (var round = 0; round < 20; round++)
        {
            var guard = new ToolGuard(new ToolGuardOptions { AgentName = NewAgent(), MaxIdenticalCalls = 0 });
            Assert.False(guard.Check(GetOrder, 1).IsRefused);

            var admittedAfterTrip = CallsAdmittedAfterTrip(guard, g => g.TryAdmit(GetOrder, 1), round % 2 == 0 ? guard.KillSwitch : KillSwitch.Global);
            KillSwitch.Global.Reset();

            Assert.Equal(0, admittedAfterTrip);
        }
    }

    /// <summary>
    /// Four threads call <paramref name="admit"/> until they see that <see cref="KillSwitch.Trip"/> of
    /// <paramref name="toTrip"/> has returned; counts the calls admitted that began after it returned.
    /// </summary>
    private static int CallsAdmittedAfterTrip(ToolGuard guard, Func<ToolGuard, bool> admit, KillSwitch toTrip)
    {
        var tripReturned = 0;
        var admittedAfterTrip = 0;
        var running = 0;
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            Interlocked.Increment(ref running);
            while (true)
            {
                var tripWasDone = Volatile.Read(ref tripReturned) == 1;
                var admitted = admit(guard);
                if (tripWasDone)
                {
                    if (admitted)
                    {
                        Interlocked.Increment(ref admittedAfterTrip);
                    }

                    return;
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        SpinWait.SpinUntil(() => Volatile.Read(ref running) == 4);
        Thread.Sleep(1);

        toTrip.Trip("operator pressed stop");
        Volatile.Write(ref tripReturned, 1);
        threads.ForEach(t => t.Join());
        return admittedAfterTrip;
    }

    [Fact]
    public void Argument_hash_tells_strings_of_every_length_apart()
    {
        var start = ToolArgumentHash.Start(GetOrder);
        var texts = new List<string> { string.Empty, "\0", "\0\0", "\0\0\0", "\0\0\0\0" };
        const string Alphabet = "abcdefghijklmnopqrstu";
        for (var length = 1; length <= Alphabet.Length; length++)
        {
            var text = Alphabet.Substring(0, length);
            texts.Add(text);
            texts.Add(text + "\0");
            texts.Add("\0" + text);
            texts.Add(string.Concat(text.AsSpan(0, length - 1), "z"));
            texts.Add(string.Concat("z", text.AsSpan(1)));
        }

        var seen = new Dictionary<ulong, string>();
        foreach (var text in texts.Distinct(StringComparer.Ordinal))
        {
            var hash = ToolArgumentHash.Add(start, text);
            Assert.False(seen.TryGetValue(hash, out var other), $"'{text}' and '{other}' hash alike");
            seen.Add(hash, text);
            Assert.Equal(hash, ToolArgumentHash.Add(start, new string(text.ToCharArray())));
        }

        Assert.NotEqual(ToolArgumentHash.Add(start, "ab"), ToolArgumentHash.Add(ToolArgumentHash.Add(start, "a"), "b"));
    }

    [Fact]
    public void Begin_traces_admitted_and_refused_calls_with_GenAI_attributes()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentRulesTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        var guard = new ToolGuard(new ToolGuardOptions { MaxCalls = 1 });

        var first = guard.Begin(GetOrder, Args(GetOrder, 1), callId: "call_1");
        Assert.False(first.IsRefused);
        Assert.NotNull(first.Activity);
        first.Complete();
        var second = guard.Begin(GetOrder, Args(GetOrder, 2), callId: "call_2");
        Assert.True(second.IsRefused);
        Assert.Null(second.Activity);

        var spans = activities.Where(a => (string?)a.GetTagItem("gen_ai.tool.call.id") is "call_1" or "call_2").OrderBy(a => (string?)a.GetTagItem("gen_ai.tool.call.id"), StringComparer.Ordinal).ToList();
        Assert.Equal(2, spans.Count);
        Assert.All(spans, span =>
        {
            Assert.Equal("execute_tool get_order", span.DisplayName);
            Assert.Equal("execute_tool", span.GetTagItem("gen_ai.operation.name"));
            Assert.Equal("get_order", span.GetTagItem("gen_ai.tool.name"));
        });
        Assert.Equal(ActivityStatusCode.Unset, spans[0].Status);
        Assert.Null(spans[0].GetTagItem(AgentRulesTelemetry.RefusalAttribute));
        Assert.Equal(ActivityStatusCode.Error, spans[1].Status);
        Assert.Equal("budget", spans[1].GetTagItem(AgentRulesTelemetry.RefusalAttribute));
    }

    [Fact]
    public void Results_carry_the_value_or_the_refusal()
    {
        ToolCallResult<int> ran = 42;
        var refused = ToolCallResult.Refused<int>(new ToolRefusal(ToolRefusalReason.Budget, "spent"));

        Assert.False(ran.IsRefused);
        Assert.Equal(42, ran.Value);
        Assert.True(refused.IsRefused);
        Assert.Equal("spent", refused.ToString());
        Assert.Equal(-1, refused.GetValueOrDefault(-1));
        Assert.False(refused.TryGetValue(out _));
        Assert.Equal("spent", Assert.Throws<InvalidOperationException>(() => refused.Value).Message);
        Assert.True(ToolCallResult.Refused(new ToolRefusal(ToolRefusalReason.Duplicate, "again")).IsRefused);
        Assert.False(ToolCallResult.Completed.IsRefused);
    }
}
