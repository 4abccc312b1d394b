namespace AgentRules.Generators.Prompts;

/// <summary>The tracked steps of <see cref="PromptRegistryGenerator"/> (tests assert each is cached on unrelated edits).</summary>
public static class TrackingNames
{
    public const string Declarations = "PromptRegistry.Declarations";
    public const string Files = "PromptRegistry.Files";
    public const string Namespace = "PromptRegistry.Namespace";
    public const string Runtime = "PromptRegistry.Runtime";
    public const string Registry = "PromptRegistry.Registry";

    public static readonly string[] All = { Declarations, Files, Namespace, Runtime, Registry };
}
