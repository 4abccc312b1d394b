namespace AgentRules;

/// <summary>Why a <see cref="ToolGuard"/> refused a tool call. The order is the order of the checks.</summary>
public enum ToolRefusalReason
{
    /// <summary>Not refused: the call was admitted.</summary>
    None = 0,

    /// <summary>The global or the agent's <see cref="AgentRules.KillSwitch"/> is tripped.</summary>
    KillSwitch = 1,

    /// <summary>The tool's <see cref="EnvironmentScopeAttribute"/> does not include the current environment.</summary>
    Environment = 2,

    /// <summary>The session's call or cost budget, or the tool's own call limit, is spent.</summary>
    Budget = 3,

    /// <summary>The same tool was called with the same arguments too often (a loop).</summary>
    Duplicate = 4,
}

/// <summary>
/// The outcome of a guard check: <see cref="IsRefused"/> with a <see cref="Reason"/> and a <see cref="Message"/> that
/// says why, in words a model and an operator both understand. <c>default</c> means the call was admitted.
/// </summary>
public readonly struct ToolRefusal
{
    private readonly string? _message;

    /// <summary>Creates a refusal.</summary>
    public ToolRefusal(ToolRefusalReason reason, string message)
    {
        Reason = reason;
        _message = message;
    }

    /// <summary>Why the call was refused; <see cref="ToolRefusalReason.None"/> when it was admitted.</summary>
    public ToolRefusalReason Reason { get; }

    /// <summary>A sentence saying why, e.g. "Tool call refused (budget): the session's budget of 20 tool calls is spent."; empty when admitted.</summary>
    public string Message => _message ?? string.Empty;

    /// <summary>True when the call was refused.</summary>
    public bool IsRefused => Reason != ToolRefusalReason.None;

    /// <summary>The reason as a short lower-case word for logs and traces: "kill_switch", "environment", "budget", "duplicate".</summary>
    public string ReasonCode => Code(Reason);

    /// <inheritdoc/>
    public override string ToString() => IsRefused ? Message : "admitted";

    internal static string Code(ToolRefusalReason reason) => reason switch
    {
        ToolRefusalReason.KillSwitch => "kill_switch",
        ToolRefusalReason.Environment => "environment",
        ToolRefusalReason.Budget => "budget",
        ToolRefusalReason.Duplicate => "duplicate",
        _ => "none",
    };
}
