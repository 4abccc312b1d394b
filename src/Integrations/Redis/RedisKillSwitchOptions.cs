using System;

namespace AgentRules.Redis;

/// <summary>Settings of a <see cref="RedisKillSwitch"/>.</summary>
public sealed class RedisKillSwitchOptions
{
    /// <summary>
    /// The prefix of the Redis names (default <c>agentrules</c>): the switch state is the hash <c>{prefix}:killswitch</c>
    /// (field <c>global</c>, and <c>agent:{name}</c> per agent, each holding the reason) and changes are announced on the
    /// pub/sub channel of the same name. Every process of one fleet must use the same prefix.
    /// </summary>
    public string KeyPrefix { get; set; } = "agentrules";

    /// <summary>
    /// How often the hash is read besides the pub/sub notifications (default one second): the bound on how late a
    /// process sees a trip whose message it missed (a trip written without PUBLISH, a message lost while reconnecting).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Mirror the fleet state into this process's <see cref="KillSwitch.Global"/> and <see cref="KillSwitch.ForAgent"/>
    /// switches (default true), which generated tool wrappers and pipeline guards check. Turn off only to observe the
    /// fleet state without acting on it.
    /// </summary>
    public bool MirrorToLocal { get; set; } = true;

    /// <summary>
    /// What the process does when it has not been able to read the switch for <see cref="UnreachableGrace"/>:
    /// <see cref="RedisFaultMode.FailClosed"/> (the default) trips the local global switch, so no agent runs while
    /// nobody can stop it, and resets it once a read succeeds and shows no trip; <see cref="RedisFaultMode.FailOpen"/>
    /// keeps the last state read.
    /// </summary>
    public RedisFaultMode WhenUnreachable { get; set; } = RedisFaultMode.FailClosed;

    /// <summary>How long reads may fail before <see cref="WhenUnreachable"/> applies (default 10 seconds).</summary>
    public TimeSpan UnreachableGrace { get; set; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            throw new ArgumentException("RedisKillSwitchOptions.KeyPrefix is required (default \"agentrules\").");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"RedisKillSwitchOptions.PollInterval must be positive; it is {PollInterval}.");
        }

        if (UnreachableGrace < TimeSpan.Zero)
        {
            throw new ArgumentException($"RedisKillSwitchOptions.UnreachableGrace cannot be negative; it is {UnreachableGrace}.");
        }
    }
}
