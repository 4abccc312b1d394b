using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace AgentRules.Tasks;

/// <summary>One AgentRules diagnostic the compiler reported.</summary>
public sealed record Finding(string Rule, string Title, string Severity, string Path, int Line);

/// <summary>
/// What the build task reads from the compiler's SARIF log: the findings, and the process spec the analyzers composed
/// (the AGR0202 diagnostic). <see cref="HasSpec"/> is false when the log carries none (the analyzers did not run, or
/// the spec was embedded instead); <see cref="Json"/> and <see cref="Markdown"/> are empty when the project has no
/// agent code to describe.
/// </summary>
public sealed record SarifContent(IReadOnlyList<Finding> Findings, bool HasSpec, string Json, string Markdown);

/// <summary>
/// Reads the AgentRules findings of a build from the compiler's SARIF log (<c>ErrorLog</c>, SARIF 1.0 or 2.1): exactly
/// the diagnostics the build reported — severities, <c>#pragma</c> and <c>.editorconfig</c> suppressions applied.
/// </summary>
public static class SarifFindings
{
    /// <summary>The id of the diagnostic that carries the spec (DiagnosticIds.ProcessSpecFacts; a test keeps them equal).</summary>
    public const string SpecFactsRule = "AGR0202";

    public static IReadOnlyList<Finding> Read(string sarifPath, string projectDirectory) => ReadAll(sarifPath, projectDirectory).Findings;

    public static SarifContent ReadAll(string sarifPath, string projectDirectory)
    {
        var root = MiniJson.Parse(File.ReadAllText(sarifPath)) as Dictionary<string, object?>
            ?? throw new FormatException("The SARIF log is not a JSON object.");
        var findings = new List<Finding>();
        string? json = null;
        string? markdown = null;
        foreach (var run in Array(root, "runs").OfType<Dictionary<string, object?>>())
        {
            var titles = RuleTitles(run);
            foreach (var result in Array(run, "results").OfType<Dictionary<string, object?>>())
            {
                var rule = Str(result, "ruleId");
                if (rule == SpecFactsRule)
                {
                    // SARIF 2.1 and 1.0: properties.customProperties holds the diagnostic's properties.
                    var properties = Obj(result, "properties");
                    var custom = Obj(properties, "customProperties") ?? properties;
                    json = Str(custom, "json") ?? string.Empty;
                    markdown = Str(custom, "markdown") ?? string.Empty;
                    continue;
                }

                if (rule is null || !rule.StartsWith("AGR", StringComparison.Ordinal) || IsSuppressed(result))
                {
                    continue;
                }

                var severity = Str(result, "level") ?? "warning";
                if (severity == "none")
                {
                    continue;
                }

                var (path, line) = FirstLocation(result);
                findings.Add(new Finding(rule, titles.TryGetValue(rule, out var title) ? title : rule, severity, Relative(path, projectDirectory), line));
            }
        }

        var sorted = findings
            .Distinct()
            .OrderBy(f => f.Rule, StringComparer.Ordinal)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ToList();
        return new SarifContent(sorted, json is not null, json ?? string.Empty, markdown ?? string.Empty);
    }

    private static Dictionary<string, string> RuleTitles(Dictionary<string, object?> run)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);

        // SARIF 2.1: runs[].tool.driver.rules[] { id, shortDescription.text }
        if (Obj(Obj(run, "tool"), "driver") is { } driver)
        {
            foreach (var rule in Array(driver, "rules").OfType<Dictionary<string, object?>>())
            {
                if (Str(rule, "id") is { } id && (Str(Obj(rule, "shortDescription"), "text") ?? Str(rule, "name")) is { } text)
                {
                    titles[id] = text;
                }
            }
        }

        // SARIF 1.0: runs[].rules { id: { shortDescription } }
        if (Obj(run, "rules") is { } rules)
        {
            foreach (var pair in rules)
            {
                if (pair.Value is Dictionary<string, object?> rule && (Str(rule, "shortDescription") ?? Str(Obj(rule, "shortDescription"), "text")) is { } text)
                {
                    titles[pair.Key] = text;
                }
            }
        }

        return titles;
    }

    private static bool IsSuppressed(Dictionary<string, object?> result) =>
        Array(result, "suppressions").Count > 0 || Array(result, "suppressionStates").Count > 0;

    private static (string Path, int Line) FirstLocation(Dictionary<string, object?> result)
    {
        foreach (var location in Array(result, "locations").OfType<Dictionary<string, object?>>())
        {
            // 2.1: physicalLocation.artifactLocation.uri + region; 1.0: resultFile.uri + region
            var physical = Obj(location, "physicalLocation") ?? Obj(location, "resultFile");
            var uri = Str(Obj(physical, "artifactLocation"), "uri") ?? Str(physical, "uri");
            var region = Obj(physical, "region") ?? Obj(location, "region");
            if (uri is not null)
            {
                return (FromUri(uri), Math.Max(1, Number(region, "startLine")));
            }
        }

        return ("(no location)", 1);
    }

    private static string FromUri(string uri)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile)
        {
            return parsed.LocalPath;
        }

        return Uri.UnescapeDataString(uri);
    }

    /// <summary>Relative to the project folder with '/' separators; a path outside it keeps only its file name.</summary>
    public static string Relative(string path, string projectDirectory)
    {
        var normalized = path.Replace('\\', '/');
        var root = projectDirectory.Replace('\\', '/');
        if (!root.EndsWith("/", StringComparison.Ordinal))
        {
            root += "/";
        }

        if (normalized.StartsWith(root, StringComparison.OrdinalIgnoreCase))
        {
            return normalized.Substring(root.Length);
        }

        var slash = normalized.LastIndexOf('/');
        return slash >= 0 ? normalized.Substring(slash + 1) : normalized;
    }

    private static Dictionary<string, object?>? Obj(Dictionary<string, object?>? parent, string name) =>
        parent is not null && parent.TryGetValue(name, out var value) ? value as Dictionary<string, object?> : null;

    private static List<object?> Array(Dictionary<string, object?>? parent, string name) =>
        parent is not null && parent.TryGetValue(name, out var value) && value is List<object?> list ? list : new List<object?>();

    private static string? Str(Dictionary<string, object?>? parent, string name) =>
        parent is not null && parent.TryGetValue(name, out var value) ? value as string : null;

    private static int Number(Dictionary<string, object?>? parent, string name) =>
        parent is not null && parent.TryGetValue(name, out var value) && value is double d ? (int)d : 1;
}
