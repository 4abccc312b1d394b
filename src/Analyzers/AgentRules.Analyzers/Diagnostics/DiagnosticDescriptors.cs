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

    /// <summary>AGR0004: a prompt site is fed by text that is not a declared prompt.</summary>
    public static readonly DiagnosticDescriptor UnversionedPrompt = Create(
        DiagnosticIds.UnversionedPrompt,
        title: "Prompt is not versioned",
        messageFormat: "Unversioned {0}: {1} is not a declared prompt",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Warning,
        description: "Text that reaches a model as a system message, agent instructions, a prompt template or an MCP prompt should come from a declared prompt ([Prompt(\"id\", Version = n)] or an <AgentPrompt> file), so every answer can be traced to the exact prompt version that produced it. A string literal, an interpolated or concatenated string, a constant without [Prompt] or a file read at run time changes silently.");

    /// <summary>AGR0006: a declared prompt changed but kept the version recorded in the lock file.</summary>
    public static readonly DiagnosticDescriptor PromptChangedWithoutVersionBump = Create(
        DiagnosticIds.PromptChangedWithoutVersionBump,
        title: "Prompt changed without a version bump",
        messageFormat: "Prompt '{0}' changed but is still version {1}",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Warning,
        description: "AgentPrompts.lock records the SHA-256 of every shipped prompt version. The text of this prompt no longer matches the hash recorded for its version: bump the version (and record the new one), or restore the text.");

    /// <summary>AGR0010: a declared prompt version is not in the lock file yet.</summary>
    public static readonly DiagnosticDescriptor PromptVersionNotRecorded = Create(
        DiagnosticIds.PromptVersionNotRecorded,
        title: "Prompt version is not recorded in the lock file",
        messageFormat: "Prompt '{0}' version {1} is not recorded in AgentPrompts.lock (line: {2})",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Info,
        description: "Record each prompt version in AgentPrompts.lock (the 'Record prompt version' code fix does it), so a later change of its text without a version bump is caught (AGR0006).");

    /// <summary>AGR0011: a line of the prompt lock file cannot be read.</summary>
    public static readonly DiagnosticDescriptor MalformedPromptLockFile = Create(
        DiagnosticIds.MalformedPromptLockFile,
        title: "Prompt lock file line cannot be read",
        messageFormat: "AgentPrompts.lock: {0}",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Warning,
        description: "Each line of AgentPrompts.lock is '<id> <version> <sha256>' (blank lines and lines starting with '#' are ignored). A line that cannot be read records nothing, so the prompt it was meant to protect is unprotected.");

    /// <summary>AGR0012: two prompts share an id.</summary>
    public static readonly DiagnosticDescriptor DuplicatePromptId = Create(
        DiagnosticIds.DuplicatePromptId,
        title: "Duplicate prompt id",
        messageFormat: "Prompt id '{0}' is already declared by {1}",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Warning,
        description: "A prompt id names one prompt in the project: logs, traces and the lock file use it to tell prompts apart. Give each prompt its own id.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>AGR0013: a prompt declaration cannot be versioned as written.</summary>
    public static readonly DiagnosticDescriptor InvalidPromptDeclaration = Create(
        DiagnosticIds.InvalidPromptDeclaration,
        title: "Invalid prompt declaration",
        messageFormat: "Prompt '{0}' cannot be versioned: {1}",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Warning,
        description: "A prompt needs a non-empty id without whitespace, a version of 1 or more, and text known at compile time: a const or readonly string, a get-only string property, a template method, or an <AgentPrompt> file.");

    /// <summary>AGR0014: two prompt ids produce the same registry member name.</summary>
    public static readonly DiagnosticDescriptor PromptRegistryNameCollision = Create(
        DiagnosticIds.PromptRegistryNameCollision,
        title: "Prompt ids collide in the generated registry",
        messageFormat: "Prompt id '{0}' maps to AgentPrompts.{1}, already taken by '{2}'; read it with AgentPrompts.Find(\"{0}\")",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Warning,
        description: "The generated AgentPrompts class names a member after each prompt id. Ids that differ only in punctuation or case map to the same name; the prompt is still available through AgentPrompts.Find and AgentPrompts.All.",
        WellKnownDiagnosticTags.CompilationEnd);

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
