using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules.Prompts;

/// <summary>
/// Checks declared prompts against the lock file: AGR0006 (text changed, version not bumped), AGR0010 (version not
/// recorded), AGR0011 (lock file line unreadable), AGR0012 (duplicate id), AGR0013 (declaration cannot be
/// versioned) and AGR0014 (ids colliding in the generated registry).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PromptVersionAnalyzer : DiagnosticAnalyzer
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

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.PromptChangedWithoutVersionBump,
        DiagnosticDescriptors.PromptVersionNotRecorded,
        DiagnosticDescriptors.MalformedPromptLockFile,
        DiagnosticDescriptors.DuplicatePromptId,
        DiagnosticDescriptors.InvalidPromptDeclaration,
        DiagnosticDescriptors.PromptRegistryNameCollision);

    /// <summary>How many unreadable lock-file lines are reported one by one before a single summary.</summary>
    public const int MaxLockFileErrors = 20;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var promptAttribute = new KnownTypes(context.Compilation).Get(MetadataNames.PromptAttribute);
        var lockFile = FindLockFile(context.Options.AdditionalFiles);
        var files = ReadPromptFiles(context.Options, context.CancellationToken);
        if (promptAttribute is null && lockFile is null && files.Count == 0)
        {
            return; // no AgentRules runtime, no lock file, no prompt files: nothing to check
        }

        var locked = PromptLockFile.Empty;
        var lockText = lockFile?.GetText(context.CancellationToken);
        if (lockText is not null && context.TryGetValue(lockText, PromptLockFile.ValueProvider, out var parsed))
        {
            locked = parsed;
        }

        var state = new State(locked, lockFile?.Path, lockText);
        context.RegisterAdditionalFileAction(c => AnalyzeAdditionalFile(c, state, files));

        if (promptAttribute is not null)
        {
            // One action per file: files that do not spell [Prompt] cost a filter lookup (no callback per member).
            context.RegisterSemanticModelAction(c => AnalyzeDeclarations(c, state, promptAttribute));
        }

        context.RegisterCompilationEndAction(c => ReportDuplicates(c, state, files));
    }

    private static void AnalyzeDeclarations(SemanticModelAnalysisContext context, State state, INamedTypeSymbol promptAttribute)
    {
        foreach (var declaration in PromptDeclarationReader.ReadAll(context.SemanticModel, promptAttribute, context.CancellationToken))
        {
            state.Declarations.Add(declaration);
            foreach (var diagnostic in Check(declaration, state))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    private static void AnalyzeAdditionalFile(AdditionalFileAnalysisContext context, State state, Dictionary<string, PromptDeclaration> files)
    {
        var path = context.AdditionalFile.Path;
        if (state.LockFilePath is not null && string.Equals(path, state.LockFilePath, StringComparison.Ordinal) && state.LockText is { } text)
        {
            // The first MaxLockFileErrors lines, then one summary: a corrupted or wrong file (100,000 lines of it) must
            // not bury the build log under a diagnostic per line.
            var errors = state.Lock.Errors;
            for (var i = 0; i < errors.Length && i < MaxLockFileErrors; i++)
            {
                var location = Location.Create(path, errors[i].Span, text.Lines.GetLinePositionSpan(errors[i].Span));
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MalformedPromptLockFile, location, errors[i].Message));
            }

            if (errors.Length > MaxLockFileErrors)
            {
                var next = errors[MaxLockFileErrors];
                var location = Location.Create(path, next.Span, text.Lines.GetLinePositionSpan(next.Span));
                var more = errors.Length - MaxLockFileErrors;
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MalformedPromptLockFile,
                    location,
                    $"and {more.ToString(CultureInfo.InvariantCulture)} more line{(more == 1 ? string.Empty : "s")} cannot be read, from line {(next.Line + 1).ToString(CultureInfo.InvariantCulture)} on (only the first {MaxLockFileErrors.ToString(CultureInfo.InvariantCulture)} are reported one by one)"));
            }
        }

        if (files.TryGetValue(path, out var declaration))
        {
            foreach (var diagnostic in Check(declaration, state))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    /// <summary>AGR0013 for a declaration that cannot be versioned; else AGR0006 or AGR0010 against the lock file.</summary>
    private static IEnumerable<Diagnostic> Check(PromptDeclaration declaration, State state)
    {
        if (declaration.Problem is { } problem)
        {
            yield return Diagnostic.Create(DiagnosticDescriptors.InvalidPromptDeclaration, declaration.Location, declaration.Id, problem);
            yield break;
        }

        if (declaration.Sha256 is not { } sha)
        {
            yield break;
        }

        var version = declaration.Version.ToString(CultureInfo.InvariantCulture);
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[IdProperty] = declaration.Id;
        properties[VersionProperty] = version;
        properties[Sha256Property] = sha;
        properties[LockFilePathProperty] = state.LockFilePath;

        var recorded = state.Lock.Find(declaration.Id, declaration.Version);
        if (recorded is null)
        {
            yield return Diagnostic.Create(
                DiagnosticDescriptors.PromptVersionNotRecorded,
                declaration.Location,
                properties.ToImmutable(),
                declaration.Id,
                version,
                PromptLockFile.FormatLine(declaration.Id, declaration.Version, sha));
        }
        else if (!string.Equals(recorded.Sha256, sha, StringComparison.Ordinal))
        {
            var next = Math.Max(declaration.Version, state.Lock.MaxVersion(declaration.Id)) + 1;
            properties[NextVersionProperty] = next.ToString(CultureInfo.InvariantCulture);
            yield return Diagnostic.Create(
                DiagnosticDescriptors.PromptChangedWithoutVersionBump,
                declaration.Location,
                properties.ToImmutable(),
                declaration.Id,
                version);
        }
    }

    private static void ReportDuplicates(CompilationAnalysisContext context, State state, Dictionary<string, PromptDeclaration> files)
    {
        var all = new List<PromptDeclaration>(state.Declarations);
        all.AddRange(files.Values);
        foreach (var diagnostic in PromptCatalog.DuplicateDiagnostics(all))
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    private static AdditionalText? FindLockFile(ImmutableArray<AdditionalText> files)
    {
        AdditionalText? found = null;
        foreach (var file in files)
        {
            if (PromptLockFile.IsLockFile(file) && (found is null || string.CompareOrdinal(file.Path, found.Path) < 0))
            {
                found = file;
            }
        }

        return found;
    }

    private static Dictionary<string, PromptDeclaration> ReadPromptFiles(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, PromptDeclaration>(StringComparer.Ordinal);
        options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.ProjectDir", out var projectDirectory);
        foreach (var file in options.AdditionalFiles)
        {
            if (PromptDeclarationReader.ReadFile(file, options.AnalyzerConfigOptionsProvider.GetOptions(file), projectDirectory, cancellationToken) is { } declaration)
            {
                result[file.Path] = declaration;
            }
        }

        return result;
    }

    private sealed class State
    {
        public State(PromptLockFile @lock, string? lockFilePath, Microsoft.CodeAnalysis.Text.SourceText? lockText)
        {
            Lock = @lock;
            LockFilePath = lockFilePath;
            LockText = lockText;
        }

        public PromptLockFile Lock { get; }

        public string? LockFilePath { get; }

        public Microsoft.CodeAnalysis.Text.SourceText? LockText { get; }

        public ConcurrentBag<PromptDeclaration> Declarations { get; } = new();
    }
}
