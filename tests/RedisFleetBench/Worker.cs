using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Redis;

namespace AgentRules.RedisFleetBench;

/// <summary>
/// What one process of a fleet does, run as <c>RedisFleetBench worker ...</c> by the tests and the measurements.
/// It talks on stdout: <c>ready</c>, <c>armed</c>, <c>tripped {utc ticks} {refused}</c>, <c>admitted {n} {round trips}</c>,
/// <c>calls {admitted} {tokens} {round trips} {leases returned}</c>.
/// </summary>
public static class Worker
{
    private static readonly ToolDescriptor RefundOrder = new("fleet_refund_order", "Refunds an order.", ToolEffect.Destructive);

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args[1])
        {
            case "watch":
                return await WatchAsync(args[2], args[3]);
            case "model":
                return ModelCalls(args[2], args[3], args[4], int.Parse(args[5], CultureInfo.InvariantCulture), long.Parse(args[6], CultureInfo.InvariantCulture), int.Parse(args[7], CultureInfo.InvariantCulture), long.Parse(args[8], CultureInfo.InvariantCulture));
            case "budget":
                return Budget(args[2], args[3], args[4], long.Parse(args[5], CultureInfo.InvariantCulture), int.Parse(args[6], CultureInfo.InvariantCulture), long.Parse(args[7], CultureInfo.InvariantCulture));
            default:
                Console.Error.WriteLine($"unknown worker mode {args[1]}");
                return 2;
        }
    }

    /// <summary>
    /// Connects for a measurement or a test of exactness, not of faults: a generous command timeout (machines running
    /// these are often busy), and not before the connection is up (with FailFast, a command sent earlier fails).
    /// </summary>
    public static async Task<StackExchange.Redis.ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var redis = await RedisFleet.ConnectAsync(configuration, TimeSpan.FromSeconds(5));
        for (var i = 0; i < 1000 && !redis.IsConnected; i++)
        {
            await Task.Delay(10);
        }

        return redis;
    }

    // Mirrors the fleet switch into this process and reports, for every trip, when the local switch tripped and
    // whether the next guarded call was refused. Ends when stdin closes.
    private static async Task<int> WatchAsync(string configuration, string prefix)
    {
        using var redis = await ConnectAsync(configuration);
        await using var fleet = await RedisKillSwitch.StartAsync(redis, new RedisKillSwitchOptions { KeyPrefix = prefix });
        var guard = new ToolGuard(new ToolGuardOptions { AgentName = "fleet-worker", MaxIdenticalCalls = 0 });
        _ = Task.Run(() =>
        {
            Console.In.ReadToEnd();
            Environment.Exit(0);
        });

        var call = 0;
        while (true)
        {
            var token = guard.KillSwitch.Token;
            var tripped = new TaskCompletionSource<(long Ticks, bool Refused)>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (token.Register(() =>
            {
                // Runs inside Trip, after the flags are set: the next guarded call must be refused.
                var refused = guard.Check(RefundOrder, ToolArgumentHash.Add(ToolArgumentHash.Start(RefundOrder), ++call)).Reason == ToolRefusalReason.KillSwitch;
                tripped.TrySetResult((DateTime.UtcNow.Ticks, refused));
            }))
            {
                Console.WriteLine("armed");
                var (ticks, refused) = await tripped.Task;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tripped {ticks} {refused}"));
            }

            // Until the reset has reached the agent's switch too (the global one is reset first): its new token.
            while (guard.KillSwitch.IsTripped || guard.KillSwitch.Token.IsCancellationRequested)
            {
                await Task.Delay(1);
            }
        }
    }

    // Takes one unit at a time on `threads` threads until the budget refuses, then returns the leases.
    private static int Budget(string configuration, string prefix, string scope, long limit, int threads, long leaseSize)
    {
        using var redis = ConnectAsync(configuration).GetAwaiter().GetResult();
        var budget = new RedisSharedBudget(redis, new RedisSharedBudgetOptions { KeyPrefix = prefix, DefaultLimit = limit, LeaseSize = leaseSize });
        Console.WriteLine("ready");
        Console.In.ReadLine(); // "go": every process starts together
        long admitted = 0;
        var workers = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            workers[i] = new Thread(() =>
            {
                long mine = 0;
                while (budget.TryTake(scope, 1, ToolEffect.Destructive))
                {
                    mine++;
                }

                Interlocked.Add(ref admitted, mine);
            });
            workers[i].Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        var returned = budget.ReturnLeases();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"admitted {admitted} {budget.RoundTrips} {returned}"));
        return 0;
    }

    // One run's RunBudget in this process, sharing its model calls and tokens with the fleet through Redis: model calls
    // on `threads` threads, each answered with 30 input and 20 output tokens, until the budget refuses.
    private static int ModelCalls(string configuration, string prefix, string scope, int maxCalls, long maxTotalTokens, int threads, long leaseSize)
    {
        using var redis = ConnectAsync(configuration).GetAwaiter().GetResult();
        var options = new RunBudgetOptions { MaxModelCalls = maxCalls, MaxTotalTokens = maxTotalTokens, MaxIdenticalRequests = 0 };
        var shared = new RedisSharedBudget(redis, new RedisSharedBudgetOptions { KeyPrefix = prefix, Limit = s => options.SharedLimitOf(s) ?? 0, LeaseSize = leaseSize });
        options.SharedBudget = shared;
        options.SharedBudgetScope = scope;
        using var budget = new RunBudget(options);
        Console.WriteLine("ready");
        Console.In.ReadLine(); // "go": every process starts together
        var workers = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            workers[i] = new Thread(() =>
            {
                while (!budget.TryBeginCall().IsRefused)
                {
                    budget.CompleteCall("fleet-model", 30, 20);
                }
            });
            workers[i].Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        var returned = shared.ReturnLeases();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calls {budget.ModelCalls} {budget.TotalTokens} {shared.RoundTrips} {returned}"));
        return 0;
    }
}
