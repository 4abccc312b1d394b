using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AgentRules;

/// <summary>
/// The budget of one agent run for model calls: before every call it checks, in this order, the kill switch (global
/// and the agent's), the run's wall time, its model calls (an iteration cap that holds whatever the shape of the loop),
/// its input, output and total tokens and its money, and repeated identical requests. The framework integrations
/// (AgentRules.Extensions.AI, AgentRules.Agents.AI) call it around every model call; code with its own loop can too.
/// </summary>
/// <remarks>
/// <para>
/// A call is admitted by <see cref="TryBeginCall"/> (or <see cref="BeginCall"/>, which throws) <b>before</b> it is
/// made, and reports its usage with <see cref="CompleteCall"/> (or <see cref="AbandonCall"/> when it failed) after.
/// Admission and recording are atomic under one lock, so concurrent calls never overrun the call limit, not even by
/// one: with <c>MaxModelCalls = N</c> exactly N calls are admitted, however many threads race.
/// </para>
/// <para>
/// Tokens and money are known only after a call. A call is admitted while some budget is left, so a token or money
/// limit can be exceeded by at most the usage of the calls in flight when it was reached: <b>one response's worth per
/// concurrent call</b> (one response for a sequential loop). A call that states the most output tokens it may use
/// (<c>reserveOutputTokens</c>, e.g. <c>ChatOptions.MaxOutputTokens</c>) reserves them at admission: it is admitted
/// only if the reservation fits, so output tokens never exceed <see cref="RunBudgetOptions.MaxOutputTokens"/> as long
/// as the model honours its maximum. A response without usage while a token or money limit is set makes the run
/// refuse further calls (the budget could no longer be enforced); so does a model without a price while
/// <see cref="RunBudgetOptions.MaxCost"/> is set. Nothing is truncated silently: a refusal always says why.
/// </para>
/// <para>
/// Admission takes one atomic operation when uncontended and allocates nothing; a refusal allocates its message. A
/// call that begins after <see cref="KillSwitch.Trip"/> has returned is always refused. Pass <see cref="Token"/> to
/// the call so that tripping the switch (or the wall time running out) cancels it in flight.
/// </para>
/// <para>
/// With <see cref="RunBudgetOptions.SharedBudget"/> every limit set is kept for the whole fleet too: before the local
/// checks, an admitted call takes from the shared scope of each limit (<see cref="SharedScopeOf"/>) one model call,
/// and for tokens and money what the local check needs (one token, or the output reservation; one millionth of the
/// currency), and is refused when the shared budget says no; <see cref="CompleteCall"/> then adds what the call really
/// used beyond that. The shared budget never admits past its limit, so with N processes sharing a scope exactly the
/// shared limit of model calls is admitted, and a token or money limit is exceeded by at most one response's worth
/// per call in flight <b>across the fleet</b> (reservations, again, never). A local refusal gives the shared units
/// back. A shared budget that cannot be reached refuses model calls by its fault policy (AgentRules.Redis: fails
/// closed). A response without usage stops the run of this process only; the others go on counting.
/// </para>
/// </remarks>
public sealed class RunBudget : IDisposable
{
    private static readonly double s_ticksPerTimestamp = (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency;

    private readonly KillSwitch _killSwitch;
    private readonly CancellationTokenSource? _deadline;
    private readonly long _start;
    private readonly long _maxDurationTimestamps;
    private readonly TimeSpan _maxDuration;
    private readonly int _maxCalls;
    private readonly int _callCeiling;
    private readonly long _maxInput;
    private readonly long _maxOutput;
    private readonly long _maxTotal;
    private readonly long _inputCeiling;
    private readonly long _outputCeiling;
    private readonly long _totalCeiling;
    private readonly decimal _maxCost;
    private readonly ModelPriceTable? _prices;
    private readonly bool _metered;
    private readonly int _maxIdentical;
    private readonly ulong[] _window;
    private readonly int[] _refusals = new int[9];
    private readonly ISharedBudget? _shared;
    private readonly string?[]? _sharedScopes; // by RunBudgetLimit, ModelCalls..Cost: null where no limit is set

    // Run state, guarded by _lock (a spin lock: the critical section is a handful of loads and stores).
    private int _lock;
    private int _calls;
    private int _inFlight;
    private long _input;
    private long _output;
    private long _reservedOutput;
    private decimal _cost;
    private string? _unmetered;
    private int _windowNext;

    /// <summary>A budget with the default options: no limits, duplicate detection on, the global kill switch.</summary>
    public RunBudget()
        : this(new RunBudgetOptions())
    {
    }

    /// <summary>A budget with the given limits (read once; later changes to <paramref name="options"/> do not apply). The wall time starts now.</summary>
    public RunBudget(RunBudgetOptions options)
    {
        Requires.NotNull(options, nameof(options));

        if (options.MaxModelCalls < 0 || options.MaxInputTokens < 0 || options.MaxOutputTokens < 0 || options.MaxTotalTokens < 0
            || options.MaxCost < 0 || options.MaxDuration < TimeSpan.Zero || options.MaxIdenticalRequests < 0 || options.DuplicateWindow < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Limits cannot be negative.");
        }

        if (options.MaxCost > 0 && options.Prices is null)
        {
            throw new ArgumentException("A money budget (MaxCost) needs a price table (Prices).", nameof(options));
        }

        if (options.SharedBudget is not null)
        {
            if (string.IsNullOrWhiteSpace(options.SharedBudgetScope))
            {
                throw new ArgumentException("RunBudgetOptions.SharedBudgetScope is required when SharedBudget is set (e.g. \"session:42\").", nameof(options));
            }

            _shared = options.SharedBudget;
            _sharedScopes = new string?[(int)RunBudgetLimit.Cost + 1];
            _sharedScopes[(int)RunBudgetLimit.ModelCalls] = options.MaxModelCalls > 0 ? SharedScopeOf(options.SharedBudgetScope!, RunBudgetLimit.ModelCalls) : null;
            _sharedScopes[(int)RunBudgetLimit.InputTokens] = options.MaxInputTokens > 0 ? SharedScopeOf(options.SharedBudgetScope!, RunBudgetLimit.InputTokens) : null;
            _sharedScopes[(int)RunBudgetLimit.OutputTokens] = options.MaxOutputTokens > 0 ? SharedScopeOf(options.SharedBudgetScope!, RunBudgetLimit.OutputTokens) : null;
            _sharedScopes[(int)RunBudgetLimit.TotalTokens] = options.MaxTotalTokens > 0 ? SharedScopeOf(options.SharedBudgetScope!, RunBudgetLimit.TotalTokens) : null;
            _sharedScopes[(int)RunBudgetLimit.Cost] = options.MaxCost > 0 ? SharedScopeOf(options.SharedBudgetScope!, RunBudgetLimit.Cost) : null;
        }

        AgentName = string.IsNullOrWhiteSpace(options.AgentName) ? null : options.AgentName;
        _killSwitch = AgentName is null ? KillSwitch.Global : KillSwitch.ForAgent(AgentName);
        _maxCalls = options.MaxModelCalls;
        _callCeiling = _maxCalls > 0 ? _maxCalls : int.MaxValue;
        _maxInput = options.MaxInputTokens;
        _maxOutput = options.MaxOutputTokens;
        _maxTotal = options.MaxTotalTokens;
        _inputCeiling = _maxInput > 0 ? _maxInput : long.MaxValue;
        _outputCeiling = _maxOutput > 0 ? _maxOutput : long.MaxValue;
        _totalCeiling = _maxTotal > 0 ? _maxTotal : long.MaxValue;
        _maxCost = options.MaxCost;
        _prices = options.Prices;
        _metered = _maxInput > 0 || _maxOutput > 0 || _maxTotal > 0 || _maxCost > 0;
        _maxIdentical = options.MaxIdenticalRequests;
        _window = new ulong[options.MaxIdenticalRequests == 0 ? 0 : options.DuplicateWindow];
        _start = Stopwatch.GetTimestamp();
        _maxDuration = options.MaxDuration;
        if (_maxDuration > TimeSpan.Zero)
        {
            _maxDurationTimestamps = (long)Math.Ceiling(_maxDuration.Ticks / s_ticksPerTimestamp);
            _deadline = CancellationTokenSource.CreateLinkedTokenSource(_killSwitch.Token);
            _deadline.CancelAfter(_maxDuration);
        }
    }

    /// <summary>
    /// The scope of a shared budget that a run spending <paramref name="scope"/> takes <paramref name="limit"/> from:
    /// <c>{scope}:{code}</c> with the limit's <see cref="RunBudgetRefusal.ReasonCode"/>, e.g. <c>session:42:model_calls</c>.
    /// </summary>
    /// <param name="scope">The run's <see cref="RunBudgetOptions.SharedBudgetScope"/>.</param>
    /// <param name="limit">One of <see cref="RunBudgetLimit.ModelCalls"/>, <see cref="RunBudgetLimit.InputTokens"/>, <see cref="RunBudgetLimit.OutputTokens"/>, <see cref="RunBudgetLimit.TotalTokens"/>, <see cref="RunBudgetLimit.Cost"/>.</param>
    public static string SharedScopeOf(string scope, RunBudgetLimit limit) =>
        limit is >= RunBudgetLimit.ModelCalls and <= RunBudgetLimit.Cost
            ? scope + ":" + RunBudgetRefusal.Code(limit)
            : throw new ArgumentOutOfRangeException(nameof(limit), limit, "Only model calls, tokens and money are kept in a shared budget.");

    /// <summary>Money as a shared budget counts it: millionths of the price table's currency, rounded up.</summary>
    /// <param name="cost">An amount of money (0 or more).</param>
    public static long ToSharedCostUnits(decimal cost)
    {
        if (cost <= 0)
        {
            return 0;
        }

        var units = decimal.Ceiling(cost * 1_000_000m);
        return units >= long.MaxValue ? long.MaxValue : (long)units;
    }

    /// <summary>The agent's name, or null when only the global kill switch applies.</summary>
    public string? AgentName { get; }

    /// <summary>The switch that stops this run: the agent's (tripped by the global one too), else the global one.</summary>
    public KillSwitch KillSwitch => _killSwitch;

    /// <summary>
    /// A token cancelled when the kill switch trips or the wall time runs out: pass it to every model call (the
    /// integrations link it with the caller's token).
    /// </summary>
    public CancellationToken Token => _deadline?.Token ?? _killSwitch.Token;

    /// <summary>True when identical requests are counted: pass a request hash to <see cref="TryBeginCall"/> only then.</summary>
    public bool DetectsDuplicates => _window.Length > 0;

    /// <summary>Model calls admitted so far (including those in flight).</summary>
    public int ModelCalls => Volatile.Read(ref _calls);

    /// <summary>Model calls admitted and not yet completed.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Input tokens reported so far.</summary>
    public long InputTokens => Interlocked.Read(ref _input);

    /// <summary>Output tokens reported so far.</summary>
    public long OutputTokens => Interlocked.Read(ref _output);

    /// <summary>Input and output tokens reported so far.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Money spent so far, by the price table (0 without one).</summary>
    public decimal Cost
    {
        get
        {
            Enter();
            var cost = _cost;
            Exit();
            return cost;
        }
    }

    /// <summary>Wall time since the budget was created.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - _start) * s_ticksPerTimestamp));

    /// <summary>How many calls were refused by <paramref name="limit"/> so far.</summary>
    public int RefusalCount(RunBudgetLimit limit) =>
        limit is > RunBudgetLimit.None and <= RunBudgetLimit.Duplicate ? Volatile.Read(ref _refusals[(int)limit]) : 0;

    /// <summary>
    /// Checks a model call before it is made and, when admitted, counts it (and reserves
    /// <paramref name="reserveOutputTokens"/>). Returns <c>default</c> when admitted, else the refusal; nothing is
    /// counted for a refused call. An admitted call must end with <see cref="CompleteCall"/> or <see cref="AbandonCall"/>.
    /// </summary>
    /// <param name="requestHash">A hash of the request for duplicate detection (the integrations hash the messages and options); 0 to skip the check.</param>
    /// <param name="modelId">The model the call asks for, when known: a money budget refuses a model it has no price for.</param>
    /// <param name="reserveOutputTokens">The most output tokens the call may produce (the request's maximum), reserved until it completes; 0 reserves nothing.</param>
    public RunBudgetRefusal TryBeginCall(ulong requestHash = 0, string? modelId = null, long reserveOutputTokens = 0)
    {
        if (_shared is not null)
        {
            return TryBeginShared(requestHash, modelId, reserveOutputTokens < 0 ? 0 : reserveOutputTokens);
        }

        var limit = Decide(requestHash, modelId, reserveOutputTokens < 0 ? 0 : reserveOutputTokens, out var count);
        return limit == RunBudgetLimit.None ? default : Refuse(limit, count, modelId, reserveOutputTokens);
    }

    /// <summary>
    /// <see cref="TryBeginCall"/>, throwing on a refusal: <see cref="KillSwitchTrippedException"/> for the kill switch,
    /// <see cref="AgentBudgetExceededException"/> for every other limit.
    /// </summary>
    /// <exception cref="KillSwitchTrippedException">The kill switch is tripped.</exception>
    /// <exception cref="AgentBudgetExceededException">A limit of the run is spent, or the request is a repeated one.</exception>
    public void BeginCall(ulong requestHash = 0, string? modelId = null, long reserveOutputTokens = 0)
    {
        var refusal = TryBeginCall(requestHash, modelId, reserveOutputTokens);
        if (refusal.IsRefused)
        {
            Throw(refusal);
        }
    }

    /// <summary>
    /// Records what an admitted call used and releases its reservation. Null token counts (a response without usage)
    /// make the run refuse further calls while a token or money limit is set.
    /// </summary>
    /// <param name="modelId">The model that answered (for its price); the requested one when the response does not say.</param>
    /// <param name="inputTokens">Input tokens the call used; null when unknown.</param>
    /// <param name="outputTokens">Output tokens the call used; null when unknown.</param>
    /// <param name="reserveOutputTokens">What the call reserved at admission.</param>
    public void CompleteCall(string? modelId, long? inputTokens, long? outputTokens, long reserveOutputTokens = 0)
    {
        var input = inputTokens.GetValueOrDefault();
        var output = outputTokens.GetValueOrDefault();
        var priced = true;
        var cost = 0m;
        if (_prices is not null && (input > 0 || output > 0))
        {
            priced = _prices.TryGetPrice(modelId, out var price);
            cost = priced ? price.CostOf(input, output) : 0m;
        }

        Enter();
        _inFlight--;
        _reservedOutput -= reserveOutputTokens < 0 ? 0 : reserveOutputTokens;
        _input += input < 0 ? 0 : input;
        _output += output < 0 ? 0 : output;
        _cost += cost;
        if (_metered && _unmetered is null)
        {
            if (inputTokens is null || outputTokens is null)
            {
                _unmetered = "a model call reported no token usage";
            }
            else if (!priced && _maxCost > 0)
            {
                _unmetered = "model '" + (modelId ?? "(unknown)") + "' has no price in the price table";
            }
        }

        Exit();
        if (_shared is not null)
        {
            CompleteShared(inputTokens, outputTokens, priced ? cost : (decimal?)null, reserveOutputTokens < 0 ? 0 : reserveOutputTokens);
        }
    }

    /// <summary>Ends an admitted call that failed before reporting usage: it stays counted, its reservation is released.</summary>
    public void AbandonCall(long reserveOutputTokens = 0)
    {
        Enter();
        _inFlight--;
        _reservedOutput -= reserveOutputTokens < 0 ? 0 : reserveOutputTokens;
        Exit();
        if (_shared is not null)
        {
            // The call stays counted; what it took for tokens and money is given back (it used none that is known).
            var need = reserveOutputTokens > 0 ? reserveOutputTokens : 1;
            AddShared(RunBudgetLimit.InputTokens, -1);
            AddShared(RunBudgetLimit.OutputTokens, -need);
            AddShared(RunBudgetLimit.TotalTokens, -need);
            AddShared(RunBudgetLimit.Cost, -1);
        }
    }

    /// <summary>Releases the wall-time timer.</summary>
    public void Dispose() => _deadline?.Dispose();

    /// <inheritdoc/>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "RunBudget({0}, {1} model calls, {2} tokens, cost {3})", AgentName ?? "global", ModelCalls, TotalTokens, Cost);

    private RunBudgetLimit Decide(ulong requestHash, string? modelId, long reserve, out int count)
    {
        count = 0;
        if (_killSwitch.IsTripped)
        {
            return RunBudgetLimit.KillSwitch;
        }

        if (_maxDurationTimestamps > 0 && Stopwatch.GetTimestamp() - _start >= _maxDurationTimestamps)
        {
            return RunBudgetLimit.WallTime;
        }

        // One more output token is always needed; a reservation needs all of its tokens.
        var need = reserve > 0 ? reserve : 1;
        Enter();
        RunBudgetLimit limit;
        if (_calls >= _callCeiling)
        {
            limit = RunBudgetLimit.ModelCalls;
        }
        else if (_metered && (_input >= _inputCeiling || _output + _reservedOutput + need > _outputCeiling
            || _input + _output + _reservedOutput + need > _totalCeiling || _unmetered is not null || !CostLeaves(modelId)))
        {
            limit = ClassifyMetered(modelId, need);
        }
        else if (requestHash != 0 && _window.Length > 0 && (count = CountInWindow(requestHash)) >= _maxIdentical)
        {
            limit = RunBudgetLimit.Duplicate;
        }
        else
        {
            _calls++;
            _inFlight++;
            _reservedOutput += reserve;
            if (requestHash != 0 && _window.Length > 0)
            {
                _window[_windowNext] = requestHash;
                _windowNext = _windowNext + 1 == _window.Length ? 0 : _windowNext + 1;
            }

            limit = RunBudgetLimit.None;
        }

        Exit();
        return limit;
    }

    // With a shared budget: the kill switch and the wall time first (they cost nothing and take nothing), then the
    // shared scopes (each may be a round trip, so outside the lock), then the local checks; a local refusal gives the
    // shared units back.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private RunBudgetRefusal TryBeginShared(ulong requestHash, string? modelId, long reserve)
    {
        var count = 0;
        if (_killSwitch.IsTripped)
        {
            return Refuse(RunBudgetLimit.KillSwitch, count, modelId, reserve);
        }

        if (_maxDurationTimestamps > 0 && Stopwatch.GetTimestamp() - _start >= _maxDurationTimestamps)
        {
            return Refuse(RunBudgetLimit.WallTime, count, modelId, reserve);
        }

        var need = reserve > 0 ? reserve : 1;
        for (var limit = RunBudgetLimit.ModelCalls; limit <= RunBudgetLimit.Cost; limit++)
        {
            var scope = _sharedScopes![(int)limit];
            if (scope is not null && !TakeShared(scope, SharedNeed(limit, need)))
            {
                for (var taken = RunBudgetLimit.ModelCalls; taken < limit; taken++)
                {
                    AddShared(taken, -SharedNeed(taken, need));
                }

                Interlocked.Increment(ref _refusals[(int)limit]);
                return new RunBudgetRefusal(limit, "Model call refused (budget): the shared budget '" + scope + "' (" + SharedWhat(limit) + " of every process sharing it) is spent or cannot be reached.");
            }
        }

        var local = Decide(requestHash, modelId, reserve, out count);
        if (local == RunBudgetLimit.None)
        {
            return default;
        }

        for (var taken = RunBudgetLimit.ModelCalls; taken <= RunBudgetLimit.Cost; taken++)
        {
            AddShared(taken, -SharedNeed(taken, need));
        }

        return Refuse(local, count, modelId, reserve);
    }

    // What an admission takes from a shared scope: one model call; for input tokens and money one unit (the local check
    // is "some left"); for output and total tokens one, or the whole reservation.
    private static long SharedNeed(RunBudgetLimit limit, long need) =>
        limit is RunBudgetLimit.OutputTokens or RunBudgetLimit.TotalTokens ? need : 1;

    private static string SharedWhat(RunBudgetLimit limit) => limit switch
    {
        RunBudgetLimit.ModelCalls => "the model calls",
        RunBudgetLimit.InputTokens => "the input tokens",
        RunBudgetLimit.OutputTokens => "the output tokens",
        RunBudgetLimit.TotalTokens => "the tokens",
        _ => "the money, in millionths",
    };

    // After a call: what it used beyond what its admission took. An unknown count keeps what was taken.
    private void CompleteShared(long? inputTokens, long? outputTokens, decimal? cost, long reserve)
    {
        var need = reserve > 0 ? reserve : 1;
        var input = inputTokens is { } i && i > 0 ? i : 0;
        var output = outputTokens is { } o && o > 0 ? o : 0;
        AddShared(RunBudgetLimit.InputTokens, inputTokens is null ? 0 : input - 1);
        AddShared(RunBudgetLimit.OutputTokens, outputTokens is null ? 0 : output - need);
        AddShared(RunBudgetLimit.TotalTokens, input + output - (inputTokens is null || outputTokens is null ? 0 : need));
        AddShared(RunBudgetLimit.Cost, cost is { } c ? ToSharedCostUnits(c) - 1 : 0);
    }

    private bool TakeShared(string scope, long amount)
    {
        try
        {
            return _shared!.TryTake(scope, amount, ToolEffect.Unspecified);
        }
#pragma warning disable CA1031 // the interface's contract: an implementation that throws refuses the call
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private void AddShared(RunBudgetLimit limit, long amount)
    {
        var scope = _sharedScopes![(int)limit];
        if (scope is null || amount == 0)
        {
            return;
        }

        try
        {
            _shared!.Add(scope, amount);
        }
#pragma warning disable CA1031 // a failed record leaves the shared budget as the store has it; the local budget still counts
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    // Under the lock: true when the money budget leaves room for a call of the model (always without a money budget).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CostLeaves(string? modelId) =>
        _maxCost <= 0 || (_cost < _maxCost && (modelId is null || _prices!.TryGetPrice(modelId, out _)));

    // Under the lock, cold: which token or money limit refused, in order.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private RunBudgetLimit ClassifyMetered(string? modelId, long need)
    {
        if (_unmetered is not null)
        {
            return _maxInput > 0 ? RunBudgetLimit.InputTokens
                : _maxOutput > 0 ? RunBudgetLimit.OutputTokens
                : _maxTotal > 0 ? RunBudgetLimit.TotalTokens
                : RunBudgetLimit.Cost;
        }

        if (_input >= _inputCeiling)
        {
            return RunBudgetLimit.InputTokens;
        }

        if (_output + _reservedOutput + need > _outputCeiling)
        {
            return RunBudgetLimit.OutputTokens;
        }

        return _input + _output + _reservedOutput + need > _totalCeiling ? RunBudgetLimit.TotalTokens : RunBudgetLimit.Cost;
    }

    private int CountInWindow(ulong hash)
    {
        var count = 0;
        foreach (var entry in _window)
        {
            if (entry == hash && ++count == _maxIdentical)
            {
                break;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private RunBudgetRefusal Refuse(RunBudgetLimit limit, int count, string? modelId, long reserve)
    {
        string message;
        Enter();
        var unmetered = _unmetered;
        var input = _input;
        var output = _output;
        var reserved = _reservedOutput;
        var cost = _cost;
        Exit();
        var c = CultureInfo.InvariantCulture;
        if (unmetered is not null && limit is RunBudgetLimit.InputTokens or RunBudgetLimit.OutputTokens or RunBudgetLimit.TotalTokens or RunBudgetLimit.Cost)
        {
            message = $"Model call refused (budget): {unmetered}, so the run's token and money budgets can no longer be enforced.";
        }
        else
        {
            message = limit switch
            {
                RunBudgetLimit.KillSwitch => $"Model call refused (kill switch): the kill switch '{_killSwitch.Name}' is tripped ({_killSwitch.Reason ?? "tripped"}).",
                RunBudgetLimit.WallTime => string.Format(c, "Model call refused (budget): the run's wall time of {0} is spent.", _maxDuration),
                RunBudgetLimit.ModelCalls => string.Format(c, "Model call refused (budget): the run's budget of {0} model calls is spent.", _maxCalls),
                RunBudgetLimit.InputTokens => string.Format(c, "Model call refused (budget): the run has spent {0} of its {1} input tokens.", input, _maxInput),
                RunBudgetLimit.OutputTokens => reserve > 0
                    ? string.Format(c, "Model call refused (budget): the run has spent {0} of its {1} output tokens ({2} reserved by calls in flight) and this call may use {3}.", output, _maxOutput, reserved, reserve)
                    : string.Format(c, "Model call refused (budget): the run has spent {0} of its {1} output tokens ({2} reserved by calls in flight).", output, _maxOutput, reserved),
                RunBudgetLimit.TotalTokens => string.Format(c, "Model call refused (budget): the run has spent {0} of its {1} tokens ({2} reserved by calls in flight).", input + output, _maxTotal, reserved),
                RunBudgetLimit.Cost => modelId is not null && cost < _maxCost
                    ? $"Model call refused (budget): model '{modelId}' has no price in the price table, so the run's money budget cannot be enforced."
                    : string.Format(c, "Model call refused (budget): the run has spent {0} of its money budget of {1}.", cost, _maxCost),
                _ => string.Format(c, "Model call refused (duplicate): the same request was sent {0} times within the last {1} model calls. Change the request instead of repeating it.", count, _window.Length),
            };
        }

        Interlocked.Increment(ref _refusals[(int)limit]);
        return new RunBudgetRefusal(limit, message);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Throw(RunBudgetRefusal refusal) => throw (refusal.Limit == RunBudgetLimit.KillSwitch
        ? new KillSwitchTrippedException(_killSwitch.Name, _killSwitch.Reason ?? "tripped", _killSwitch.Token)
        : refusal.ToException(AgentName)!);

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
}
