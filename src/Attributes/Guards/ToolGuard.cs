using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AgentRules;

/// <summary>
/// The guard of one agent session: before every tool call it checks, in this order, the kill switch (global and the
/// agent's), the tool's environment scope, the session budget (total calls, total cost units, per-tool call limits)
/// and repeated identical calls. A refused call returns a <see cref="ToolRefusal"/> that says why; nothing throws.
/// </summary>
/// <remarks>
/// <para>
/// Create one per session (conversation, run, request) and pass it to the generated wrappers:
/// <c>SupportTools.CreateAIFunctions(tools, guard)</c> or <c>tools.GetCustomerGuarded(guard, 42)</c>.
/// </para>
/// <para>
/// The guard is thread-safe and exact under contention: concurrent calls never overrun a limit, not even by one.
/// Admission takes one atomic operation when uncontended and allocates nothing; a refusal allocates its message.
/// A call that begins after <see cref="KillSwitch.Trip"/> has returned is always refused.
/// </para>
/// </remarks>
public sealed class ToolGuard
{
    private readonly KillSwitch _killSwitch;
    private readonly string? _environment;
    private readonly int _maxCalls;
    private readonly int _maxCost;
    private readonly int _maxIdentical;
    private readonly Dictionary<string, int>? _perToolLimits;
    private readonly HashSet<string>? _exempt;
    private readonly ulong[] _window;

    // How many window entries fall in each of 64 buckets (by the hash's top bits): a call whose bucket holds fewer
    // than the limit cannot be a duplicate, so the window is scanned only when it might be.
    private readonly int[] _buckets = new int[64];
    private readonly int[] _refusals = new int[5];

    // Session state, guarded by _lock (a spin lock: the critical section is a handful of loads and stores).
    private int _lock;
    private int _calls;
    private long _cost;
    private ToolSlot[] _slots = new ToolSlot[8];
    private ulong _lastHash;
    private int _consecutive;
    private int _windowNext;
    private int _windowCount;

    /// <summary>A guard with the default options: no budget limits beyond the tools' own, duplicate detection on.</summary>
    public ToolGuard()
        : this(new ToolGuardOptions())
    {
    }

