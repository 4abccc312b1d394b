namespace AgentRules.Analyzers.Diagnostics;

/// <summary>
/// Every diagnostic ID AgentRules reports, analyzers and generators alike. IDs are never reused or renumbered.
/// Each one has a page at docs/rules/{ID}.md and a row in the README's rule table (tests keep the three in step).
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A destructive tool carries no environment scope.</summary>
    public const string DestructiveToolWithoutEnvironmentScope = "AGR0001";
}
