using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace AgentRules.Redis;

/// <summary>
/// A kill switch for a whole fleet of processes, kept in Redis: tripping it (from code, or with one <c>redis-cli</c>
/// line) stops every connected process, and a process that starts or reconnects after the trip sees it at once.
/// The state is mirrored into each process's local <see cref="KillSwitch.Global"/> and <see cref="KillSwitch.ForAgent"/>
/// switches, so generated tool wrappers, pipeline guards and loops that check those stop with no change to their code.
/// </summary>
/// <remarks>
/// <para>
/// The state is one Redis hash, <c>{prefix}:killswitch</c> (prefix <c>agentrules</c> by default): field <c>global</c>
/// stops every agent, field <c>agent:{name}</c> stops one; each field holds the reason. Writers announce a change on
/// the pub/sub channel of the same name; on each message every process reads the hash again (one round trip) and
/// applies it. The hash is also read when the process starts, after every reconnection, and every
/// <see cref="RedisKillSwitchOptions.PollInterval"/>, so a lost message delays a trip by at most that interval.
/// </para>
/// <para>
/// On-call, with no knowledge of the application:
/// <c>redis-cli HSET agentrules:killswitch global "incident 4711" &amp;&amp; redis-cli PUBLISH agentrules:killswitch global</c>;
/// re-arm with <c>HDEL</c> instead of <c>HSET</c>. See docs/kill-switch.md.
/// </para>
/// </remarks>
public sealed class RedisKillSwitch : IDisposable, IAsyncDisposable
{
    /// <summary>The hash field that stops every agent.</summary>
    public const string GlobalField = "global";

    /// <summary>The prefix of the hash fields that stop one agent: <c>agent:{name}</c>.</summary>
    public const string AgentFieldPrefix = "agent:";

