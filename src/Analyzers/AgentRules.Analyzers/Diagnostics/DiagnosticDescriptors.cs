using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Diagnostics;

/// <summary>
/// Every descriptor AgentRules reports, in ID order. Analyzers, generators and code fixes take them from here, so a
/// rule's ID, category, default severity and help link are decided once.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>AGR0001: a tool that changes state outside the process can run in every environment.</summary>
    public static readonly DiagnosticDescriptor DestructiveToolWithoutEnvironmentScope = Create(
        DiagnosticIds.DestructiveToolWithoutEnvironmentScope,
        title: "Destructive tool has no environment scope",
        messageFormat: "Destructive tool '{0}' has no environment scope ({1})",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Warning,
        description: "A tool that deletes, writes, sends or otherwise changes state outside the process can be called by an agent in any environment it runs in. Declare where it may run with [EnvironmentScope(...)] on the method, its type or the assembly, or return early under an environment check.");

    /// <summary>AGR0005: a tool declares neither effect, so clients and reviewers must guess (MCP clients assume destructive).</summary>
    public static readonly DiagnosticDescriptor UndeclaredToolEffect = Create(
        DiagnosticIds.UndeclaredToolEffect,
        title: "Tool does not declare its effect",
        messageFormat: "Tool '{0}' does not declare whether it is read-only or destructive ({1})",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Info,
        description: "Declare what a tool does to the world: [McpServerTool(ReadOnly = true)] or (Destructive = true) for MCP tools, AgentRules [ReadOnly] or [Destructive] otherwise. The declaration is what MCP clients show, what AGR0001 and AGR0008 act on, and what AGR0007 checks against the tool's body.");

    /// <summary>AGR0007: a tool declared read-only calls a known writing API.</summary>
    public static readonly DiagnosticDescriptor ReadOnlyToolWrites = Create(
        DiagnosticIds.ReadOnlyToolWrites,
        title: "Read-only tool calls a writing API",
        messageFormat: "Tool '{0}' is declared read-only but {1}",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Warning,
        description: "A tool declared read-only is trusted to change nothing: clients call it without asking, and AGR0001 does not ask for an environment scope. This one deletes, writes or sends through a known writing API, directly or through a method it calls. Remove the write, or declare the tool destructive.");

    /// <summary>AGR0008: a destructive tool runs without a human-approval gate.</summary>
    public static readonly DiagnosticDescriptor DestructiveToolWithoutApproval = Create(
        DiagnosticIds.DestructiveToolWithoutApproval,
        title: "Destructive tool has no human-approval gate",
        messageFormat: "Destructive tool '{0}' runs without human approval ({1})",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Info,
        description: "A destructive tool runs as soon as the model asks for it. Put a human in the loop: AgentRules [RequiresApproval] (generated tool wrappers then require approval), or wrap the AIFunction in ApprovalRequiredAIFunction where it is registered.");

    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description,
        params string[] customTags) =>
        new(id, title, messageFormat, category, defaultSeverity, isEnabledByDefault: true, description, HelpLinks.ForRule(id), customTags);
}
