using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Tests.Infrastructure;

/// <summary>
/// Applies code fixes the way <c>dotnet format analyzers --diagnostics ...</c> does (the SDK's AnalyzerFormatter and
/// SolutionCodeFixApplier): for each reported rule in turn, analyze again with the analyzers that report it, seed the
/// fixer with the FIRST diagnostic of that analysis — whatever rule it belongs to — take the key of the first action
/// offered (null when none), and run the fixer's Fix All for that rule with every diagnostic of the analysis. The
/// scope is dotnet format's (Solution) unless set otherwise.
/// </summary>
public static class DotNetFormatEmulation
{
    public sealed record Result(Project Project, IReadOnlyList<string> Warnings);

    public static async Task<Result> RunAsync(
        Project project,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        ImmutableArray<CodeFixProvider> fixers,
        IReadOnlyCollection<string> diagnosticIds,
        FixAllScope scope = FixAllScope.Solution,
        bool reverseOrder = false)
    {
        var warnings = new List<string>();
        var reported = (await AnalyzeAsync(project, analyzers, diagnosticIds).ConfigureAwait(false))
            .Select(d => d.Id)
            .Distinct()
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
        if (reverseOrder)
        {
            reported.Reverse();
        }

        foreach (var id in reported)
        {
            var idFixers = fixers.Where(f => f.FixableDiagnosticIds.Contains(id)).ToList();
            if (idFixers.Count == 0)
            {
                continue;
            }

            var idAnalyzers = analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id == id)).ToImmutableArray();
            var result = await AnalyzeAsync(project, idAnalyzers, diagnosticIds).ConfigureAwait(false);
            if (result.IsEmpty)
            {
                continue;
            }

            foreach (var fixer in idFixers)
            {
                var fixAll = fixer.GetFixAllProvider();
                if (fixAll?.GetSupportedFixAllScopes().Contains(scope) != true)
                {
                    warnings.Add($"{id}: {fixer.GetType().Name} does not support Fix All in {scope}");
                    continue;
                }

                var seed = result.First(d => d.Location.SourceTree is not null);
                var document = project.GetDocument(seed.Location.SourceTree)!;
                CodeAction? first = null;
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, seed, (a, _) => first ??= a, CancellationToken.None)).ConfigureAwait(false);

                // Document scope: the document of the first diagnostic of the rule itself (as an IDE would start it).
                var scopeDocument = scope == FixAllScope.Document ? project.GetDocument(result.First(d => d.Id == id).Location.SourceTree)! : document;
                var context = new FixAllContext(
                    scopeDocument,
                    fixer,
                    scope,
                    first?.EquivalenceKey!,
                    new[] { id },
                    new Provider(result),
                    CancellationToken.None);
                var action = await fixAll.GetFixAsync(context).ConfigureAwait(false);
                if (action is null)
                {
                    warnings.Add($"{id}: {fixer.GetType().Name} returned no Fix All action (seeded with {seed.Id})");
                    continue;
                }

                var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
                if (operations.OfType<ApplyChangesOperation>().SingleOrDefault() is not { } apply)
                {
                    warnings.Add($"{id}: {fixer.GetType().Name} returned an unexpected operation");
                    continue;
                }

                project = apply.ChangedSolution.GetProject(project.Id)!;
            }
        }

        return new Result(project, warnings);
    }

    /// <summary>The analyzers' diagnostics of the given rules in source order.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, IReadOnlyCollection<string> diagnosticIds)
    {
        var all = await AnalyzerRunner.GetDiagnosticsAsync(project, analyzers).ConfigureAwait(false);
        return all.Where(d => diagnosticIds.Contains(d.Id) && d.Location.IsInSource).ToImmutableArray();
    }

    /// <summary>The compiler errors of the project, formatted; empty when it compiles.</summary>
    public static async Task<IReadOnlyList<string>> CompilerErrorsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(AnalyzerRunner.Format).ToList();
    }

    // Like dotnet format's: every diagnostic of the analysis, whatever its rule (FixAllContext filters by rule).
    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            GetProjectDiagnosticsAsync(project, cancellationToken);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return diagnostics.Where(d => d.Location.SourceTree?.FilePath == tree?.FilePath).ToList();
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
