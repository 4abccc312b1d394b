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

    // The limits as ceilings for the fast test (the largest value when there is no limit); Classify uses the limits.
    private readonly int _callCeiling;
    private readonly long _costCeiling;
    private readonly Dictionary<string, int>? _perToolLimits;
    private readonly HashSet<string>? _exempt;
    private readonly ulong[] _window;

    // A budget shared with other processes, and the scope this session spends; null when none is configured. With one,
    // every slot's ceiling is 0, so the fast path steps aside and costs nothing more when there is none.
    private readonly ISharedBudget? _sharedBudget;
    private readonly string? _sharedScope;

    // How many window entries fall in each of 64 buckets (by the hash's top bits): a call whose bucket holds fewer
    // than the limit cannot be a duplicate, so the window is scanned only when it might be. The window starts full of
    // empty entries (0, counted in bucket 0), so recording a call never asks whether the window is full yet.
    private readonly int[] _buckets = new int[64];
    private readonly int[] _refusals = new int[5];

    // Session state, guarded by _lock (a spin lock: the critical section is a handful of loads and stores).
    private int _lock;
    private int _calls;
    private long _cost;
    private ToolSlot[] _slots = new ToolSlot[8];

    // The descriptor behind each resolved dense slot, held so that its id cannot be reused while this guard counts
    // calls under it (ToolDescriptor recycles the ids of collected descriptors). Never read on the fast path.
    private ToolDescriptor?[] _owners = new ToolDescriptor?[8];
    private int _resetGeneration;

    // Slots of tools whose process-wide id is DenseSlots or more (descriptors created at run time, by the thousand):
    // keyed by the descriptor and dropped with it, so the dense table above never grows past DenseSlots entries.
    private ConditionalWeakTable<ToolDescriptor, OverflowSlot>? _overflow;
    private ulong _lastHash;
    private int _consecutive;
    private int _windowNext;

    /// <summary>A guard with the default options: no budget limits beyond the tools' own, duplicate detection on.</summary>
    public ToolGuard()
        : this(new ToolGuardOptions())
    {
    }

    /// <summary>A guard with the given limits (read once; later changes to <paramref name="options"/> do not apply).</summary>
    public ToolGuard(ToolGuardOptions options)
    {
        Requires.NotNull(options, nameof(options));

        Validate(options);

        AgentName = string.IsNullOrWhiteSpace(options.AgentName) ? null : options.AgentName;
        _killSwitch = AgentName is null ? KillSwitch.Global : KillSwitch.ForAgent(AgentName);
        _environment = string.IsNullOrWhiteSpace(options.Environment) ? null : options.Environment!.Trim();
        _maxCalls = options.MaxCalls;
        _maxCost = options.MaxCost;
        _maxIdentical = options.MaxIdenticalCalls;
        _callCeiling = _maxCalls > 0 ? _maxCalls : int.MaxValue;
        _costCeiling = _maxCost > 0 ? _maxCost : long.MaxValue;
        _window = new ulong[options.MaxIdenticalCalls == 0 ? 0 : options.DuplicateWindow];
        _perToolLimits = options.MaxCallsPerTool.Count == 0 ? null : new Dictionary<string, int>(options.MaxCallsPerTool, StringComparer.OrdinalIgnoreCase);
        _exempt = options.DuplicateCheckExemptTools.Count == 0 ? null : new HashSet<string>(options.DuplicateCheckExemptTools, StringComparer.OrdinalIgnoreCase);
        _buckets[0] = _window.Length;
        if (options.SharedBudget is not null)
        {
            if (string.IsNullOrWhiteSpace(options.SharedBudgetScope))
            {
                throw new ArgumentException("ToolGuardOptions.SharedBudgetScope is required when SharedBudget is set (e.g. \"session:42\").", nameof(options));
            }

            _sharedBudget = options.SharedBudget;
            _sharedScope = options.SharedBudgetScope;
        }
    }

    /// <summary>The largest <see cref="ToolGuardOptions.DuplicateWindow"/>: the window is an array every guard allocates.</summary>
    public const int MaxDuplicateWindow = 1024;

    // How many tools (by ToolDescriptor.Id) get a slot in the dense table the fast path indexes: 16 KB per guard at
    // most. Ids are reused lowest first once their descriptors are collected, so they stay below this unless more
    // descriptors than this are alive at once; the others use the overflow table (the full path).
    internal const int DenseSlots = 1024;

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

        var overflow = tool.Id >= DenseSlots ? FindOverflow(tool, create: false) : null;
        Enter();
        var calls = overflow is not null ? (overflow.Generation == _resetGeneration ? overflow.Slot.Calls : 0)
            : tool.Id < _slots.Length ? _slots[tool.Id].Calls : 0;
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
    /// The fast path of generated wrappers: admits and counts the call when it is certain that every check passes and
    /// nobody traces tool calls, so the caller can run the tool with nothing to end afterwards. Returns false, having
    /// changed nothing, otherwise (a refusal, a trace listener, the tool's first call in the session, a limit reached,
    /// a possible duplicate, another thread in the guard): the caller then goes through <see cref="Begin"/>, which
    /// decides in full and returns the refusal or the call's span.
    /// </summary>
    /// <param name="tool">The tool's descriptor.</param>
    /// <param name="argumentsHash">A hash of the tool and its arguments (<see cref="ToolArgumentHash"/>).</param>
    public bool TryAdmit(ToolDescriptor tool, ulong argumentsHash)
    {
        Requires.NotNull(tool, nameof(tool));

        // Everything that can send the call to the full path is a test that returns false: no call is made from
        // here, so the generated wrapper that inlines this keeps its registers and stays small.
        if (AgentRulesTelemetry.IsTracing
            || _killSwitch.IsTripped
            || (tool.HasEnvironmentScope && !tool.IsKnownAllowedIn(_environment ?? AgentEnvironment.CurrentIfKnown))
            || Interlocked.CompareExchange(ref _lock, 1, 0) != 0)
        {
            return false;
        }

        // A slot not resolved yet (the tool's first call in the session) has a ceiling of 0: TryRecord declines it.
        var slots = _slots;
        var id = tool.Id;
        if ((uint)id < (uint)slots.Length && TryRecord(tool, argumentsHash, ref slots[id]))
        {
            Exit();
            return true;
        }

        Exit();
        return false;
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
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i].Calls = 0; // the slot's limit and duplicate setting stay: they come from the options
        }

        _resetGeneration++; // overflow slots count from 0 again when next used

        Array.Clear(_buckets, 0, _buckets.Length);
        Array.Clear(_window, 0, _window.Length);
        _buckets[0] = _window.Length;
        _lastHash = 0;
        _consecutive = 0;
        _windowNext = 0;
        Exit();
        for (var i = 0; i < _refusals.Length; i++)
        {
            Volatile.Write(ref _refusals[i], 0);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "ToolGuard({0}, {1} calls, {2} cost units)", AgentName ?? "global", CallCount, CostSpent);

    // Every limit the same way: a negative one is a mistake, never "no limit" (0 says that), and the exception names the
    // option and the value. The duplicate window is bounded because every guard allocates it.
    private static void Validate(ToolGuardOptions options)
    {
        NotNegative(options.MaxCalls, "options.MaxCalls");
        NotNegative(options.MaxCost, "options.MaxCost");
        NotNegative(options.MaxIdenticalCalls, "options.MaxIdenticalCalls");
        if (options.DuplicateWindow < 0 || options.DuplicateWindow > MaxDuplicateWindow)
        {
            throw new ArgumentOutOfRangeException(
                "options.DuplicateWindow",
                options.DuplicateWindow,
                $"ToolGuardOptions.DuplicateWindow must be between 0 and {MaxDuplicateWindow} (it was {options.DuplicateWindow}).");
        }

        foreach (var entry in options.MaxCallsPerTool)
        {
            if (entry.Value < 0)
            {
                throw new ArgumentOutOfRangeException(
                    "options.MaxCallsPerTool",
                    entry.Value,
                    $"ToolGuardOptions.MaxCallsPerTool[\"{entry.Key}\"] cannot be negative (it was {entry.Value}); 0 removes the tool's limit.");
            }
        }

        static void NotNegative(int value, string name)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"ToolGuardOptions.{name.Substring("options.".Length)} cannot be negative (it was {value}); 0 means no limit.");
            }
        }
    }

    // The whole decision, in the guard's order: kill switch, environment, then budget and duplicates decided and
    // recorded atomically. Refusal messages are built elsewhere (Refuse).
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

        // 3 and 4. Budget, then duplicates. A shared budget is asked first, outside the lock (it may take a round trip),
        // and given its units back when the session's own limits or duplicate check refuse the call after all.
        if (_sharedBudget is not null && !TakeShared(tool))
        {
            return Failure.SharedBudget;
        }

        // An overflow slot is found (or made) before the lock is taken.
        var overflow = tool.Id >= DenseSlots ? FindOverflow(tool, create: true) : null;
        Enter();
        ref var slot = ref (overflow is null ? ref Slot(tool) : ref Current(tool, overflow));
        var failure = Failure.None;
        if (!TryRecord(tool, argumentsHash, ref slot))
        {
            failure = Classify(tool, ref slot, argumentsHash, out count);
            if (failure == Failure.None)
            {
                Record(tool, argumentsHash, ref slot); // the bucket said "maybe a duplicate", the window said no
            }
        }

        Exit();
        if (failure != Failure.None && _sharedBudget is not null)
        {
            ReturnShared(tool);
        }

        return failure;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TakeShared(ToolDescriptor tool)
    {
        try
        {
            return _sharedBudget!.TryTake(_sharedScope!, tool.Cost, tool.Effect);
        }
#pragma warning disable CA1031 // the interface's contract: an implementation that throws refuses the call
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReturnShared(ToolDescriptor tool)
    {
        try
        {
            _sharedBudget!.Add(_sharedScope!, -tool.Cost);
        }
#pragma warning disable CA1031 // a failed give-back leaves the shared budget spent by this call, never overdrawn
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    // Under the lock: records the call and returns true when every limit leaves room and no duplicate is possible;
    // false (nothing recorded) when a limit is reached or a duplicate is possible, for Classify to say which. Short
    // circuits on purpose: a compare-and-branch is one fused instruction, and this path is counted in instructions.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryRecord(ToolDescriptor tool, ulong argumentsHash, ref ToolSlot slot)
    {
        if (_calls >= _callCeiling
            || _cost + tool.Cost > _costCeiling
            || slot.Calls >= slot.Ceiling
            || (slot.Tracked && ((_lastHash == argumentsHash && _consecutive >= _maxIdentical) || _buckets[Bucket(argumentsHash)] >= _maxIdentical)))
        {
            return false;
        }

        Record(tool, argumentsHash, ref slot);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Record(ToolDescriptor tool, ulong argumentsHash, ref ToolSlot slot)
    {
        _calls++;
        _cost += tool.Cost;
        slot.Calls++;
        if (slot.Tracked)
        {
            Remember(argumentsHash);
        }
    }

    // True when limit is set (not 0) and count has reached it: one unsigned comparison.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool OverLimit(int count, int limit) => (uint)(limit - 1) < (uint)count;

    // Under the lock, when TryRecord declined: the first check that fails, in the guard's order (calls, cost, the
    // tool's own limit, in a row, within the window), with the number its message states; None when the bucket's
    // "maybe a duplicate" was not one.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Failure Classify(ToolDescriptor tool, ref ToolSlot slot, ulong argumentsHash, out int count)
    {
        count = 0;
        if (OverLimit(_calls, _maxCalls))
        {
            return Failure.Calls;
        }

        if (_maxCost > 0 && _cost + tool.Cost > _maxCost)
        {
            count = (int)Math.Min(int.MaxValue, _cost);
            return Failure.Cost;
        }

        if (OverLimit(slot.Calls, slot.Limit))
        {
            count = slot.Limit;
            return Failure.ToolCalls;
        }

        if (slot.Tracked)
        {
            if (_consecutive >= _maxIdentical && _lastHash == argumentsHash)
            {
                count = _consecutive;
                return Failure.InARow;
            }

            if ((count = CountInWindow(argumentsHash, _maxIdentical)) >= _maxIdentical)
            {
                return Failure.InWindow;
            }
        }

        count = 0;
        return Failure.None;
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
            Failure.SharedBudget => $"Tool call refused (budget): '{tool.Name}' was not run because the shared budget '{_sharedScope}' is spent or cannot be reached.",
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
            // Only ids below DenseSlots get here (Decide sends the others to the overflow table).
            var length = Math.Min(DenseSlots, Math.Max(id + 1, _slots.Length * 2));
            var grown = new ToolSlot[length];
            Array.Copy(_slots, grown, _slots.Length);
            var owners = new ToolDescriptor?[length];
            Array.Copy(_owners, owners, _owners.Length);
            _owners = owners;
            _slots = grown;
        }

        ref var slot = ref _slots[id];
        _owners[id] = tool;
        Resolve(tool, ref slot);
        return ref slot;
    }

    // Under the lock: the overflow slot, emptied when the guard was reset since it was last used.
    private ref ToolSlot Current(ToolDescriptor tool, OverflowSlot overflow)
    {
        if (overflow.Generation != _resetGeneration)
        {
            overflow.Generation = _resetGeneration;
            overflow.Slot.Calls = 0;
        }

        Resolve(tool, ref overflow.Slot);
        return ref overflow.Slot;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private OverflowSlot? FindOverflow(ToolDescriptor tool, bool create)
    {
        var table = Volatile.Read(ref _overflow);
        if (table is null)
        {
            if (!create)
            {
                return null;
            }

            Interlocked.CompareExchange(ref _overflow, new ConditionalWeakTable<ToolDescriptor, OverflowSlot>(), null);
            table = _overflow!;
        }

        if (!create)
        {
            return table.TryGetValue(tool, out var existing) ? existing : null;
        }

        // A new slot's generation is 0 (never reset), so it is emptied on first use after any Reset: that is the
        // same as empty.
        return table.GetValue(tool, static _ => new OverflowSlot());
    }

    private void Resolve(ToolDescriptor tool, ref ToolSlot slot)
    {
        if (!slot.Resolved)
        {
            slot.Resolved = true;
            slot.Limit = _perToolLimits is not null && _perToolLimits.TryGetValue(tool.Name, out var limit) ? limit : tool.MaxCalls;
            slot.Ceiling = _sharedBudget is not null ? 0 : slot.Limit > 0 ? slot.Limit : int.MaxValue; // 0: the fast path steps aside
            slot.Tracked = _maxIdentical > 0 && !(_exempt is not null && _exempt.Contains(tool.Name));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bucket(ulong hash) => (int)(hash >> 58);

    private int CountInWindow(ulong hash, int enough)
    {
        var count = 0;
        foreach (var entry in _window)
        {
            if (entry == hash && ++count == enough)
            {
                break;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Remember(ulong hash)
    {
        // In a row: starts at 1 after a different call (and after Reset, where the last hash and the count are 0).
        _consecutive = _lastHash == hash ? _consecutive + 1 : 1;
        _lastHash = hash;

        var window = _window;
        if (window.Length > 0)
        {
            // The oldest entry (or an empty one) leaves the window and the new one takes its place.
            var next = _windowNext;
            ref var entry = ref window[next];
            var buckets = _buckets;
            buckets[Bucket(entry)]--;
            entry = hash;
            buckets[Bucket(hash)]++;
            _windowNext = next + 1 == window.Length ? 0 : next + 1;
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
        SharedBudget,
        ToolCalls,
        InARow,
        InWindow,
    }

    private sealed class OverflowSlot
    {
        public ToolSlot Slot;
        public int Generation;
    }

    private struct ToolSlot
    {
        public int Calls;
        public int Limit;
        public int Ceiling; // Limit, or int.MaxValue when there is none; 0 until resolved, and with a shared budget
        public bool Resolved;
        public bool Tracked; // duplicate detection applies: it is on, and the tool is not exempt
    }
}
