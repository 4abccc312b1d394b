using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>How a tool is declared or registered.</summary>
public enum ToolForm
{
    /// <summary>AgentRules' own <c>[AgentTool]</c> on a method.</summary>
    AgentTool,

    /// <summary>MCP C# SDK: <c>[McpServerTool]</c> on a method, or <c>McpServerTool.Create(...)</c>.</summary>
    McpServerTool,

    /// <summary>Semantic Kernel: <c>[KernelFunction]</c> on a method.</summary>
    KernelFunction,

    /// <summary>Semantic Kernel: <c>KernelFunctionFactory.CreateFromMethod(...)</c> or <c>kernel.CreateFunctionFromMethod(...)</c>.</summary>
    KernelFunctionFactory,

    /// <summary>Microsoft.Extensions.AI: <c>AIFunctionFactory.Create(...)</c>.</summary>
    AIFunctionFactory,

    /// <summary>OpenAI SDK: <c>ChatTool.CreateFunctionTool(name, description, ...)</c>; known by name and description only.</summary>
    OpenAIChatTool,

    /// <summary>Azure Functions MCP extension: a function with an <c>[McpToolTrigger]</c> parameter.</summary>
    AzureFunctionsMcpTool,

    /// <summary>An in-house attribute listed in <c>agentrules.tool_attributes</c>, on a method or a class.</summary>
    ConfiguredAttribute,
}

/// <summary>What the code of a tool is: where diagnostics about it go and where attributes can be added.</summary>
public enum ToolTarget
{
    /// <summary>A method declaration.</summary>
    Method,

    /// <summary>A local function.</summary>
    LocalFunction,

    /// <summary>A lambda or anonymous method passed to a tool factory.</summary>
    Lambda,

    /// <summary>A class that is one tool (a class-level configured attribute).</summary>
    Type,

    /// <summary>A registration call that names a tool implemented elsewhere (OpenAI <c>ChatTool.CreateFunctionTool</c>).</summary>
    Registration,
}

/// <summary>Whether a tool changes state outside the process.</summary>
public enum ToolEffect
{
    /// <summary>No declaration and no decisive evidence (none, weak or conflicting).</summary>
    Unknown,

    /// <summary>The tool only reads.</summary>
    ReadOnly,

    /// <summary>The tool deletes, writes, creates, sends, publishes, deploys, pays... (MCP's "not read-only").</summary>
    Destructive,
}

/// <summary>Where a piece of effect evidence comes from, strongest first.</summary>
public enum EvidenceSource
{
    /// <summary>An explicit declaration: MCP <c>ReadOnly</c>/<c>Destructive</c>, AgentRules <c>[ReadOnlyTool]</c>/<c>[DestructiveTool]</c>, a configured attribute's named arguments.</summary>
    Declaration,

    /// <summary>The tool's body, or a same-compilation method it calls, calls a known writing API.</summary>
    BodyCall,

    /// <summary>An Azure Functions output binding on the function.</summary>
    OutputBinding,

    /// <summary>A verb in the tool's name.</summary>
    Name,

    /// <summary>A verb or a phrase in the tool's description.</summary>
    Description,
}

/// <summary>One piece of evidence about a tool's effect.</summary>
/// <param name="Effect">What this evidence says.</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="Text">How diagnostics phrase it: "declared Destructive = true", "calls File.Delete", "name starts with 'delete'".</param>
/// <param name="Location">Where it is in source, when it is (the call, the attribute).</param>
public sealed record ToolEffectEvidence(ToolEffect Effect, EvidenceSource Source, string Text, Location? Location);

/// <summary>The effect of a tool and why.</summary>
public sealed class ToolEffectResult
{
    internal ToolEffectResult(ToolEffectEvidence? declaration, ToolEffect inferred, ToolEffectEvidence? inferredDeciding, ToolEffectEvidence? bodyWrite, ImmutableArray<ToolEffectEvidence> evidence, bool isConflicting)
    {
        Declaration = declaration;
        Inferred = inferred;
        InferredDeciding = inferredDeciding;
        BodyWrite = bodyWrite;
        Evidence = evidence;
        IsConflicting = isConflicting;
    }

    /// <summary>The effect the rules act on: the declaration when there is one, else the inferred effect.</summary>
    public ToolEffect Effect => Declaration?.Effect ?? Inferred;

    /// <summary>The evidence <see cref="Effect"/> rests on: the declaration, else the deciding inferred evidence; null when unknown.</summary>
    public ToolEffectEvidence? Deciding => Declaration ?? InferredDeciding;

    /// <summary>The explicit declaration, or null when the tool declares neither effect (AGR0005).</summary>
    public ToolEffectEvidence? Declaration { get; }

    /// <summary>The effect inferred from the evidence alone, whatever the declaration says.</summary>
    public ToolEffect Inferred { get; }

    /// <summary>The evidence <see cref="Inferred"/> rests on; null when it is unknown.</summary>
    public ToolEffectEvidence? InferredDeciding { get; }

    /// <summary>The first known writing API the body reaches (or an output binding), whatever the declaration says (AGR0007).</summary>
    public ToolEffectEvidence? BodyWrite { get; }

    /// <summary>Every piece of inferred evidence found (body, name, description), strongest first.</summary>
    public ImmutableArray<ToolEffectEvidence> Evidence { get; }

    /// <summary>True when inferred evidence disagrees (a "get" tool whose body deletes a file): <see cref="Inferred"/> is then unknown.</summary>
    public bool IsConflicting { get; }
}

/// <summary>How a tool is limited to some environments.</summary>
public enum ToolScopeKind
{
    /// <summary><c>[EnvironmentScope(...)]</c> on the tool, its type or its assembly.</summary>
    Declared,

