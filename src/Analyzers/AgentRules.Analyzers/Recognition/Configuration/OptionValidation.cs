using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Recognition.Configuration;

/// <summary>What each <c>agentrules.*</c> option accepts, and why a value is refused.</summary>
public static class OptionValidation
{
    private const string Prefix = "agentrules.";

    /// <summary>Every key AgentRules reads (<see cref="OptionKeys"/>).</summary>
    public static readonly IReadOnlyCollection<string> KnownKeys = new[]
    {
        OptionKeys.DefaultEnvironments,
        OptionKeys.LlmMethods,
        OptionKeys.HumanInputMethods,
        OptionKeys.MaxIterationsCeiling,
        OptionKeys.DefaultMaxIterations,
        OptionKeys.PromptSinks,
        OptionKeys.ToolAttributes,
        OptionKeys.DestructiveVerbs,
        OptionKeys.ReadOnlyVerbs,
        OptionKeys.WritingApis,
    };

    /// <summary>The <c>agentrules.*</c> keys set in <paramref name="options"/> (the known ones when the host cannot list keys).</summary>
    public static IEnumerable<string> AgentRulesKeys(AnalyzerConfigOptions options)
    {
        IEnumerable<string> keys;
        try
        {
            keys = options.Keys.Where(k => k.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        catch (NotImplementedException)
        {
            keys = KnownKeys;
        }

        return keys;
    }

    /// <summary>Null when AgentRules can use <paramref name="value"/> for <paramref name="key"/>; else what is wrong with it.</summary>
    public static string? Validate(string key, string value)
    {
        if (string.IsNullOrWhiteSpace(value) && KnownKeys.Contains(key.ToLowerInvariant()))
        {
            // Also what ';;;' becomes: .editorconfig starts a comment at ';' or '#', even after the '='.
            return "the value is empty (in .editorconfig, ';' and '#' start a comment; separate entries with commas)";
        }

        switch (key.ToLowerInvariant())
        {
            case OptionKeys.MaxIterationsCeiling:
            case OptionKeys.DefaultMaxIterations:
                return int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0
                    ? null
                    : "expected a whole number of at least 1";
            case OptionKeys.DefaultEnvironments:
                return CheckList(value, IsEnvironment, "an environment name (letters, digits, '.', '-', '_')");
            case OptionKeys.DestructiveVerbs:
            case OptionKeys.ReadOnlyVerbs:
                return CheckList(value, IsVerb, "a word, or '-word' to remove a built-in one");
            case OptionKeys.ToolAttributes:
                return CheckList(value, v => IsDottedName(v, minimumParts: 1), "an attribute's metadata name (Namespace.TypeName)");
            case OptionKeys.LlmMethods:
            case OptionKeys.HumanInputMethods:
                return CheckList(value, v => IsMethodPattern(v, allowStar: true, prefixStar: false), "Namespace.Type.Method or Namespace.Type.*");
            case OptionKeys.WritingApis:
                return CheckList(value, v => IsMethodPattern(v, allowStar: false, prefixStar: true), "Namespace.Type.Method or Namespace.Type.Prefix*");
            case OptionKeys.PromptSinks:
                return CheckList(value, IsPromptSink, "Namespace.Type.Member or Namespace.Type.Method(parameter)");
            default:
                return key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                    ? "AgentRules has no such option (known: " + string.Join(", ", KnownKeys.Select(k => k.Substring(Prefix.Length))) + ")"
                    : null;
        }
    }

    private static string? CheckList(string value, Func<string, bool> isValid, string expected)
    {
        var entries = EditorConfigOptions.ParseList(value);
        if (entries.IsEmpty)
        {
            return "the list has no entries (expected " + expected + ")";
        }

        var bad = entries.Where(e => !isValid(e)).ToList();
        return bad.Count == 0
            ? null
            : $"{(bad.Count == 1 ? "entry" : "entries")} {string.Join(", ", bad.Select(b => "'" + b + "'"))} {(bad.Count == 1 ? "is" : "are")} not {expected}";
    }

    private static bool IsEnvironment(string value) => value.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_');

    private static bool IsVerb(string value)
    {
        var word = value.StartsWith("-", StringComparison.Ordinal) ? value.Substring(1) : value;
        return word.Length > 0 && word.All(char.IsLetter);
    }

    private static bool IsIdentifier(string part) =>
        part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_' || part[0] == '@')
        && part.Skip(1).All(c => char.IsLetterOrDigit(c) || c is '_' or '`' or '+');

    private static bool IsDottedName(string value, int minimumParts)
    {
        var parts = value.Split('.');
        return parts.Length >= minimumParts && parts.All(IsIdentifier);
    }

    // Type.Method at least; the last part may be '*' (every method) or end in '*' (a prefix).
    private static bool IsMethodPattern(string value, bool allowStar, bool prefixStar)
    {
        var parts = value.Split('.');
        if (parts.Length < 2 || !parts.Take(parts.Length - 1).All(IsIdentifier))
        {
            return false;
        }

        var last = parts[parts.Length - 1];
        return IsIdentifier(last)
            || (allowStar && last == "*")
            || (prefixStar && last.Length > 1 && last.EndsWith("*", StringComparison.Ordinal) && IsIdentifier(last.Substring(0, last.Length - 1)));
    }

    private static bool IsPromptSink(string value)
    {
        var open = value.IndexOf('(');
        if (open < 0)
        {
            return IsDottedName(value, minimumParts: 2);
        }

        if (!value.EndsWith(")", StringComparison.Ordinal))
        {
            return false;
        }

        var parameter = value.Substring(open + 1, value.Length - open - 2).Trim();
        return IsDottedName(value.Substring(0, open), minimumParts: 2) && IsIdentifier(parameter);
    }
}
