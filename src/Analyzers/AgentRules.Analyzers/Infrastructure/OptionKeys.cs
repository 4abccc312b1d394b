namespace AgentRules.Analyzers.Infrastructure;

/// <summary>
/// The <c>.editorconfig</c> keys AgentRules reads. Every key is documented on the pages of the rules that use it and
/// in the README's configuration section.
/// </summary>
public static class OptionKeys
{
    /// <summary>Environments the AGR0001 code fix puts in a new <c>[EnvironmentScope]</c> (default "Development, Staging").</summary>
    public const string DefaultEnvironments = "agentrules.default_environments";

    /// <summary>
    /// Extra prompt sites for AGR0004, comma-separated: <c>Namespace.Type.Property</c>, <c>Namespace.Type.Method</c>
    /// (its first string parameter), <c>Namespace.Type.Method(parameter)</c> or <c>Namespace.Type.ctor(parameter)</c>.
    /// </summary>
    public const string PromptSinks = "agentrules.prompt_sinks";
}
