using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>
/// What the prompt version rules (AGR0006, AGR0010-AGR0014, one analyzer each) check, read once per compilation and
/// shared by them: the <c>[Prompt]</c> attribute type, the lock file and its parse, the prompt files, and each tree's
/// prompt declarations (read by the first rule that asks; the others get the same array).
/// </summary>
public sealed class PromptVersionContext
{
    private static readonly WeakCache<Compilation, Holder> s_contexts = new();

    private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<PromptDeclaration>> _declarations = new();

    private PromptVersionContext(INamedTypeSymbol? promptAttribute, PromptLockFile @lock, string? lockFilePath, SourceText? lockText, Dictionary<string, PromptDeclaration> files)
    {
        PromptAttribute = promptAttribute;
        Lock = @lock;
        LockFilePath = lockFilePath;
        LockText = lockText;
        Files = files;
    }

    /// <summary>The runtime's <c>AgentRules.PromptAttribute</c>, null when the runtime is not referenced.</summary>
    public INamedTypeSymbol? PromptAttribute { get; }

    /// <summary>The parsed lock file (empty when the project has none).</summary>
    public PromptLockFile Lock { get; }

    /// <summary>The path of the project's lock file, when it has one.</summary>
    public string? LockFilePath { get; }

    /// <summary>The lock file's text, when the project has one.</summary>
    public SourceText? LockText { get; }

    /// <summary>The declarations of the project's prompt files, by additional file path.</summary>
    public IReadOnlyDictionary<string, PromptDeclaration> Files { get; }

    /// <summary>
    /// The context of the compilation being analysed, shared by the prompt version analyzers that analyse it; null when
    /// there is nothing to check (no AgentRules runtime, no lock file, no prompt files). A call with other options gets
    /// a context of its own.
    /// </summary>
    /// <param name="compilation">The compilation being analysed.</param>
    /// <param name="options">Its analyzer options (additional files and their settings).</param>
    /// <param name="parseLock">Parses the lock file's text (the analysis context's cached value provider); null when it cannot.</param>
    /// <param name="cancellationToken">Cancels reading the files; a cancelled read caches nothing.</param>
    public static PromptVersionContext? GetOrCreate(Compilation compilation, AnalyzerOptions options, Func<SourceText, PromptLockFile?> parseLock, CancellationToken cancellationToken)
    {
        var holder = s_contexts.GetValue(compilation, _ => new Holder());
        lock (holder)
        {
            if (holder.Created && ReferenceEquals(holder.Options, options))
            {
                return holder.Context;
            }

            var created = Create(compilation, options, parseLock, cancellationToken);
            if (!holder.Created)
            {
                (holder.Created, holder.Options, holder.Context) = (true, options, created);
            }

            return created;
        }
    }

    /// <summary>The prompt declarations of the model's tree (read once per tree for all the rules that ask).</summary>
    public ImmutableArray<PromptDeclaration> DeclarationsIn(SemanticModel model, CancellationToken cancellationToken)
    {
        if (PromptAttribute is not { } attribute)
        {
            return ImmutableArray<PromptDeclaration>.Empty;
        }

        // A cancelled read throws and caches nothing; two rules reading one tree at the same moment may both read it,
        // and the first answer is kept.
        return _declarations.TryGetValue(model.SyntaxTree, out var declarations)
            ? declarations
            : _declarations.GetOrAdd(model.SyntaxTree, PromptDeclarationReader.ReadAll(model, attribute, cancellationToken));
    }

    private static PromptVersionContext? Create(Compilation compilation, AnalyzerOptions options, Func<SourceText, PromptLockFile?> parseLock, CancellationToken cancellationToken)
    {
        var promptAttribute = new KnownTypes(compilation).Get(MetadataNames.PromptAttribute);
        var lockFile = FindLockFile(options.AdditionalFiles);
        var files = ReadPromptFiles(options, cancellationToken);
        if (promptAttribute is null && lockFile is null && files.Count == 0)
        {
            return null; // no AgentRules runtime, no lock file, no prompt files: nothing to check
        }

        var lockText = lockFile?.GetText(cancellationToken);
        var locked = (lockText is not null ? parseLock(lockText) : null) ?? PromptLockFile.Empty;

        return new PromptVersionContext(promptAttribute, locked, lockFile?.Path, lockText, files);
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

    private sealed class Holder
    {
        public bool Created;
        public AnalyzerOptions? Options;
        public PromptVersionContext? Context;
    }
}
