using System.Collections.Immutable;

namespace AgentRules.Analyzers.Knowledge;

/// <summary>
/// The framework APIs AGR0008 reads human approval from, beyond AgentRules' own <c>[RequiresApproval]</c> and MEAI's
/// <c>ApprovalRequiredAIFunction</c>: questions a tool asks a human before it writes, server-wide gates, and the
/// settings that approve everything without asking. Matched by metadata name; the knowledge test resolves every
/// served entry in the real assemblies.
/// </summary>
public static class ApprovalApis
{
    /// <summary>One API: its type's metadata name, the member, and the package (with the version it was verified on).</summary>
    /// <param name="Type">Metadata name of the declaring type.</param>
    /// <param name="Member">Method or property name.</param>
    /// <param name="Package">Package and version the name was verified on, or why it is not verified here.</param>
    /// <param name="Served">False for frameworks the registry here does not serve: the name is a stand-in the knowledge test cannot resolve.</param>
    public sealed record Api(string Type, string Member, string Package, bool Served = true);

    /// <summary>
    /// Calls that ask a human inside the tool. One of them before the tool's write gates the write: MCP elicitation,
    /// a console prompt, a desktop or terminal confirmation dialog.
    /// </summary>
    public static readonly ImmutableArray<Api> Confirmations = ImmutableArray.Create(
        new Api("ModelContextProtocol.Server.McpServer", "ElicitAsync", "ModelContextProtocol.Core 2.4.0"),
        new Api("System.Console", "ReadLine", ".NET 10"),
        new Api("System.Console", "ReadKey", ".NET 10"),
        new Api("Spectre.Console.AnsiConsole", "Confirm", "Spectre.Console (not used by the tests here)", Served: false),
        new Api("Spectre.Console.AnsiConsole", "Prompt", "Spectre.Console (not used by the tests here)", Served: false),
        new Api("System.Windows.MessageBox", "Show", "WPF (Windows Desktop pack, not on this build machine)", Served: false),
        new Api("System.Windows.Forms.MessageBox", "Show", "Windows Forms (Windows Desktop pack, not on this build machine)", Served: false));

    /// <summary>Server-wide gates every MCP tool call passes through: a call-tool filter may ask a human.</summary>
    public static readonly ImmutableArray<Api> McpCallToolGates = ImmutableArray.Create(
        new Api("Microsoft.Extensions.DependencyInjection.McpRequestFilterBuilderExtensions", "AddCallToolFilter", "ModelContextProtocol 2.4.0"));

    /// <summary>
    /// Agent Framework settings that approve every <c>ApprovalRequiredAIFunction</c> call without asking anyone: with
    /// one of them in the compilation, the wrapper is no longer a human gate.
    /// </summary>
    public static readonly ImmutableArray<Api> AutoApproveAll = ImmutableArray.Create(
        new Api("Microsoft.Agents.AI.ToolApprovalAgent", "AllToolsAutoApprovalRule", "Microsoft.Agents.AI 1.28.0"),
        new Api("Microsoft.Agents.AI.ToolApprovalRequestContentExtensions", "CreateAlwaysApproveToolResponse", "Microsoft.Agents.AI 1.28.0"),
        new Api("Microsoft.Agents.AI.ToolApprovalRequestContentExtensions", "CreateAlwaysApproveToolWithArgumentsResponse", "Microsoft.Agents.AI 1.28.0"));

    /// <summary>
    /// Options that switch off the approval of a framework's own destructive tools when set to <c>true</c>
    /// (the file-writing tools of <c>FileAccessProvider</c>, the script runner of the skills provider). Their
    /// read-only siblings (<c>DisableReadOnlyToolApproval</c>, <c>DisableLoadSkillApproval</c>,
    /// <c>DisableReadSkillResourceApproval</c>) are not listed: reading without approval is no risk.
    /// </summary>
    public static readonly ImmutableArray<(Api Option, string Tools)> DisabledApprovals = ImmutableArray.Create(
        (new Api("Microsoft.Agents.AI.FileAccessProviderOptions", "DisableWriteToolApproval", "Microsoft.Agents.AI 1.28.0"), "FileAccessProvider write tools"),
        (new Api("Microsoft.Agents.AI.AgentSkillsProviderOptions", "DisableRunSkillScriptApproval", "Microsoft.Agents.AI 1.28.0"), "AgentSkillsProvider script runner"));

    /// <summary>
    /// Rules that approve every tool of one Agent Framework provider, its destructive ones included (their
    /// <c>ReadOnlyToolsAutoApprovalRule</c> siblings are not listed).
    /// </summary>
    public static readonly ImmutableArray<(Api Rule, string Tools)> ProviderAutoApprovals = ImmutableArray.Create(
        (new Api("Microsoft.Agents.AI.FileAccessProvider", "AllToolsAutoApprovalRule", "Microsoft.Agents.AI 1.28.0"), "FileAccessProvider write tools"),
        (new Api("Microsoft.Agents.AI.AgentSkillsProvider", "AllToolsAutoApprovalRule", "Microsoft.Agents.AI 1.28.0"), "AgentSkillsProvider script runner"));

    /// <summary>MEAI's hosted (provider-side) MCP tool and the approval mode that asks no one.</summary>
    public static readonly ImmutableArray<Api> HostedMcp = ImmutableArray.Create(
        new Api("Microsoft.Extensions.AI.HostedMcpServerTool", "ApprovalMode", "Microsoft.Extensions.AI.Abstractions 11.0.0"),
        new Api("Microsoft.Extensions.AI.HostedMcpServerTool", "AllowedTools", "Microsoft.Extensions.AI.Abstractions 11.0.0"),
        new Api("Microsoft.Extensions.AI.HostedMcpServerTool", "ServerName", "Microsoft.Extensions.AI.Abstractions 11.0.0"),
        new Api("Microsoft.Extensions.AI.HostedMcpServerToolApprovalMode", "NeverRequire", "Microsoft.Extensions.AI.Abstractions 11.0.0"),
        new Api("Microsoft.Extensions.AI.HostedMcpServerToolApprovalMode", "RequireSpecific", "Microsoft.Extensions.AI.Abstractions 11.0.0"));

    /// <summary>Every entry, for the knowledge test.</summary>
    public static ImmutableArray<Api> All { get; } = Confirmations
        .AddRange(McpCallToolGates)
        .AddRange(AutoApproveAll)
        .AddRange(System.Linq.Enumerable.Select(DisabledApprovals, d => d.Option))
        .AddRange(System.Linq.Enumerable.Select(ProviderAutoApprovals, d => d.Rule))
        .AddRange(HostedMcp);
}
