using System;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace AgentRules.Redis;

/// <summary>
/// Connects to Redis with the settings the fleet kill switch and shared budgets rely on: no queue of commands while
/// disconnected, a bounded time for every command, start-up and reconnection that never wait on an unreachable server.
/// </summary>
public static class RedisFleet
{
    /// <summary>The default bound on one Redis command (500 ms).</summary>
    public static TimeSpan DefaultOperationTimeout { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Parses a StackExchange.Redis configuration string (e.g. <c>redis-1:6379,password=...</c>) and applies the
    /// fleet's settings: <c>AbortOnConnectFail=false</c> (start even when Redis is down: the fault policy decides),
    /// <see cref="BacklogPolicy.FailFast"/> (commands fail at once while disconnected instead of queueing),
    /// <c>SyncTimeout</c>/<c>AsyncTimeout</c> = <paramref name="operationTimeout"/> (default 500 ms), a connect
    /// timeout of at most 2 s, a reconnect attempt every 250 ms and a heartbeat every 250 ms (so a dead connection is
    /// noticed and replaced quickly).
    /// </summary>
    public static ConfigurationOptions Configure(string configuration, TimeSpan? operationTimeout = null)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            throw new ArgumentException("A Redis configuration string is required, e.g. \"localhost:6379\".", nameof(configuration));
        }

        var timeout = operationTimeout ?? DefaultOperationTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(operationTimeout), operationTimeout, "The operation timeout must be positive.");
        }

        var options = ConfigurationOptions.Parse(configuration);
        var milliseconds = (int)Math.Max(1, Math.Min(int.MaxValue, timeout.TotalMilliseconds));
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.SyncTimeout = milliseconds;
        options.AsyncTimeout = milliseconds;
        options.ConnectTimeout = Math.Min(Math.Max(milliseconds, 1000), 2000);
        options.ConnectRetry = 1;
        options.ReconnectRetryPolicy = new LinearRetry(250);
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(250);
        return options;
    }

    /// <summary>Connects with <see cref="Configure"/>'s settings. Returns even when Redis is unreachable; it reconnects in the background.</summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync(string configuration, TimeSpan? operationTimeout = null) =>
        await ConnectionMultiplexer.ConnectAsync(Configure(configuration, operationTimeout)).ConfigureAwait(false);

    /// <summary>Connects with <see cref="Configure"/>'s settings, synchronously.</summary>
    public static ConnectionMultiplexer Connect(string configuration, TimeSpan? operationTimeout = null) =>
        ConnectionMultiplexer.Connect(Configure(configuration, operationTimeout));
}
