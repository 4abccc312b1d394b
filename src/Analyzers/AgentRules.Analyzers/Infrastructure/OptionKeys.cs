namespace AgentRules.Analyzers.Infrastructure;

/// <summary>
/// The <c>.editorconfig</c> keys AgentRules reads. Every key is documented on the pages of the rules that use it and
/// in the README's configuration section.
/// </summary>
public static class OptionKeys
{
    /// <summary>Environments the AGR0001 code fix puts in a new <c>[EnvironmentScope]</c> (default "Development, Staging").</summary>
    public const string DefaultEnvironments = "agentrules.default_environments";

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
