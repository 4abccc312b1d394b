using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using AgentRules.RedisFleetBench;
using StackExchange.Redis;
using Xunit;

namespace AgentRules.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class KillSwitchTests(RedisFixture redis) : IDisposable
{
    private static readonly ToolDescriptor Refund = new("redis_refund", "Refunds.", ToolEffect.Destructive);
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        KillSwitch.Global.Reset();
    }

    private async Task<RedisKillSwitch> StartAsync(string prefix, bool mirror = false, TimeSpan? poll = null)
    {
        var connection = await Worker.ConnectAsync(redis.Server.Configuration);
        var fleet = await RedisKillSwitch.StartAsync(connection, new RedisKillSwitchOptions { KeyPrefix = prefix, MirrorToLocal = mirror, PollInterval = poll ?? TimeSpan.FromSeconds(1) });
        _disposables.Add(fleet);
        _disposables.Add(connection);
        return fleet;
    }

    private static ulong Args(int id) => ToolArgumentHash.Add(ToolArgumentHash.Start(Refund), id);

    [RedisFact]
    public async Task A_trip_reaches_every_connected_process_and_a_reset_rearms_them()
    {
        KillSwitch.Global.Reset();
        var prefix = Wait.NewPrefix();
        var switches = new List<RedisKillSwitch>();
        for (var i = 0; i < 4; i++)
        {
            switches.Add(await StartAsync(prefix)); // each its own connection, as separate processes have
        }

        var mirrored = await StartAsync(prefix, mirror: true);
        var guard = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 0 });
        Assert.False(guard.Check(Refund, Args(1)).IsRefused);

        await switches[0].TripAsync("incident 4711");

        Assert.True(await Wait.UntilAsync(() => switches.TrueForAll(s => s.IsTripped) && KillSwitch.Global.IsTripped));
        Assert.All(switches, s => Assert.Equal("incident 4711", s.Reason));
        Assert.Contains("incident 4711", KillSwitch.Global.Reason, StringComparison.Ordinal);
        var refusal = guard.Check(Refund, Args(2));
        Assert.Equal(ToolRefusalReason.KillSwitch, refusal.Reason);
        Assert.Contains("fleet kill switch", refusal.Message, StringComparison.Ordinal);

        await switches[3].ResetAsync();

        Assert.True(await Wait.UntilAsync(() => !switches.Exists(s => s.IsTripped) && !KillSwitch.Global.IsTripped));
        Assert.False(mirrored.IsTripped);
        Assert.False(guard.Check(Refund, Args(3)).IsRefused);
    }

    [RedisFact]
    public async Task A_process_that_starts_after_the_trip_is_stopped_before_its_first_call()
    {
        KillSwitch.Global.Reset();
        var prefix = Wait.NewPrefix();
        await (await StartAsync(prefix)).TripAsync("stopped before you started");

        await StartAsync(prefix, mirror: true);

        // No waiting: StartAsync read the state before it returned.
        Assert.True(KillSwitch.Global.IsTripped);
        Assert.Contains("stopped before you started", KillSwitch.Global.Reason, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task An_agent_trip_stops_only_that_agent_in_every_process()
    {
        KillSwitch.Global.Reset();
        var prefix = Wait.NewPrefix();
        var agent = "billing-" + Guid.NewGuid().ToString("N");
        var other = "support-" + Guid.NewGuid().ToString("N");
        var observer = await StartAsync(prefix);
        await StartAsync(prefix, mirror: true);
        var stopped = new ToolGuard(new ToolGuardOptions { AgentName = agent });
        var running = new ToolGuard(new ToolGuardOptions { AgentName = other });

        await observer.TripAgentAsync(agent, "billing loop");

        Assert.True(await Wait.UntilAsync(() => KillSwitch.ForAgent(agent).IsTripped));
        Assert.True(observer.IsAgentTripped(agent));
        Assert.False(observer.IsAgentTripped(other));
        Assert.False(KillSwitch.Global.IsTripped);
        Assert.Equal(ToolRefusalReason.KillSwitch, stopped.Check(Refund, Args(1)).Reason);
        Assert.False(running.Check(Refund, Args(1)).IsRefused);

        await observer.ResetAgentAsync(agent);

        Assert.True(await Wait.UntilAsync(() => !KillSwitch.ForAgent(agent).IsTripped));
        Assert.False(stopped.Check(Refund, Args(2)).IsRefused);
    }

    [RedisFact]
    public async Task The_documented_redis_cli_one_liners_trip_and_rearm_the_fleet()
    {
        KillSwitch.Global.Reset();
        // The default prefix, exactly as docs/kill-switch.md prints the commands (with this server's port).
        var connection = await Worker.ConnectAsync(redis.Server.Configuration);
        _disposables.Add(connection);
        await connection.GetDatabase().KeyDeleteAsync("agentrules:killswitch");
        var fleet = await RedisKillSwitch.StartAsync(connection);
        _disposables.Add(fleet);
        Assert.False(KillSwitch.Global.IsTripped);

        Shell($"redis-cli -p {redis.Server.Port} HSET agentrules:killswitch global \"incident 4711\" && redis-cli -p {redis.Server.Port} PUBLISH agentrules:killswitch global");
        Assert.True(await Wait.UntilAsync(() => KillSwitch.Global.IsTripped));
        Assert.Contains("incident 4711", KillSwitch.Global.Reason, StringComparison.Ordinal);

        Shell($"redis-cli -p {redis.Server.Port} HDEL agentrules:killswitch global && redis-cli -p {redis.Server.Port} PUBLISH agentrules:killswitch global");
        Assert.True(await Wait.UntilAsync(() => !KillSwitch.Global.IsTripped));
    }

    [RedisFact]
    public async Task A_trip_whose_message_was_lost_is_caught_by_the_poll()
    {
        var prefix = Wait.NewPrefix();
        var fleet = await StartAsync(prefix, poll: TimeSpan.FromMilliseconds(100));
        var connection = await Worker.ConnectAsync(redis.Server.Configuration);
        _disposables.Add(connection);

        await connection.GetDatabase().HashSetAsync(fleet.Key, RedisKillSwitch.GlobalField, "written, never published");

        Assert.True(await Wait.UntilAsync(() => fleet.IsTripped));
        Assert.Equal("written, never published", fleet.Reason);
    }

    [RedisFact]
    public async Task A_fleet_reset_does_not_undo_a_trip_made_locally()
    {
        KillSwitch.Global.Reset();
        var prefix = Wait.NewPrefix();
        var fleet = await StartAsync(prefix, mirror: true);
        KillSwitch.Global.Trip("tripped here by an admin endpoint");

        await fleet.TripAsync("fleet trip");
        await fleet.ResetAsync();

        Assert.False(fleet.IsTripped);
        Assert.True(KillSwitch.Global.IsTripped);
        Assert.Equal("tripped here by an admin endpoint", KillSwitch.Global.Reason);
    }

    [RedisFact]
    public async Task Unreachable_redis_fails_closed_after_the_grace_and_recovers_when_it_answers()
    {
        KillSwitch.Global.Reset();
        var port = RedisServer.FreePort();
        var connection = await RedisFleet.ConnectAsync($"127.0.0.1:{port}", TimeSpan.FromMilliseconds(200));
        _disposables.Add(connection);
        var fleet = await RedisKillSwitch.StartAsync(connection, new RedisKillSwitchOptions
        {
            KeyPrefix = Wait.NewPrefix(), PollInterval = TimeSpan.FromMilliseconds(100), UnreachableGrace = TimeSpan.FromMilliseconds(300),
        });
        _disposables.Add(fleet);

        Assert.True(await Wait.UntilAsync(() => KillSwitch.Global.IsTripped));
        Assert.Contains("unreachable", KillSwitch.Global.Reason, StringComparison.Ordinal);
        Assert.True(fleet.IsTripped);

        using var server = RedisServer.Start(port: port);

        Assert.True(await Wait.UntilAsync(() => !KillSwitch.Global.IsTripped, seconds: 20));
        Assert.False(fleet.IsTripped);
    }

    [RedisFact]
    public async Task Unreachable_redis_with_fail_open_keeps_the_last_state()
    {
        KillSwitch.Global.Reset();
        var connection = await RedisFleet.ConnectAsync($"127.0.0.1:{RedisServer.FreePort()}", TimeSpan.FromMilliseconds(200));
        _disposables.Add(connection);
        var fleet = await RedisKillSwitch.StartAsync(connection, new RedisKillSwitchOptions
        {
            KeyPrefix = Wait.NewPrefix(), PollInterval = TimeSpan.FromMilliseconds(50), UnreachableGrace = TimeSpan.Zero, WhenUnreachable = RedisFaultMode.FailOpen,
        });
        _disposables.Add(fleet);

        for (var i = 0; i < 5; i++)
        {
            await fleet.RefreshAsync(); // each read fails
        }

        Assert.True(fleet.IsStale);
        Assert.False(fleet.IsTripped);
        Assert.False(KillSwitch.Global.IsTripped);
    }

    private static void Shell(string command)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command}: exit code {process.ExitCode}: {output}");
    }
}
