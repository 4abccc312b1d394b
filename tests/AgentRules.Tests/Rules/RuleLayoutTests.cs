using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.CodeFixes.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// Keeps the codebase organised by rule ID (docs/architecture.md): one catalogue in ID order; in <c>Rules/</c> only
/// analyzers, one per ID, named <c>AGRxxxx&lt;Name&gt;Analyzer</c> after the ID and its <see cref="DiagnosticIds"/>
/// constant, holding its descriptor as <c>Rule</c>; its code fix, if it has one, <c>AGRxxxx&lt;Name&gt;CodeFix</c> in
/// AgentRules.CodeFixes/Rules/; its tests <c>tests/AgentRules.Tests/Rules/AGRxxxx&lt;Name&gt;Tests.cs</c> (and
/// <c>…CodeFixTests.cs</c>). The generator and build task IDs (AGR0100 and up) are reported by generators and a build
/// task, not by analyzers in <c>Rules/</c>, and are not held to the file naming.
/// </summary>
public class RuleLayoutTests
{
    private const string AnalyzerRulesNamespace = "AgentRules.Analyzers.Rules";

    [Fact]
    public void The_catalogue_and_the_id_constants_are_in_id_order_and_agree()
    {
        var catalogue = RuleCatalog.All.Select(d => d.Id).ToList();
        Assert.Equal(catalogue.OrderBy(i => i, StringComparer.Ordinal), catalogue);
        Assert.Equal(catalogue.Count, catalogue.Distinct(StringComparer.Ordinal).Count());

        var constants = IdConstants().Select(c => c.Id).ToList();
        Assert.Equal(constants.OrderBy(i => i, StringComparer.Ordinal), constants);
        Assert.Equal(constants, catalogue);
    }

    [Fact]
    public void Every_analyzer_rule_reports_one_id_from_a_file_named_by_it_that_holds_its_descriptor()
    {
        var names = IdConstants().ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var analyzers = RuleAnalyzers().ToList();
        Assert.NotEmpty(analyzers);
        foreach (var type in analyzers)
        {
            var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
            var descriptor = Assert.Single(analyzer.SupportedDiagnostics);
            Assert.Equal(descriptor.Id + names[descriptor.Id] + "Analyzer", type.Name);
            Assert.Same(descriptor, type.GetField("Rule", BindingFlags.Public | BindingFlags.Static)?.GetValue(null));
            Assert.True(File.Exists(RepositoryPaths.Combine("src", "Analyzers", "AgentRules.Analyzers", "Rules", type.Name + ".cs")), $"Rules/{type.Name}.cs is missing");
        }

        // Every analyzer rule ID has its analyzer: the IDs below AGR0100 and the options rule.
        var reported = analyzers.Select(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics[0].Id).OrderBy(i => i, StringComparer.Ordinal);
        Assert.Equal(names.Keys.Where(IsAnalyzerRule).OrderBy(i => i, StringComparer.Ordinal), reported);
    }

    [Fact]
    public void The_rules_folder_holds_only_analyzers()
    {
        var folder = RepositoryPaths.Combine("src", "Analyzers", "AgentRules.Analyzers", "Rules");
        Assert.DoesNotContain(Directory.EnumerateDirectories(folder), d => !IsBuildOutput(d));
        var types = typeof(RuleCatalog).Assembly.GetTypes().Where(t => t.Namespace == AnalyzerRulesNamespace && !t.IsNested && !IsCompilerGenerated(t)).ToList();
        Assert.All(types, t => Assert.True(typeof(DiagnosticAnalyzer).IsAssignableFrom(t), $"{t.Name} in Rules/ is not an analyzer"));
        var files = Directory.EnumerateFiles(folder, "*.cs").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(types.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal), files);
    }

    [Fact]
    public void Every_code_fix_is_named_by_the_one_id_it_fixes_and_every_rule_has_its_test_files()
    {
        var names = IdConstants().ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var fixes = typeof(AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .ToList();
        Assert.NotEmpty(fixes);
        var fixed_ = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in fixes)
        {
            var id = Assert.Single(((CodeFixProvider)Activator.CreateInstance(type)!).FixableDiagnosticIds);
            Assert.Equal(id + names[id] + "CodeFix", type.Name);
            Assert.True(File.Exists(RepositoryPaths.Combine("src", "Analyzers", "AgentRules.CodeFixes", "Rules", type.Name + ".cs")), $"AgentRules.CodeFixes/Rules/{type.Name}.cs is missing");
            fixed_.Add(id);
        }

        foreach (var id in names.Keys.Where(IsAnalyzerRule))
        {
            var stem = id + names[id];
            Assert.True(File.Exists(RepositoryPaths.Combine("tests", "AgentRules.Tests", "Rules", stem + "Tests.cs")), $"tests/AgentRules.Tests/Rules/{stem}Tests.cs is missing");
            Assert.Equal(fixed_.Contains(id), File.Exists(RepositoryPaths.Combine("tests", "AgentRules.Tests", "Rules", stem + "CodeFixTests.cs")));
        }
    }

    private static bool IsAnalyzerRule(string id) => string.CompareOrdinal(id, "AGR0100") < 0 || id == DiagnosticIds.InvalidOption;

    private static bool IsBuildOutput(string directory) => Path.GetFileName(directory) is "bin" or "obj";

    private static bool IsCompilerGenerated(Type type) => type.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is not null || type.Name.StartsWith('<');

    private static IEnumerable<Type> RuleAnalyzers() =>
        typeof(RuleCatalog).Assembly.GetTypes()
            .Where(t => t.Namespace == AnalyzerRulesNamespace && !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null);

    private static IEnumerable<(string Name, string Id)> IdConstants() =>
        typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));
}
