using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// Measures AGR0002, AGR0003 and AGR0009 on <c>Corpus/</c>: realistic agent code in the shapes of public MEAI, Agent
/// Framework, Semantic Kernel and OpenAI SDK samples and community agents, labelled by the rules' definitions with
/// <c>// expect: AGRxxxx</c> on the line before each expected diagnostic. Reports precision and recall per rule and
/// fails below 0.90.
/// </summary>
public partial class AgentLoopCorpusTests(ITestOutputHelper output)
{
    private static readonly string[] Rules = ["AGR0002", "AGR0003", "AGR0009"];

    [GeneratedRegex(@"//\s*expect:\s*(?<ids>AGR\d{4}(?:\s*,\s*AGR\d{4})*)")]
    private static partial Regex ExpectMarker();

    [Fact]
    public async Task Precision_and_recall_on_the_realistic_corpus_are_at_least_0_90()
    {
        var analyzers = ImmutableArray.Create(RuleGroups.AllLoopRules());
        var tally = Rules.ToDictionary(r => r, _ => (TP: 0, FP: 0, FN: 0), StringComparer.Ordinal);
        var mismatches = new List<string>();
        var files = 0;

        foreach (var (name, text) in LoadCorpus())
        {
            files++;
            var expected = ReadLabels(text).Select(l => $"{name}({l.Line}): {l.Id}").ToHashSet(StringComparer.Ordinal);

            var test = new TestProject { Source = text };
            var project = test.CreateProject(test.Sources, test.AdditionalFiles);
            var compilation = (await project.GetCompilationAsync())!;
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"{name} does not compile:\n" + string.Join("\n", errors.Select(Infrastructure.AnalyzerRunner.Format)));

            var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers);
            var actual = diagnostics
                .Where(d => Rules.Contains(d.Id))
                .Select(d => $"{name}({d.Location.GetLineSpan().StartLinePosition.Line + 1}): {d.Id}")
                .ToHashSet(StringComparer.Ordinal);

            foreach (var rule in Rules)
            {
                var e = expected.Where(x => x.EndsWith(rule, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
                var a = actual.Where(x => x.EndsWith(rule, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
                var (tp, fp, fn) = tally[rule];
                tally[rule] = (tp + e.Intersect(a).Count(), fp + a.Except(e).Count(), fn + e.Except(a).Count());
                mismatches.AddRange(a.Except(e).Select(x => "false positive: " + x));
                mismatches.AddRange(e.Except(a).Select(x => "missed:         " + x));
            }
        }

        var report = new StringBuilder();
        report.AppendLine($"Agent-loop corpus: {files} files");
        report.AppendLine("rule     TP  FP  FN  precision  recall");
        foreach (var rule in Rules)
        {
            var (tp, fp, fn) = tally[rule];
            report.AppendLine($"{rule}  {tp,3} {fp,3} {fn,3}  {Ratio(tp, tp + fp),9:0.000}  {Ratio(tp, tp + fn),6:0.000}");
        }

        foreach (var mismatch in mismatches.OrderBy(m => m, StringComparer.Ordinal))
        {
            report.AppendLine(mismatch);
        }

        output.WriteLine(report.ToString());
        foreach (var rule in Rules)
        {
            var (tp, fp, fn) = tally[rule];
            Assert.True(tp > 0, $"{rule} has no labelled positives in the corpus.\n{report}");
            Assert.True(Ratio(tp, tp + fp) >= 0.90 && Ratio(tp, tp + fn) >= 0.90, $"{rule} is below 0.90.\n{report}");
        }
    }

    [Fact]
    public async Task Nothing_throws_on_truncated_corpus_files()
    {
        // Code in the IDE is half-written: every corpus file cut at many points must analyse without AD0001.
        var analyzers = ImmutableArray.Create(RuleGroups.AllLoopRules());
        foreach (var (name, text) in LoadCorpus().Where((_, i) => i % 3 == 0))
        {
            for (var cut = text.Length / 5; cut < text.Length; cut += text.Length / 5)
            {
                var test = new TestProject { Source = string.Concat(text.AsSpan(0, cut), "\n"), AllowCompilerErrors = true };
                var project = test.CreateProject(test.Sources, test.AdditionalFiles);
                await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers);
            }

            var withoutSemicolons = new TestProject { Source = text.Replace(";", " ", StringComparison.Ordinal), AllowCompilerErrors = true };
            await AnalyzerRunner.GetDiagnosticsAsync(withoutSemicolons.CreateProject(withoutSemicolons.Sources, withoutSemicolons.AdditionalFiles), analyzers);
            _ = name;
        }
    }

    [Fact]
    public async Task Code_fixes_do_not_throw_on_half_written_code()
    {
        var analyzers = ImmutableArray.Create(RuleGroups.AllLoopRules());
        var fixers = new Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider[] { new CodeFixes.Rules.AGR0002AgentLoopWithoutIterationCapCodeFix(), new CodeFixes.Rules.AGR0003AgentLoopWithoutStopSignalCodeFix(), new CodeFixes.Rules.AGR0009FunctionInvocationDefaultCapCodeFix() };
        var actionsRun = 0;
        foreach (var (_, text) in LoadCorpus().Where((_, i) => i % 4 == 1))
        {
            foreach (var variant in new[] { text, text.Replace(")\n", "\n", StringComparison.Ordinal), string.Concat(text.AsSpan(0, text.Length * 3 / 4), "\n") })
            {
                var test = new TestProject { Source = variant, AllowCompilerErrors = true };
                var project = test.CreateProject(test.Sources, test.AdditionalFiles);
                var document = project.Documents.Single();
                foreach (var diagnostic in await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers))
                {
                    foreach (var fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                    {
                        var actions = new List<Microsoft.CodeAnalysis.CodeActions.CodeAction>();
                        await fixer.RegisterCodeFixesAsync(new Microsoft.CodeAnalysis.CodeFixes.CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), default));
                        foreach (var action in actions)
                        {
                            await action.GetOperationsAsync(default);
                            actionsRun++;
                        }
                    }
                }
            }
        }

        Assert.True(actionsRun > 10, $"only {actionsRun} code actions ran");
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1.0 : (double)part / whole;

    internal static IEnumerable<(string Name, string Text)> LoadCorpus()
    {
        var assembly = typeof(AgentLoopCorpusTests).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("AgentLoopCorpus/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource.Substring("AgentLoopCorpus/".Length), reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal));
        }
    }

    private static IEnumerable<(int Line, string Id)> ReadLabels(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (ExpectMarker().Match(lines[i]) is { Success: true } marker)
            {
                foreach (var id in marker.Groups["ids"].Value.Split(','))
                {
                    yield return (i + 2, id.Trim());
                }
            }
        }
    }
}
