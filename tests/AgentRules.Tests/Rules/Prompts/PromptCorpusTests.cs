using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// AGR0004 on a labelled corpus of realistic agent code (Corpus/*.cs, one project each, with the .NET SDK's implicit
/// usings): every marked site reported, nothing else. The summary test prints precision and recall over the corpus.
/// </summary>
public class PromptCorpusTests(ITestOutputHelper output)
{
    private const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    public static IEnumerable<object[]> Files() =>
        Directory.EnumerateFiles(CorpusDirectory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    private static string CorpusDirectory => RepositoryPaths.Combine("tests", "AgentRules.Tests", "Rules", "Prompts", "Corpus");

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Reports_exactly_the_labelled_sites(string file)
    {
        await Test(file).RunAsync();
    }

    [Fact]
    public async Task Precision_and_recall_over_the_corpus_are_at_least_95_percent()
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        foreach (var file in Files().Select(f => (string)f[0]))
        {
            var (text, spans) = TestProject.ParseMarkup(File.ReadAllText(Path.Combine(CorpusDirectory, file)));
            var test = Test(file);
            var project = test.CreateProject(new[] { text, ImplicitUsings }, test.AdditionalFiles);
            var actual = (await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(new AGR0004UnversionedPromptAnalyzer())))
                .Where(d => d.Location.SourceTree?.FilePath == TestProject.SourcePath(0))
                .Select(d => d.Location.SourceSpan)
                .ToHashSet();
            var expected = spans.Select(s => s.Span).ToHashSet();
            truePositives += expected.Count(actual.Contains);
            falseNegatives += expected.Count(s => !actual.Contains(s));
            falsePositives += actual.Count(s => !expected.Contains(s));
        }

        var precision = truePositives / (double)Math.Max(1, truePositives + falsePositives);
        var recall = truePositives / (double)Math.Max(1, truePositives + falseNegatives);
        output.WriteLine($"AGR0004 on {Files().Count()} files: {truePositives} true positives, {falsePositives} false positives, {falseNegatives} missed; precision {precision:P1}, recall {recall:P1}");
        Assert.True(truePositives >= 30, "the corpus should label a meaningful number of sites");
        Assert.True(precision >= 0.95 && recall >= 0.95, $"precision {precision:P1}, recall {recall:P1}");
    }

    private static AnalyzerTest<AGR0004UnversionedPromptAnalyzer> Test(string file) => new()
    {
        Sources = { File.ReadAllText(Path.Combine(CorpusDirectory, file)), ImplicitUsings },
        AllowCompilerErrors = file.StartsWith("Incomplete", StringComparison.Ordinal),
    };
}
