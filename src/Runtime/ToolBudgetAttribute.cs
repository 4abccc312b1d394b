using System;

namespace AgentRules;

/// <summary>
/// Limits how often a tool may be called in one agent session and what each call costs against the session's budget,
/// for example <c>[ToolBudget(MaxCalls = 20, Cost = 5)]</c>. Enforced by the generated tool wrappers.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ToolBudgetAttribute : Attribute
{
    /// <summary>The most calls one session may make to this tool; 0 means no per-tool limit.</summary>
    public int MaxCalls { get; set; }

    /// <summary>Cost units one call takes from the session's cost budget (default 1).</summary>
    public int Cost { get; set; } = 1;
}
