namespace AgentRules.Analyzers.Recognition.Configuration;

/// <summary>
/// The <c>.editorconfig</c> keys AgentRules reads. Every key is documented on the pages of the rules that use it and
/// in the README's configuration section.
/// </summary>
public static class OptionKeys
{
    /// <summary>Environments the AGR0001 code fix puts in a new <c>[EnvironmentScope]</c> (default "Development, Staging").</summary>
    public const string DefaultEnvironments = "agentrules.default_environments";

    // Agent loops (issue 4).

    /// <summary>In-house LLM client methods that count as LLM calls, as <c>Namespace.Type.Method</c> (or <c>Namespace.Type.*</c>).</summary>
    public const string LlmMethods = "agentrules.llm_methods";

    /// <summary>More methods that wait for a person (<c>Namespace.Type.Method</c>), in addition to Console.ReadLine/ReadKey and Spectre.Console prompts.</summary>
    public const string HumanInputMethods = "agentrules.human_input_methods";

    /// <summary>Framework caps above this count as removed (AGR0002; default 100).</summary>
    public const string MaxIterationsCeiling = "agentrules.max_iterations_ceiling";

    /// <summary>The limit the AGR0002 and AGR0009 code fixes write (default 10).</summary>
    public const string DefaultMaxIterations = "agentrules.default_max_iterations";

    /// <summary>
    /// Extra prompt sites for AGR0004, comma-separated: <c>Namespace.Type.Property</c>, <c>Namespace.Type.Method</c>
    /// (its first string parameter), <c>Namespace.Type.Method(parameter)</c> or <c>Namespace.Type.ctor(parameter)</c>.
    /// </summary>
    public const string PromptSinks = "agentrules.prompt_sinks";

    // Tool safety (AGR0001, AGR0005, AGR0007, AGR0008).

    /// <summary>In-house tool attributes (metadata names), on methods or classes: <c>MyCompany.Agents.ToolAttribute</c>.</summary>
    public const string ToolAttributes = "agentrules.tool_attributes";

    /// <summary>Words added to (or, with a leading '-', removed from) the built-in destructive verbs.</summary>
    public const string DestructiveVerbs = "agentrules.destructive_verbs";

    /// <summary>Words added to (or, with a leading '-', removed from) the built-in read-only verbs.</summary>
    public const string ReadOnlyVerbs = "agentrules.readonly_verbs";

    /// <summary>In-house writing APIs: <c>Namespace.Type.Method</c> or <c>Namespace.Type.Prefix*</c>.</summary>
    public const string WritingApis = "agentrules.writing_apis";
}
