using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Generators.ProcessSpec;

/// <summary>
/// Composes the process spec in a command-line build from what the rules found in the same compilation, and hands it
/// to the package's build task through the compiler's SARIF log: one AGR0202 diagnostic, reported already suppressed
/// (the compiler writes suppressed diagnostics only to the log: never to the console, the IDE or the warning count),
/// whose properties carry the spec's JSON and Markdown. The task adds the build's findings and writes the files.
/// </summary>
/// <remarks>
/// <para>
/// Why an analyzer: a generator runs before the analyzers, on a compilation the compiler discards after adding the
/// generated code, so a spec computed there binds and classifies everything a second time. Here each file's facts are
/// asked for in a per-file action, with the same memoized questions the rules ask in theirs (the shared tool-safety
/// and agent-loop contexts, the shared prompt recognizer): whichever of the spec and a rule reaches a file first
/// computes, the other reads. The spec is composed in a compilation-end action, which the driver runs after all of
/// this analyzer's per-file actions, so composing reads memos instead of running the engines ahead of the rules.
/// </para>
/// <para>
/// It runs only when the build asks for it (<c>build_property.AgentRulesSpecCompute=true</c>, set by the package's
/// targets in command-line builds with the spec on, and not with <c>AgentRulesSpecEmbed=true</c>): in the IDE's
/// design-time settings it registers nothing and costs nothing. The diagnostic is always reported when it runs — with
/// empty documents for a project without agent code (unless <c>AgentRulesSpec=true</c> asks for a spec anyway) — so
/// the task can tell "nothing to write" from "the analyzers did not run".
/// </para>
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProcessSpecAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The property that carries the spec's JSON (without findings; empty when no spec is written).</summary>
    public const string JsonProperty = "json";

    /// <summary>The property that carries the spec's Markdown (without findings; empty when no spec is written).</summary>
    public const string MarkdownProperty = "markdown";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ProcessSpecFacts);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var options = start.Options.AnalyzerConfigOptionsProvider;
            if (!SpecSettings.AnalyzerComputes(options.GlobalOptions))
            {
                return; // the IDE, design-time builds, the generator's route: nothing registered
            }

            // The rules' own per-file questions, asked in the same per-file pass as the rules (whoever asks first
            // computes, the other reads the memo); the spec is composed when all of this analyzer's files are done.
            var facts = new TreeFacts(start.Compilation, options, start.Options.AdditionalFiles);
            start.RegisterSemanticModelAction(c => facts.Visit(c.SemanticModel, c.CancellationToken));
            start.RegisterCompilationEndAction(end =>
            {
                var settings = SpecSettings.Read(options.GlobalOptions);
                var document = facts.Compose(settings, end.CancellationToken);
                var write = !document.IsEmpty || settings.Always;
                end.ReportDiagnostic(Create(
                    document.Project,
                    write ? ProcessSpecGenerator.Emitter.ToJson(document) : string.Empty,
                    write ? ProcessSpecGenerator.Emitter.ToMarkdown(document) : string.Empty));
            });
        });
    }

    /// <summary>The AGR0202 diagnostic that carries a spec, suppressed as it is created.</summary>
    public static Diagnostic Create(string project, string json, string markdown)
    {
        var descriptor = DiagnosticDescriptors.ProcessSpecFacts;
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(JsonProperty, json)
            .Add(MarkdownProperty, markdown);
        return Diagnostic.Create(
            descriptor.Id,
            descriptor.Category,
            string.Format(System.Globalization.CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), project),
            descriptor.DefaultSeverity,
            descriptor.DefaultSeverity,
            isEnabledByDefault: true,
            warningLevel: 1,
            isSuppressed: true,
            title: descriptor.Title,
            description: descriptor.Description,
            helpLink: descriptor.HelpLinkUri,
            location: Location.None,
            additionalLocations: null,
            customTags: descriptor.CustomTags,
            properties: properties);
    }

    /// <summary>
    /// What the spec needs from each file, gathered file by file with the rules' memoized questions: the tree's loops
    /// and function-invocation sites (<see cref="AgentLoopCatalog"/>, memoized in the shared loop context), its tools
    /// (<see cref="ToolSafetyContext.GetToolsReportedIn"/>, memoized per tree and per symbol in the shared tool
    /// context) and its prompts (<see cref="PromptCatalog.CollectTree"/> over the shared recognizer, whose per-node
    /// sites and classifications the prompt rule fills); files the inventory reads keep their semantic model.
    /// <see cref="Compose"/> then reads the memos.
    /// </summary>
    private sealed class TreeFacts(Compilation compilation, AnalyzerConfigOptionsProvider options, ImmutableArray<AdditionalText> additionalFiles)
    {
        private readonly ConcurrentDictionary<SyntaxTree, PromptTreeFacts> _prompts = new();
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
        private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<SyntaxNode>> _inventory = new();
        private readonly object _gate = new();
        private volatile int _maySpellAny = -1; // -1: not decided yet
        private Engines? _engines;

        public void Visit(SemanticModel model, CancellationToken cancellationToken)
        {
            var tree = model.SyntaxTree;
            if (!ProcessSpecGenerator.Parser.IsWrittenByHand(tree) || !MaySpellAny(cancellationToken))
            {
                return; // a project without any agent word: no engine is created for the spec
            }

            var engines = GetEngines();
            if (engines.Loops is { } loops)
            {
                AgentLoopCatalog.FindLoops(loops, model, cancellationToken);
                AgentLoopCatalog.FindSites(loops, model, cancellationToken);
            }

            engines.Tools?.GetToolsReportedIn(model, cancellationToken);
            _prompts[tree] = PromptCatalog.CollectTree(compilation, tree, _ => model, engines.PromptAttribute, engines.Prompts, cancellationToken);
            // The nodes the inventory binds, found in this per-file pass (in parallel, as the rules run) rather than by
            // a second walk of every file when the spec is composed.
            var inventory = ProcessSpecGenerator.Parser.InventoryCandidates(tree, compilation, cancellationToken);
            _inventory[tree] = inventory;
            if (!inventory.IsEmpty)
            {
                // The few files with agents, MCP clients or approval bypasses keep the model the rules bound: the
                // inventory, read when the spec is composed, asks about the same members.
                _models[tree] = model;
            }
        }

        public ProcessSpecDocument Compose(SpecSettings settings, CancellationToken cancellationToken) =>
            ProcessSpecGenerator.Parser.BuildFromAnalysis(
                compilation,
                options,
                additionalFiles,
                settings,
                cancellationToken,
                tree => _prompts.TryGetValue(tree, out var known) ? known : null,
                tree => _models.TryGetValue(tree, out var model) ? model : null,
                tree => _inventory.TryGetValue(tree, out var nodes) ? nodes : null);

        private bool MaySpellAny(CancellationToken cancellationToken)
        {
            if (_maySpellAny < 0)
            {
                lock (_gate)
                {
                    if (_maySpellAny < 0)
                    {
                        _maySpellAny = SpecCandidates.MaySpellAny(compilation, additionalFiles, options, ProcessSpecGenerator.Parser.IsWrittenByHand, cancellationToken) ? 1 : 0;
                    }
                }
            }

            return _maySpellAny > 0;
        }

        private Engines GetEngines()
        {
            lock (_gate)
            {
                return _engines ??= new Engines(
                    AgentLoopContext.GetOrCreate(compilation, options),
                    ToolSafetyContext.GetOrCreate(compilation, options),
                    PromptSiteRecognizer.GetOrCreate(compilation, options),
                    new KnownTypes(compilation).Get(MetadataNames.PromptAttribute));
            }
        }

        private sealed record Engines(AgentLoopContext? Loops, ToolSafetyContext? Tools, PromptSiteRecognizer Prompts, INamedTypeSymbol? PromptAttribute);
    }
}
