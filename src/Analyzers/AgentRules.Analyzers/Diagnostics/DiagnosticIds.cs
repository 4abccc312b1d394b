namespace AgentRules.Analyzers.Diagnostics;

/// <summary>
/// Every diagnostic ID AgentRules reports, analyzers and generators alike. IDs are never reused or renumbered.
/// Each one has a page at docs/rules/{ID}.md and a row in the README's rule table (tests keep the three in step).
/// </summary>
public static class DiagnosticIds
{
    /// <summary>A destructive tool carries no environment scope.</summary>
    public const string DestructiveToolWithoutEnvironmentScope = "AGR0001";

    // Prompts (issue 5).

    /// <summary>A prompt site (system message, agent instructions, prompt template, ...) is fed by text that is not a declared prompt.</summary>
    public const string UnversionedPrompt = "AGR0004";

    /// <summary>A declared prompt's text changed but its version is still the one recorded in the lock file.</summary>
    public const string PromptChangedWithoutVersionBump = "AGR0006";

    /// <summary>A declared prompt's id and version are not recorded in the lock file yet.</summary>
    public const string PromptVersionNotRecorded = "AGR0010";

    /// <summary>A line of the prompt lock file cannot be read.</summary>
    public const string MalformedPromptLockFile = "AGR0011";

    /// <summary>Two prompts are declared with the same id.</summary>
    public const string DuplicatePromptId = "AGR0012";

    /// <summary>A prompt declaration is invalid: bad id or version, wrong member kind, text read at run time.</summary>
    public const string InvalidPromptDeclaration = "AGR0013";

    /// <summary>Two prompt ids map to the same member name in the generated registry.</summary>
    public const string PromptRegistryNameCollision = "AGR0014";
}
