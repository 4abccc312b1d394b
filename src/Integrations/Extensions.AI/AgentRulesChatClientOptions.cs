using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace AgentRules.Extensions.AI;

/// <summary>
/// Options of <see cref="AgentRulesChatClientBuilderExtensions.UseAgentRules"/>: the run budget every model call is
/// charged to, the tool guard every tool call goes through, the agent's name, and the function-invocation loop.
/// </summary>
public sealed class AgentRulesChatClientOptions
{
    /// <summary>
    /// The <see cref="ChatOptions.AdditionalProperties"/> key under which a call may carry its own
    /// <see cref="AgentRules.RunBudget"/> (one per run while the client is shared); see
    /// <see cref="AgentRulesChatOptionsExtensions.WithAgentRulesRun"/>.
    /// </summary>
    public const string RunBudgetKey = "agentrules.run_budget";

    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key under which a call may carry its own <see cref="AgentRules.ToolGuard"/>.</summary>
    public const string ToolGuardKey = "agentrules.tool_guard";

    /// <summary>
    /// The agent's name: traced as <c>gen_ai.agent.name</c>, and the <see cref="KillSwitch.ForAgent"/> switch of the
    /// budget and guard created when <see cref="RunBudget"/> or <see cref="ToolGuard"/> is not set.
    /// </summary>
    public string? AgentName { get; set; }

    /// <summary>
    /// The budget every model call through the client is charged to, unless the call carries its own
    /// (<see cref="RunBudgetKey"/>). When null, the client creates one from <see cref="Budget"/>: build one client per
    /// run, or pass a budget per run.
    /// </summary>
    public RunBudget? RunBudget { get; set; }

    /// <summary>The limits of the budget the client creates when <see cref="RunBudget"/> is null (default: no limits, duplicate detection on).</summary>
    public RunBudgetOptions Budget { get; } = new();

    /// <summary>
    /// The guard every tool call through the client goes through, unless the call carries its own
    /// (<see cref="ToolGuardKey"/>). When null, the client creates one from <see cref="Tools"/>.
    /// </summary>
    public ToolGuard? ToolGuard { get; set; }

    /// <summary>The limits of the guard the client creates when <see cref="ToolGuard"/> is null.</summary>
    public ToolGuardOptions Tools { get; } = new();

    /// <summary>
    /// True (the default) to leave tools that may not run in the session's environment out of the tool list the model
    /// sees; a call the model makes to one anyway is refused. False keeps them listed and refuses each call with the
    /// guard's message.
    /// </summary>
    public bool RemoveOutOfScopeTools { get; set; } = true;

    /// <summary>Configures the function-invocation loop <c>UseAgentRules</c> brings (its iteration cap, concurrency, error limits).</summary>
    public Action<FunctionInvokingChatClient>? ConfigureFunctionInvocation { get; set; }

    /// <summary>
    /// Declared prompts (the generated <c>AgentPrompts</c> registry's entries): a system message or
    /// <see cref="ChatOptions.Instructions"/> whose text is one of them is stamped on the model call's span with its
    /// id, version and SHA-256.
    /// </summary>
    public IList<AgentPrompt> Prompts { get; } = new List<AgentPrompt>();
}

/// <summary>Per-call AgentRules state on <see cref="ChatOptions"/>.</summary>
public static class AgentRulesChatOptionsExtensions
{
    /// <summary>
    /// Charges the calls made with these options to <paramref name="budget"/> and guards their tools with
    /// <paramref name="guard"/> (when given), instead of the client's own: one budget per run while the pipeline is
    /// shared. Returns the options.
    /// </summary>
    public static ChatOptions WithAgentRulesRun(this ChatOptions options, RunBudget budget, ToolGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);

        options.AdditionalProperties ??= new AdditionalPropertiesDictionary();
        options.AdditionalProperties[AgentRulesChatClientOptions.RunBudgetKey] = budget;
        if (guard is not null)
        {
            options.AdditionalProperties[AgentRulesChatClientOptions.ToolGuardKey] = guard;
        }

        return options;
    }

    internal static RunBudget? RunBudgetOf(ChatOptions? options) =>
        options?.AdditionalProperties is { } properties && properties.TryGetValue(AgentRulesChatClientOptions.RunBudgetKey, out var value) ? value as RunBudget : null;

    internal static ToolGuard? ToolGuardOf(ChatOptions? options) =>
        options?.AdditionalProperties is { } properties && properties.TryGetValue(AgentRulesChatClientOptions.ToolGuardKey, out var value) ? value as ToolGuard : null;
}
