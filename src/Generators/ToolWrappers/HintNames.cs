using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using AgentRules.Generators.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;

namespace AgentRules.Generators.ToolWrappers;

/// <summary>
/// Hint names of the generated files. Roslyn accepts only identifier characters and <c>.,-+`_ ()[]{}</c> in a hint
/// name, throws otherwise ("hintName contains an invalid character", and the generator's whole output is dropped), and
/// compares hint names ignoring case. A type's name, written with the escapes of
/// <c>SymbolDisplayFormat.FullyQualifiedFormat</c> (<c>global::Contoso.@event.Tools</c>), is turned into
/// <c>Contoso.event.Tools.AgentTools.g.cs</c>: <c>global::</c> and the <c>@</c> of verbatim identifiers go, any other
/// character Roslyn would reject becomes <c>_</c>. Types whose names then clash, ignoring case, get a suffix derived
/// from their full name: unique, and the same in every build.
/// </summary>
public static class HintNames
{
    private const string Suffix = ".AgentTools.g.cs";

    /// <summary>The hint name of a type's file; <paramref name="clashing"/> are the full names whose plain hint names clash.</summary>
    public static string For(string fullName, EquatableArray<string> clashing)
    {
        var stem = Stem(fullName);
        foreach (var name in clashing)
        {
            if (string.Equals(name, fullName, StringComparison.Ordinal))
            {
                return stem + "." + Hash(fullName) + Suffix;
            }
        }

        return stem + Suffix;
    }

    /// <summary>The full names (sorted) whose plain hint names equal another's, ignoring case.</summary>
    public static EquatableArray<string> Clashing(ImmutableArray<string> fullNames)
    {
        var byStem = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in fullNames)
        {
            var stem = Stem(name);
            if (!byStem.TryGetValue(stem, out var names))
            {
                byStem[stem] = names = new SortedSet<string>(StringComparer.Ordinal);
            }

            names.Add(name);
        }

        var clashing = new List<string>();
        foreach (var names in byStem.Values)
        {
            if (names.Count > 1)
            {
                clashing.AddRange(names);
            }
        }

        clashing.Sort(StringComparer.Ordinal);
        return clashing.ToEquatableArray();
    }

    internal static string Stem(string fullName)
    {
        var name = fullName.StartsWith("global::", StringComparison.Ordinal) ? fullName.Substring("global::".Length) : fullName;
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c == '@')
            {
                continue; // a verbatim identifier's escape, not part of the name
            }

            builder.Append(IsAllowed(c) ? c : '_');
        }

        return builder.ToString();
    }

    private static bool IsAllowed(char c) =>
        SyntaxFacts.IsIdentifierPartCharacter(c) || c is '.' or ',' or '-' or '+' or '`' or '_' or ' ' or '(' or ')' or '[' or ']' or '{' or '}';

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes and platforms, unlike string.GetHashCode.</summary>
    private static string Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
