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
    /// Decides whether a <see cref="RequiresApprovalAttribute"/> function may run (ask a person, check a ticket). When
    /// null (the default) such functions are refused: Semantic Kernel has no approval step of its own, and an approval
    /// that is declared must not be skipped silently.
    /// </summary>
    public Func<FunctionInvocationContext, ValueTask<bool>>? Approve { get; set; }
}
