using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AgentRules.Tests.Runtime;

[Collection(ProcessStateCollection.Name)]
public sealed class RunBudgetTests : IDisposable
{
    public RunBudgetTests() => KillSwitch.Global.Reset();

    public void Dispose() => KillSwitch.Global.Reset();

    private static string NewAgent() => "agent-" + Guid.NewGuid().ToString("N");

    [Fact]
    public void Admits_calls_within_every_limit_and_records_their_usage()
    {
        using var budget = new RunBudget(new RunBudgetOptions { MaxModelCalls = 5, MaxTotalTokens = 1_000 });

        Assert.False(budget.TryBeginCall().IsRefused);
        budget.CompleteCall("m", 100, 20);
        Assert.False(budget.TryBeginCall().IsRefused);
        budget.CompleteCall("m", 150, 30);

        Assert.Equal(2, budget.ModelCalls);
        Assert.Equal(0, budget.InFlight);
        Assert.Equal(250, budget.InputTokens);
        Assert.Equal(50, budget.OutputTokens);
        Assert.Equal(300, budget.TotalTokens);
    }

    [Fact]
    public void The_model_call_cap_refuses_the_next_call_with_a_message_and_throws_the_documented_exception()
    {
        using var budget = new RunBudget(new RunBudgetOptions { MaxModelCalls = 2, AgentName = NewAgent() });
        budget.BeginCall();
        budget.AbandonCall();
        budget.BeginCall();
        budget.AbandonCall();

        var refusal = budget.TryBeginCall();
        Assert.Equal(RunBudgetLimit.ModelCalls, refusal.Limit);
        Assert.Equal("model_calls", refusal.ReasonCode);
        Assert.Equal("Model call refused (budget): the run's budget of 2 model calls is spent.", refusal.Message);

        var thrown = Assert.Throws<AgentBudgetExceededException>(() => budget.BeginCall());
        Assert.Equal(RunBudgetLimit.ModelCalls, thrown.Limit);
        Assert.Equal(budget.AgentName, thrown.AgentName);
        Assert.Equal(2, budget.ModelCalls);
        Assert.Equal(2, budget.RefusalCount(RunBudgetLimit.ModelCalls));
    }

