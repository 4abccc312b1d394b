using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Tests.Infrastructure;

/// <summary>
/// Verifies that an analyzer reports exactly the diagnostics marked in the sources — none missing, none extra —
/// and never throws.
/// </summary>
/// <example>
/// <code>
/// await new AnalyzerTest&lt;DestructiveToolAnalyzer&gt;
/// {
///     Source = """ ... public static void {|AGR0001:DeleteAll|}() { } ... """,
///     ExpectedMessages = { "Destructive tool 'DeleteAll' has no environment scope (declared Destructive = true)" },
/// }.RunAsync();
/// </code>
/// </example>
public class AnalyzerTest<TAnalyzer> : TestProject
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>The ID <c>[|...|]</c> stands for; defaults to the analyzer's only descriptor.</summary>
    public string? DefaultDiagnosticId { get; set; }

    /// <summary>When not empty: the messages of the marked diagnostics, in source order (files in order).</summary>
    public List<string> ExpectedMessages { get; } = new();

    /// <summary>Expected diagnostics that markup cannot express (no location, or a line in a non-C# file).</summary>
    public List<ExpectedDiagnostic> ExpectedDiagnostics { get; } = new();

    /// <summary>Analyzers that run alongside <typeparamref name="TAnalyzer"/> (their diagnostics are verified too).</summary>
    public List<DiagnosticAnalyzer> AdditionalAnalyzers { get; } = new();

    public async Task RunAsync()
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer()).AddRange(AdditionalAnalyzers);
        var prepared = Prepare(analyzers);
        var compilation = (await prepared.Project.GetCompilationAsync().ConfigureAwait(false))!;
        AssertCompiles(compilation, "The test source");

        var actual = await DiagnosticVerifier.GetAnalyzerDiagnosticsAsync(prepared.Project, analyzers).ConfigureAwait(false);
        DiagnosticVerifier.Verify(prepared.Expected, actual, prepared.TextsByFileName);
    }

    internal Prepared Prepare(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var defaultId = DefaultDiagnosticId ?? SingleId(analyzers);
        var expected = new List<ExpectedDiagnostic>();
        var sources = new List<string>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var i = 0; i < Sources.Count; i++)
        {
            var (source, spans) = Markup.Parse(Sources[i]);
            var path = "Test" + i + ".cs";
            sources.Add(source);
            texts[path] = source;
            expected.AddRange(DiagnosticVerifier.FromMarkup(path, spans, defaultId, source));
        }

        var additional = new List<(string Path, string Text)>();
        foreach (var (filePath, markup) in AdditionalFiles)
        {
            var (text, spans) = Markup.Parse(markup);
            additional.Add((filePath, text));
            texts[System.IO.Path.GetFileName(filePath)] = text;
            expected.AddRange(DiagnosticVerifier.FromMarkup(System.IO.Path.GetFileName(filePath), spans, defaultId, text));
        }

        if (ExpectedMessages.Count > 0)
        {
            if (ExpectedMessages.Count != expected.Count)
            {
                throw new InvalidOperationException($"ExpectedMessages has {ExpectedMessages.Count} entries but the markup marks {expected.Count} diagnostics.");
            }

            expected = expected.Select((e, i) => e with { Message = ExpectedMessages[i] }).ToList();
        }

        expected.AddRange(ExpectedDiagnostics);
        return new Prepared(CreateProject(sources, additional), expected, texts);
    }

    private static string? SingleId(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var ids = analyzers[0].SupportedDiagnostics.Select(d => d.Id).Distinct().ToList();
        return ids.Count == 1 ? ids[0] : null;
    }

    internal sealed record Prepared(Project Project, IReadOnlyList<ExpectedDiagnostic> Expected, IReadOnlyDictionary<string, string> TextsByFileName);
}
