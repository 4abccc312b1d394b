using System.Collections.Immutable;
using System.Text;
using AgentRules.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>How a call passes a <see cref="System.Threading.CancellationToken"/>.</summary>
public enum TokenUse
{
    /// <summary>A token that can be cancelled: a parameter, field, local, <c>cts.Token</c>, <c>KillSwitch.Global.Token</c>.</summary>
    Live,

    /// <summary>The method takes a token and the call leaves it out.</summary>
    Missing,

    /// <summary><c>default</c> or <c>default(CancellationToken)</c>.</summary>
    Default,

    /// <summary><c>CancellationToken.None</c> or <c>new CancellationToken(...)</c>.</summary>
    None,

    /// <summary>The method takes no token.</summary>
    NotAccepted,

    /// <summary>The call may carry one another way (OpenAI protocol methods' <c>RequestOptions</c>): not judged.</summary>
    Unknown,
}

/// <summary>A call that asks a model for something (or runs a tool it asked for).</summary>
/// <param name="Operation">The invocation (an invalid operation for a call whose arguments fit none of the framework member's overloads).</param>
/// <param name="Method">The method called.</param>
/// <param name="Name">How messages name it: <c>IChatClient.GetResponseAsync</c>.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Token">How it passes a cancellation token.</param>
/// <param name="TokenParameter">The method's <c>CancellationToken</c> parameter, when it has one.</param>
public sealed record LlmCall(IOperation Operation, IMethodSymbol Method, string Name, LlmCallKind Kind, TokenUse Token, IParameterSymbol? TokenParameter);

/// <summary>An LLM call found in a loop or method, directly or through a same-compilation method it calls.</summary>
/// <param name="Call">The LLM call.</param>
/// <param name="Via">The method called from the loop that leads to it; null when the loop makes the call itself.</param>
public sealed record LlmCallEvidence(LlmCall Call, IMethodSymbol? Via)
{
    /// <summary>
    /// The calls from the loop to the method that makes the LLM call (<see cref="Via"/> first; an interface or virtual
    /// call followed into its implementation appears as both). Empty when the loop makes the call itself.
    /// </summary>
    public ImmutableArray<IMethodSymbol> Path { get; init; } = ImmutableArray<IMethodSymbol>.Empty;

    /// <summary>
    /// "IChatClient.GetResponseAsync", "AskModelAsync → IChatClient.GetResponseAsync", or the whole reach path:
    /// "RunStep → ILlm.CompleteAsync → HttpLlm.CompleteAsync → HttpClient.PostAsync". Interface, abstract and virtual
    /// methods, and the implementations they lead to, are named with their type.
    /// </summary>
    public string Description
    {
        get
        {
            if (Via is null)
            {
                return Call.Name;
            }

            if (Path.IsDefaultOrEmpty)
            {
                return Via.Name + " → " + Call.Name;
            }

            var builder = new StringBuilder();
            for (var i = 0; i < Path.Length; i++)
            {
                var method = Path[i];
                var dispatched = IsDispatched(method) || (i > 0 && IsDispatched(Path[i - 1]) && !SymbolEqualityComparer.Default.Equals(method.ContainingType, Path[i - 1].ContainingType));
                builder.Append(dispatched && method.ContainingType is { } type ? type.Name + "." + method.Name : method.Name).Append(" → ");
            }

            return builder.Append(Call.Name).ToString();
        }
    }

    private static bool IsDispatched(IMethodSymbol method) =>
        method.ContainingType?.TypeKind == TypeKind.Interface || method.IsAbstract || method.IsVirtual;
}

/// <summary>The shape of a loop.</summary>
public enum AgentLoopKind
{
    While,
    DoWhile,
    For,
    ForEach,
    AwaitForEach,

    /// <summary>A method that calls itself.</summary>
    Recursion,
}

/// <summary>What decides when the next iteration starts.</summary>
public enum LoopPacing
{
    /// <summary>Nothing outside the loop: it runs as fast as the model answers.</summary>
    Autonomous,

    /// <summary>Each iteration waits for a person (<c>Console.ReadLine</c>, ...): not an autonomous agent loop.</summary>
    HumanPaced,

    /// <summary>Each iteration waits for a work item from outside (a channel, a queue).</summary>
    InputPaced,

    /// <summary>A service loop that waits on a timer or a delay between iterations.</summary>
    Scheduled,
}

/// <summary>What bounds the number of iterations.</summary>
public enum IterationCapKind
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>A counter compared against a limit in the condition or in a guard that ends the loop.</summary>
    Counter,

    /// <summary>A <c>for</c> loop with a finite bound.</summary>
    ForBound,

    /// <summary>A <c>foreach</c> over a collection or a sequence from outside.</summary>
    Collection,

    /// <summary>An <c>AgentStepLimit</c>.</summary>
    StepLimit,

    /// <summary>A recursion depth parameter checked against a limit.</summary>
    RecursionDepth,

    /// <summary>A deadline: the clock compared against a limit, or a token source with a timeout that ends the loop.</summary>
    Deadline,
}