    [Fact]
    public async Task Exactly_N_model_calls_are_admitted_under_8_threads()
    {
        const int N = 1_000;
        using var budget = new RunBudget(new RunBudgetOptions { MaxModelCalls = N, MaxIdenticalRequests = 0 });
        var admitted = 0;
        using var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 5_000; i++)
            {
                if (!budget.TryBeginCall().IsRefused)
                {
                    Interlocked.Increment(ref admitted);
                    budget.CompleteCall("m", 1, 1);
                }
            }
        })).ToArray();
        await Task.WhenAll(threads);

        Assert.Equal(N, admitted);
        Assert.Equal(N, budget.ModelCalls);
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public void A_sequential_run_exceeds_a_token_budget_by_at_most_one_response()
    {
        const long N = 1_000;
        const long Response = 170;
        using var budget = new RunBudget(new RunBudgetOptions { MaxTotalTokens = N, MaxIdenticalRequests = 0 });
        var calls = 0;
        while (!budget.TryBeginCall().IsRefused)
        {
            calls++;
            budget.CompleteCall("m", Response - 20, 20);
        }

        Assert.True(budget.TotalTokens >= N, "the run stopped before its budget was spent");
        Assert.True(budget.TotalTokens <= N + Response - 1, $"spent {budget.TotalTokens} of {N}: more than one response over");
        Assert.Equal(6, calls); // 5 x 170 = 850 < 1000, the 6th brings it to 1020, the 7th is refused
        Assert.Equal(RunBudgetLimit.TotalTokens, budget.TryBeginCall().Limit);
    }

    [Fact]
    public async Task Under_8_threads_a_token_budget_is_exceeded_by_at_most_one_response_per_call_in_flight()
    {
        const long N = 10_000;
        const long Response = 97;
        using var budget = new RunBudget(new RunBudgetOptions { MaxOutputTokens = N, MaxIdenticalRequests = 0 });
        using var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            while (!budget.TryBeginCall().IsRefused)
            {
                Thread.SpinWait(50);
                budget.CompleteCall("m", 10, Response);
            }
        })).ToArray();
        await Task.WhenAll(threads);

        Assert.InRange(budget.OutputTokens, N, N + (8 * Response) - 1);
    }

    [Fact]
    public async Task Reserved_output_tokens_are_never_exceeded_under_8_threads()
    {
        const long N = 10_000;
        const long MaxPerCall = 100;
        using var budget = new RunBudget(new RunBudgetOptions { MaxOutputTokens = N, MaxIdenticalRequests = 0 });
        using var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            start.SignalAndWait();
            var used = 60 + (t * 5); // at most the reservation, as a model honouring max output tokens does
            while (!budget.TryBeginCall(reserveOutputTokens: MaxPerCall).IsRefused)
            {
                budget.CompleteCall("m", 5, used, reserveOutputTokens: MaxPerCall);
            }
        })).ToArray();
        await Task.WhenAll(threads);

        Assert.InRange(budget.OutputTokens, N - MaxPerCall, N);
        var refusal = budget.TryBeginCall(reserveOutputTokens: MaxPerCall);
        Assert.Equal(RunBudgetLimit.OutputTokens, refusal.Limit);
        Assert.Contains("this call may use 100", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_Trip_returns_no_model_call_is_admitted_and_the_token_is_cancelled()
    {
        var agent = NewAgent();
        using var budget = new RunBudget(new RunBudgetOptions { AgentName = agent, MaxIdenticalRequests = 0 });
        var token = budget.Token;
        var tripped = 0;
        var admittedAfterTrip = 0;
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var trippedBefore = Volatile.Read(ref tripped) == 1;
                if (!budget.TryBeginCall().IsRefused)
                {
                    if (trippedBefore)
                    {
                        Interlocked.Increment(ref admittedAfterTrip);
                    }

                    budget.AbandonCall();
                }
            }
        })).ToArray();

        await Task.Delay(20);
        KillSwitch.ForAgent(agent).Trip("runaway spend");
        Volatile.Write(ref tripped, 1);
        await Task.Delay(20);
        stop.Cancel();
        await Task.WhenAll(callers);

        Assert.Equal(0, admittedAfterTrip);
        Assert.True(token.IsCancellationRequested);
        var thrown = Assert.Throws<KillSwitchTrippedException>(() => budget.BeginCall());
        Assert.Contains("runaway spend", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(RunBudgetLimit.KillSwitch, budget.TryBeginCall().Limit);
    }

    [Fact]
    public void The_fourth_identical_request_is_refused_as_a_duplicate_and_other_requests_still_pass()
    {
        using var budget = new RunBudget();
        for (var i = 0; i < 3; i++)
        {
            Assert.False(budget.TryBeginCall(requestHash: 42).IsRefused);
            budget.CompleteCall("m", 1, 1);
        }

        var refusal = budget.TryBeginCall(requestHash: 42);
        Assert.Equal(RunBudgetLimit.Duplicate, refusal.Limit);
        Assert.StartsWith("Model call refused (duplicate): the same request was sent 3 times", refusal.Message, StringComparison.Ordinal);
        Assert.False(budget.TryBeginCall(requestHash: 43).IsRefused);
        Assert.True(budget.DetectsDuplicates);
    }

    [Fact]
    public void Money_is_priced_per_model_and_the_budget_refuses_once_spent()
    {
        var prices = new ModelPriceTable().Add("gpt-4o", 2.50m, 10.00m).Add("gpt-4o-mini", 0.15m, 0.60m);
        using var budget = new RunBudget(new RunBudgetOptions { MaxCost = 0.05m, Prices = prices });

        budget.BeginCall(modelId: "gpt-4o-mini");
        budget.CompleteCall("gpt-4o-mini-2024-07-18", 100_000, 10_000); // 0.015 + 0.006, by the longest prefix
        Assert.Equal(0.021m, budget.Cost);

        budget.BeginCall(modelId: "gpt-4o");
        budget.CompleteCall("gpt-4o", 10_000, 1_000); // 0.025 + 0.01
        Assert.Equal(0.056m, budget.Cost);

        var refusal = budget.TryBeginCall(modelId: "gpt-4o");
        Assert.Equal(RunBudgetLimit.Cost, refusal.Limit);
        Assert.Contains("0.056 of its money budget of 0.05", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_without_a_price_is_refused_while_a_money_budget_is_set()
    {
        using var budget = new RunBudget(new RunBudgetOptions { MaxCost = 1m, Prices = new ModelPriceTable().Add("gpt-4o", 2.5m, 10m) });

        var refusal = budget.TryBeginCall(modelId: "claude-x");

        Assert.Equal(RunBudgetLimit.Cost, refusal.Limit);
        Assert.Contains("'claude-x' has no price", refusal.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new RunBudget(new RunBudgetOptions { MaxCost = 1m }));
    }

    [Fact]
    public void A_response_without_usage_stops_a_metered_run_instead_of_spending_blind()
    {
        using var budget = new RunBudget(new RunBudgetOptions { MaxTotalTokens = 1_000 });
        budget.BeginCall();
        budget.CompleteCall("m", null, null);

        var refusal = budget.TryBeginCall();

        Assert.Equal(RunBudgetLimit.TotalTokens, refusal.Limit);
        Assert.Contains("reported no token usage", refusal.Message, StringComparison.Ordinal);

        using var unmetered = new RunBudget(new RunBudgetOptions { MaxModelCalls = 10 });
        unmetered.BeginCall();
        unmetered.CompleteCall("m", null, null);
        Assert.False(unmetered.TryBeginCall().IsRefused);
    }

    [Fact]
    public async Task Wall_time_refuses_later_calls_and_cancels_the_token()
    {
        using var budget = new RunBudget(new RunBudgetOptions { MaxDuration = TimeSpan.FromMilliseconds(50) });
        Assert.False(budget.TryBeginCall().IsRefused);
        budget.AbandonCall();

        await Task.Delay(200);

        Assert.Equal(RunBudgetLimit.WallTime, budget.TryBeginCall().Limit);
        Assert.True(budget.Token.IsCancellationRequested);
    }

    [Fact]
    public void Admitting_and_completing_a_call_allocates_nothing()
    {
        using var budget = new RunBudget(new RunBudgetOptions { MaxModelCalls = 1_000_000, MaxTotalTokens = long.MaxValue / 2 });
        for (var i = 0; i < 100; i++)
        {
            budget.TryBeginCall((ulong)i + 1, "m", 10);
            budget.CompleteCall("m", 1, 1, 10);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            budget.TryBeginCall((ulong)i + 1_000, "m", 10);
            budget.CompleteCall("m", 1, 1, 10);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Negative_limits_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunBudget(new RunBudgetOptions { MaxModelCalls = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunBudget(new RunBudgetOptions { MaxDuration = TimeSpan.FromSeconds(-1) }));
    }
}
