using System;
using ModelContextProtocol.Server;

namespace AgentRules.ModelContextProtocol;

/// <summary>Options of <c>WithAgentRules()</c> on an MCP server.</summary>
public sealed class AgentRulesMcpServerOptions
{
    /// <summary>The agent's (server's) name: its <see cref="KillSwitch.ForAgent"/> switch stops the server's tool calls (the global switch always does).</summary>
    public string? AgentName { get; set; }

    /// <summary>
    /// One guard for every session of the server (a budget shared by all clients). When null (the default), each
    /// session (by <c>McpServer.SessionId</c>) gets its own guard created from <see cref="Tools"/>; a server
    /// without session ids (stdio, stateless HTTP) has one guard for all its calls.
    /// </summary>
    public ToolGuard? ToolGuard { get; set; }

    /// <summary>The limits of each session's guard when <see cref="ToolGuard"/> is null: calls, cost, per-tool limits, duplicate detection, environment.</summary>
    public ToolGuardOptions Tools { get; } = new();

    /// <summary>
    /// True (the default): a <see cref="RequiresApprovalAttribute"/> tool runs only after the client's user accepts an
    /// elicitation request; clients that do not support elicitation get the call refused. False leaves approval to the
    /// client (the tool is announced as usual and runs when called).
    /// </summary>
    public bool ApprovalByElicitation { get; set; } = true;

    /// <summary>The message of the approval elicitation; {0} is the tool name, {1} its arguments as JSON.</summary>
    public string ApprovalMessage { get; set; } = "Allow the tool '{0}' to run with {1}?";

    /// <summary>How long to wait for the user's answer before refusing the call (default two minutes).</summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
