using System;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;

namespace AgentRules.SemanticKernel;

/// <summary>Options of <c>AddAgentRules()</c> / <c>UseAgentRules()</c> on a Semantic Kernel.</summary>
public sealed class AgentRulesKernelOptions
{
    /// <summary>The agent's name: its <see cref="KillSwitch.ForAgent"/> switch stops the kernel's function calls (the global switch always does).</summary>
    public string? AgentName { get; set; }

    /// <summary>The guard every kernel function call goes through; when null, one is created from <see cref="Tools"/> (one per kernel registration).</summary>
    public ToolGuard? ToolGuard { get; set; }

    /// <summary>The limits of the guard created when <see cref="ToolGuard"/> is null.</summary>
    public ToolGuardOptions Tools { get; } = new();

    /// <summary>
    /// The budget every model call of the kernel is charged to (see <see cref="GuardModelCalls"/>); when null, one is
    /// created from <see cref="Budget"/> (one per kernel registration, shared by all its chat services).
    /// </summary>
    public RunBudget? RunBudget { get; set; }

    /// <summary>The limits of the budget created when <see cref="RunBudget"/> is null: model calls, tokens, money, wall time, duplicate requests.</summary>
    public RunBudgetOptions Budget { get; } = new();

    /// <summary>
    /// When true (the default), <c>AddAgentRules()</c> puts the run budget around every <c>IChatCompletionService</c>
    /// and <see cref="Microsoft.Extensions.AI.IChatClient"/> registered in the kernel builder before it: each request to them is admitted
    /// first. Set false when the budget is applied below Semantic Kernel's function-calling loop instead
    /// (<c>UseAgentRulesModelCalls</c> on the chat client builder), so requests are not counted twice.
    /// </summary>
    public bool GuardModelCalls { get; set; } = true;

    /// <summary>
    /// Reads a connector's own usage type (the value of a response's <c>Metadata["Usage"]</c>, e.g. the OpenAI
    /// connector's <c>ChatTokenUsage</c>) as <see cref="Microsoft.Extensions.AI.UsageDetails"/>. Not needed for services built on an
    /// <see cref="Microsoft.Extensions.AI.IChatClient"/>, which report <see cref="Microsoft.Extensions.AI.UsageDetails"/>.
    /// </summary>
    public Func<object, Microsoft.Extensions.AI.UsageDetails?>? ReadUsage { get; set; }

    /// <summary>
    /// Decides whether a <see cref="RequiresApprovalAttribute"/> function may run (ask a person, check a ticket). When
    /// null (the default) such functions are refused: Semantic Kernel has no approval step of its own, and an approval
    /// that is declared must not be skipped silently.
    /// </summary>
    public Func<FunctionInvocationContext, ValueTask<bool>>? Approve { get; set; }
}
