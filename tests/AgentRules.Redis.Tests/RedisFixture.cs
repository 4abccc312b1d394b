using System;
using System.Diagnostics;
using System.Threading.Tasks;
using AgentRules.RedisFleetBench;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // the local kill switches are process-wide

namespace AgentRules.Redis.Tests;

/// <summary>A fact that needs redis-server: skipped, saying why, only where it is not installed (CI installs it).</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs redis-server, skipped like <see cref="RedisFactAttribute"/>.</summary>
public sealed class RedisTheoryAttribute : TheoryAttribute
{
    public RedisTheoryAttribute()
    {
        if (RedisServer.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>One in-memory redis-server for the tests of a collection; each test uses its own key prefix.</summary>
public sealed class RedisFixture : IDisposable
{
    private readonly Lazy<RedisServer> _server = new(() => RedisServer.Start());

    public RedisServer Server => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "redis-server";
}

internal static class Wait
{
    /// <summary>Waits until <paramref name="condition"/> holds; false after <paramref name="seconds"/> (a failure bound, not a timing claim).</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, double seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed.TotalSeconds > seconds)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    public static string NewPrefix() => "test-" + Guid.NewGuid().ToString("N");
}