/// <summary>The iteration cap of a loop.</summary>
/// <param name="Kind">What kind of cap.</param>
/// <param name="Description">The evidence, as source text (<c>iteration &lt; MaxIterations</c>); empty for none.</param>
/// <param name="Location">Where the evidence is; null for none.</param>
public sealed record IterationCap(IterationCapKind Kind, string Description, Location? Location)
{
    public static IterationCap None { get; } = new(IterationCapKind.None, string.Empty, null);
}

/// <summary>How a loop can be stopped from outside.</summary>
public enum StopSignalKind
{
    /// <summary>Nothing stops it but its own logic.</summary>
    None,

    /// <summary>A live cancellation token is passed to an LLM call (or to the helper that makes it).</summary>
    TokenPassed,

    /// <summary>It checks <c>IsCancellationRequested</c> or calls <c>ThrowIfCancellationRequested</c>.</summary>
    CancellationCheck,

    /// <summary>It checks an AgentRules <c>KillSwitch</c>.</summary>
    KillSwitch,
}

/// <summary>How a loop observes a kill switch or cancellation.</summary>
/// <param name="Kind">What kind of signal.</param>
/// <param name="Description">The evidence as source text; empty for none.</param>
/// <param name="Location">Where the evidence is; null for none.</param>
public sealed record StopSignal(StopSignalKind Kind, string Description, Location? Location)
{
    public static StopSignal None { get; } = new(StopSignalKind.None, string.Empty, null);
}

/// <summary>
/// A loop (or a recursive method) whose iterations call a model, classified: the process spec lists these, and
/// AGR0002/AGR0003 report the ones without a cap or a stop signal.
/// </summary>
/// <param name="Kind">The loop's shape.</param>
/// <param name="Location">Where diagnostics go: the loop keyword, or the recursive call's name.</param>
/// <param name="Syntax">The loop statement, or the recursive invocation.</param>
/// <param name="Method">For recursion, the method that calls itself.</param>
/// <param name="LlmCall">The first LLM call the loop makes.</param>
/// <param name="OwnLlmCall">The first LLM call not inside a nested agent loop (which is judged on its own); null when all of them are.</param>
/// <param name="IsStreamConsumer">An <c>await foreach</c> over one LLM stream whose body calls no model: it only reads output.</param>
/// <param name="Pacing">What paces the iterations.</param>
/// <param name="PacingEvidence">The call that paces them (<c>Console.ReadLine</c>); empty when autonomous.</param>
/// <param name="Cap">What bounds the iterations.</param>
/// <param name="Stop">How the loop observes a kill switch or cancellation.</param>
public sealed record AgentLoop(
    AgentLoopKind Kind,
    Location Location,
    SyntaxNode Syntax,
    IMethodSymbol? Method,
    LlmCallEvidence LlmCall,
    LlmCallEvidence? OwnLlmCall,
    bool IsStreamConsumer,
    LoopPacing Pacing,
    string PacingEvidence,
    IterationCap Cap,
    StopSignal Stop)
{
    /// <summary>An agent loop: it calls a model, is not only reading one stream, and is not paced by a person.</summary>
    public bool IsAgentLoop => !IsStreamConsumer && Pacing != LoopPacing.HumanPaced;

    /// <summary>AGR0002: an autonomous agent loop with no iteration cap.</summary>
    public bool LacksIterationCap => IsAgentLoop && Pacing == LoopPacing.Autonomous && Cap.Kind == IterationCapKind.None;

    /// <summary>AGR0003: an agent loop that makes LLM calls of its own and observes no kill switch or cancellation.</summary>
    public bool LacksStopSignal => IsAgentLoop && OwnLlmCall is not null && Stop.Kind == StopSignalKind.None;

    /// <summary>For the process spec: "none", "human-paced (Console.ReadLine)", or the cap's evidence.</summary>
    public string CapDescription => Pacing switch
    {
        LoopPacing.HumanPaced => "human-paced (" + PacingEvidence + ")",
        _ when Cap.Kind != IterationCapKind.None => Cap.Description,
        LoopPacing.InputPaced => "input-paced (" + PacingEvidence + ")",
        LoopPacing.Scheduled => "scheduled (" + PacingEvidence + ")",
        _ => "none",
    };
}

/// <summary>What kind of framework loop a site configures.</summary>
public enum FunctionInvocationSiteKind
{
    /// <summary><c>ChatClientBuilder.UseFunctionInvocation(...)</c>.</summary>
    UseFunctionInvocation,

