using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Diagnostics;

/// <summary>
/// The descriptors no analyzer in <c>Rules/</c> owns: the tool wrapper generator's input diagnostics (AGR0100-AGR0105,
/// reported together by one generator from one parse of an [AgentTool] method), the generators' settings diagnostic
/// (AGR0120, shared by the prompt registry and process spec generators), the build task's (AGR0200, AGR0201) and the
/// process spec carrier (AGR0202). Each analyzer rule's descriptor lives in its own file,
/// <c>Rules/AGRxxxx&lt;Name&gt;Analyzer.cs</c>; <see cref="RuleCatalog"/> lists them all in ID order.
/// </summary>
public static class DiagnosticDescriptors
{
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

    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description,
        params string[] customTags) =>
        RuleDescriptors.Create(id, title, messageFormat, category, defaultSeverity, description, customTags);
}
