namespace AgentRules.Agents.AI;

/// <summary>Options of <c>UseAgentRules()</c> on an <c>AIAgentBuilder</c>.</summary>
public sealed class AgentRulesAgentOptions
{
    /// <summary>The agent's name for its <see cref="KillSwitch.ForAgent"/> switch; the agent's own name when null.</summary>
    public string? AgentName { get; set; }

    /// <summary>One budget for every run of the agent (its lifetime); when null (the default) each run gets a new one from <see cref="Budget"/>.</summary>
    public RunBudget? RunBudget { get; set; }

    /// <summary>The limits of each run's budget when <see cref="RunBudget"/> is null.</summary>
    public RunBudgetOptions Budget { get; } = new();

    /// <summary>One tool guard for every run; when null each run gets a new one from <see cref="Tools"/>.</summary>
    public ToolGuard? ToolGuard { get; set; }

    /// <summary>The limits of each run's tool guard when <see cref="ToolGuard"/> is null.</summary>
    public ToolGuardOptions Tools { get; } = new();
}
