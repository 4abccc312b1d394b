using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Tests.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// The README's rule table is generated from the descriptors (ID, title, category, default severity, standards) and the
/// code fix providers (which IDs have a fix); the few cells a descriptor cannot express are in <see cref="Notes"/>. The
/// test fails when the README's table (between the <c>rule-table</c> markers) is not what the catalogue renders. To
/// regenerate it after changing a descriptor: <c>AGENTRULES_UPDATE_GOLDEN=1 dotnet test tests/AgentRules.Tests --filter
/// ReadmeRuleTableTests</c>, then review the README diff.
/// </summary>
public class ReadmeRuleTableTests
{
    private const string Begin = "<!-- rule-table:begin (generated from the descriptors by tests/AgentRules.Tests/Rules/ReadmeRuleTableTests.cs; do not edit by hand) -->";
    private const string End = "<!-- rule-table:end -->";

    /// <summary>What a descriptor does not say: a fuller title, a severity that depends on the build, a fix for some shapes only.</summary>
    private static readonly Dictionary<string, (string? Title, string? Severity, string? CodeFix)> Notes = new(StringComparer.Ordinal)
    {
        ["AGR0009"] = (null, null, "Yes (MEAI, Harness)"),
        ["AGR0200"] = (null, "Error (check mode)", null),
        ["AGR0202"] = ("Process spec (carries the spec to the build task; not a finding)", "Info, suppressed", null),
    };

    private static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        [DiagnosticCategories.ToolSafety] = "Tool safety",
        [DiagnosticCategories.AgentLoops] = "Agent loops",
        [DiagnosticCategories.Prompts] = "Prompts",
        [DiagnosticCategories.Generation] = "Generation",
        [DiagnosticCategories.ProcessSpec] = "Process spec",
        [DiagnosticCategories.Configuration] = "Configuration",
    };

    [Fact]
    public void Readme_rule_table_is_generated_from_the_descriptors()
    {
        var path = RepositoryPaths.Combine("README.md");
        var readme = File.ReadAllText(path);
        var begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"README.md has no rule table between '{Begin}' and '{End}'.");

        var start = begin + Begin.Length;
        var current = readme[start..end];
        var rendered = "\n\n" + Render() + "\n\n";
        if (Environment.GetEnvironmentVariable(GoldenFileTests.UpdateVariable) == "1")
        {
            File.WriteAllText(path, string.Concat(readme.AsSpan(0, start), rendered, readme.AsSpan(end)), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        Assert.True(
            string.Equals(current.Replace("\r\n", "\n", StringComparison.Ordinal), rendered, StringComparison.Ordinal),
            "The README's rule table is stale. Regenerate it with " + GoldenFileTests.UpdateVariable + "=1 dotnet test tests/AgentRules.Tests --filter ReadmeRuleTableTests, then review the diff. Expected:\n" + rendered);
    }

    [Fact]
    public void Notes_name_only_known_rules_and_change_what_they_say()
    {
        var descriptors = RuleCatalogTests.AllDescriptors().ToDictionary(d => d.Id, StringComparer.Ordinal);
        var fixable = FixableIds();
        foreach (var (id, note) in Notes)
        {
            Assert.True(descriptors.TryGetValue(id, out var descriptor), $"{id} has a note but no descriptor");
            Assert.True(note.Title is null || note.Title != descriptor!.Title.ToString(), $"{id}'s title note repeats its descriptor");
            Assert.True(note.Severity is null || note.Severity != Severity(descriptor!.DefaultSeverity), $"{id}'s severity note repeats its descriptor");
            Assert.True(note.CodeFix is null || (fixable.Contains(id) && note.CodeFix.StartsWith("Yes", StringComparison.Ordinal)), $"{id}'s code fix note must qualify a fix that exists");
        }
    }

    /// <summary>The table, one row per descriptor in ID order.</summary>
    internal static string Render()
    {
        var fixable = FixableIds();
        var lines = new List<string>
        {
            "| ID | Title | Category | Severity | Code fix | Standards |",
            "|----|-------|----------|----------|----------|-----------|",
        };
        foreach (var descriptor in RuleCatalogTests.AllDescriptors())
        {
            Notes.TryGetValue(descriptor.Id, out var note);
            var cells = new[]
            {
                $"[{descriptor.Id}](docs/rules/{descriptor.Id}.md)",
                note.Title ?? descriptor.Title.ToString(),
                Categories.TryGetValue(descriptor.Category, out var category) ? category : descriptor.Category,
                note.Severity ?? Severity(descriptor.DefaultSeverity),
                note.CodeFix ?? (fixable.Contains(descriptor.Id) ? "Yes" : "No"),
                string.Join(", ", RuleStandards.ItemsFor(descriptor.Id)),
            };
            lines.Add("| " + string.Join(" | ", cells) + " |");
        }

        return string.Join("\n", lines);
    }

    private static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Info => "Info",
        _ => severity.ToString(),
    };

    private static HashSet<string> FixableIds() =>
        typeof(global::AgentRules.CodeFixes.Rules.AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).Length > 0)
            .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .ToHashSet(StringComparer.Ordinal);
}