    /// <summary>The tool returns or throws early under an environment check.</summary>
    EnvironmentCheck,

    /// <summary>The tool (or its type) is only registered under an environment check.</summary>
    RegisteredUnderEnvironmentCheck,
}

/// <summary>The environment scope of a tool.</summary>
/// <param name="Kind">How it is scoped.</param>
/// <param name="Environments">The declared environments (empty for checks).</param>
/// <param name="Description">"declared Development, Staging", "guarded by IHostEnvironment.IsDevelopment()".</param>
/// <param name="Location">The attribute or the check.</param>
public sealed record ToolEnvironmentScope(ToolScopeKind Kind, ImmutableArray<string> Environments, string Description, Location? Location);

/// <summary>How a tool waits for a human before it runs.</summary>
public enum ToolApprovalKind
{
    /// <summary>AgentRules <c>[RequiresApproval]</c> on the tool or its type.</summary>
    RequiresApprovalAttribute,

    /// <summary>Wrapped in <c>ApprovalRequiredAIFunction</c> where it is registered.</summary>
    ApprovalRequiredAIFunction,

    /// <summary>
    /// Not provably gated, but the compilation gates tools in a way this tool may go through (an
    /// <c>ApprovalRequiredAIFunction</c> over tools it cannot trace, a Semantic Kernel invocation filter).
    /// </summary>
    PossiblyGated,

    /// <summary>The tool asks a human before it writes (MCP elicitation, a console prompt, a confirmation dialog).</summary>
    AsksInTool,

    /// <summary>
    /// Wrapped in <c>ApprovalRequiredAIFunction</c>, but the compilation approves every such call automatically
    /// (<c>ToolApprovalAgent.AllToolsAutoApprovalRule</c>, "always approve" responses): no human gate.
    /// </summary>
    AutoApproved,
}

/// <summary>A human-approval gate.</summary>
public sealed record ToolApproval(ToolApprovalKind Kind, Location? Location)
{
    /// <summary>For <see cref="ToolApprovalKind.AutoApproved"/>: what approves everything ("ToolApprovalAgent.AllToolsAutoApprovalRule").</summary>
    public string? Bypass { get; init; }

    /// <summary>True when a human is (or may be) asked: every kind but <see cref="ToolApprovalKind.AutoApproved"/>.</summary>
    public bool IsGate => Kind != ToolApprovalKind.AutoApproved;
}

/// <summary>A <c>[ToolBudget]</c>.</summary>
public sealed record ToolBudget(int MaxCalls, int Cost);

/// <summary>A parameter the model fills in (framework-bound parameters such as a <c>CancellationToken</c> are left out).</summary>
public sealed record ToolParameter(string Name, string Type, string? Description, bool IsOptional);

/// <summary>One place where a tool is registered with a factory.</summary>
/// <param name="Form">The factory.</param>
/// <param name="Location">The factory call.</param>
/// <param name="WrappedInApproval">The result is wrapped in <c>ApprovalRequiredAIFunction</c>.</param>
/// <param name="UnderEnvironmentCheck">The call only runs under an environment check.</param>
public sealed record ToolRegistration(ToolForm Form, Location Location, bool WrappedInApproval, bool UnderEnvironmentCheck);

/// <summary>Everything AgentRules knows about one tool: what the tool-safety rules report on and the process spec lists.</summary>
public sealed class ToolInfo
{
    internal ToolInfo(
        ToolForm form,
        ToolTarget target,
        string name,
        string? description,
        ISymbol? symbol,
        SyntaxNode? syntax,
        Location location,
        ImmutableArray<ToolParameter> parameters,
        ImmutableArray<ToolRegistration> registrations,
        ToolEffectResult effect,
        ToolEnvironmentScope? scope,
        ToolApproval? approval,
        ToolBudget? budget)
    {
        Form = form;
        Target = target;
        Name = name;
        Description = description;
        Symbol = symbol;
        Syntax = syntax;
        Location = location;
        Parameters = parameters;
        Registrations = registrations;
        Effect = effect;
        Scope = scope;
        Approval = approval;
        Budget = budget;
    }

    /// <summary>How the tool is declared.</summary>
    public ToolForm Form { get; }

    /// <summary>What kind of code the tool is.</summary>
    public ToolTarget Target { get; }

    /// <summary>The tool's name as the model sees it.</summary>
    public string Name { get; }

    /// <summary>The description the model sees, when it is known at compile time.</summary>
    public string? Description { get; }

    /// <summary>The method, local function, lambda or class; null for <see cref="ToolTarget.Registration"/>.</summary>
    public ISymbol? Symbol { get; }

    /// <summary>The lambda or the registration call, for <see cref="ToolTarget.Lambda"/> and <see cref="ToolTarget.Registration"/>.</summary>
    public SyntaxNode? Syntax { get; }

    /// <summary>Where diagnostics about the tool are reported: its declaration (name), the lambda, or the registration.</summary>
    public Location Location { get; }

    /// <summary>The parameters the model fills in.</summary>
    public ImmutableArray<ToolParameter> Parameters { get; }

    /// <summary>Where the tool is registered with a factory (empty for attribute-declared tools).</summary>
    public ImmutableArray<ToolRegistration> Registrations { get; }

    /// <summary>Destructive, read-only or unknown, with the evidence.</summary>
    public ToolEffectResult Effect { get; }

    /// <summary>The environment scope, or null when the tool can run anywhere.</summary>
    public ToolEnvironmentScope? Scope { get; }

    /// <summary>The human-approval gate, or null.</summary>
    public ToolApproval? Approval { get; }

    /// <summary>The <c>[ToolBudget]</c>, or null.</summary>
    public ToolBudget? Budget { get; }

    public override string ToString() => $"{Form} tool '{Name}' ({Effect.Effect})";
}
