using System;
using AgentRules.Agents.AI;

namespace Microsoft.Agents.AI;

/// <summary>AgentRules enforcement for an Agent Framework agent pipeline.</summary>
public static class AgentRulesAIAgentBuilderExtensions
{
    /// <summary>
    /// Runs the agent under AgentRules (<see cref="AgentRulesAgent"/>): no run starts while the kill switch is
    /// tripped, its token is linked into every run, and each run of a <see cref="ChatClientAgent"/> gets its own
    /// <see cref="AgentRules.RunBudget"/> and <see cref="AgentRules.ToolGuard"/> (model calls, tokens, money, wall
    /// time, duplicates; tool scope, approval, budgets), applied by the <c>UseAgentRules()</c> chat client it runs on.
    /// </summary>
    public static AIAgentBuilder UseAgentRules(this AIAgentBuilder builder, Action<AgentRulesAgentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var options = new AgentRulesAgentOptions();
        configure?.Invoke(options);
        return builder.Use(inner => new AgentRulesAgent(inner, options));
    }
}
