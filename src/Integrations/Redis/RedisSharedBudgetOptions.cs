using System;

namespace AgentRules.Redis;

/// <summary>Settings of a <see cref="RedisSharedBudget"/>.</summary>
public sealed class RedisSharedBudgetOptions
{
    /// <summary>The prefix of the Redis keys (default <c>agentrules</c>): scope <c>s</c> is the hash <c>{prefix}:budget:s</c>.</summary>
    public string KeyPrefix { get; set; } = "agentrules";

    /// <summary>
    /// The limit of a scope that has none stored in Redis (<see cref="RedisSharedBudget.SetLimitAsync"/> stores one,
    /// which wins). Every process of the fleet must agree on it. Default: <see cref="DefaultLimit"/> for every scope.
    /// </summary>
    public Func<string, long>? Limit { get; set; }

    /// <summary>The limit of every scope when <see cref="Limit"/> is not set and none is stored in Redis; 0 admits nothing.</summary>
    public long DefaultLimit { get; set; }

    /// <summary>
    /// The most units one process leases beyond what a call needs (default 16), so that the next calls are admitted
    /// locally without a round trip. 0 is exact mode: every admission is a round trip. Leasing never admits past the
    /// limit; unused leased units are given back on <see cref="RedisSharedBudget.Dispose"/>.
    /// </summary>
    public long LeaseSize { get; set; } = 16;

    /// <summary>
    /// A lease is at most the scope's remaining units divided by this (default 16), so leases shrink as the budget runs
    /// out and the last units are admitted one round trip each: with N processes, the units leased but unused are at
    /// most N/16 of what remains.
    /// </summary>
    public long LeaseDivisor { get; set; } = 16;

    /// <summary>How long a scope's counter lives in Redis after its last use (default one day; refreshed on every use).</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>What <see cref="RedisSharedBudget.TryTake(string, long, ToolEffect)"/> answers when Redis cannot answer in time, by the call's effect.</summary>
    public RedisFaultPolicy FaultPolicy { get; set; } = new();

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            throw new ArgumentException("RedisSharedBudgetOptions.KeyPrefix is required (default \"agentrules\").");
        }

        if (DefaultLimit < 0 || LeaseSize < 0)
        {
            throw new ArgumentException($"RedisSharedBudgetOptions: DefaultLimit ({DefaultLimit}) and LeaseSize ({LeaseSize}) cannot be negative.");
        }

        if (LeaseDivisor < 1)
        {
            throw new ArgumentException($"RedisSharedBudgetOptions.LeaseDivisor must be 1 or more; it is {LeaseDivisor}.");
        }

        if (Expiry < TimeSpan.Zero || FaultPolicy is null)
        {
            throw new ArgumentException("RedisSharedBudgetOptions: Expiry cannot be negative and FaultPolicy is required.");
        }
    }
}
