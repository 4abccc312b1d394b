using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Infrastructure;

/// <summary>
/// Verifies a code fix: the diagnostics marked in <see cref="TestProject.Sources"/>; the code after applying the fix
/// to one diagnostic at a time until none is left (<see cref="FixedSources"/>); and the code after one Fix All over the
/// project (<see cref="BatchFixedSources"/>, the same as <see cref="FixedSources"/> unless set). Markup in the fixed
/// sources marks diagnostics expected to remain. The fixed code must compile.
/// </summary>
public class CodeFixTest<TAnalyzer, TCodeFix> : AnalyzerTest<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public List<string> FixedSources { get; } = new();

    /// <summary>Shortcut for a single fixed source.</summary>
    public string FixedSource
    {
        get => FixedSources.Count == 0 ? string.Empty : FixedSources[0];
        set
        {
            FixedSources.Clear();
            FixedSources.Add(value);
        }
    }

    /// <summary>The sources after Fix All; defaults to <see cref="FixedSources"/>.</summary>
    public List<string> BatchFixedSources { get; } = new();

    public string BatchFixedSource
    {
        get => BatchFixedSources.Count == 0 ? string.Empty : BatchFixedSources[0];
        set
        {
            BatchFixedSources.Clear();
            BatchFixedSources.Add(value);
        }
    }

    /// <summary>Expected additional files after the fix, for fixes that edit them (path as in <see cref="TestProject.AdditionalFiles"/>).</summary>
    public List<(string Path, string Text)> FixedAdditionalFiles { get; } = new();

    /// <summary>Which offered action to apply: by equivalence key, else by index (default: the first).</summary>
    public string? CodeActionEquivalenceKey { get; set; }

    public int CodeActionIndex { get; set; }

    /// <summary>The title the chosen action must have, when the test checks it.</summary>
    public string? ExpectedCodeActionTitle { get; set; }

    /// <summary>Skip the Fix All check (for fixes that intentionally have no Fix All).</summary>
    public bool SkipFixAll { get; set; }

    public new async Task RunAsync()
    {
        if (FixedSources.Count == 0)
        {
            throw new InvalidOperationException("Set FixedSource (the code after the fix).");
        }

        // 1. The diagnostics before the fix.
        await base.RunAsync().ConfigureAwait(false);

        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer()).AddRange(AdditionalAnalyzers);
        var fixer = new TCodeFix();

        // 2. One fix at a time.
        var fixedProject = await FixOneAtATimeAsync(Prepare(analyzers).Project, analyzers, fixer).ConfigureAwait(false);
        await VerifyResultAsync(fixedProject, FixedSources, analyzers, "after fixing one diagnostic at a time").ConfigureAwait(false);

        // 3. Fix All.
        if (!SkipFixAll)
        {
            var batchProject = await FixAllAsync(Prepare(analyzers).Project, analyzers, fixer).ConfigureAwait(false);
            await VerifyResultAsync(batchProject, BatchFixedSources.Count > 0 ? BatchFixedSources : FixedSources, analyzers, "after Fix All").ConfigureAwait(false);
        }
    }

    private async Task<Project> FixOneAtATimeAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, TCodeFix fixer)
    {
        var initial = await GetFixableAsync(project, analyzers, fixer).ConfigureAwait(false);
        if (initial.IsEmpty)
        {
            Assert.Fail("The source has no diagnostic the code fix can fix.");
        }

        var appliedAny = false;
        for (var iteration = 0; iteration <= initial.Length + 1; iteration++)
        {
            var fixable = await GetFixableAsync(project, analyzers, fixer).ConfigureAwait(false);
            CodeAction? chosen = null;
            foreach (var diagnostic in fixable)
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree);
                if (document is not null && (chosen = await ChooseActionAsync(document, diagnostic, fixer).ConfigureAwait(false)) is not null)
                {
                    break;
                }
            }

            if (chosen is null)
            {
                if (!appliedAny)
                {
                    Assert.Fail("The code fix offered no action for any of the diagnostics.");
                }

                return project;
            }

            project = await ApplyAsync(project, chosen).ConfigureAwait(false);
            appliedAny = true;
        }

        Assert.Fail($"The code fix did not converge: diagnostics remained after {initial.Length + 1} fixes.");
        return project;
    }

    private async Task<Project> FixAllAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, TCodeFix fixer)
    {
        var fixAllProvider = fixer.GetFixAllProvider();
        if (fixAllProvider is null)
        {
            Assert.Fail("The code fix has no Fix All provider (set SkipFixAll if that is intended).");
        }

        var fixable = await GetFixableAsync(project, analyzers, fixer).ConfigureAwait(false);
        foreach (var diagnostic in fixable)
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree);
            if (document is null || await ChooseActionAsync(document, diagnostic, fixer).ConfigureAwait(false) is not { } action)
            {
                continue;
            }

            var context = new FixAllContext(
                document,
                fixer,
                FixAllScope.Project,
                action.EquivalenceKey,
                fixer.FixableDiagnosticIds,
                new AnalyzerDiagnosticProvider(analyzers),
                CancellationToken.None);

            var fixAll = await fixAllProvider!.GetFixAsync(context).ConfigureAwait(false);
            if (fixAll is null)
            {
                Assert.Fail("Fix All produced no action.");
            }

            return await ApplyAsync(project, fixAll!).ConfigureAwait(false);
        }

        Assert.Fail("The code fix offered no action for Fix All to use.");
        return project;
    }

    private async Task<CodeAction?> ChooseActionAsync(Document document, Diagnostic diagnostic, TCodeFix fixer)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);

        CodeAction? chosen = CodeActionEquivalenceKey is { } key
            ? actions.FirstOrDefault(a => a.EquivalenceKey == key)
            : CodeActionIndex < actions.Count ? actions[CodeActionIndex] : null;

        if (chosen is not null && ExpectedCodeActionTitle is { } title)
        {
            Assert.Equal(title, chosen.Title);
        }

        return chosen;
    }

    private static async Task<Project> ApplyAsync(Project project, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
        var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
            ?? throw new InvalidOperationException($"Code action '{action.Title}' produced no solution change.");
        return apply.ChangedSolution.GetProject(project.Id)!;
    }

    private static async Task<ImmutableArray<Diagnostic>> GetFixableAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, TCodeFix fixer)
    {
        var all = await DiagnosticVerifier.GetAnalyzerDiagnosticsAsync(project, analyzers).ConfigureAwait(false);
        return all.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource).ToImmutableArray();
    }

    private async Task VerifyResultAsync(Project project, IReadOnlyList<string> expectedSources, ImmutableArray<DiagnosticAnalyzer> analyzers, string when)
    {
        var expectedDiagnostics = new List<ExpectedDiagnostic>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var documents = project.Documents.OrderBy(d => d.FilePath, StringComparer.Ordinal).ToList();
        if (documents.Count != expectedSources.Count)
        {
            Assert.Fail($"Expected {expectedSources.Count} source files {when}, found {documents.Count}.");
        }

        for (var i = 0; i < documents.Count; i++)
        {
            var (expected, spans) = Markup.Parse(expectedSources[i]);
            var actual = (await documents[i].GetTextAsync().ConfigureAwait(false)).ToString();
            AssertSameText(expected, actual, $"{documents[i].Name} {when}");
            texts[documents[i].Name] = actual;
            expectedDiagnostics.AddRange(DiagnosticVerifier.FromMarkup(documents[i].Name, spans, DefaultDiagnosticId, expected));
        }

        foreach (var (path, text) in FixedAdditionalFiles)
        {
            var document = project.AdditionalDocuments.FirstOrDefault(d => d.FilePath == AdditionalFilePath(path));
            if (document is null)
            {
                Assert.Fail($"Additional file '{path}' does not exist {when}.");
            }

            AssertSameText(text, (await document!.GetTextAsync().ConfigureAwait(false)).ToString(), $"{path} {when}");
        }

        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        AssertCompiles(compilation, $"The code {when}");
        var remaining = await DiagnosticVerifier.GetAnalyzerDiagnosticsAsync(project, analyzers).ConfigureAwait(false);
        DiagnosticVerifier.Verify(expectedDiagnostics, remaining, texts);
    }

    private static void AssertSameText(string expected, string actual, string what)
    {
        expected = expected.Replace("\r\n", "\n", StringComparison.Ordinal);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == actual)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var first = 0;
        while (first < expectedLines.Length && first < actualLines.Length && expectedLines[first] == actualLines[first])
        {
            first++;
        }

        var message = new StringBuilder();
        message.AppendLine($"{what} differs from the expected text, first at line {first + 1}:");
        message.AppendLine($"  expected: {(first < expectedLines.Length ? Visible(expectedLines[first]) : "(end of text)")}");
        message.AppendLine($"  actual:   {(first < actualLines.Length ? Visible(actualLines[first]) : "(end of text)")}");
        message.AppendLine("Actual text:");
        message.AppendLine(actual);
        Assert.Fail(message.ToString());
    }

    private static string Visible(string line) => line.Replace("\t", "\\t", StringComparison.Ordinal) + "⏎";

    private sealed class AnalyzerDiagnosticProvider(ImmutableArray<DiagnosticAnalyzer> analyzers) : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var all = await DiagnosticVerifier.GetAnalyzerDiagnosticsAsync(document.Project, analyzers).ConfigureAwait(false);
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return all.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await DiagnosticVerifier.GetAnalyzerDiagnosticsAsync(project, analyzers).ConfigureAwait(false);
    }
}