    /// <summary>A guard with the given limits (read once; later changes to <paramref name="options"/> do not apply).</summary>
    public ToolGuard(ToolGuardOptions options)
    {
        Requires.NotNull(options, nameof(options));

        if (options.MaxCalls < 0 || options.MaxCost < 0 || options.MaxIdenticalCalls < 0 || options.DuplicateWindow < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Limits cannot be negative.");
        }

        AgentName = string.IsNullOrWhiteSpace(options.AgentName) ? null : options.AgentName;
        _killSwitch = AgentName is null ? KillSwitch.Global : KillSwitch.ForAgent(AgentName);
        _environment = string.IsNullOrWhiteSpace(options.Environment) ? null : options.Environment!.Trim();
        _maxCalls = options.MaxCalls;
        _maxCost = options.MaxCost;
        _maxIdentical = options.MaxIdenticalCalls;
        _window = new ulong[options.MaxIdenticalCalls == 0 ? 0 : options.DuplicateWindow];
        _perToolLimits = options.MaxCallsPerTool.Count == 0 ? null : new Dictionary<string, int>(options.MaxCallsPerTool, StringComparer.OrdinalIgnoreCase);
        _exempt = options.DuplicateCheckExemptTools.Count == 0 ? null : new HashSet<string>(options.DuplicateCheckExemptTools, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The agent's name, or null when only the global kill switch applies.</summary>
    public string? AgentName { get; }

    /// <summary>The switch that stops this session: the agent's (tripped by the global one too), else the global one.</summary>
    public KillSwitch KillSwitch => _killSwitch;

    /// <summary>The environment this session runs in: the one set in the options, else <see cref="AgentEnvironment.Current"/>.</summary>
    public string Environment => _environment ?? AgentEnvironment.Current;

    /// <summary>Tool calls admitted so far.</summary>
    public int CallCount => Volatile.Read(ref _calls);

    /// <summary>Cost units spent so far.</summary>
    public long CostSpent => Interlocked.Read(ref _cost);

    /// <summary>True when the tool may run in this session's environment: what the generated factories use to leave tools out of the model's tool list.</summary>
    public bool IsAllowed(ToolDescriptor tool)
    {
        Requires.NotNull(tool, nameof(tool));

        return tool.IsAllowedIn(Environment);
    }

    /// <summary>Admitted calls of one tool so far.</summary>
    public int CallsTo(ToolDescriptor tool)
    {
        Requires.NotNull(tool, nameof(tool));

        Enter();
        var calls = tool.Id < _slots.Length ? _slots[tool.Id].Calls : 0;
        Exit();
        return calls;
    }

    /// <summary>How many calls were refused for <paramref name="reason"/> so far.</summary>
    public int RefusalCount(ToolRefusalReason reason) =>
        reason is > ToolRefusalReason.None and <= ToolRefusalReason.Duplicate ? Volatile.Read(ref _refusals[(int)reason]) : 0;

    /// <summary>
    /// Checks a call and, when admitted, counts it against the session's budget and duplicate history; starts the
    /// call's trace span when anyone listens to the <c>AgentRules</c> activity source. Generated wrappers call this;
    /// complete the returned call with <see cref="GuardedToolCall.Complete"/> or <see cref="GuardedToolCall.Fail"/>.
    /// </summary>
    /// <param name="tool">The tool's descriptor.</param>
    /// <param name="argumentsHash">A hash of the tool and its arguments (<see cref="ToolArgumentHash"/>).</param>
    /// <param name="callId">The model's tool call id, when known (traced as <c>gen_ai.tool.call.id</c>).</param>
    public GuardedToolCall Begin(ToolDescriptor tool, ulong argumentsHash, string? callId = null)
    {
        var activity = AgentRulesTelemetry.StartToolActivity(tool, callId);
        var refusal = Check(tool, argumentsHash);
        if (refusal.IsRefused)
        {
            AgentRulesTelemetry.Refused(activity, refusal);
            return new GuardedToolCall(refusal, null);
        }

        return new GuardedToolCall(default, activity);
    }

    /// <summary>
    /// The fast path of generated wrappers: admits and counts the call when every check passes and nobody traces
    /// tool calls, so the caller can run the tool with nothing to end afterwards. Returns false, counting nothing,
    /// when the call is refused or traced: the caller then goes through <see cref="Begin"/>, which decides again and
    /// returns the refusal or the call's span.
    /// </summary>
    /// <param name="tool">The tool's descriptor.</param>
    /// <param name="argumentsHash">A hash of the tool and its arguments (<see cref="ToolArgumentHash"/>).</param>
    public bool TryAdmit(ToolDescriptor tool, ulong argumentsHash)
    {
        Requires.NotNull(tool, nameof(tool));

        return !AgentRulesTelemetry.IsTracing && Decide(tool, argumentsHash, out _) == Failure.None;
    }

    /// <summary>
    /// Checks a call without tracing: kill switch, environment, budget, duplicates. When admitted, the call is
    /// counted; when refused, nothing is.
    /// </summary>
    public ToolRefusal Check(ToolDescriptor tool, ulong argumentsHash)
    {
        Requires.NotNull(tool, nameof(tool));

        var failure = Decide(tool, argumentsHash, out var count);
        return failure == Failure.None ? default : Refuse(tool, failure, count);
    }
    /// <summary>Forgets the session's calls, costs and duplicate history (the options and kill switch stay).</summary>
    public void Reset()
    {
        Enter();
        _calls = 0;
        _cost = 0;
        Array.Clear(_slots, 0, _slots.Length);
        Array.Clear(_buckets, 0, _buckets.Length);
        _lastHash = 0;
        _consecutive = 0;
        _windowNext = 0;
        _windowCount = 0;
        Exit();
        for (var i = 0; i < _refusals.Length; i++)
        {
            Volatile.Write(ref _refusals[i], 0);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "ToolGuard({0}, {1} calls, {2} cost units)", AgentName ?? "global", CallCount, CostSpent);

    // The whole decision, shared by the fast and the traced path: the checks in their order, and when every one
    // passes, the call recorded. Refusal messages are built elsewhere (Refuse), so this stays small and cheap.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Failure Decide(ToolDescriptor tool, ulong argumentsHash, out int count)
    {
        count = 0;

        // 1. Kill switch: volatile reads. Trip publishes its state before it returns, so a check that starts after
        // Trip has returned always sees it.
        if (_killSwitch.IsTripped)
        {
            return Failure.KillSwitch;
        }

        // 2. Environment scope: cached per tool and environment instance.
        if (tool.HasEnvironmentScope && !tool.IsAllowedIn(Environment))
        {
            return Failure.Environment;
        }

        // 3 and 4. Budget, then duplicates, decided and recorded atomically.
        Enter();
        ref var slot = ref Slot(tool);
        var failure = Failure.None;
        if (_maxCalls > 0 && _calls >= _maxCalls)
        {
            failure = Failure.Calls;
        }
        else if (_maxCost > 0 && _cost + tool.Cost > _maxCost)
        {
            failure = Failure.Cost;
            count = (int)Math.Min(int.MaxValue, _cost);
        }
        else if (slot.Limit > 0 && slot.Calls >= slot.Limit)
        {
            failure = Failure.ToolCalls;
            count = slot.Limit;
        }
        else if (_maxIdentical > 0 && !slot.Exempt)
        {
            if (_consecutive >= _maxIdentical && _lastHash == argumentsHash)
            {
                failure = Failure.InARow;
                count = _consecutive;
            }
            else if (_buckets[Bucket(argumentsHash)] >= _maxIdentical && (count = CountInWindow(argumentsHash, _maxIdentical)) >= _maxIdentical)
            {
                failure = Failure.InWindow;
            }
        }

        if (failure == Failure.None)
        {
            _calls++;
            _cost += tool.Cost;
            slot.Calls++;
            if (_maxIdentical > 0 && !slot.Exempt)
            {
                Remember(argumentsHash);
            }
        }

        Exit();
        return failure;
    }

    // Cold: only refused calls get here; the message is the one allocation a refusal makes.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ToolRefusal Refuse(ToolDescriptor tool, Failure failure, int count)
    {
        var reason = failure switch
        {
            Failure.KillSwitch => ToolRefusalReason.KillSwitch,
            Failure.Environment => ToolRefusalReason.Environment,
            Failure.InARow or Failure.InWindow => ToolRefusalReason.Duplicate,
            _ => ToolRefusalReason.Budget,
        };
        var message = failure switch
        {
            Failure.KillSwitch => $"Tool call refused (kill switch): '{tool.Name}' was not run because the kill switch '{_killSwitch.Name}' is tripped ({_killSwitch.Reason ?? "tripped"}). Stop calling tools.",
            Failure.Environment => $"Tool call refused (environment): '{tool.Name}' may run only in {string.Join(", ", tool.Environments)}; this session runs in {Environment}.",
            Failure.Calls => $"Tool call refused (budget): '{tool.Name}' was not run because the session's budget of {_maxCalls} tool calls is spent.",
            Failure.Cost => $"Tool call refused (budget): '{tool.Name}' costs {tool.Cost} and the session has spent {count} of its {_maxCost} cost units.",
            Failure.ToolCalls => $"Tool call refused (budget): '{tool.Name}' may be called at most {count} times per session.",
            Failure.InARow => $"Tool call refused (duplicate): '{tool.Name}' was just called {count} times in a row with the same arguments. Use the earlier result or change the arguments.",
            _ => $"Tool call refused (duplicate): '{tool.Name}' was called {count} times with the same arguments within the last {_window.Length} calls. Use the earlier result or change the arguments.",
        };
        Interlocked.Increment(ref _refusals[(int)reason]);
        return new ToolRefusal(reason, message);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ToolSlot Slot(ToolDescriptor tool)
    {
        var slots = _slots;
        var id = tool.Id;
        if ((uint)id < (uint)slots.Length && slots[id].Resolved)
        {
            return ref slots[id];
        }

        return ref ResolveSlot(tool);
    }

    private ref ToolSlot ResolveSlot(ToolDescriptor tool)
    {
        var id = tool.Id;
        if (id >= _slots.Length)
        {
            var grown = new ToolSlot[Math.Max(id + 1, _slots.Length * 2)];
            Array.Copy(_slots, grown, _slots.Length);
            _slots = grown;
        }

        ref var slot = ref _slots[id];
        if (!slot.Resolved)
        {
            slot.Resolved = true;
            slot.Limit = _perToolLimits is not null && _perToolLimits.TryGetValue(tool.Name, out var limit) ? Math.Max(0, limit) : tool.MaxCalls;
            slot.Exempt = _exempt is not null && _exempt.Contains(tool.Name);
        }

        return ref slot;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bucket(ulong hash) => (int)(hash >> 58);

    private int CountInWindow(ulong hash, int enough)
    {
        var count = 0;
        var window = _window;
        var length = Math.Min(_windowCount, window.Length);
        for (var i = 0; i < length; i++)
        {
            if (window[i] == hash && ++count == enough)
            {
                break;
            }
        }

        return count;
    }

    private void Remember(ulong hash)
    {
        if (_consecutive > 0 && _lastHash == hash)
        {
            _consecutive++;
        }
        else
        {
            _lastHash = hash;
            _consecutive = 1;
        }

        var window = _window;
        if (window.Length > 0)
        {
            if (_windowCount == window.Length)
            {
                _buckets[Bucket(window[_windowNext])]--; // the oldest entry leaves the window
            }
            else
            {
                _windowCount++;
            }

            window[_windowNext] = hash;
            _buckets[Bucket(hash)]++;
            if (++_windowNext == window.Length)
            {
                _windowNext = 0;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enter()
    {
        if (Interlocked.CompareExchange(ref _lock, 1, 0) != 0)
        {
            EnterContended();
        }
    }

    private void EnterContended()
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _lock) != 0 || Interlocked.CompareExchange(ref _lock, 1, 0) != 0)
        {
            spinner.SpinOnce();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Exit() => Volatile.Write(ref _lock, 0);

    private enum Failure
    {
        None,
        KillSwitch,
        Environment,
        Calls,
        Cost,
        ToolCalls,
        InARow,
        InWindow,
    }

    private struct ToolSlot
    {
        public int Calls;
        public int Limit;
        public bool Resolved;
        public bool Exempt;
    }
}
