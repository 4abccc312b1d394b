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

namespace AgentRules.Tests.Rules.ToolSafety;

/// <summary>
/// Measures AGR0001 on a labelled corpus of realistic agent tools (Corpus/*.cs: MCP servers, Semantic Kernel plugins,
/// MEAI and OpenAI apps, Azure Functions, and traps). Each tool carries a "// corpus: report" or "// corpus: silent"
/// label on the line above the line AGR0001 reports on: "report" when a reviewer would call the tool destructive
/// (MCP's "not read-only") and nothing scopes it. Labels are what the code means, not what the analyzer can see, so
/// misses are counted honestly.
/// </summary>
public partial class ToolCorpusTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"//\s*corpus:\s*(?<label>report|silent)")]
    private static partial Regex Label();

    [Fact]
    public async Task AGR0001_precision_and_recall_on_the_corpus()
    {
        var files = LoadCorpus();
        var test = new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>();
        foreach (var (_, text) in files)
        {
            test.Sources.Add(text);
        }

        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The corpus does not compile:\n" + string.Join("\n", errors.Take(20)));

        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(new AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer()));
        var reported = diagnostics.ToDictionary(d => (Path.GetFileName(d.Location.SourceTree!.FilePath), d.Location.GetLineSpan().StartLinePosition.Line), d => d.GetMessage());

        var labels = new Dictionary<(string File, int Line), (bool Report, string Code)>();
        for (var i = 0; i < files.Count; i++)
        {
            var lines = files[i].Text.Split('\n');
            for (var line = 0; line < lines.Length - 1; line++)
            {
                if (Label().Match(lines[line]) is { Success: true } match)
                {
                    labels[(TestProject.SourcePath(i) is var path ? Path.GetFileName(path) : "", line + 1)] = (match.Groups["label"].Value == "report", files[i].Name + ": " + lines[line + 1].Trim());
                }
            }
        }

        int truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0;
        var report = new StringBuilder();
        foreach (var (key, (shouldReport, code)) in labels.OrderBy(l => l.Key.File, StringComparer.Ordinal).ThenBy(l => l.Key.Line))
        {
            var was = reported.TryGetValue(key, out var message);
            if (shouldReport && was) truePositives++;
            else if (!shouldReport && !was) trueNegatives++;
            else if (shouldReport) { falseNegatives++; report.AppendLine($"  missed:      {code}"); }
            else { falsePositives++; report.AppendLine($"  false alarm: {code} -> {message}"); }
        }

        foreach (var (key, message) in reported.Where(r => !labels.ContainsKey(r.Key)))
        {
            falsePositives++;
            report.AppendLine($"  unlabelled:  {key.Item1}({key.Item2 + 1}) -> {message}");
        }

        var precision = truePositives / (double)Math.Max(1, truePositives + falsePositives);
        var recall = truePositives / (double)Math.Max(1, truePositives + falseNegatives);
        output.WriteLine($"AGR0001 on the corpus: {labels.Count} tools in {files.Count} files; {truePositives + falseNegatives} should be reported.");
        output.WriteLine($"  TP {truePositives}, FP {falsePositives}, FN {falseNegatives}, TN {trueNegatives}; precision {precision:0.000}, recall {recall:0.000}");
        output.WriteLine(report.ToString());

        Assert.True(labels.Count >= 100, $"The corpus should label at least 100 tools (has {labels.Count}).");
        Assert.True(precision >= 0.95, $"precision {precision:0.000} < 0.95\n{report}");
        Assert.True(recall >= 0.90, $"recall {recall:0.000} < 0.90\n{report}");
    }

    private static List<(string Name, string Text)> LoadCorpus()
    {
        var assembly = typeof(ToolCorpusTests).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Corpus/", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n.Substring("Corpus/".Length), reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal));
            })
            .ToList();
    }
}
