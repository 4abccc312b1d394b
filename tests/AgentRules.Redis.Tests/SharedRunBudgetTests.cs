using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.RedisFleetBench;
using Xunit;

namespace AgentRules.Redis.Tests;

/// <summary>
/// <see cref="RunBudget"/> with a <see cref="RedisSharedBudget"/>: model calls, tokens and money of one run counted
/// for every process that serves it, against a real redis-server.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class SharedRunBudgetTests(RedisFixture redis) : IDisposable
{
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            disposable.Dispose();
        }
    }

    // The run's budget as one process would have it: its own connection, its own leases, its own RunBudget.
    private (RunBudget Budget, RedisSharedBudget Shared) NewProcess(string prefix, RunBudgetOptions limits, long leaseSize)
    {
        var connection = Worker.ConnectAsync(redis.Server.Configuration).GetAwaiter().GetResult();
        _disposables.Add(connection);
        var shared = new RedisSharedBudget(connection, new RedisSharedBudgetOptions { KeyPrefix = prefix, Limit = scope => limits.SharedLimitOf(scope) ?? 0, LeaseSize = leaseSize });
        _disposables.Add(shared);
        var options = limits.CopyFor(null);
        options.SharedBudget = shared;
        options.SharedBudgetScope = "session:42";
        var budget = new RunBudget(options);
        _disposables.Add(budget);
        return (budget, shared);
    }

    // Model calls on `threads` threads per budget until each is refused; each response reports `input` and `output` tokens.
    private static void CallUntilRefused(IReadOnlyList<RunBudget> budgets, int threadsPerBudget, long input, long output, long reserve = 0)
    {
        var threads = new List<Thread>();
        foreach (var budget in budgets)
        {
            for (var t = 0; t < threadsPerBudget; t++)
            {
                var thread = new Thread(() =>
                {
                    while (!budget.TryBeginCall(reserveOutputTokens: reserve).IsRefused)
                    {
                        Thread.Yield(); // the model answers
                        budget.CompleteCall("m", input, output, reserve);
                    }
                });
                thread.Start();
                threads.Add(thread);
            }
        }

        threads.ForEach(t => t.Join());
    }

    [RedisTheory]
    [InlineData(0)]
    [InlineData(16)]
    public async Task Budgets_in_four_clients_of_eight_threads_admit_exactly_the_model_calls(long leaseSize)
    {
        var prefix = Wait.NewPrefix();
        var limits = new RunBudgetOptions { MaxModelCalls = 1_500, MaxIdenticalRequests = 0 };
        var processes = Enumerable.Range(0, 4).Select(_ => NewProcess(prefix, limits, leaseSize)).ToList();

        CallUntilRefused(processes.Select(p => p.Budget).ToList(), threadsPerBudget: 8, input: 10, output: 5);
        processes.ForEach(p => Assert.True(p.Shared.ReturnLeases()));

        Assert.Equal(1_500, processes.Sum(p => p.Budget.ModelCalls)); // each alone would have admitted 1,500
        Assert.Equal(1_500, await processes[0].Shared.GetUsedAsync("session:42:model_calls"));
        var refusal = processes[1].Budget.TryBeginCall();
        Assert.Equal(RunBudgetLimit.ModelCalls, refusal.Limit);
        Assert.Contains("shared budget 'session:42:model_calls'", refusal.Message, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task A_token_budget_shared_by_four_clients_is_exceeded_by_at_most_one_response_per_call_in_flight()
    {
        var prefix = Wait.NewPrefix();
        const long Limit = 20_000;
        const int Threads = 8;
        var limits = new RunBudgetOptions { MaxTotalTokens = Limit, MaxIdenticalRequests = 0 };
        var processes = Enumerable.Range(0, 4).Select(i => NewProcess(prefix, limits, leaseSize: i % 2 == 0 ? 0 : 16)).ToList();

        CallUntilRefused(processes.Select(p => p.Budget).ToList(), Threads, input: 30, output: 20);
        processes.ForEach(p => Assert.True(p.Shared.ReturnLeases()));

        var spent = processes.Sum(p => p.Budget.TotalTokens);
        Assert.Equal(spent, await processes[0].Shared.GetUsedAsync("session:42:total_tokens"));
        // Over the limit only by the calls in flight (49 tokens each beyond the one taken at admission); under it at
        // most by what the two leasing clients held when the last calls were refused.
        Assert.InRange(spent, Limit - (2 * 16), Limit + (4 * Threads * 49));
        Assert.True(processes.Sum(p => p.Budget.ModelCalls) < Limit / 50 + (4 * Threads));
    }

    [RedisFact]
    public async Task Output_tokens_reserved_at_admission_never_exceed_the_shared_limit()
    {
        var prefix = Wait.NewPrefix();
        var limits = new RunBudgetOptions { MaxOutputTokens = 10_000, MaxIdenticalRequests = 0 };
        var processes = Enumerable.Range(0, 4).Select(i => NewProcess(prefix, limits, leaseSize: i % 2 == 0 ? 0 : 16)).ToList();

        CallUntilRefused(processes.Select(p => p.Budget).ToList(), threadsPerBudget: 8, input: 100, output: 20, reserve: 20);
        processes.ForEach(p => Assert.True(p.Shared.ReturnLeases()));

        // Never one token more; fewer only by what a leasing client held that was too little for another call of 20.
        var spent = processes.Sum(p => p.Budget.OutputTokens);
        Assert.InRange(spent, 10_000 - (2 * 20), 10_000);
        Assert.Equal(spent, await processes[0].Shared.GetUsedAsync("session:42:output_tokens"));
    }

    [RedisFact]
    public async Task Eight_processes_of_eight_threads_admit_exactly_the_model_calls_of_one_run()
    {
        var prefix = Wait.NewPrefix();
        const int Limit = 3_000;
        using var fleet = Fleet.Start(8, "model", redis.Server.Configuration, prefix, "session:fleet", Limit.ToString(CultureInfo.InvariantCulture), "0", "8", "16");
        Assert.All(await fleet.ReadLinesAsync(TimeSpan.FromSeconds(60)), line => Assert.Equal("ready", line));

        fleet.WriteLine("go");
        var lines = await fleet.ReadLinesAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(Limit, lines.Sum(line => long.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture)));
        Assert.All(lines, line => Assert.EndsWith("True", line, StringComparison.Ordinal)); // leases returned
        using var connection = await Worker.ConnectAsync(redis.Server.Configuration);
        Assert.Equal(Limit, (long)await connection.GetDatabase().HashGetAsync(prefix + ":budget:session:fleet:model_calls", "used"));
    }

    [RedisFact]
    public void Model_calls_fail_closed_while_redis_is_unreachable()
    {
        var connection = RedisFleet.Connect($"127.0.0.1:{RedisServer.FreePort()}", TimeSpan.FromMilliseconds(200));
        _disposables.Add(connection);
        var shared = new RedisSharedBudget(connection, new RedisSharedBudgetOptions { DefaultLimit = 1_000 });
        using var budget = new RunBudget(new RunBudgetOptions { MaxModelCalls = 10, SharedBudget = shared, SharedBudgetScope = "s" });

        var refusal = budget.TryBeginCall();

        Assert.Equal(RunBudgetLimit.ModelCalls, refusal.Limit);
        Assert.Contains("cannot be reached", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, budget.ModelCalls);
    }
}
