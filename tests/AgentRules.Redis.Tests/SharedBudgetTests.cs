using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.RedisFleetBench;
using StackExchange.Redis;
using Xunit;

namespace AgentRules.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class SharedBudgetTests(RedisFixture redis) : IDisposable
{
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            disposable.Dispose();
        }
    }

    // A client as a separate process would have: its own connection and its own leases.
    private RedisSharedBudget NewClient(string prefix, long limit, long leaseSize, RedisFaultPolicy? policy = null)
    {
        var connection = Worker.ConnectAsync(redis.Server.Configuration).GetAwaiter().GetResult();
        _disposables.Add(connection);
        var budget = new RedisSharedBudget(connection, new RedisSharedBudgetOptions { KeyPrefix = prefix, DefaultLimit = limit, LeaseSize = leaseSize, FaultPolicy = policy ?? new() });
        _disposables.Add(budget);
        return budget;
    }

    private static long TakeUntilRefused(IReadOnlyList<RedisSharedBudget> clients, string scope, int threadsPerClient, Func<Random, long>? amount = null)
    {
        long admitted = 0;
        var threads = new List<Thread>();
        foreach (var client in clients)
        {
            for (var t = 0; t < threadsPerClient; t++)
            {
                var random = new Random(threads.Count);
                var thread = new Thread(() =>
                {
                    long mine = 0;
                    var refusals = 0;
                    while (refusals < (amount is null ? 1 : 20))
                    {
                        var units = amount?.Invoke(random) ?? 1;
                        if (client.TryTake(scope, units, ToolEffect.Destructive))
                        {
                            mine += units;
                        }
                        else
                        {
                            refusals++;
                        }
                    }

                    Interlocked.Add(ref admitted, mine);
                });
                thread.Start();
                threads.Add(thread);
            }
        }

        threads.ForEach(t => t.Join());
        return admitted;
    }

    [RedisFact]
    public async Task Exact_mode_admits_exactly_the_limit_across_clients_and_threads()
    {
        var prefix = Wait.NewPrefix();
        var clients = Enumerable.Range(0, 4).Select(_ => NewClient(prefix, limit: 2_000, leaseSize: 0)).ToList();

        var admitted = TakeUntilRefused(clients, "tenant:acme", threadsPerClient: 8);

        Assert.Equal(2_000, admitted);
        Assert.Equal(2_000, await clients[0].GetUsedAsync("tenant:acme"));
        Assert.True(clients.Sum(c => c.RoundTrips) >= 2_000); // every admission was a round trip
    }

    [RedisFact]
    public async Task Leases_admit_exactly_the_limit_with_few_round_trips()
    {
        var prefix = Wait.NewPrefix();
        var clients = Enumerable.Range(0, 4).Select(_ => NewClient(prefix, limit: 20_000, leaseSize: 16)).ToList();

        var admitted = TakeUntilRefused(clients, "tenant:acme", threadsPerClient: 8);
        clients.ForEach(c => Assert.True(c.ReturnLeases()));

        Assert.Equal(20_000, admitted);
        Assert.Equal(20_000, await clients[0].GetUsedAsync("tenant:acme"));
        Assert.True(clients.Sum(c => c.RoundTrips) < 20_000 / 4, $"{clients.Sum(c => c.RoundTrips)} round trips");
    }

    [RedisFact]
    public async Task Mixed_amounts_never_admit_past_the_limit()
    {
        var prefix = Wait.NewPrefix();
        var clients = Enumerable.Range(0, 4).Select(i => NewClient(prefix, limit: 5_000, leaseSize: i % 2 == 0 ? 0 : 16)).ToList();

        var admitted = TakeUntilRefused(clients, "session:1", threadsPerClient: 4, amount: random => random.Next(1, 6));
        clients.ForEach(c => Assert.True(c.ReturnLeases()));

        Assert.InRange(admitted, 5_000 - 5 * 16, 5_000); // never over; under only by what the last refused calls asked
        Assert.Equal(admitted, await clients[0].GetUsedAsync("session:1"));
    }

    [RedisFact]
    public async Task Unused_leases_are_given_back_on_dispose()
    {
        var prefix = Wait.NewPrefix();
        var client = NewClient(prefix, limit: 1_000, leaseSize: 16);

        Assert.True(client.TryTake("s", 1, ToolEffect.Destructive));
        Assert.Equal(17, await client.GetUsedAsync("s")); // 1 and a lease of 16
        Assert.True(client.TryTake("s", 1, ToolEffect.Destructive));
        Assert.Equal(1, client.RoundTrips);

        client.Dispose();

        Assert.Equal(2, await client.GetUsedAsync("s"));
    }

    [RedisFact]
    public async Task Usage_added_after_the_fact_counts_and_refuses_later_takes()
    {
        var prefix = Wait.NewPrefix();
        var client = NewClient(prefix, limit: 1_000, leaseSize: 0);

        Assert.True(client.TryTake("run:tokens", 100)); // a model call's estimate
        client.Add("run:tokens", 950);                  // what the model reported using beyond it
        Assert.Equal(1_050, await client.GetUsedAsync("run:tokens"));
        Assert.False(client.TryTake("run:tokens", 1));

        client.Add("run:tokens", -100);                 // given back
        Assert.Equal(950, await client.GetUsedAsync("run:tokens"));
        Assert.True(client.TryTake("run:tokens", 50));
        Assert.False(client.TryTake("run:tokens", 1));
    }

    [RedisFact]
    public async Task A_limit_stored_in_redis_overrides_the_configured_one()
    {
        var prefix = Wait.NewPrefix();
        var client = NewClient(prefix, limit: 1_000, leaseSize: 0);

        await client.SetLimitAsync("tenant:small", 3);

        Assert.Equal(3, TakeUntilRefused([client], "tenant:small", threadsPerClient: 2));
    }

    [RedisFact]
    public void Tool_guards_in_different_processes_share_one_budget()
    {
        var prefix = Wait.NewPrefix();
        var tool = new ToolDescriptor("redis_guarded_lookup", "Looks up.", ToolEffect.ReadOnly);
        var guards = Enumerable.Range(0, 3)
            .Select(_ => new ToolGuard(new ToolGuardOptions { SharedBudget = NewClient(prefix, limit: 10, leaseSize: 16), SharedBudgetScope = "tenant:acme", MaxIdenticalCalls = 0 }))
            .ToList();

        var admitted = 0;
        ToolRefusal last = default;
        for (var i = 0; i < 30; i++)
        {
            var refusal = guards[i % 3].Check(tool, ToolArgumentHash.Add(ToolArgumentHash.Start(tool), i));
            if (refusal.IsRefused)
            {
                last = refusal;
            }
            else
            {
                admitted++;
            }
        }

        Assert.Equal(10, admitted);
        Assert.Equal(ToolRefusalReason.Budget, last.Reason);
        Assert.Contains("shared budget 'tenant:acme'", last.Message, StringComparison.Ordinal);
    }

    [RedisFact]
    public void Unreachable_redis_refuses_destructive_and_model_calls_and_admits_reads_by_default()
    {
        var connection = RedisFleet.Connect($"127.0.0.1:{RedisServer.FreePort()}", TimeSpan.FromMilliseconds(200));
        _disposables.Add(connection);
        var open = new RedisSharedBudget(connection, new RedisSharedBudgetOptions { DefaultLimit = 100 });
        var closed = new RedisSharedBudget(connection, new RedisSharedBudgetOptions { DefaultLimit = 100, FaultPolicy = RedisFaultPolicy.AllClosed });

        Assert.False(open.TryTake("s", 1, ToolEffect.Destructive));
        Assert.False(open.TryTake("s", 1, ToolEffect.Unspecified));
        Assert.False(open.TryTake("s", 1)); // a model call
        Assert.True(open.TryTake("s", 1, ToolEffect.ReadOnly));
        Assert.False(closed.TryTake("s", 1, ToolEffect.ReadOnly));
        Assert.False(open.ReturnLeases()); // the read admitted open is still to be recorded
    }

    [RedisFact]
    public async Task Eight_processes_of_eight_threads_admit_exactly_the_limit()
    {
        var prefix = Wait.NewPrefix();
        const long Limit = 4_000;
        using var fleet = Fleet.Start(8, "budget", redis.Server.Configuration, prefix, "tenant:fleet", Limit.ToString(CultureInfo.InvariantCulture), "8", "16");
        Assert.All(await fleet.ReadLinesAsync(TimeSpan.FromSeconds(60)), line => Assert.Equal("ready", line));

        fleet.WriteLine("go");
        var lines = await fleet.ReadLinesAsync(TimeSpan.FromSeconds(60));

        var admitted = lines.Sum(line => long.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));
        Assert.Equal(Limit, admitted);
        Assert.All(lines, line => Assert.EndsWith("True", line, StringComparison.Ordinal)); // leases returned
        using var connection = await Worker.ConnectAsync(redis.Server.Configuration);
        Assert.Equal(Limit, (long)await connection.GetDatabase().HashGetAsync(prefix + ":budget:tenant:fleet", "used"));
    }
}
