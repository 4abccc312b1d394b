using System;
using System.Diagnostics;

namespace AgentRules;

/// <summary>
/// One tool call as the guard saw it: refused (with the reason), or admitted and, when tracing is on, timed by an
/// <c>execute_tool</c> span. Returned by <see cref="ToolGuard.Begin"/>; end an admitted call with
/// <see cref="Complete"/> or <see cref="Fail"/>.
/// </summary>
public readonly struct GuardedToolCall
{
    internal GuardedToolCall(ToolRefusal refusal, Activity? activity)
    {
        Refusal = refusal;
        Activity = activity;
    }

    /// <summary>Why the call was refused; <c>default</c> when admitted.</summary>
    public ToolRefusal Refusal { get; }

    /// <summary>True when the call was refused and must not run.</summary>
    public bool IsRefused => Refusal.IsRefused;

    /// <summary>The call's trace span; null when nobody listens or the call was refused (its span has ended).</summary>
    public Activity? Activity { get; }

    /// <summary>Ends the call's span as a success.</summary>
    public void Complete() => Activity?.Dispose();

    /// <summary>Ends the call's span as a failure with the exception's type.</summary>
    public void Fail(Exception exception) => AgentRulesTelemetry.Failed(Activity, exception);
}

/// <summary>The result of a guarded call of a tool that returns nothing: completed, or refused with a reason.</summary>
public readonly struct ToolCallResult
{
    private ToolCallResult(ToolRefusal refusal)
    {
        Refusal = refusal;
    }

    /// <summary>The result of a call that ran.</summary>
    public static ToolCallResult Completed => default;

    /// <summary>Why the call was refused; <c>default</c> when it ran.</summary>
    public ToolRefusal Refusal { get; }

    /// <summary>True when the guard refused the call: the tool did not run.</summary>
    public bool IsRefused => Refusal.IsRefused;

    /// <summary>A refused call's result.</summary>
    public static ToolCallResult Refused(ToolRefusal refusal) => new(refusal);

    /// <summary>A refused call's result, for a tool that returns <typeparamref name="T"/>.</summary>
    public static ToolCallResult<T> Refused<T>(ToolRefusal refusal) => new(refusal, refused: true);

    /// <inheritdoc/>
    public override string ToString() => IsRefused ? Refusal.Message : "completed";
}

/// <summary>The result of a guarded tool call: the tool's return value, or the refusal that kept it from running.</summary>
/// <typeparam name="T">The tool's return type.</typeparam>
public readonly struct ToolCallResult<T>
{
    // Flat (value, reason, message) rather than (value, ToolRefusal): 16 bytes for a primitive T, small enough to be
    // returned in registers on the hot path.
    private readonly T _value;
    private readonly ToolRefusalReason _reason;
    private readonly string? _message;

    /// <summary>The result of a call that ran and returned <paramref name="value"/>.</summary>
    public ToolCallResult(T value)
    {
        _value = value;
        _reason = ToolRefusalReason.None;
        _message = null;
    }

    internal ToolCallResult(ToolRefusal refusal, bool refused)
    {
        _value = default!;
        _reason = refused ? refusal.Reason : ToolRefusalReason.None;
        _message = refused ? refusal.Message : null;
    }

    /// <summary>Why the call was refused; <c>default</c> when it ran.</summary>
    public ToolRefusal Refusal => _reason == ToolRefusalReason.None ? default : new ToolRefusal(_reason, _message ?? string.Empty);

    /// <summary>True when the guard refused the call: the tool did not run and there is no value.</summary>
    public bool IsRefused => _reason != ToolRefusalReason.None;

    /// <summary>The tool's return value. Throws <see cref="InvalidOperationException"/> when the call was refused: check <see cref="IsRefused"/> first.</summary>
    public T Value => IsRefused ? throw new InvalidOperationException(_message) : _value;

    /// <summary>A call that ran.</summary>
    public static implicit operator ToolCallResult<T>(T value) => new(value);

    /// <summary>The value when the call ran, else <paramref name="defaultValue"/>.</summary>
    public T GetValueOrDefault(T defaultValue) => IsRefused ? defaultValue : _value;

    /// <summary>Gets the value when the call ran.</summary>
    public bool TryGetValue(out T value)
    {
        value = _value;
        return !IsRefused;
    }

    /// <inheritdoc/>
    public override string ToString() => IsRefused ? _message ?? string.Empty : _value?.ToString() ?? string.Empty;
}
