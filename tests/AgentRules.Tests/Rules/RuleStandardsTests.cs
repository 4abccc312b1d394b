using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// Every rule maps to OWASP and CWE, carries the mapping as the SARIF tags GitHub code scanning reads, and lists the same
/// items on its docs page, in the README's rule table and in docs/standards.md (which maps the other way).
/// </summary>
public class RuleStandardsTests
{
    private static readonly Regex Item = new(@"\b(LLM\d{2}|ASI\d{2}|CWE-\d+)\b", RegexOptions.Compiled);

    public static IEnumerable<object[]> Descriptors() => RuleCatalogTests.Descriptors();

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Every_descriptor_has_an_OWASP_and_a_CWE_tag_and_is_a_security_finding(string id)
    {
        var tags = RuleCatalogTests.AllDescriptors().Single(d => d.Id == id).CustomTags.ToList();

        Assert.Contains("security", tags);
        Assert.Contains(tags, t => t.StartsWith("external/cwe/cwe-", StringComparison.Ordinal));
        Assert.Contains(tags, t => t.StartsWith("external/owasp-llm/llm", StringComparison.Ordinal) || t.StartsWith("external/owasp-asi/asi", StringComparison.Ordinal));
        Assert.All(tags.Where(t => t.StartsWith("external/", StringComparison.Ordinal)), t => Assert.Matches(@"^external/(cwe/cwe-\d+|owasp-llm/llm(0[1-9]|10)|owasp-asi/asi(0[1-9]|10))$", t));
        Assert.Equal(tags.Count, tags.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Behavioural_tags_are_kept_next_to_the_standards()
    {
        // AGR0012 and AGR0014 are compilation-end diagnostics: the standards must not replace that tag.
        Assert.Contains(Microsoft.CodeAnalysis.WellKnownDiagnosticTags.CompilationEnd, AGR0012DuplicatePromptIdAnalyzer.Rule.CustomTags);
        Assert.Contains("external/cwe/cwe-694", AGR0012DuplicatePromptIdAnalyzer.Rule.CustomTags);
    }

    [Fact]
    public void The_table_names_no_unknown_rule_and_every_item_it_uses()
    {
        var ids = RuleCatalogTests.AllDescriptors().Select(d => d.Id).ToList();
        var source = File.ReadAllText(RepositoryPaths.Combine("src", "Analyzers", "AgentRules.Analyzers", "Diagnostics", "RuleStandards.cs"));
        var rows = Regex.Matches(source, "\"(AGR\\d{4})\" =>").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), rows.OrderBy(i => i, StringComparer.Ordinal));
        Assert.All(ids.SelectMany(RuleStandards.ItemsFor), item => Assert.True(RuleStandards.ItemNames.ContainsKey(item), $"{item} has no name in RuleStandards.ItemNames"));
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Rule_page_lists_the_same_standards(string id)
    {
        var row = File.ReadLines(RepositoryPaths.Combine("docs", "rules", id + ".md")).FirstOrDefault(l => l.StartsWith("| Standards |", StringComparison.Ordinal));
        Assert.True(row is not null, $"docs/rules/{id}.md has no '| Standards |' row");
        Assert.Equal(Sorted(RuleStandards.ItemsFor(id)), Sorted(Items(row!)));
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Readme_row_lists_the_same_standards(string id)
    {
        var readme = File.ReadAllLines(RepositoryPaths.Combine("README.md"));
        var header = readme.First(l => l.StartsWith("| ID | Title |", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToList();
        var column = header.IndexOf("Standards");
        Assert.True(column > 0, "the README's rule table has no Standards column");

        var row = readme.Single(l => l.StartsWith($"| [{id}](", StringComparison.Ordinal)).Split('|');
        Assert.Equal(Sorted(RuleStandards.ItemsFor(id)), Sorted(Items(row[column])));
    }

    [Fact]
    public void Standards_page_maps_every_item_back_to_exactly_its_rules()
    {
        var expected = RuleCatalogTests.AllDescriptors()
            .SelectMany(d => RuleStandards.ItemsFor(d.Id).Select(item => (Item: item, d.Id)))
            .GroupBy(p => p.Item)
            .ToDictionary(g => g.Key, g => Sorted(g.Select(p => p.Id)), StringComparer.Ordinal);

        var listed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(RepositoryPaths.Combine("docs", "standards.md")))
        {
            var cells = line.Split('|');
            if (cells.Length >= 5 && Regex.IsMatch(cells[1].Trim(), @"^(LLM\d{2}|ASI\d{2}|CWE-\d+)$"))
            {
                var rules = Regex.Matches(cells[3], @"AGR\d{4}").Select(m => m.Value).Distinct();
                Assert.False(listed.ContainsKey(cells[1].Trim()), $"{cells[1].Trim()} is listed twice in docs/standards.md");
                listed[cells[1].Trim()] = Sorted(rules);
            }
        }

        foreach (var (item, rules) in expected)
        {
            Assert.True(listed.ContainsKey(item), $"docs/standards.md does not list {item}");
            Assert.Equal(rules, listed[item]);
        }

        // Items the page lists with rules that the table does not map are claims nothing backs.
        Assert.All(listed.Where(p => p.Value.Count > 0), p => Assert.True(expected.ContainsKey(p.Key), $"docs/standards.md maps {p.Key} to rules the table does not"));
    }

    [Theory]
    [InlineData("LLM06", "external/owasp-llm/llm06")]
    [InlineData("ASI08", "external/owasp-asi/asi08")]
    [InlineData("CWE-835", "external/cwe/cwe-835")]
    public void Items_become_GitHub_style_tags(string item, string tag) => Assert.Equal(tag, RuleStandards.TagFor(item));

    [Fact]
    public void An_unknown_id_has_no_tags() => Assert.Empty(RuleStandards.TagsFor("AGR9999"));

    private static List<string> Items(string text) => Item.Matches(text).Select(m => m.Value).ToList();

    private static List<string> Sorted(IEnumerable<string> items) => items.Distinct().OrderBy(i => i, StringComparer.Ordinal).ToList();
}
