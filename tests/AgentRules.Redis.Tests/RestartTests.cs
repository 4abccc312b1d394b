using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.RedisFleetBench;
using StackExchange.Redis;
using Xunit;

namespace AgentRules.Redis.Tests;

/// <summary>Redis killed (SIGKILL) and restarted mid-run, with an append-only file (fsync always).</summary>
public sealed class RestartTests
{
    [RedisFact]
    public async Task Killed_and_restarted_redis_admits_nothing_past_the_budget_and_keeps_the_trip()
    {
        KillSwitch.Global.Reset();
        using var server = RedisServer.Start(persistent: true);
        var prefix = Wait.NewPrefix();
        const long Limit = 3_000;
        var connections = new List<ConnectionMultiplexer>();
        var budgets = new List<RedisSharedBudget>();
        var leaseSizes = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var connection = await Worker.ConnectAsync(server.Configuration);
            connections.Add(connection);
            leaseSizes.Add(i % 2 == 0 ? 0 : 16);
            budgets.Add(new RedisSharedBudget(connection, new RedisSharedBudgetOptions { KeyPrefix = prefix, DefaultLimit = Limit, LeaseSize = leaseSizes[i] }));
        }

        try
        {
            var fleet = await RedisKillSwitch.StartAsync(connections[0], new RedisKillSwitchOptions { KeyPrefix = prefix, MirrorToLocal = false, PollInterval = TimeSpan.FromMilliseconds(100) });
            await fleet.TripAsync("tripped before the restart");

            long admitted = 0;
            var stop = 0;
            var threads = budgets.SelectMany(budget => Enumerable.Range(0, 4).Select(_ => new Thread(() =>
            {
                while (Volatile.Read(ref stop) == 0)
                {
                    if (budget.TryTake("tenant:restart", 1, ToolEffect.Destructive))
                    {
                        Interlocked.Increment(ref admitted);
                    }

                    Thread.Sleep(1);
                }
            }))).ToList();
            threads.ForEach(t => t.Start());

            Assert.True(await Wait.UntilAsync(() => Interlocked.Read(ref admitted) > 200));
            server.Kill();
            await Task.Delay(300);
            server.Restart();

            // Taking resumes after the restart, and ends at the limit.
            Assert.True(await Wait.UntilAsync(() => Interlocked.Read(ref admitted) >= Limit - 20, seconds: 30), $"admitted {Interlocked.Read(ref admitted)}");
            await Task.Delay(300);
            Volatile.Write(ref stop, 1);
            threads.ForEach(t => t.Join());
            budgets.ForEach(b => b.ReturnLeases());

            var used = (long)await connections[1].GetDatabase().HashGetAsync(prefix + ":budget:tenant:restart", "used");
            Assert.True(admitted <= Limit, $"admitted {admitted} past the limit {Limit}");
            Assert.Equal(Limit, used); // Redis counted every admitted unit; a reply lost in the kill is a refusal, never an overrun
            // A budget sends one round trip at a time (under its scope's lock), and a round trip whose reply the kill
            // lost may have been counted for the unit it asked plus a lease of up to LeaseSize: that is all that can be lost.
            var inFlight = leaseSizes.Sum(lease => 1 + lease);
            Assert.True(Limit - admitted <= inFlight, $"only commands in flight at the kill may be lost ({inFlight} units at most), but {Limit - admitted} were");

            // The trip survived: the connected switch read it again after reconnecting, a new process sees it at start.
            Assert.True(await Wait.UntilAsync(() => !fleet.IsStale));
            Assert.True(fleet.IsTripped);
            using var late = await Worker.ConnectAsync(server.Configuration);
            await using var lateSwitch = await RedisKillSwitch.StartAsync(late, new RedisKillSwitchOptions { KeyPrefix = prefix });
            Assert.True(KillSwitch.Global.IsTripped);
            Assert.Contains("tripped before the restart", KillSwitch.Global.Reason, StringComparison.Ordinal);
            fleet.Dispose();
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
            KillSwitch.Global.Reset();
        }
    }
}
