using System;

namespace AgentRules.Redis;

/// <summary>What a check does when Redis cannot answer in time (unreachable, slow, restarting).</summary>
public enum RedisFaultMode
{
    /// <summary>Refuse: no tool or model call runs on a budget or switch state nobody can confirm.</summary>
    FailClosed = 0,

    /// <summary>Admit: the call runs; budget units it takes are recorded once Redis answers again.</summary>
    FailOpen = 1,
}

/// <summary>
/// The fault policy of <see cref="RedisSharedBudget"/>, by what the call does. The default fails closed for
/// destructive tools, tools that declare no effect and model calls (<see cref="ToolEffect.Unspecified"/>), and open
/// for read-only tools.
/// </summary>
public sealed class RedisFaultPolicy
{
    /// <summary>Read-only tools (<see cref="ReadOnlyToolAttribute"/>). Default <see cref="RedisFaultMode.FailOpen"/>.</summary>
    public RedisFaultMode ReadOnly { get; set; } = RedisFaultMode.FailOpen;

    /// <summary>Destructive tools (<see cref="DestructiveToolAttribute"/>). Default <see cref="RedisFaultMode.FailClosed"/>.</summary>
    public RedisFaultMode Destructive { get; set; } = RedisFaultMode.FailClosed;

    /// <summary>Tools that declare no effect, and model calls. Default <see cref="RedisFaultMode.FailClosed"/>.</summary>
    public RedisFaultMode Unspecified { get; set; } = RedisFaultMode.FailClosed;

    /// <summary>Every kind of call fails closed.</summary>
    public static RedisFaultPolicy AllClosed => new() { ReadOnly = RedisFaultMode.FailClosed };

    /// <summary>The mode for a call with this effect.</summary>
    public RedisFaultMode For(ToolEffect effect) => effect switch
    {
        ToolEffect.ReadOnly => ReadOnly,
        ToolEffect.Destructive => Destructive,
        _ => Unspecified,
    };

    internal static bool IsFault(Exception exception) =>
        exception is StackExchange.Redis.RedisException or TimeoutException or ObjectDisposedException;
}
