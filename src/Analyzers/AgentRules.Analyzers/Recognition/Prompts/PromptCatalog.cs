using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Configuration;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>One prompt site and where its text comes from.</summary>
/// <param name="Site">The site (kind, API, location).</param>
/// <param name="Text">The text's origin: declared prompts (<see cref="PromptText.Prompts"/>), unversioned text, or unknown.</param>
public sealed record PromptUse(PromptSite Site, PromptText Text)
{
    /// <summary>True when the site is fed by declared prompts.</summary>
    public bool IsVersioned => Text.Source == PromptTextSource.Declared;
}

/// <summary>The prompts of one tree: its <c>[Prompt]</c> declarations and its prompt sites (see <see cref="PromptCatalog.CollectTree"/>).</summary>
public sealed record PromptTreeFacts(ImmutableArray<PromptDeclaration> Declarations, ImmutableArray<PromptUse> Uses)
{
    /// <summary>A tree with no declaration and no site.</summary>
    public static PromptTreeFacts Empty { get; } = new(ImmutableArray<PromptDeclaration>.Empty, ImmutableArray<PromptUse>.Empty);
}

/// <summary>Every prompt of a compilation: the declarations and the sites, each site linked to what feeds it.</summary>
public sealed record PromptCatalogResult(ImmutableArray<PromptDeclaration> Declarations, ImmutableArray<PromptUse> Uses)
{
    /// <summary>The declaration an id names (the first one, when an id is declared twice).</summary>
    public PromptDeclaration? Find(string id)
    {
        foreach (var declaration in Declarations)
        {
            if (declaration.Id == id)
            {
                return declaration;
            }
        }

        return null;
    }

    /// <summary>The sites a declared prompt feeds (directly, or through the registry member named after it).</summary>
    public ImmutableArray<PromptUse> UsesOf(PromptDeclaration declaration)
    {
        var builder = ImmutableArray.CreateBuilder<PromptUse>();
        foreach (var use in Uses)
        {
            foreach (var reference in use.Text.Prompts)
            {
                if (reference.Id == declaration.Id || (reference.Id is null && reference.RegistryMember == declaration.RegistryMemberName))
                {
                    builder.Add(use);
                    break;
                }
            }
        }

        return builder.ToImmutable();
    }
}

/// <summary>
/// Enumerates the prompts of a compilation, for consumers that need the whole picture at once (the process-spec
/// generator): every <c>[Prompt]</c> member and <c>&lt;AgentPrompt&gt;</c> file, every prompt site with the origin
/// of its text — versioned or not. It uses the same readers, recognizer and classifier as the analyzers, so the
/// inventory and the diagnostics agree.
/// </summary>
public static class PromptCatalog
{
    /// <summary>
    /// Collects the declarations and sites of <paramref name="compilation"/>. The caller provides semantic models
    /// (a generator: <c>compilation.GetSemanticModel</c>), the additional files and the analyzer-config options;
    /// <paramref name="include"/>, when given, says which trees to look at; <paramref name="recognizer"/>, when given,
    /// is the compilation's recognizer (one the caller already made), else one is created.
    /// </summary>
    public static PromptCatalogResult Collect(
        Compilation compilation,
        Func<SyntaxTree, SemanticModel> getSemanticModel,
        ImmutableArray<AdditionalText> additionalFiles,
        AnalyzerConfigOptionsProvider options,
        CancellationToken cancellationToken,
        Func<SyntaxTree, bool>? include = null,
        PromptSiteRecognizer? recognizer = null,
        Func<SyntaxTree, PromptTreeFacts?>? known = null)
    {
        var types = new KnownTypes(compilation);
        var promptAttribute = types.Get(MetadataNames.PromptAttribute);
        recognizer ??= PromptSiteRecognizer.Create(types, options.GetListForCompilation(compilation, OptionKeys.PromptSinks));
        var declarations = ImmutableArray.CreateBuilder<PromptDeclaration>();
        var uses = ImmutableArray.CreateBuilder<PromptUse>();

        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (promptAttribute is null && recognizer is null)
            {
                break;
            }

            if (include is not null && !include(tree))
            {
                continue;
            }

            var facts = known?.Invoke(tree) ?? CollectTree(compilation, tree, getSemanticModel, promptAttribute, recognizer, cancellationToken);
            declarations.AddRange(facts.Declarations);
            uses.AddRange(facts.Uses);
        }

