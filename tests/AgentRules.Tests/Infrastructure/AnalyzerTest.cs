using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using LibraryAnalyzerTest = Microsoft.CodeAnalysis.Testing.AnalyzerTest<Microsoft.CodeAnalysis.Testing.DefaultVerifier>;

namespace AgentRules.Tests.Infrastructure;

/// <summary>
/// Verifies, with Microsoft.CodeAnalysis.Testing, that an analyzer reports exactly the diagnostics marked in the
/// sources — none missing, none extra, same ID and span — that it reports nothing in generated code, that
/// <c>#pragma warning disable</c> suppresses what it reports, that it never throws (an AD0001 is an unexpected
/// diagnostic), and that the sources compile.
/// </summary>
/// <example>
/// <code>
/// await new AnalyzerTest&lt;AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer&gt;
/// {
///     Source = """ ... public static void {|AGR0001:DeleteAll|}() { } ... """,
///     ExpectedMessages = { "Destructive tool 'DeleteAll' has no environment scope (declared Destructive = true)" },
/// }.RunAsync();
/// </code>
/// </example>
public class AnalyzerTest<TAnalyzer> : TestProject
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>When not empty: the messages of the marked diagnostics, in source order (files in order).</summary>
    public List<string> ExpectedMessages { get; } = new();

    /// <summary>Expected diagnostics that markup cannot express (no location, or a line in a non-C# file).</summary>
    public List<DiagnosticResult> ExpectedDiagnostics { get; } = new();

    /// <summary>
    /// What the library skips beyond the marked diagnostics. By default it checks that nothing is reported in generated
    /// code; the check that <c>#pragma warning disable</c> suppresses each diagnostic is skipped (the compiler does that
    /// for any analyzer, and it costs another analysis of every test); <c>Harness/AnalyzerAdapterTests</c> runs it.
    /// </summary>
    public TestBehaviors TestBehaviors { get; set; } = TestBehaviors.SkipSuppressionCheck;

    /// <summary>Analyzers that run alongside <typeparamref name="TAnalyzer"/> (their diagnostics are verified too).</summary>
    public List<DiagnosticAnalyzer> AdditionalAnalyzers { get; } = new();

    public Task RunAsync() => Configure(new Test(AdditionalAnalyzers)).RunAsync();

    private sealed class Test(IReadOnlyList<DiagnosticAnalyzer> additional) : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => base.GetDiagnosticAnalyzers().Concat(additional);
    }

    /// <summary>
    /// Sets up a library test of <typeparamref name="TAnalyzer"/> with this test's inputs and expectations. The markup
    /// is read here rather than by the library so that messages can be attached and so that the diagnostics' additional
    /// locations (which the rules use to point code fixes at related code) are not part of the expectation.
    /// </summary>
    protected TTest Configure<TTest>(TTest test)
        where TTest : LibraryAnalyzerTest
    {
        test.TestBehaviors = TestBehaviors;
        var expected = new List<DiagnosticResult>();
        var sources = Sources.Select((source, i) => Expect(source, SourcePath(i), expected)).ToList();
        var additional = AdditionalFiles.Select(file => (file.Path, Expect(file.Text, AdditionalFilePath(file.Path), expected))).ToList();
        if (ExpectedMessages.Count > 0)
        {
            if (expected.Count != ExpectedMessages.Count)
            {
                throw new InvalidOperationException($"ExpectedMessages has {ExpectedMessages.Count} entries but the markup marks {expected.Count} diagnostics.");
            }

            expected = expected.Select((result, i) => result.WithMessage(ExpectedMessages[i])).ToList();
        }

        ConfigureLibraryTest(test, sources, additional);
        test.TestState.ExpectedDiagnostics.AddRange(expected);
        test.TestState.ExpectedDiagnostics.AddRange(ExpectedDiagnostics);
        return test;
    }

    /// <summary>
    /// Reads the markup of one file: <c>[|x|]</c> is the analyzer's only diagnostic, <c>{|AGR0002:x|}</c> names the ID
    /// (a compiler error too: <c>{|CS0103:x|}</c>). Adds the expected diagnostics to <paramref name="expected"/> and
    /// returns the text without markup.
    /// </summary>
    protected string Expect(string markup, string path, List<DiagnosticResult> expected)
    {
        var (text, spans) = ParseMarkup(markup);
        var lines = SourceText.From(text).Lines;
        var descriptors = new TAnalyzer().SupportedDiagnostics;
        var others = AdditionalAnalyzers.SelectMany(a => a.SupportedDiagnostics).ToList();
        foreach (var (id, span) in spans)
        {
            var descriptor = id is null
                ? descriptors.Select(d => d.Id).Distinct().Count() == 1 ? descriptors[0] : throw new InvalidOperationException("[|...|] needs the analyzer to have one diagnostic ID: write {|AGRxxxx:...|}.")
                : descriptors.Concat(others).FirstOrDefault(d => d.Id == id);
            var result = descriptor is not null ? new DiagnosticResult(descriptor.Id, descriptor.DefaultSeverity) : new DiagnosticResult(id!, id!.StartsWith("CS", StringComparison.Ordinal) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning);
            var start = lines.GetLinePosition(span.Start);
            var end = lines.GetLinePosition(span.End);
            expected.Add(result
                .WithSpan(path, start.Line + 1, start.Character + 1, end.Line + 1, end.Character + 1)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        }

        return text;
    }
}
