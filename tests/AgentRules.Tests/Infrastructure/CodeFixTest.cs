using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Tests.Infrastructure;

/// <summary>
/// Verifies a code fix with Microsoft.CodeAnalysis.Testing: the diagnostics marked in <see cref="TestProject.Sources"/>;
/// the code after applying the fix to one diagnostic at a time until none is left (<see cref="FixedSources"/>); and the
/// code after Fix All in each scope — document, project and solution (<see cref="BatchFixedSources"/>, the same as
/// <see cref="FixedSources"/> unless set). Markup in the fixed sources marks diagnostics expected to remain. The fixed
/// code must compile.
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

    /// <summary>Expected additional files after the fix, for fixes that edit them (path as in <see cref="TestProject.AdditionalFiles"/>); the others must be unchanged.</summary>
    public List<(string Path, string Text)> FixedAdditionalFiles { get; } = new();

    /// <summary>Which offered action to apply: by equivalence key, else by index (default: the first).</summary>
    public string? CodeActionEquivalenceKey { get; set; }

    public int? CodeActionIndex { get; set; }

    /// <summary>The title the chosen action must have, when the test checks it.</summary>
    public string? ExpectedCodeActionTitle { get; set; }

    /// <summary>Skip the Fix All checks (for fixes that intentionally have no Fix All).</summary>
    public bool SkipFixAll { get; set; }

    /// <summary>How many fixes the one-at-a-time pass applies (negative: at most that many); the library's default otherwise.</summary>
    public int? NumberOfIncrementalIterations { get; set; }

    /// <summary>How many Fix All passes each scope takes (negative: at most that many); the library's default otherwise.</summary>
    public int? NumberOfFixAllIterations { get; set; }

    public new Task RunAsync()
    {
        if (FixedSources.Count == 0)
        {
            throw new InvalidOperationException("Set FixedSource (the code after the fix).");
        }

        var test = Configure(new Test(AdditionalAnalyzers));
        var remaining = new List<DiagnosticResult>();
        for (var i = 0; i < FixedSources.Count; i++)
        {
            test.FixedState.Sources.Add((SourcePath(i), SourceText.From(Expect(FixedSources[i], SourcePath(i), remaining))));
        }

        test.FixedState.ExpectedDiagnostics.AddRange(remaining);
        test.FixedState.MarkupHandling = MarkupMode.None;
        if (BatchFixedSources.Count > 0)
        {
            var remainingAfterFixAll = new List<DiagnosticResult>();
            for (var i = 0; i < BatchFixedSources.Count; i++)
            {
                test.BatchFixedState.Sources.Add((SourcePath(i), SourceText.From(Expect(BatchFixedSources[i], SourcePath(i), remainingAfterFixAll))));
            }

            test.BatchFixedState.ExpectedDiagnostics.AddRange(remainingAfterFixAll);
            test.BatchFixedState.MarkupHandling = MarkupMode.None;
        }

        if (FixedAdditionalFiles.Count > 0)
        {
            foreach (var (path, text) in AdditionalFiles)
            {
                var changed = FixedAdditionalFiles.FirstOrDefault(f => f.Path == path);
                // What the fix writes is UTF-8; what it leaves alone keeps the text as given.
                test.FixedState.AdditionalFiles.Add((AdditionalFilePath(path), changed.Text is null ? SourceText.From(StripMarkup(text)) : SourceText.From(changed.Text, Encoding.UTF8)));
            }

            // A file the fix creates is named as the fix names it (the file name, as the IDE shows new documents).
            foreach (var (path, text) in FixedAdditionalFiles.Where(f => !AdditionalFiles.Any(a => a.Path == f.Path)))
            {
                test.FixedState.AdditionalFiles.Add((path, SourceText.From(text, Encoding.UTF8)));
            }
        }

        test.CodeActionEquivalenceKey = CodeActionEquivalenceKey;
        test.CodeActionIndex = CodeActionIndex;
        if (ExpectedCodeActionTitle is { } title)
        {
            test.CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title, "the code action's title");
        }

        if (SkipFixAll)
        {
            test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllCheck;
        }

        test.NumberOfIncrementalIterations = NumberOfIncrementalIterations;
        test.NumberOfFixAllIterations = NumberOfFixAllIterations;
        return test.RunAsync();
    }

    private sealed class Test(IReadOnlyList<DiagnosticAnalyzer> additional) : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => base.GetDiagnosticAnalyzers().Concat(additional);
    }
}