        options.GlobalOptions.TryGetValue("build_property.ProjectDir", out var projectDirectory);
        foreach (var file in additionalFiles)
        {
            if (PromptDeclarationReader.ReadFile(file, options.GetOptions(file), projectDirectory, cancellationToken) is { } declaration)
            {
                declarations.Add(declaration);
            }
        }

        var sorted = declarations.ToImmutable().Sort(CompareBySource);
        return new PromptCatalogResult(sorted, uses.ToImmutable());
    }

    /// <summary>
    /// The declarations and sites of one tree, as <see cref="Collect"/> finds them: a caller that looks at the trees one
    /// at a time (the process spec's analyzer, in the same per-file pass as the rules) hands them back to
    /// <see cref="Collect"/> through its <c>known</c> parameter. <paramref name="promptAttribute"/> is the compilation's
    /// <c>[Prompt]</c> type (null when it has none), <paramref name="recognizer"/> its recognizer.
    /// </summary>
    public static PromptTreeFacts CollectTree(Compilation compilation, SyntaxTree tree, Func<SyntaxTree, SemanticModel> getSemanticModel, INamedTypeSymbol? promptAttribute, PromptSiteRecognizer? recognizer, CancellationToken cancellationToken)
    {
        // Only files that may declare prompts or hold sites are bound, and in them only candidate nodes.
        var declares = promptAttribute is not null && PromptDeclarationReader.MayDeclarePrompts(tree, compilation, cancellationToken);
        var holdsSites = recognizer is not null && recognizer.MayContainSites(tree, cancellationToken);
        if (!declares && !holdsSites)
        {
            return PromptTreeFacts.Empty;
        }

        var model = getSemanticModel(tree);
        var declarations = declares ? PromptDeclarationReader.ReadAll(model, promptAttribute!, cancellationToken) : ImmutableArray<PromptDeclaration>.Empty;
        var uses = ImmutableArray.CreateBuilder<PromptUse>();
        if (holdsSites)
        {
            foreach (var (site, containing) in recognizer!.GetSites(model, includeConstructorInitializers: false, cancellationToken))
            {
                var declared = recognizer.Classifier.GetDeclaredPrompt(containing);
                var text = declared is not null
                    ? PromptText.Declared(ImmutableArray.Create(declared))
                    : recognizer.Classifier.Classify(site.Text, cancellationToken);
                uses.Add(new PromptUse(site, text));
            }
        }

        return new PromptTreeFacts(declarations, uses.ToImmutable());
    }

    /// <summary>
    /// With <paramref name="duplicateId"/> (AGR0012), a diagnostic for every declaration of an id declared before (in
    /// source order: file path, then position); with <paramref name="nameCollision"/> (AGR0014), one for each id whose
    /// registry member name an earlier id (in ordinal order) already took. The generator resolves both the same way:
    /// the first declaration of an id wins, the first id of a name gets the member.
    /// </summary>
    public static IEnumerable<Diagnostic> DuplicateDiagnostics(IEnumerable<PromptDeclaration> declarations, DiagnosticDescriptor? duplicateId, DiagnosticDescriptor? nameCollision)
    {
        var sorted = new List<PromptDeclaration>(declarations);
        sorted.Sort(CompareBySource);
        var first = new Dictionary<string, PromptDeclaration>(StringComparer.Ordinal);
        foreach (var declaration in sorted)
        {
            if (PromptNames.ValidateId(declaration.Id) is not null)
            {
                continue;
            }

            if (first.TryGetValue(declaration.Id, out var original))
            {
                if (duplicateId is not null)
                {
                    yield return Diagnostic.Create(duplicateId, declaration.Location, declaration.Id, PromptDeclaration.Describe(original));
                }
            }
            else
            {
                first.Add(declaration.Id, declaration);
            }
        }

        if (nameCollision is null)
        {
            yield break;
        }

        var ids = new List<string>(first.Keys);
        ids.Sort(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var name = PromptNames.RegistryMemberName(id);
            if (names.TryGetValue(name, out var owner))
            {
                yield return Diagnostic.Create(nameCollision, first[id].Location, id, name, owner);
            }
            else
            {
                names.Add(name, id);
            }
        }
    }

    /// <summary>Orders declarations by file path, then position: the order duplicates are resolved in.</summary>
    public static int CompareBySource(PromptDeclaration a, PromptDeclaration b)
    {
        var byPath = string.CompareOrdinal(a.Location.GetLineSpan().Path, b.Location.GetLineSpan().Path);
        return byPath != 0 ? byPath : a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start);
    }
}
