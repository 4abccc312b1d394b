using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Roslyn;

/// <summary>
/// Typed reading of AgentRules' <c>.editorconfig</c> keys (<c>agentrules.*</c>). Values set in a
/// <c>.globalconfig</c> apply to every file; values under <c>[*.cs]</c> apply per file, so per-file reads take the
/// options of the syntax tree being analysed.
/// </summary>
public static class EditorConfigOptions
{
    /// <summary>
    /// Reads a comma- or semicolon-separated list. Returns <paramref name="defaults"/> when the key is absent;
    /// an empty value means an empty list.
    /// </summary>
    public static ImmutableArray<string> GetList(this AnalyzerConfigOptions options, string key, ImmutableArray<string> defaults)
    {
        if (!options.TryGetValue(key, out var raw))
        {
            return defaults;
        }

        return ParseList(raw);
    }

    public static int GetInt(this AnalyzerConfigOptions options, string key, int defaultValue) =>
        options.TryGetValue(key, out var raw) && int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : defaultValue;

    public static string GetString(this AnalyzerConfigOptions options, string key, string defaultValue) =>
        options.TryGetValue(key, out var raw) && !string.IsNullOrWhiteSpace(raw) ? raw.Trim() : defaultValue;

    /// <summary>
    /// The union of a list key across the global options and every syntax tree's options: for decisions taken once
    /// per compilation (which attribute types to look for) when users write the key under <c>[*.cs]</c>.
    /// </summary>
    public static ImmutableArray<string> GetListForCompilation(this AnalyzerConfigOptionsProvider provider, Compilation compilation, string key)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        AddValues(provider.GlobalOptions, key, result);

        // Roslyn shares one options instance between trees with identical settings: read each instance once.
        var seen = new HashSet<AnalyzerConfigOptions>(ReferenceEqualityComparer.Instance);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var options = provider.GetOptions(tree);
            if (seen.Add(options))
            {
                AddValues(options, key, result);
            }
        }

        return result.Count == 0 ? ImmutableArray<string>.Empty : result.ToImmutableArray();
    }

    public static ImmutableArray<string> ParseList(string raw)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var part in raw.Split(',', ';'))
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                builder.Add(trimmed);
            }
        }

        return builder.ToImmutable();
    }

    private static void AddValues(AnalyzerConfigOptions options, string key, SortedSet<string> into)
    {
        if (options.TryGetValue(key, out var raw))
        {
            foreach (var value in ParseList(raw))
            {
                into.Add(value);
            }
        }
    }

    private sealed class ReferenceEqualityComparer : IEqualityComparer<AnalyzerConfigOptions>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(AnalyzerConfigOptions? x, AnalyzerConfigOptions? y) => ReferenceEquals(x, y);

        public int GetHashCode(AnalyzerConfigOptions obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
