namespace AgentRules.Analyzers.Diagnostics;

/// <summary>
/// Every diagnostic ID AgentRules reports, analyzers and generators alike. IDs are never reused or renumbered.
/// Each one has a page at docs/rules/{ID}.md and a row in the README's rule table (tests keep the three in step).
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A destructive tool carries no environment scope.</summary>
    public const string DestructiveToolWithoutEnvironmentScope = "AGR0001";

    // Agent loops (issue 4).

    /// <summary>An agent loop (or framework loop setting) has no iteration cap.</summary>
    public const string AgentLoopWithoutIterationCap = "AGR0002";

    /// <summary>An agent loop observes no kill switch or cancellation.</summary>
    public const string AgentLoopWithoutStopSignal = "AGR0003";

    /// <summary>A function-invocation site leaves the framework's implicit default cap in force.</summary>
    public const string FunctionInvocationDefaultCap = "AGR0009";
}
