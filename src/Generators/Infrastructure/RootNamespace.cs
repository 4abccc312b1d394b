using System;
using Microsoft.CodeAnalysis.CSharp;

namespace AgentRules.Generators.Infrastructure;

/// <summary>
/// The project's root namespace (<c>build_property.RootNamespace</c>) as generated code can write it. MSBuild takes
/// any text there; a part that is a keyword (<c>Contoso.event</c>) is written verbatim (<c>Contoso.@event</c>); text
/// that is no namespace at all (<c>My-App</c>, <c>1Shop</c>, <c>Contoso..Agent</c>) is reported and replaced.
/// </summary>
/// <param name="Namespace">The namespace to generate into, escaped; null for none (the global namespace).</param>
/// <param name="Invalid">The raw value when it is not a valid namespace, else null.</param>
public sealed record RootNamespace(string? Namespace, string? Invalid)
{
    /// <summary>Where generated code goes when the root namespace is not a valid namespace.</summary>
    public const string Fallback = "AgentRules.Generated";

    public static RootNamespace Parse(string? raw)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new RootNamespace(null, null);
        }

        var parts = text!.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            var name = part.StartsWith("@", StringComparison.Ordinal) ? part.Substring(1) : part;
            if (name.Length == 0 || !SyntaxFacts.IsValidIdentifier(name))
            {
                return new RootNamespace(Fallback, raw);
            }

            parts[i] = SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
        }

        return new RootNamespace(string.Join(".", parts), null);
    }
}
