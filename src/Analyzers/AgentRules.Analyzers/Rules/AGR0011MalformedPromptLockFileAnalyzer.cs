using System.Collections.Immutable;
using System.Globalization;
using System;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Prompts;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0011: lines of the prompt lock file that cannot be read, at the line: the first
/// <see cref="PromptVersionAnalyzer.MaxLockFileErrors"/>, then one summary.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0011MalformedPromptLockFileAnalyzer : PromptVersionAnalyzer
{
    /// <summary>AGR0011: a line of the prompt lock file cannot be read.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.MalformedPromptLockFile,
        title: "Prompt lock file line cannot be read",
        messageFormat: "AgentPrompts.lock: {0}",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Warning,
        description: "Each line of AgentPrompts.lock is '<id> <version> <sha256>' (blank lines and lines starting with '#' are ignored). A line that cannot be read records nothing, so the prompt it was meant to protect is unprotected.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    protected override void Register(CompilationStartAnalysisContext context, PromptVersionContext prompts)
    {
        if (prompts.LockFilePath is not { } path || prompts.LockText is not { } text || prompts.Lock.Errors.IsEmpty)
        {
            return;
        }

        context.RegisterAdditionalFileAction(c =>
        {
            if (!string.Equals(c.AdditionalFile.Path, path, StringComparison.Ordinal))
            {
                return;
            }

            // The first MaxLockFileErrors lines, then one summary: a corrupted or wrong file (100,000 lines of it) must
            // not bury the build log under a diagnostic per line.
            var errors = prompts.Lock.Errors;
            for (var i = 0; i < errors.Length && i < MaxLockFileErrors; i++)
            {
                var location = Location.Create(path, errors[i].Span, text.Lines.GetLinePositionSpan(errors[i].Span));
                c.ReportDiagnostic(Diagnostic.Create(Rule, location, errors[i].Message));
            }

            if (errors.Length > MaxLockFileErrors)
            {
                var next = errors[MaxLockFileErrors];
                var location = Location.Create(path, next.Span, text.Lines.GetLinePositionSpan(next.Span));
                var more = errors.Length - MaxLockFileErrors;
                c.ReportDiagnostic(Diagnostic.Create(
                    Rule,
                    location,
                    $"and {more.ToString(CultureInfo.InvariantCulture)} more line{(more == 1 ? string.Empty : "s")} cannot be read, from line {(next.Line + 1).ToString(CultureInfo.InvariantCulture)} on (only the first {MaxLockFileErrors.ToString(CultureInfo.InvariantCulture)} are reported one by one)"));
            }
        });
    }
}
