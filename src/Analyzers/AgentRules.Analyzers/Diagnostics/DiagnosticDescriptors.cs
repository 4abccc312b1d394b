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

    /// <summary>AGR0016: a declared tool control that nothing enforces at run time.</summary>
    public static readonly DiagnosticDescriptor ToolControlNotEnforced = Create(
        DiagnosticIds.ToolControlNotEnforced,
        title: "Declared tool control is not enforced at run time",
        messageFormat: "Tool '{0}' declares {1}, but nothing enforces it at run time: {2}",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Warning,
        description: "[EnvironmentScope], [RequiresApproval] and [ToolBudget] are declarations. On [AgentTool] methods the generated wrappers enforce them; on MCP server tools, kernel functions and AIFunctionFactory tools only the AgentRules guard registered in that framework's pipeline does (WithAgentRules() on the MCP server builder, AddAgentRules() on the kernel builder, UseAgentRules() on the chat client or agent builder). Without it the declaration satisfies reviewers and AGR0001 while the tool still runs in every environment.");

    /// <summary>AGR0017: a pipeline or agent that runs tools with no token or money budget.</summary>
    public static readonly DiagnosticDescriptor AgentRunWithoutBudget = Create(
        DiagnosticIds.AgentRunWithoutBudget,
        title: "Agent runs tools with no token or money budget",
        messageFormat: "{0} runs tools in a model loop with no token or money budget",
        DiagnosticCategories.AgentLoops,
        DiagnosticSeverity.Info,
        description: "An iteration cap bounds how many rounds a tool-calling loop runs, not what they cost: long tool results and growing histories make each round dearer. Give each run a token or money budget (RunBudgetOptions.MaxTotalTokens, MaxCost with a price table) through UseAgentRules() on the chat client or agent builder, so the run is refused with a reason when the budget is spent.");

    /// <summary>AGR0100: an [AgentTool] method in a type that is not partial gets no generated wrapper.</summary>
    public static readonly DiagnosticDescriptor AgentToolTypeNotPartial = Create(
        DiagnosticIds.AgentToolTypeNotPartial,
        title: "Agent tool is declared in a type that is not partial",
        messageFormat: "Agent tool '{0}' is declared in '{1}', which is not a partial class, struct or record: no guarded wrapper or AIFunction is generated for it",
        DiagnosticCategories.Generation,
        DiagnosticSeverity.Warning,
        description: "AgentRules generates each [AgentTool] method's guarded wrapper, descriptor and AIFunction as members of the type that declares it, so that type (and every type containing it) must be a partial class, struct or record. Without them the tool runs unguarded and never reaches the generated tool list.");

    /// <summary>AGR0101: an [AgentTool] parameter type a generated AIFunction cannot bind from JSON.</summary>
    public static readonly DiagnosticDescriptor AgentToolParameterTypeNotSupported = Create(
        DiagnosticIds.AgentToolParameterTypeNotSupported,
        title: "Agent tool parameter type is not supported",
        messageFormat: "Parameter '{0}' of agent tool '{1}' has type '{2}', which {3}",
        DiagnosticCategories.Generation,
        DiagnosticSeverity.Warning,
        description: "Generated AIFunctions describe and bind arguments at compile time, without reflection. They support strings, booleans, integer and floating-point numbers, decimal, Guid, DateTime, DateTimeOffset, enums, nullable forms of these, arrays and lists of supported types, and positional records whose members are supported types; a CancellationToken parameter receives the call's token. Pointers and ref structs cannot be wrapped at all.");

    /// <summary>AGR0102: a generic [AgentTool] method (or one in a generic type).</summary>
    public static readonly DiagnosticDescriptor AgentToolIsGeneric = Create(
        DiagnosticIds.AgentToolIsGeneric,
        title: "Agent tool is generic",
        messageFormat: "Agent tool '{0}' is generic{1}: a model cannot choose type arguments, so no guarded wrapper or AIFunction is generated for it",
        DiagnosticCategories.Generation,
        DiagnosticSeverity.Warning,
        description: "A tool call names a tool and passes JSON arguments; nothing in it can pick type arguments. Write a non-generic method for each type the agent needs, in a non-generic partial type.");

    /// <summary>AGR0103: an [AgentTool] method with a ref or out parameter.</summary>
    public static readonly DiagnosticDescriptor AgentToolHasByRefParameter = Create(
        DiagnosticIds.AgentToolHasByRefParameter,
        title: "Agent tool has a ref or out parameter",
        messageFormat: "Parameter '{0}' of agent tool '{1}' is passed by '{2}': a tool call cannot return values through parameters, so no guarded wrapper or AIFunction is generated for it",
        DiagnosticCategories.Generation,
        DiagnosticSeverity.Warning,
        description: "A tool's result is its return value. Return a record with everything the model should see instead of writing to ref or out parameters.");

    /// <summary>AGR0104: the project's C# version is older than the generated wrappers need.</summary>
    public static readonly DiagnosticDescriptor AgentToolNeedsNewerLanguageVersion = Create(
        DiagnosticIds.AgentToolNeedsNewerLanguageVersion,
        title: "Agent tool wrappers need C# 8 or later",
        messageFormat: "Agent tool '{0}' gets no generated wrapper: AgentRules' generated code needs C# 8 or later, and this project uses C# {1}",
        DiagnosticCategories.Generation,
        DiagnosticSeverity.Warning,
        description: "The generated wrappers use nullable annotations (C# 8). Set <LangVersion>8.0</LangVersion> or later (projects targeting .NET Framework default to C# 7.3).");

    /// <summary>AGR0105: two [AgentTool] methods of one type share a tool name.</summary>
    public static readonly DiagnosticDescriptor DuplicateAgentToolName = Create(
        DiagnosticIds.DuplicateAgentToolName,
        title: "Agent tool name is used twice",
        messageFormat: "Agent tool name '{0}' is already used by another tool of '{1}': the model could not tell them apart, so no guarded wrapper or AIFunction is generated for this one",
        DiagnosticCategories.Generation,
        DiagnosticSeverity.Warning,
        description: "A model calls tools by name. Give each [AgentTool] method of a type its own name, with [AgentTool(\"name\")] where overloads share a method name.");

    /// <summary>AGR0120: the project's RootNamespace is not a valid C# namespace; a generator used its fallback.</summary>
    public static readonly DiagnosticDescriptor InvalidRootNamespace = Create(
        DiagnosticIds.InvalidRootNamespace,
        title: "RootNamespace is not a valid C# namespace",
        messageFormat: "The project's RootNamespace '{0}' is not a valid C# namespace: {1} is generated in namespace '{2}' instead",
        DiagnosticCategories.Generation,
        DiagnosticSeverity.Warning,
        description: "The prompt registry and the process spec class are generated in the project's root namespace. Set <RootNamespace> to dot-separated C# identifiers (MSBuild derives it from the project file name, so a name like My-App.csproj needs one).");

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

    /// <summary>AGR0005: a tool declares neither effect, so clients and reviewers must guess (MCP clients assume destructive).</summary>
    public static readonly DiagnosticDescriptor UndeclaredToolEffect = Create(
        DiagnosticIds.UndeclaredToolEffect,
        title: "Tool does not declare its effect",
        messageFormat: "Tool '{0}' does not declare whether it is read-only or destructive ({1})",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Info,
        description: "Declare what a tool does to the world: [McpServerTool(ReadOnly = true)] or (Destructive = true) for MCP tools, AgentRules [ReadOnlyTool] or [DestructiveTool] otherwise. The declaration is what MCP clients show, what AGR0001 and AGR0008 act on, and what AGR0007 checks against the tool's body.");

    /// <summary>AGR0007: a tool declared read-only calls a known writing API.</summary>
    public static readonly DiagnosticDescriptor ReadOnlyToolWrites = Create(
        DiagnosticIds.ReadOnlyToolWrites,
        title: "Read-only tool calls a writing API",
        messageFormat: "Tool '{0}' is declared read-only but {1}",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Warning,
        description: "A tool declared read-only is trusted to change nothing: clients call it without asking, and AGR0001 does not ask for an environment scope. This one deletes, writes or sends through a known writing API, directly or through a method it calls. Remove the write, or declare the tool destructive.");

    /// <summary>AGR0008: a destructive tool runs without a human-approval gate.</summary>
    public static readonly DiagnosticDescriptor DestructiveToolWithoutApproval = Create(
        DiagnosticIds.DestructiveToolWithoutApproval,
        title: "Destructive tool has no human-approval gate",
        messageFormat: "Destructive tool '{0}' runs without human approval ({1})",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Info,
        description: "A destructive tool runs as soon as the model asks for it. Put a human in the loop: AgentRules [RequiresApproval] (generated tool wrappers then require approval), or wrap the AIFunction in ApprovalRequiredAIFunction where it is registered.");

    /// <summary>AGR0015: tools listed from an MCP server reach a model without the pin check.</summary>
    public static readonly DiagnosticDescriptor McpToolWithoutPin = Create(
        DiagnosticIds.McpToolWithoutPin,
        title: "MCP client tools reach the model without a pin check",
        messageFormat: "MCP tools from '{0}' reach {1} without a pin check",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Warning,
        description: "Tools listed from an MCP server at run time carry whatever description and input schema the server sends that day, and the model follows them. Pin the tools you reviewed in McpTools.lock and list them through the check (client.ListPinnedToolsAsync(pins), or tools.Pinned(pins, options) from AgentRules.ModelContextProtocol), so a tool whose description or schema changed, or a tool nobody pinned, never reaches the model.");

    /// <summary>
    /// AGR0200: in check mode (<c>-p:AgentRulesSpecCheck=true</c>) the committed AgentProcessSpec.md/.json differ from the
    /// code. Reported by the package's MSBuild task, not by an analyzer; listed here so every ID has one home.
    /// </summary>
    public static readonly DiagnosticDescriptor ProcessSpecOutOfDate = Create(
        DiagnosticIds.ProcessSpecOutOfDate,
        title: "Process spec does not match the code",
        messageFormat: "The process spec '{0}' does not match the code",
        DiagnosticCategories.ProcessSpec,
        DiagnosticSeverity.Error,
        description: "The agent's tools, prompts or loops changed but the committed process spec was not regenerated and reviewed. Build without AgentRulesSpecCheck to regenerate AgentProcessSpec.md and AgentProcessSpec.json, review the diff and commit it with the code.");

    /// <summary>
    /// AGR0201: the process spec could not be written. Reported by the package's MSBuild task, not by an analyzer;
    /// listed here so every ID has one home.
    /// </summary>
    public static readonly DiagnosticDescriptor ProcessSpecNotWritten = Create(
        DiagnosticIds.ProcessSpecNotWritten,
        title: "Process spec could not be written",
        messageFormat: "AgentRules could not write the process spec to '{0}': {1}",
        DiagnosticCategories.ProcessSpec,
        DiagnosticSeverity.Error,
        description: "The build writes AgentProcessSpec.md and AgentProcessSpec.json after compiling. Set AgentRulesSpecDirectory to a folder the build can write, or AgentRulesSpec=false to write no spec.");

    /// <summary>
    /// AGR0202: not a finding. The process spec computed by <c>ProcessSpecAnalyzer</c> from what the rules found, carried
    /// to the build task (which writes AgentProcessSpec.md/.json) in the compiler's SARIF log: one diagnostic per
    /// command-line build, reported already suppressed, so the compiler writes it only to the log — never to the console,
    /// the IDE or the warning count. Not configurable: a bulk severity setting must not silently empty the spec.
    /// </summary>
    public static readonly DiagnosticDescriptor ProcessSpecFacts = Create(
        DiagnosticIds.ProcessSpecFacts,
        title: "Process spec",
        messageFormat: "The process spec of '{0}' (read by the AgentRules build task, not a finding)",
        DiagnosticCategories.ProcessSpec,
        DiagnosticSeverity.Info,
        description: "Carries the process spec from the compiler to the build task that writes AgentProcessSpec.md and AgentProcessSpec.json. It is reported suppressed and only in command-line builds that write a spec; it never needs action.",
        WellKnownDiagnosticTags.CompilationEnd,
        WellKnownDiagnosticTags.NotConfigurable);

    /// <summary>
    /// AGR0300: an <c>agentrules.*</c> option has a value AgentRules cannot use, or an unknown key. Reported once per
    /// key and value for the compilation, without a location (the option may come from any .editorconfig).
    /// </summary>
    public static readonly DiagnosticDescriptor InvalidOption = Create(
        DiagnosticIds.InvalidOption,
        title: "Invalid AgentRules option",
        messageFormat: "AgentRules option '{0} = {1}' is ignored: {2}",
        DiagnosticCategories.Configuration,
        DiagnosticSeverity.Warning,
        description: "An agentrules.* key in .editorconfig or .globalconfig has a value AgentRules cannot use (not a number, no entries, an entry that is not a type or method name), or the key is not one AgentRules reads (a typo). The value, or the entry, is ignored and the rules use their defaults; fix the value so the rules behave as you configured them.",
        WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description,
        params string[] customTags) =>
        new(id, title, messageFormat, category, defaultSeverity, isEnabledByDefault: true, description, HelpLinks.ForRule(id), WithStandards(id, customTags));

    // Every descriptor carries its OWASP and CWE mapping (RuleStandards) as custom tags, after any behavioural tag.
    private static string[] WithStandards(string id, string[] customTags)
    {
        var standards = RuleStandards.TagsFor(id);
        var tags = new string[customTags.Length + standards.Length];
        customTags.CopyTo(tags, 0);
        standards.CopyTo(tags, customTags.Length);
        return tags;
    }
}
