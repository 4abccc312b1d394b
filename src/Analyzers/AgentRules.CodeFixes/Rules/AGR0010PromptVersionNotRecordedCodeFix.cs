using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.CodeFixes.Rules;

/// <summary>
/// AGR0010: records a prompt version in the project's <c>AgentPrompts.lock</c> — inserted in sorted position, the
/// file created (with a header) when the project has none. Fix All records every unrecorded version in one edit.
/// Works for diagnostics on <c>[Prompt]</c> attributes and on <c>&lt;AgentPrompt&gt;</c> files alike.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AGR0010PromptVersionNotRecordedCodeFix)), Shared]
public sealed class AGR0010PromptVersionNotRecordedCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "AgentRules.RecordPromptVersion";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.PromptVersionNotRecorded);

    public override FixAllProvider GetFixAllProvider() => RecordAllProvider.Instance;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var project = context.TextDocument.Project;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Entry(diagnostic) is not { } entry)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Record prompt '{entry.Id}' version {entry.Version.ToString(CultureInfo.InvariantCulture)} in {PromptLockFile.FileName}",
                    ct => RecordAsync(project.Solution, project.Id, new[] { entry }, ct),
                    EquivalenceKey),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    internal static (string Id, int Version, string Sha256)? Entry(Diagnostic diagnostic)
    {
        var properties = diagnostic.Properties;
        return properties.TryGetValue(PromptVersionAnalyzer.IdProperty, out var id) && id is not null
            && properties.TryGetValue(PromptVersionAnalyzer.VersionProperty, out var versionText)
            && int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && properties.TryGetValue(PromptVersionAnalyzer.Sha256Property, out var sha) && sha is not null
                ? (id, version, sha)
                : null;
    }

    /// <summary>The solution with <paramref name="entries"/> recorded in the project's lock file (created when missing).</summary>
    internal static async Task<Solution> RecordAsync(Solution solution, ProjectId projectId, IReadOnlyCollection<(string Id, int Version, string Sha256)> entries, CancellationToken cancellationToken)
    {
        var project = solution.GetProject(projectId);
        if (project is null || entries.Count == 0)
        {
            return solution;
        }

        var lockDocument = project.AdditionalDocuments
            .Where(d => PromptLockFile.IsLockFile(d.FilePath ?? d.Name))
            .OrderBy(d => d.FilePath ?? d.Name, StringComparer.Ordinal)
            .FirstOrDefault();

        if (lockDocument is not null)
        {
            var text = await lockDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var updated = PromptLockFile.AddEntries(text.ToString(), entries);
            return solution.WithAdditionalDocumentText(lockDocument.Id, SourceText.From(updated, text.Encoding ?? System.Text.Encoding.UTF8));
        }

        var directory = project.FilePath is { } projectPath ? Path.GetDirectoryName(projectPath) : null;
        var path = directory is null ? null : Path.Combine(directory, PromptLockFile.FileName);
        return solution.AddAdditionalDocument(
            DocumentId.CreateNewId(projectId),
            PromptLockFile.FileName,
            SourceText.From(PromptLockFile.AddEntries(null, entries), System.Text.Encoding.UTF8),
            filePath: path);
    }

    /// <summary>Fix All: one edit of each project's lock file with every unrecorded version in scope.</summary>
    private sealed class RecordAllProvider : FixAllProvider
    {
        public static readonly RecordAllProvider Instance = new();

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var diagnostics = await FixAllDiagnostics.GetAsync(fixAllContext).ConfigureAwait(false);
            var byProject = new Dictionary<ProjectId, List<(string Id, int Version, string Sha256)>>();
            foreach (var (project, diagnostic) in diagnostics)
            {
                if (Entry(diagnostic) is { } entry)
                {
                    if (!byProject.TryGetValue(project.Id, out var list))
                    {
                        byProject[project.Id] = list = new List<(string, int, string)>();
                    }

                    list.Add(entry);
                }
            }

            if (byProject.Count == 0)
            {
                return null;
            }

            return CodeAction.Create(
                $"Record all prompt versions in {PromptLockFile.FileName}",
                async ct =>
                {
                    var solution = fixAllContext.Solution;
                    foreach (var pair in byProject)
                    {
                        solution = await RecordAsync(solution, pair.Key, pair.Value, ct).ConfigureAwait(false);
                    }

                    return solution;
                },
                EquivalenceKey);
        }
    }
}
