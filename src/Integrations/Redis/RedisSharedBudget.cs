using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace AgentRules.Redis;

/// <summary>
/// Budgets (calls, tokens, money) shared by every process of a fleet, per scope (a session, a tenant), counted in
/// Redis by atomic Lua scripts that never admit past a limit. Set it on <see cref="ToolGuardOptions.SharedBudget"/>,
/// or call <see cref="TryTake(string, long, ToolEffect)"/> and <see cref="Add"/> from a pipeline guard.
/// </summary>
/// <remarks>
/// <para>
/// Scope <c>s</c> is the hash <c>{prefix}:budget:s</c>: field <c>used</c> counts the units admitted (leased units
/// included), field <c>limit</c>, when present, overrides the configured limit. A take is admitted only when
/// <c>used + amount &lt;= limit</c>, decided and recorded in one script, so concurrent processes never overrun it.
/// </para>
/// <para>
/// Leases (<see cref="RedisSharedBudgetOptions.LeaseSize"/>): a round trip may take a few units more than the call
/// needs; later calls in this process spend them locally, with no round trip. Every admitted unit was granted by the
/// script under the limit, so leasing never admits past it; the cost is that units leased by one process and not yet
/// spent can make another process's call be refused while they are outstanding (at most
/// <c>min(LeaseSize, remaining / LeaseDivisor)</c> per process and scope). Dispose returns them. With
/// <c>LeaseSize = 0</c> (exact mode) every take is a round trip and nothing is held back.
/// </para>
/// <para>
/// Faults: a command that fails or exceeds the connection's timeout (<see cref="RedisFleet.Configure"/> bounds it to
/// 500 ms and queues nothing while disconnected) is answered by <see cref="RedisSharedBudgetOptions.FaultPolicy"/>:
/// by default destructive tools and model calls are refused, read-only tools admitted. Units admitted open, and
/// <see cref="Add"/> calls that could not be sent, are kept as one number per scope and recorded with the next
/// successful round trip.
/// </para>
/// </remarks>
public sealed class RedisSharedBudget : ISharedBudget, IDisposable, IAsyncDisposable
{
    // KEYS[1] the scope's hash. ARGV: 1 units the call needs, 2 lease wanted beyond them, 3 the configured limit,
    // 4 lease divisor, 5 expiry in ms (0: none), 6 units to record first (usage learned earlier, or given back).
    // Returns the units granted (need + lease), or -1 (nothing taken) when need does not fit.
    private const string TakeScript = """
        local pending = tonumber(ARGV[6])
        if pending ~= 0 then
          if redis.call('HINCRBY', KEYS[1], 'used', pending) < 0 then redis.call('HSET', KEYS[1], 'used', 0) end
        end
        local used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
        local limit = tonumber(redis.call('HGET', KEYS[1], 'limit') or ARGV[3])
        local need = tonumber(ARGV[1])
        local available = limit - used
        local granted = -1
        if available >= need then
          local lease = math.floor((available - need) / tonumber(ARGV[4]))
          if lease > tonumber(ARGV[2]) then lease = tonumber(ARGV[2]) end
          granted = need + lease
          if granted > 0 then redis.call('HINCRBY', KEYS[1], 'used', granted) end
        end
        local expiry = tonumber(ARGV[5])
        if expiry > 0 then redis.call('PEXPIRE', KEYS[1], expiry) end
        return granted
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisSharedBudgetOptions _options;
    private readonly ConcurrentDictionary<string, ScopeState> _scopes = new(StringComparer.Ordinal);
    private readonly long _expiry;

    /// <summary>Creates the budget on a connection (see <see cref="RedisFleet.ConnectAsync"/> for the settings it expects).</summary>
    public RedisSharedBudget(IConnectionMultiplexer redis, RedisSharedBudgetOptions options)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _expiry = (long)options.Expiry.TotalMilliseconds;
    }

    /// <summary>Round trips made by <see cref="TryTake(string, long, ToolEffect)"/> (for measurement: with leases, most takes make none).</summary>
    public long RoundTrips => System.Threading.Interlocked.Read(ref _roundTrips);

    private long _roundTrips;

    /// <summary>The Redis key of a scope.</summary>
    public string KeyOf(string scope) => _options.KeyPrefix + ":budget:" + RequireScope(scope);

    /// <inheritdoc/>
    public bool TryTake(string scope, long amount, ToolEffect effect)
    {
        RequireScope(scope);
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "The amount cannot be negative.");
        }

        var state = _scopes.GetOrAdd(scope, static _ => new ScopeState());
        lock (state)
        {
            if (state.Leased >= amount)
            {
                state.Leased -= amount;
                return true;
            }

            var need = amount - state.Leased;
            long granted;
            try
            {
                System.Threading.Interlocked.Increment(ref _roundTrips);
                granted = (long)_redis.GetDatabase().ScriptEvaluate(TakeScript, [KeyOf(scope)], [need, _options.LeaseSize, LimitOf(scope), _options.LeaseDivisor, _expiry, state.Pending]);
                state.Pending = 0;
            }
            catch (Exception e) when (RedisFaultPolicy.IsFault(e))
            {
                if (_options.FaultPolicy.For(effect) == RedisFaultMode.FailOpen)
                {
                    state.Pending += amount; // recorded with the next round trip that succeeds
                    return true;
                }

                return false;
            }

            if (granted < 0)
            {
                return false; // the local lease stays for smaller calls
            }

            state.Leased = state.Leased + granted - amount;
            return true;
        }
    }

    /// <summary>Takes <paramref name="amount"/> units for a call that declares no effect (a model call: fails closed by default).</summary>
    public bool TryTake(string scope, long amount) => TryTake(scope, amount, ToolEffect.Unspecified);

    /// <inheritdoc/>
    public void Add(string scope, long amount)
    {
        RequireScope(scope);
        var state = _scopes.GetOrAdd(scope, static _ => new ScopeState());
        lock (state)
        {
            if ((amount < 0 && _options.LeaseSize > 0) || (amount >= 0 && state.Leased >= amount))
            {
                // Units given back to the lease (exact mode sends them at once), or usage this process holds a lease
                // for: no round trip.
                state.Leased -= amount;
                return;
            }

            state.Pending += amount - state.Leased;
            state.Leased = 0;
            Flush(scope, state);
        }
    }

    /// <summary>Units used in a scope across the fleet (leased units included), as Redis counts them.</summary>
    public async Task<long> GetUsedAsync(string scope)
    {
        var used = await _redis.GetDatabase().HashGetAsync(KeyOf(scope), "used").ConfigureAwait(false);
        return used.IsNull ? 0 : (long)used;
    }

    /// <summary>Stores a scope's limit in Redis, where it overrides <see cref="RedisSharedBudgetOptions.Limit"/> for every process.</summary>
    public async Task SetLimitAsync(string scope, long limit)
    {
        if (limit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit cannot be negative.");
        }

        await _redis.GetDatabase().HashSetAsync(KeyOf(scope), "limit", limit).ConfigureAwait(false);
    }

    /// <summary>Gives this process's unused leases back and records pending usage (what <see cref="Dispose"/> does). Returns false when Redis could not be reached.</summary>
    public bool ReturnLeases()
    {
        var complete = true;
        foreach (var entry in _scopes)
        {
            lock (entry.Value)
            {
                entry.Value.Pending -= entry.Value.Leased;
                entry.Value.Leased = 0;
                complete &= Flush(entry.Key, entry.Value);
            }
        }

        return complete;
    }

    /// <summary>Returns unused leases (see <see cref="ReturnLeases"/>).</summary>
    public void Dispose() => ReturnLeases();

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        ReturnLeases();
        return default;
    }

    // Under the scope's lock: records pending units with the take script (asking for nothing).
    private bool Flush(string scope, ScopeState state)
    {
        if (state.Pending == 0)
        {
            return true;
        }

        try
        {
            _redis.GetDatabase().ScriptEvaluate(TakeScript, [KeyOf(scope)], [0, 0, LimitOf(scope), _options.LeaseDivisor, _expiry, state.Pending]);
            state.Pending = 0;
            return true;
        }
        catch (Exception e) when (RedisFaultPolicy.IsFault(e))
        {
            return false; // kept, and sent with the next round trip
        }
    }

    private long LimitOf(string scope) => _options.Limit is { } limit ? limit(scope) : _options.DefaultLimit;

    private static string RequireScope(string scope) =>
        string.IsNullOrWhiteSpace(scope) ? throw new ArgumentException("A budget scope is required, e.g. \"session:42\".", nameof(scope)) : scope;

    private sealed class ScopeState
    {
        public long Leased;
        public long Pending;
    }
}
