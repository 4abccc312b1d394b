using System;
using System.Collections.Immutable;
using System.Globalization;
using AgentRules.Analyzers.Recognition.Prompts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// The shared shape of the prompt version rules, one analyzer per ID: AGR0006 (text changed, version not bumped),
/// AGR0010 (version not recorded), AGR0011 (lock file line unreadable), AGR0012 (duplicate id), AGR0013 (declaration
/// cannot be versioned) and AGR0014 (ids colliding in the generated registry). The lock file, the prompt files and each
/// tree's declarations are read once per compilation for all six (<see cref="PromptVersionContext"/>); a project with
/// no AgentRules runtime, no lock file and no prompt files gets nothing registered.
/// </summary>
public abstract class PromptVersionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the prompt id.</summary>
    public const string IdProperty = "PromptId";

    /// <summary>Diagnostic property: the declared version.</summary>
    public const string VersionProperty = "PromptVersion";

    /// <summary>Diagnostic property: the SHA-256 of the current text.</summary>
    public const string Sha256Property = "PromptSha256";

    /// <summary>Diagnostic property (AGR0006): the version to bump to — one more than any recorded for the id.</summary>
    public const string NextVersionProperty = "NextVersion";

    /// <summary>Diagnostic property: the path of the lock file the project has, when it has one.</summary>
    public const string LockFilePathProperty = "LockFilePath";

    /// <summary>How many unreadable lock-file lines are reported one by one before a single summary.</summary>
    public const int MaxLockFileErrors = 20;

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    /// <summary>Registers the rule's actions for a compilation that has something to check.</summary>
    protected abstract void Register(CompilationStartAnalysisContext context, PromptVersionContext prompts);

    /// <summary>
    /// Runs <paramref name="check"/> on every prompt declaration: those in source (one action per file; files that do
    /// not spell [Prompt] cost a filter lookup) and the prompt files (at their additional file).
    /// </summary>
    protected static void ForEachDeclaration(CompilationStartAnalysisContext context, PromptVersionContext prompts, Action<PromptDeclaration, Action<Diagnostic>> check)
    {
        if (prompts.PromptAttribute is not null)
        {
            context.RegisterSemanticModelAction(c =>
            {
                foreach (var declaration in prompts.DeclarationsIn(c.SemanticModel, c.CancellationToken))
                {
                    check(declaration, c.ReportDiagnostic);
                }
            });
        }

        context.RegisterAdditionalFileAction(c =>
        {
            if (prompts.Files.TryGetValue(c.AdditionalFile.Path, out var declaration))
            {
                check(declaration, c.ReportDiagnostic);
            }
        });
    }

    /// <summary>
    /// The SHA-256 of a declaration that can be checked against the lock file, with the properties its code fixes read;
    /// null for one that cannot be versioned (AGR0013 reports it) or has no text to hash.
    /// </summary>
    protected static (string Sha256, ImmutableDictionary<string, string?>.Builder Properties)? Versioned(PromptDeclaration declaration, PromptVersionContext prompts)
    {
        if (declaration.Problem is not null || declaration.Sha256 is not { } sha)
        {
            return null;
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[IdProperty] = declaration.Id;
        properties[VersionProperty] = declaration.Version.ToString(CultureInfo.InvariantCulture);
        properties[Sha256Property] = sha;
        properties[LockFilePathProperty] = prompts.LockFilePath;
        return (sha, properties);
    }

    private void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var prompts = PromptVersionContext.GetOrCreate(
            context.Compilation,
            context.Options,
            text => context.TryGetValue(text, PromptLockFile.ValueProvider, out var parsed) ? parsed : null,
            context.CancellationToken);
        if (prompts is not null)
        {
            Register(context, prompts);
        }
    }
}
