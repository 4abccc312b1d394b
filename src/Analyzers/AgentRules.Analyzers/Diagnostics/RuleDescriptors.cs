using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Diagnostics;

/// <summary>
/// Builds every AgentRules descriptor the same way: enabled by default, a help link to the rule's page
/// (<see cref="HelpLinks"/>) and its OWASP and CWE mapping (<see cref="RuleStandards"/>) as custom tags.
/// </summary>
public static class RuleDescriptors
{
    /// <summary>A descriptor for <paramref name="id"/>; <paramref name="customTags"/> (such as CompilationEnd) come before the standards' tags.</summary>
    public static DiagnosticDescriptor Create(
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
