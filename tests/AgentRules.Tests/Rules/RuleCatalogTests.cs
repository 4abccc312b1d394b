using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Tests;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// Keeps the rule catalogue honest: every descriptor has a docs page and a correct help link, the README lists every
/// shipped ID, release tracking lists every ID, and every analyzer's descriptors come from the one catalogue.
/// </summary>
public class RuleCatalogTests
{
    public static IEnumerable<object[]> Descriptors() => AllDescriptors().Select(d => new object[] { d.Id });

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Every_rule_has_a_docs_page_with_its_title(string id)
    {
        var descriptor = AllDescriptors().Single(d => d.Id == id);
        var page = RepositoryPaths.Combine("docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing");

        var firstLine = File.ReadLines(page).FirstOrDefault() ?? string.Empty;
        Assert.StartsWith($"# {id}: ", firstLine, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Every_rule_links_to_its_docs_page_in_the_repository(string id)
    {
        var descriptor = AllDescriptors().Single(d => d.Id == id);
        Assert.Equal($"{RepositoryUrl()}/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);
    }

    [Fact]
    public void Readme_rule_table_lists_exactly_the_shipped_rules()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
        var listed = Regex.Matches(readme, @"^\|\s*\[(AGR\d{4})\]\(docs/rules/\1\.md\)", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.Equal(listed.Distinct().Count(), listed.Count);
        Assert.Equal(AllDescriptors().Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal), listed.OrderBy(i => i, StringComparer.Ordinal));
    }

    [Fact]
    public void Docs_folder_has_no_page_for_an_unknown_rule()
    {
        var ids = AllDescriptors().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.EnumerateFiles(RepositoryPaths.Combine("docs", "rules"), "AGR*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.All(pages, page => Assert.Contains(page!, ids));
    }

    [Fact]
    public void Release_tracking_lists_every_rule()
    {
        var tracked = string.Join("\n", new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .Select(f => File.ReadAllText(RepositoryPaths.Combine("src", "Analyzers", "AgentRules.Analyzers", f))));
        Assert.All(AllDescriptors(), d => Assert.Matches(new Regex($@"^{d.Id}\s*\|", RegexOptions.Multiline), tracked));
    }

    [Fact]
    public void Every_descriptor_comes_from_the_catalogue_and_ids_are_unique()
    {
        var catalogue = AllDescriptors().ToList();
        Assert.Equal(catalogue.Count, catalogue.Select(d => d.Id).Distinct().Count());

        foreach (var analyzer in AllAnalyzers())
        {
            foreach (var supported in analyzer.SupportedDiagnostics)
            {
                Assert.Contains(supported, catalogue);
            }
        }
    }

    [Fact]
    public void Every_id_constant_has_a_descriptor()
    {
        var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .OrderBy(i => i, StringComparer.Ordinal);
        Assert.Equal(constants, AllDescriptors().Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
    }

    /// <summary>Every descriptor, from the one catalogue (in ID order; <see cref="RuleLayoutTests"/> checks the order).</summary>
    internal static IEnumerable<DiagnosticDescriptor> AllDescriptors() => RuleCatalog.All;

    internal static IEnumerable<DiagnosticAnalyzer> AllAnalyzers() =>
        typeof(RuleCatalog).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

    private static string RepositoryUrl()
    {
        var props = XDocument.Load(RepositoryPaths.Combine("Directory.Build.props"));
        var url = props.Descendants("RepositoryUrl").Single().Value;
        Assert.Equal(HelpLinks.RepositoryUrl, url);
        return url;
    }
}
