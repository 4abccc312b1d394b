namespace AgentRules.Analyzers.Diagnostics;

/// <summary>
/// Every diagnostic ID AgentRules reports, analyzers and generators alike. IDs are never reused or renumbered.
/// Each one has a page at docs/rules/{ID}.md and a row in the README's rule table (tests keep the three in step).
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A destructive tool carries no environment scope.</summary>
    public const string DestructiveToolWithoutEnvironmentScope = "AGR0001";

    /// <summary>A tool declares neither read-only nor destructive.</summary>
    public const string UndeclaredToolEffect = "AGR0005";

    /// <summary>A tool declared read-only calls a known writing API.</summary>
    public const string ReadOnlyToolWrites = "AGR0007";

    /// <summary>A destructive tool runs without a human-approval gate.</summary>
    public const string DestructiveToolWithoutApproval = "AGR0008";
}
