using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AgentRules.Tests.Infrastructure;

/// <summary>
/// A diagnostic a test expects. From markup it carries an exact span; written by hand it may give only a file,
/// a line and a column (for diagnostics outside C# sources, such as lines of an additional file).
/// </summary>
public sealed record ExpectedDiagnostic(string Id, string? Path = null, int? Line = null, int? Column = null)
{
    /// <summary>The exact expected message, when the test checks it.</summary>
    public string? Message { get; init; }

    internal TextSpan? Span { get; init; }

    internal bool Matches(Diagnostic actual)
    {
        if (actual.Id != Id)
        {
            return false;
        }

        var location = actual.Location;
        var file = DiagnosticFormatter.FileName(location);
        if (Path is not null && !string.Equals(file, System.IO.Path.GetFileName(Path), StringComparison.Ordinal))
        {
            return false;
        }

        if (Span is { } span && location.SourceSpan != span)
        {
            return false;
        }

        var start = location.GetLineSpan().StartLinePosition;
        if (Line is { } line && start.Line + 1 != line)
        {
            return false;
        }

        if (Column is { } column && start.Character + 1 != column)
        {
            return false;
        }

        return Message is null || Message == actual.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string ToString()
    {
        var where = Path is null && Line is null ? "(anywhere)" : $"{Path ?? "?"}({Line?.ToString() ?? "?"},{Column?.ToString() ?? "?"})";
        return Message is null ? $"{Id} at {where}" : $"{Id} at {where}: {Message}";
    }
}

/// <summary>Readable one-line renderings of diagnostics, as the compiler prints them.</summary>
public static class DiagnosticFormatter
{
    public static string FileName(Location location) =>
        location.IsInSource || location.Kind == LocationKind.ExternalFile
            ? Path.GetFileName(location.GetLineSpan().Path)
            : "(no file)";

    public static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var where = diagnostic.Location == Location.None
            ? "(no location)"
            : $"{FileName(diagnostic.Location)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";
        return $"{diagnostic.Id} at {where}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}

/// <summary>Runs analyzers over a project and compares what they report with what a test expects.</summary>
public static class DiagnosticVerifier
{
    /// <summary>
    /// Runs the analyzers and returns their diagnostics in source order. Fails the test when an analyzer throws:
    /// an AD0001 in a user's build is a bug, never an acceptable outcome.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> GetAnalyzerDiagnosticsAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name} threw: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);

        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        if (!exceptions.IsEmpty)
        {
            Assert.Fail("An analyzer threw (AD0001):" + Environment.NewLine + string.Join(Environment.NewLine, exceptions));
        }

        var analyzerErrors = diagnostics.Where(d => d.Id == "AD0001").ToList();
        if (analyzerErrors.Count > 0)
        {
            Assert.Fail("An analyzer threw (AD0001):" + Environment.NewLine + string.Join(Environment.NewLine, analyzerErrors.Select(DiagnosticFormatter.Format)));
        }

        return diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>Expected diagnostics for the markup spans of one file.</summary>
    public static IEnumerable<ExpectedDiagnostic> FromMarkup(string path, ImmutableArray<MarkedSpan> spans, string? defaultId, string source)
    {
        var text = SourceText.From(source);
        foreach (var marked in spans)
        {
            var id = marked.Id ?? defaultId ?? throw new InvalidOperationException(
                "Markup [|...|] needs a default diagnostic ID: the analyzer supports several, so write {|AGRxxxx:...|} or set DefaultDiagnosticId.");
            var start = text.Lines.GetLinePosition(marked.Span.Start);
            yield return new ExpectedDiagnostic(id, path, start.Line + 1, start.Character + 1) { Span = marked.Span };
        }
    }

    /// <summary>Asserts that <paramref name="actual"/> is exactly <paramref name="expected"/>: none missing, none extra.</summary>
    public static void Verify(IReadOnlyList<ExpectedDiagnostic> expected, ImmutableArray<Diagnostic> actual, IReadOnlyDictionary<string, string> sourcesByFileName)
    {
        var unmatched = actual.ToList();
        var missing = new List<ExpectedDiagnostic>();
        foreach (var expectation in expected)
        {
            var index = unmatched.FindIndex(expectation.Matches);
            if (index < 0)
            {
                missing.Add(expectation);
            }
            else
            {
                unmatched.RemoveAt(index);
            }
        }

        if (missing.Count == 0 && unmatched.Count == 0)
        {
            return;
        }

        var message = new StringBuilder();
        message.AppendLine("The diagnostics differ from the expected ones.");
        message.AppendLine($"Expected ({expected.Count}):");
        foreach (var e in expected)
        {
            message.AppendLine("  " + e);
        }

        message.AppendLine($"Actual ({actual.Length}):");
        foreach (var a in actual)
        {
            message.AppendLine("  " + DiagnosticFormatter.Format(a));
        }

        foreach (var m in missing)
        {
            message.AppendLine("Missing: " + m);
            AppendExcerpt(message, m.Path, m.Line, sourcesByFileName);
        }

        foreach (var u in unmatched)
        {
            message.AppendLine("Unexpected: " + DiagnosticFormatter.Format(u));
            AppendExcerpt(message, DiagnosticFormatter.FileName(u.Location), u.Location.GetLineSpan().StartLinePosition.Line + 1, sourcesByFileName);
        }

        Assert.Fail(message.ToString());
    }

    private static void AppendExcerpt(StringBuilder message, string? path, int? line, IReadOnlyDictionary<string, string> sources)
    {
        if (path is null || line is null || !sources.TryGetValue(Path.GetFileName(path), out var source))
        {
            return;
        }

        var lines = SourceText.From(source).Lines;
        if (line.Value >= 1 && line.Value <= lines.Count)
        {
            message.AppendLine($"    {line.Value,4} | {lines[line.Value - 1].ToString().Trim()}");
        }
    }
}
