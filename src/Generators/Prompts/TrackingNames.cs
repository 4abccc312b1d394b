namespace AgentRules.Generators.Prompts;

/// <summary>The tracked steps of <see cref="PromptRegistryGenerator"/> (tests assert each is cached on unrelated edits).</summary>
public static class TrackingNames
{
    /// <summary>
    /// The compilation's declarations as the prompts see them: changes when a declaration a prompt was read from (or a
    /// type name such a file mentions) changes, so it is not in <see cref="All"/>.
    /// </summary>
    public const string CompilationDeclarations = "PromptRegistry.CompilationDeclarations";
    public const string Members = "PromptRegistry.Members";
    public const string Declarations = "PromptRegistry.Declarations";
    public const string Files = "PromptRegistry.Files";
    public const string Namespace = "PromptRegistry.Namespace";
    public const string Runtime = "PromptRegistry.Runtime";
    public const string Registry = "PromptRegistry.Registry";

    public static readonly string[] All = { Members, Declarations, Files, Namespace, Runtime, Registry };
}