    private const string WriteScript = """
        if ARGV[2] == '' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
        return redis.call('PUBLISH', KEYS[1], ARGV[1])
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKillSwitchOptions _options;
    private readonly RedisKey _key;
    private readonly RedisChannel _channel;
    private readonly object _gate = new();
    private readonly HashSet<string> _mirroredAgents = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, string> _state = new(StringComparer.OrdinalIgnoreCase);
    private Timer? _timer;
    private long _readSequence;
    private long _appliedSequence;
    private long _lastReadTimestamp;
    private int _polling;
    private int _subscribed;
    private bool _unreachable;
    private bool _mirroredGlobal;
    private int _disposed;

    private RedisKillSwitch(IConnectionMultiplexer redis, RedisKillSwitchOptions options)
    {
        _redis = redis;
        _options = options;
        _key = new RedisKey(options.KeyPrefix + ":killswitch");
        _channel = RedisChannel.Literal(options.KeyPrefix + ":killswitch");
        _lastReadTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>The Redis hash that holds the state, and the pub/sub channel that announces changes (same name).</summary>
    public string Key => _key.ToString();

    /// <summary>True while the fleet's global switch is tripped (as last read), or this process applies its fail-closed policy.</summary>
    public bool IsTripped
    {
        get
        {
            lock (_gate)
            {
                return _unreachable || _state.ContainsKey(GlobalField);
            }
        }
    }

    /// <summary>The fleet's global reason as last read, or why the process failed closed; null while not tripped.</summary>
    public string? Reason
    {
        get
        {
            lock (_gate)
            {
                return _state.TryGetValue(GlobalField, out var reason) ? reason : _unreachable ? UnreachableReason() : null;
            }
        }
    }

    /// <summary>True when the last successful read found the switch state older than the unreachable grace (Redis is not answering).</summary>
    public bool IsStale => Elapsed(Volatile.Read(ref _lastReadTimestamp)) > _options.UnreachableGrace;

    /// <summary>
    /// Connects the switch: subscribes to the channel, reads the state once (applying a trip that happened before this
    /// process started) and starts polling. Returns even when Redis is unreachable; the fault policy then applies.
    /// </summary>
    public static async Task<RedisKillSwitch> StartAsync(IConnectionMultiplexer redis, RedisKillSwitchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        options ??= new RedisKillSwitchOptions();
        options.Validate();
        var killSwitch = new RedisKillSwitch(redis, options);
        redis.ConnectionRestored += killSwitch.OnConnectionRestored;
        await killSwitch.SubscribeAsync().ConfigureAwait(false);
        await killSwitch.RefreshAsync().ConfigureAwait(false);
        killSwitch._timer = new Timer(static state => ((RedisKillSwitch)state!).Poll(), killSwitch, options.PollInterval, options.PollInterval);
        return killSwitch;
    }

    /// <summary>True while the agent's fleet switch, or the global one, is tripped (as last read).</summary>
    public bool IsAgentTripped(string agentName)
    {
        RequireAgent(agentName);
        lock (_gate)
        {
            return _unreachable || _state.ContainsKey(GlobalField) || _state.ContainsKey(AgentFieldPrefix + agentName);
        }
    }

    /// <summary>Trips the global switch of every process of the fleet, this one included (before this returns).</summary>
    public Task TripAsync(string reason) => WriteAsync(GlobalField, RequireReason(reason));

    /// <summary>Trips one agent's switch in every process of the fleet.</summary>
    public Task TripAgentAsync(string agentName, string reason) => WriteAsync(AgentFieldPrefix + RequireAgent(agentName), RequireReason(reason));

    /// <summary>Re-arms the global switch in every process (agent trips stay).</summary>
    public Task ResetAsync() => WriteAsync(GlobalField, string.Empty);

    /// <summary>Re-arms one agent's switch in every process.</summary>
    public Task ResetAgentAsync(string agentName) => WriteAsync(AgentFieldPrefix + RequireAgent(agentName), string.Empty);

    /// <summary>Reads the state from Redis now and applies it (what a notification, a reconnection and the poll do).</summary>
    public async Task RefreshAsync()
    {
        var sequence = Interlocked.Increment(ref _readSequence);
        HashEntry[] entries;
        try
        {
            entries = await _redis.GetDatabase().HashGetAllAsync(_key).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFaultPolicy.IsFault(e))
        {
            ReadFailed();
            return;
        }

        Apply(sequence, entries);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _timer?.Dispose();
        _redis.ConnectionRestored -= OnConnectionRestored;
        try
        {
            _redis.GetSubscriber().Unsubscribe(_channel, OnMessage, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (RedisFaultPolicy.IsFault(e))
        {
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private async Task WriteAsync(string field, string reason)
    {
        await _redis.GetDatabase().ScriptEvaluateAsync(WriteScript, [_key], [field, reason]).ConfigureAwait(false);
        await RefreshAsync().ConfigureAwait(false);
    }

    private async Task SubscribeAsync()
    {
        if (Interlocked.CompareExchange(ref _subscribed, 1, 0) != 0)
        {
            return;
        }

        try
        {
            await _redis.GetSubscriber().SubscribeAsync(_channel, OnMessage).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFaultPolicy.IsFault(e))
        {
            Volatile.Write(ref _subscribed, 0); // retried after the next reconnection and by the poll
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue message) => _ = RefreshAsync();

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        // StackExchange.Redis re-establishes subscriptions itself; a message sent while the connection was down is
        // lost, so the hash is read again.
        _ = SubscribeThenRefreshAsync();
    }

    private async Task SubscribeThenRefreshAsync()
    {
        await SubscribeAsync().ConfigureAwait(false);
        await RefreshAsync().ConfigureAwait(false);
    }

    private void Poll()
    {
        if (Volatile.Read(ref _disposed) != 0 || Interlocked.Exchange(ref _polling, 1) != 0)
        {
            return; // the previous poll is still waiting (bounded by the command timeout)
        }

        _ = PollAsync();
    }

    private async Task PollAsync()
    {
        try
        {
            await SubscribeThenRefreshAsync().ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    private void Apply(long sequence, HashEntry[] entries)
    {
        var state = new Dictionary<string, string>(entries.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var reason = entry.Value.ToString();
            state[entry.Name.ToString()] = string.IsNullOrWhiteSpace(reason) ? "tripped" : reason;
        }

        lock (_gate)
        {
            // Replies on one connection arrive in order, so a read that started later saw a later state.
            if (sequence < _appliedSequence)
            {
                return;
            }

            _appliedSequence = sequence;
            Volatile.Write(ref _lastReadTimestamp, Stopwatch.GetTimestamp());
            _state = state;
            _unreachable = false;
            MirrorLocked();
        }
    }

    private void ReadFailed()
    {
        lock (_gate)
        {
            if (_options.WhenUnreachable == RedisFaultMode.FailClosed && !_unreachable && IsStale)
            {
                _unreachable = true;
                MirrorLocked();
            }
        }
    }

    // Under _gate: makes the local switches say what the fleet state says. Only switches this instance tripped are
    // reset, so a local trip (a file watch, an admin endpoint) is never undone by the fleet.
    private void MirrorLocked()
    {
        if (!_options.MirrorToLocal || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var global = _state.TryGetValue(GlobalField, out var reason) ? Describe(GlobalField, reason) : _unreachable ? UnreachableReason() : null;
        if (global is not null)
        {
            _mirroredGlobal |= KillSwitch.Global.Trip(global);
        }
        else if (_mirroredGlobal)
        {
            _mirroredGlobal = false;
            _mirroredAgents.Clear(); // resetting the global switch resets every agent's; tripped ones are tripped again below
            KillSwitch.Global.Reset();
        }

        List<string>? released = null;
        foreach (var agent in _mirroredAgents)
        {
            if (!_state.ContainsKey(AgentFieldPrefix + agent))
            {
                (released ??= []).Add(agent);
            }
        }

        foreach (var agent in released ?? [])
        {
            _mirroredAgents.Remove(agent);
            KillSwitch.ForAgent(agent).Reset();
        }

        foreach (var entry in _state)
        {
            if (entry.Key.StartsWith(AgentFieldPrefix, StringComparison.OrdinalIgnoreCase) && entry.Key.Length > AgentFieldPrefix.Length)
            {
                var agent = entry.Key.Substring(AgentFieldPrefix.Length);
                if (!string.IsNullOrWhiteSpace(agent) && KillSwitch.ForAgent(agent).Trip(Describe(entry.Key, entry.Value)))
                {
                    _mirroredAgents.Add(agent);
                }
            }
        }
    }

    private string Describe(string field, string reason) => $"fleet kill switch ({_key} {field}): {reason}";

    private string UnreachableReason() =>
        $"fleet kill switch ({_key}) unreadable for more than {_options.UnreachableGrace.TotalSeconds:0.#} s: Redis is unreachable, failing closed";

    private static TimeSpan Elapsed(long since) =>
        TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - since) / (double)Stopwatch.Frequency);

    private static string RequireAgent(string agentName) =>
        string.IsNullOrWhiteSpace(agentName) ? throw new ArgumentException("An agent name is required.", nameof(agentName)) : agentName;

    private static string RequireReason(string reason) => string.IsNullOrWhiteSpace(reason) ? "tripped" : reason;
}
