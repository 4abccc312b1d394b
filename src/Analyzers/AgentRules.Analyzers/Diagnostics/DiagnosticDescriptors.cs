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

    // Agent loops (issue 4).

    /// <summary>AGR0002: an agent loop, or a framework loop setting, with no iteration cap.</summary>
    public static readonly DiagnosticDescriptor AgentLoopWithoutIterationCap = Create(
        DiagnosticIds.AgentLoopWithoutIterationCap,
        title: "Agent loop has no iteration cap",
        messageFormat: "{0} has no iteration cap: {1}",
        DiagnosticCategories.AgentLoops,
        DiagnosticSeverity.Warning,
        description: "A loop (or a method calling itself) whose iterations call a model runs until the model decides to stop, so a confused model, two agents asking each other for clarification, or a tool that keeps failing run it forever. Count the iterations against a named limit and end the loop when it is reached (or use AgentStepLimit), and do not set framework caps such as MaximumIterationsPerRequest to int.MaxValue. Loops that wait for a person each iteration are not reported.");

    /// <summary>AGR0003: an agent loop that observes no kill switch or cancellation.</summary>
    public static readonly DiagnosticDescriptor AgentLoopWithoutStopSignal = Create(
        DiagnosticIds.AgentLoopWithoutStopSignal,
        title: "Agent loop does not observe a kill switch or cancellation",
        messageFormat: "{0} does not observe a kill switch or cancellation: {1}",
        DiagnosticCategories.AgentLoops,
        DiagnosticSeverity.Warning,
        description: "Nothing outside an agent loop can stop it: no iteration passes a live CancellationToken to its LLM call, checks IsCancellationRequested, or checks an AgentRules KillSwitch. Pass the token in scope (or KillSwitch.Global.Token) to the LLM call, so that stopping the agent aborts the call in flight.");

    /// <summary>AGR0009: a function-invocation site that leaves the framework's implicit default cap in force.</summary>
    public static readonly DiagnosticDescriptor FunctionInvocationDefaultCap = Create(
        DiagnosticIds.FunctionInvocationDefaultCap,
        title: "Function-invocation loop relies on the framework's default cap",
        messageFormat: "{0} leaves the framework's default iteration cap in force: {1}",
        DiagnosticCategories.AgentLoops,
        DiagnosticSeverity.Info,
        description: "Frameworks cap their tool-calling loops with defaults that differ (Microsoft.Extensions.AI 40, 10 before 9.8; Semantic Kernel 128 and not configurable) and drift between releases. State the cap in code: set FunctionInvokingChatClient.MaximumIterationsPerRequest, or for Semantic Kernel add an IAutoFunctionInvocationFilter that sets context.Terminate.");

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
