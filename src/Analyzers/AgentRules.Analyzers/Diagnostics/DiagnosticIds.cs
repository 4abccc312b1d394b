namespace AgentRules.Analyzers.Diagnostics;

/// <summary>
/// Every diagnostic ID AgentRules reports, analyzers and generators alike, in ID order. IDs are never reused or
/// renumbered. Each one has a page at docs/rules/{ID}.md and a row in the README's rule table; an analyzer rule's
/// analyzer, code fix and test files are named by its ID and this constant's name
/// (<c>AGR0003AgentLoopWithoutStopSignalAnalyzer.cs</c>). The catalogue tests keep them all in step.
/// </summary>
public static class DiagnosticIds
{
    // Analyzer rules (AGR0001-AGR0099): one analyzer each, in Rules/.

    /// <summary>A destructive tool carries no environment scope.</summary>
    public const string DestructiveToolWithoutEnvironmentScope = "AGR0001";

    /// <summary>An agent loop (or framework loop setting) has no iteration cap.</summary>
    public const string AgentLoopWithoutIterationCap = "AGR0002";

    /// <summary>An agent loop observes no kill switch or cancellation.</summary>
    public const string AgentLoopWithoutStopSignal = "AGR0003";

    /// <summary>A prompt site (system message, agent instructions, prompt template, ...) is fed by text that is not a declared prompt.</summary>
    public const string UnversionedPrompt = "AGR0004";

    /// <summary>A tool declares neither read-only nor destructive.</summary>
    public const string UndeclaredToolEffect = "AGR0005";

    /// <summary>A declared prompt's text changed but its version is still the one recorded in the lock file.</summary>
    public const string PromptChangedWithoutVersionBump = "AGR0006";

    /// <summary>A tool declared read-only calls a known writing API.</summary>
    public const string ReadOnlyToolWrites = "AGR0007";

    /// <summary>A destructive tool runs without a human-approval gate.</summary>
    public const string DestructiveToolWithoutApproval = "AGR0008";

    /// <summary>A function-invocation site leaves the framework's implicit default cap in force.</summary>
    public const string FunctionInvocationDefaultCap = "AGR0009";

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

    /// <summary>Tools listed from an MCP server reach a model without the pin check.</summary>
    public const string McpToolWithoutPin = "AGR0015";

    /// <summary>A tool declares a control (scope, approval, budget) that nothing enforces at run time.</summary>
    public const string ToolControlNotEnforced = "AGR0016";

    /// <summary>A pipeline or agent runs tools in a model loop with no token or money budget.</summary>
    public const string AgentRunWithoutBudget = "AGR0017";

    // Tool wrapper generator (AGR0100-AGR0119).

    /// <summary>An [AgentTool] method is declared in a type that is not partial.</summary>
    public const string AgentToolTypeNotPartial = "AGR0100";

    /// <summary>An [AgentTool] parameter has a type generated AIFunctions cannot bind from JSON.</summary>
    public const string AgentToolParameterTypeNotSupported = "AGR0101";

    /// <summary>An [AgentTool] method is generic, or is declared in a generic type.</summary>
    public const string AgentToolIsGeneric = "AGR0102";

    /// <summary>An [AgentTool] method has a ref or out parameter.</summary>
    public const string AgentToolHasByRefParameter = "AGR0103";

    /// <summary>The project's C# version is too old for the generated tool wrappers.</summary>
    public const string AgentToolNeedsNewerLanguageVersion = "AGR0104";

    /// <summary>Two [AgentTool] methods of one type have the same tool name.</summary>
    public const string DuplicateAgentToolName = "AGR0105";

    // Generators: the project's settings (AGR0120-AGR0129).

    /// <summary>The project's RootNamespace is not a valid C# namespace: generated code goes to AgentRules.Generated.</summary>
    public const string InvalidRootNamespace = "AGR0120";

    // Process spec (AGR0200-AGR0209), reported by the package's build task.

    /// <summary>In check mode, the committed process spec does not match the code.</summary>
    public const string ProcessSpecOutOfDate = "AGR0200";

    /// <summary>The process spec could not be written (its folder cannot be created, access denied, ...).</summary>
    public const string ProcessSpecNotWritten = "AGR0201";

    /// <summary>
    /// Not a finding: the process spec of a command-line build, carried from the analyzers to the build task in the
    /// compiler's SARIF log as one diagnostic that is suppressed when reported (so it is never shown, printed or counted).
    /// </summary>
    public const string ProcessSpecFacts = "AGR0202";

    // Configuration (AGR0300-AGR0309): AgentRules' own options.

    /// <summary>An <c>agentrules.*</c> option has a value AgentRules cannot use (or the key is unknown).</summary>
    public const string InvalidOption = "AGR0300";
}
