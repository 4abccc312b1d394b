using System;

namespace AgentRules;

/// <summary>
/// The outcome of <see cref="RunBudget.TryBeginCall"/>: <see cref="IsRefused"/> with the <see cref="Limit"/> that
/// refused and a <see cref="Message"/> that says why. <c>default</c> means the call was admitted.
/// </summary>
public readonly struct RunBudgetRefusal
{
    private readonly string? _message;

    /// <summary>Creates a refusal.</summary>
    public RunBudgetRefusal(RunBudgetLimit limit, string message)
    {
        Limit = limit;
        _message = message;
    }

    /// <summary>The limit that refused the call; <see cref="RunBudgetLimit.None"/> when it was admitted.</summary>
    public RunBudgetLimit Limit { get; }

    /// <summary>True when the call was refused.</summary>
    public bool IsRefused => Limit != RunBudgetLimit.None;

    /// <summary>A sentence saying why, e.g. "Model call refused (budget): the run's budget of 20 model calls is spent."; empty when admitted.</summary>
    public string Message => _message ?? string.Empty;

    /// <summary>
    /// The refusal as a short lower-case code for logs and traces (<c>agentrules.model.refusal</c>): kill_switch,
    /// wall_time, model_calls, input_tokens, output_tokens, total_tokens, cost, duplicate; "none" when admitted.
    /// </summary>
    public string ReasonCode => Code(Limit);

    /// <summary>
    /// The exception that reports the refusal: <see cref="KillSwitchTrippedException"/> for the kill switch,
    /// <see cref="AgentBudgetExceededException"/> for everything else; null when admitted.
    /// </summary>
    public Exception? ToException(string? agentName = null) => Limit switch
    {
        RunBudgetLimit.None => null,
        RunBudgetLimit.KillSwitch => new KillSwitchTrippedException(Message),
        _ => new AgentBudgetExceededException(Limit, Message, agentName),
    };

    /// <inheritdoc/>
    public override string ToString() => IsRefused ? Message : "admitted";

    internal static string Code(RunBudgetLimit limit) => limit switch
    {
        RunBudgetLimit.KillSwitch => "kill_switch",
        RunBudgetLimit.WallTime => "wall_time",
        RunBudgetLimit.ModelCalls => "model_calls",
        RunBudgetLimit.InputTokens => "input_tokens",
        RunBudgetLimit.OutputTokens => "output_tokens",
        RunBudgetLimit.TotalTokens => "total_tokens",
        RunBudgetLimit.Cost => "cost",
        RunBudgetLimit.Duplicate => "duplicate",
        _ => "none",
    };
}

/// <summary>
/// Thrown when a <see cref="RunBudget"/> refuses a model call: a limit of the run (model calls, tokens, money, wall
/// time) is spent, or the same request was sent too often. The call was not made. A refusal by the kill switch throws
/// <see cref="KillSwitchTrippedException"/> instead.
/// </summary>
public sealed class AgentBudgetExceededException : InvalidOperationException
{
    /// <summary>Creates the exception for a refusal.</summary>
    public AgentBudgetExceededException(RunBudgetLimit limit, string message, string? agentName = null)
        : base(message)
    {
        Limit = limit;
        AgentName = agentName;
    }

    /// <summary>Creates the exception.</summary>
    public AgentBudgetExceededException()
        : base("The agent run's budget is spent.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AgentBudgetExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public AgentBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The limit that refused the call.</summary>
    public RunBudgetLimit Limit { get; }

    /// <summary>The limit as a short code (<see cref="RunBudgetRefusal.ReasonCode"/>).</summary>
    public string ReasonCode => RunBudgetRefusal.Code(Limit);

    /// <summary>The agent whose run it was, when known.</summary>
    public string? AgentName { get; }
}