    /// <summary><c>new FunctionInvokingChatClient(...)</c>.</summary>
    FunctionInvokingChatClient,

    /// <summary>An Agent Framework <c>ChatClientAgent</c> that adds its own <c>FunctionInvokingChatClient</c>.</summary>
    ChatClientAgent,

    /// <summary>Semantic Kernel <c>FunctionChoiceBehavior.Auto()</c> with auto-invocation.</summary>
    SemanticKernelAutoInvoke,

    /// <summary>Semantic Kernel <c>ToolCallBehavior.AutoInvokeKernelFunctions</c>.</summary>
    SemanticKernelToolCallBehavior,

    /// <summary>A Semantic Kernel orchestration manager (<c>GroupChatManager</c>, <c>MagenticManager</c>).</summary>
    SemanticKernelOrchestration,

    /// <summary>An Agent Framework Magentic workflow.</summary>
    MagenticWorkflow,

    /// <summary>A cap setting assigned in code (<c>MaximumIterationsPerRequest = ...</c>).</summary>
    CapSetting,

    /// <summary>An Agent Framework handoff workflow in autonomous mode (<c>WithAutonomousMode(turnLimit)</c>).</summary>
    HandoffAutonomousMode,

    /// <summary>An Agent Framework <c>ToolApprovalAgent</c> (<c>UseToolApproval()</c>), which loops over auto-approved calls.</summary>
    ToolApprovalAgent,

    /// <summary>An Agent Framework Harness agent (<c>new HarnessAgent(...)</c>, <c>AsHarnessAgent(...)</c>), which runs its own function-invocation loop.</summary>
    HarnessAgent,

    /// <summary>AgentRules' <c>ChatClientBuilder.UseAgentRules(...)</c>, which installs its own <c>FunctionInvokingChatClient</c>.</summary>
    UseAgentRules,
}

/// <summary>Where a site's cap comes from.</summary>
public enum CapSource
{
    /// <summary>Set in code to a value within the ceiling.</summary>
    Explicit,

    /// <summary>Left at the framework's default.</summary>
    FrameworkDefault,

    /// <summary>Removed: unlimited, <c>int.MaxValue</c>, or above <c>agentrules.max_iterations_ceiling</c>.</summary>
    Removed,

    /// <summary>Fixed inside the framework; code cannot change it.</summary>
    NotConfigurable,

    /// <summary>Set in a way the rules cannot read (a method group, a computed value).</summary>
    Unknown,
}

/// <summary>
/// A place where code hands a loop to a framework — function invocation, an agent, an orchestration — with the cap
/// that applies. AGR0009 reports sites left at a default; AGR0002 reports sites whose cap is removed.
/// </summary>
/// <param name="Kind">What the site configures.</param>
/// <param name="Location">Where diagnostics go.</param>
/// <param name="Operation">The invocation, creation or assignment.</param>
/// <param name="Description">How messages name it: <c>UseFunctionInvocation()</c>.</param>
/// <param name="Source">Where the cap comes from.</param>
/// <param name="Cap">The cap, when known; null for unlimited or unknown.</param>
/// <param name="Detail">The explanation messages give ("MaximumIterationsPerRequest defaults to 40").</param>
public sealed record FunctionInvocationSite(
    FunctionInvocationSiteKind Kind,
    Location Location,
    IOperation Operation,
    string Description,
    CapSource Source,
    int? Cap,
    string Detail)
{
    /// <summary>AGR0009: a function-invocation site left at the framework's default cap.</summary>
    public bool LeavesDefaultCap => Source is CapSource.FrameworkDefault or CapSource.NotConfigurable
        && Kind is FunctionInvocationSiteKind.UseFunctionInvocation or FunctionInvocationSiteKind.FunctionInvokingChatClient
            or FunctionInvocationSiteKind.ChatClientAgent or FunctionInvocationSiteKind.SemanticKernelAutoInvoke
            or FunctionInvocationSiteKind.SemanticKernelToolCallBehavior or FunctionInvocationSiteKind.HandoffAutonomousMode
            or FunctionInvocationSiteKind.ToolApprovalAgent or FunctionInvocationSiteKind.UseAgentRules or FunctionInvocationSiteKind.HarnessAgent;

    /// <summary>AGR0002: a site whose cap is removed.</summary>
    public bool RemovesCap => Source == CapSource.Removed;

    /// <summary>For the process spec: "10", "framework default 40", "none", "128 (not configurable)".</summary>
    public string CapDescription => Source switch
    {
        CapSource.Explicit => Cap?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "set",
        CapSource.FrameworkDefault => "framework default " + (Cap?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"),
        CapSource.Removed => Cap is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (above the ceiling)" : "none",
        CapSource.NotConfigurable => (Cap?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "fixed") + " (not configurable)",
        _ => "unknown",
    };
}
