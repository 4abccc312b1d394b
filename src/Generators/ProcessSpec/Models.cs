using AgentRules.Generators.Infrastructure;

namespace AgentRules.Generators.ProcessSpec;

/// <summary>A place in the project: a path relative to the project folder with '/' separators, and a 1-based line.</summary>
public sealed record SpecLocation(string Path, int Line)
{
    /// <summary>Orders locations by path (ordinal), then line: the order every list in the spec uses.</summary>
    public static int Compare(SpecLocation a, SpecLocation b) =>
        string.CompareOrdinal(a.Path, b.Path) is var byPath and not 0 ? byPath : a.Line.CompareTo(b.Line);

    public override string ToString() => Path + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A tool parameter as the model sees it.</summary>
public sealed record SpecParameter(string Name, string Type, string? Description);

/// <summary>What enforces a tool's declared controls at run time.</summary>
/// <param name="Pipeline">"generated wrapper" (an <c>[AgentTool]</c>), "MCP server", "Semantic Kernel", "chat client" or "agent".</param>
/// <param name="Registration">The guard registration called, e.g. "WithAgentRules()"; null for the generated wrapper.</param>
/// <param name="Location">The project's first such registration; null for the generated wrapper.</param>
public sealed record SpecEnforcement(string Pipeline, string? Registration, SpecLocation? Location);

/// <summary>One tool an agent can call.</summary>
/// <param name="Name">The name the model sees.</param>
/// <param name="Form">How it is declared: "MCP", "Semantic Kernel", "Microsoft.Extensions.AI", "OpenAI", "Azure Functions MCP", "AgentRules", or a configured attribute.</param>
/// <param name="DeclaredBy">The declaring method (<c>Namespace.Type.Method</c>) or registration.</param>
/// <param name="Effect">"destructive", "read-only" or "unknown".</param>
/// <param name="EffectEvidence">Why: "declared Destructive = true", "calls File.Delete", "name starts with 'Delete'".</param>
/// <param name="Environments">The declared environment scope; empty when none.</param>
/// <param name="Scope">How the tool is scoped: "attribute", "environment check", or "none".</param>
/// <param name="Approval">How a human approves calls ("[RequiresApproval]", "ApprovalRequiredAIFunction"), or null.</param>
/// <param name="EnforcedBy">The AgentRules guards that enforce the tool's declared controls at run time; empty when none does.</param>
public sealed record SpecTool(
    string Name,
    string Form,
    string DeclaredBy,
    SpecLocation Location,
    string? Description,
    string Effect,
    string? EffectEvidence,
    EquatableArray<string> Environments,
    string Scope,
    string? Approval,
    int? MaxCalls,
    int? Cost,
    EquatableArray<SpecParameter> Parameters,
    EquatableArray<SpecEnforcement> EnforcedBy = default)
{
    /// <summary>True when the tool declares a control a guard must enforce: an environment scope attribute, <c>[RequiresApproval]</c> or <c>[ToolBudget]</c>.</summary>
    public bool DeclaresControls => Scope == "attribute" || Approval == "[RequiresApproval]" || MaxCalls is not null || Cost is not null;
}

/// <summary>A declared prompt.</summary>
public sealed record SpecPrompt(
    string Id,
    int Version,
    string Sha256,
    int Length,
    string FirstLine,
    SpecLocation Location,
    EquatableArray<SpecLocation> UsedAt);

/// <summary>A place where text reaches a model as instructions.</summary>
/// <param name="Kind">"system message", "agent instructions", "prompt template", ...</param>
/// <param name="Source">"declared" (a declared prompt), "undeclared" (text in the code: AGR0004), or "outside the code" (a parameter, configuration, model output).</param>
/// <param name="PromptId">The declared prompt feeding it, when declared.</param>
public sealed record SpecPromptSite(string Kind, SpecLocation Location, string Source, string? PromptId);

/// <summary>An agent loop: a loop or recursion whose body calls a model.</summary>
/// <param name="Kind">"while", "do", "for", "foreach", "await foreach", "recursion".</param>
/// <param name="Cap">"counter", "for bound", "collection", "step limit", "recursion depth", "deadline", "human-paced", "input-paced", "scheduled", "none".</param>
/// <param name="CapDescription">The evidence, e.g. <c>turn &lt; MaxTurns</c>.</param>
/// <param name="Stop">"cancellation token", "cancellation check", "kill switch", "none".</param>
/// <param name="LlmCall">The model call that makes it an agent loop, e.g. "AskAsync → IChatClient.GetResponseAsync".</param>
/// <param name="Tools">Tools registered in the same method, where the compilation shows it.</param>
public sealed record SpecLoop(
    string Kind,
    SpecLocation Location,
    string Cap,
    string CapDescription,
    string Stop,
    string StopDescription,
    string LlmCall,
    EquatableArray<string> Tools);

/// <summary>A place where code hands the tool-calling loop to a framework.</summary>
/// <param name="Kind">e.g. "UseFunctionInvocation()", "FunctionChoiceBehavior.Auto()".</param>
/// <param name="Cap">"explicit", "framework default", "removed", "not configurable", "unknown".</param>
/// <param name="CapDescription">"10", "framework default 40", "128 (not configurable)", "none".</param>
public sealed record SpecInvocationSite(string Kind, SpecLocation Location, string Cap, int? CapValue, string CapDescription, string Detail);

/// <summary>
/// The process spec of one project, as the generator computes it: tools, prompts, loops and sites. The build task
/// adds the findings the compiler reported (from its SARIF log) when it writes the files.
/// </summary>
public sealed record ProcessSpecDocument(
    string Project,
    EquatableArray<SpecTool> Tools,
    EquatableArray<SpecPrompt> Prompts,
    EquatableArray<SpecPromptSite> PromptSites,
    EquatableArray<SpecLoop> Loops,
    EquatableArray<SpecInvocationSite> InvocationSites,
    EquatableArray<SpecAgent> Agents = default,
    EquatableArray<SpecMcpServer> McpServers = default,
    EquatableArray<SpecExternalTools> ExternalTools = default,
    EquatableArray<SpecApproval> Approvals = default)
{
    /// <summary>
    /// The version of the JSON format (docs/process-spec.schema.json). 2 added agents, mcpServers, externalTools and
    /// approvals; 3 added tools[].enforcedBy.
    /// </summary>
    public const int FormatVersion = 3;

    public bool IsEmpty => Tools.IsEmpty && Prompts.IsEmpty && PromptSites.IsEmpty && Loops.IsEmpty && InvocationSites.IsEmpty
        && Agents.IsEmpty && McpServers.IsEmpty && ExternalTools.IsEmpty && Approvals.IsEmpty;
}

/// <summary>An agent the code creates.</summary>
/// <param name="Name">The agent's name where the code states it as a constant, else null.</param>
/// <param name="Kind">"Agent Framework ChatClientAgent", "Agent Framework AsAIAgent", "Agent Framework HarnessAgent", "Agent Framework AsHarnessAgent", "AgentRules ToolGuard".</param>
/// <param name="Instructions">"prompt &lt;id&gt;" for a declared prompt, "undeclared", "outside the code", or null when none is given.</param>
/// <param name="Model">The model id where the code states it as a constant in the same method, else null.</param>
/// <param name="Tools">The tools given, where the compilation shows them.</param>
/// <param name="Limits">Caps and budgets in force: "MaxCalls = 20", "kill switch support-agent", "loop cap: counter (...)".</param>
/// <param name="Approvals">Tools given that need human approval, as "name: how".</param>
public sealed record SpecAgent(
    string? Name,
    string Kind,
    SpecLocation Location,
    string? Instructions,
    string? Model,
    EquatableArray<string> Tools,
    EquatableArray<string> Limits,
    EquatableArray<string> Approvals);

/// <summary>An MCP server the code connects to as a client.</summary>
/// <param name="Name">The transport's name where constant, else null.</param>
/// <param name="Transport">"stdio" or "http".</param>
/// <param name="Target">The command line (stdio) or endpoint (http) as far as the code states it; "…" stands for a value computed at run time.</param>
public sealed record SpecMcpServer(string? Name, string Transport, string Target, SpecLocation Location);

/// <summary>MCP tools exposed from a type in another assembly (<c>WithTools&lt;T&gt;()</c>, <c>WithToolsFromAssembly(assembly)</c>), read from metadata.</summary>
public sealed record SpecExternalTools(string Registration, string Type, string Assembly, EquatableArray<string> Tools, SpecLocation Location);

/// <summary>An approval gate in force, or a bypass of one.</summary>
/// <param name="Kind">"gate" or "bypass".</param>
/// <param name="What">e.g. "ApprovalRequiredAIFunction", "[RequiresApproval] on refund_order", "AllToolsAutoApprovalRule".</param>
public sealed record SpecApproval(string Kind, string What, SpecLocation Location);
