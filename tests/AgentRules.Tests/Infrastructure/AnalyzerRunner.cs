using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Infrastructure;

/// <summary>
/// Runs analyzers over a project and returns what they report, for the tests that measure rather than verify:
/// corpus scoring (precision and recall), engine internals and robustness. Tests that expect exact diagnostics use
/// <see cref="AnalyzerTest{TAnalyzer}"/> (Microsoft.CodeAnalysis.Testing) instead.
/// </summary>
public static class AnalyzerRunner
{
    /// <summary>
    /// Runs the analyzers and returns their diagnostics in source order. Fails the test when an analyzer throws:
    /// an AD0001 in a user's build is a bug, never an acceptable outcome.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers)
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
        var analyzerErrors = diagnostics.Where(d => d.Id == "AD0001").Select(Format).Concat(exceptions).ToList();
        if (analyzerErrors.Count > 0)
        {
            Assert.Fail("An analyzer threw (AD0001):" + Environment.NewLine + string.Join(Environment.NewLine, analyzerErrors));
        }

        return diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>A diagnostic as the compiler prints it: <c>ID at File.cs(line,col)-(line,col): message</c>.</summary>
    public static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var file = diagnostic.Location.IsInSource || diagnostic.Location.Kind == LocationKind.ExternalFile ? Path.GetFileName(span.Path) : "(no file)";
        var where = diagnostic.Location == Location.None
            ? "(no location)"
            : $"{file}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";
        return $"{diagnostic.Id} at {where}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
