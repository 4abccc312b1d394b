using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Configuration;
using AgentRules.Analyzers.Recognition.Enforcement;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Generators.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Generators.ProcessSpec;

public sealed partial class ProcessSpecGenerator
{
    /// <summary>
    /// Collects a project's process spec with the rules' own recognition engines — the tool-safety context, the
    /// agent-loop catalogue and the prompt catalogue — so the spec describes exactly what the analyzers judge.
    /// </summary>
    public static partial class Parser
    {
        /// <summary>Types whose presence means the project builds agents (AgentRules' own runtime does not count).</summary>
        private static readonly string[] AgentFrameworkTypes =
        [
            "Microsoft.Extensions.AI.IChatClient",
            "Microsoft.Extensions.AI.AIFunction",
            MetadataNames.McpServerToolAttribute,
            "Microsoft.SemanticKernel.Kernel",
            "Microsoft.Agents.AI.AIAgent",
            "OpenAI.Chat.ChatClient",
        ];

        /// <summary>The assemblies that define <see cref="AgentFrameworkTypes"/>, by file name.</summary>
        private static readonly string[] AgentFrameworkAssemblies =
        [
            "Microsoft.Extensions.AI.Abstractions",
            "ModelContextProtocol.Core",
            "ModelContextProtocol",
            "Microsoft.SemanticKernel.Abstractions",
            "Microsoft.Agents.AI.Abstractions",
            "OpenAI",
        ];

        /// <summary>
        /// True when the compilation can see one of the agent frameworks' core types. A reference to one of their assemblies
        /// answers without binding anything (so a design-time build of an agent project touches no symbols here); otherwise
        /// the types are looked up (they may be defined in source or in another assembly).
        /// </summary>
        public static bool ReferencesAgentFramework(Compilation compilation)
        {
            foreach (var reference in compilation.References)
            {
                var name = reference switch
                {
                    CompilationReference project => project.Compilation.AssemblyName,
                    PortableExecutableReference { FilePath: { } path } => System.IO.Path.GetFileNameWithoutExtension(path),
                    _ => null,
                };

                if (name is not null && Array.IndexOf(AgentFrameworkAssemblies, name) >= 0)
                {
                    return true;
                }
            }

            return new KnownTypes(compilation).AnyExists(AgentFrameworkTypes);
        }

        /// <summary>
        /// The spec as the generator computes it (<c>AgentRulesSpecEmbed=true</c>): its own semantic models and loop
        /// context, since the analyzers' compilation is another one.
        /// </summary>
        public static ProcessSpecDocument Build(Compilation compilation, AnalyzerConfigOptionsProvider options, ImmutableArray<AdditionalText> additionalTexts, SpecSettings settings, CancellationToken cancellationToken)
        {
            if (!SpecCandidates.MaySpellAny(compilation, additionalTexts, options, include: null, cancellationToken))
            {
                return Empty(compilation); // no file spells anything the spec could describe: no engine is even created
            }

            var models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
            SemanticModel GetModel(SyntaxTree tree) => models.GetOrAdd(tree, t => SemanticModels.Create(compilation, t));

            // Its own context so that its searches share this builder's semantic models; only files that can hold an
            // agent loop or a site are bound.
            var recognizer = PromptSiteRecognizer.Create(new KnownTypes(compilation), options.GetListForCompilation(compilation, OptionKeys.PromptSinks))!;
            return Build(compilation, options, additionalTexts, settings, GetModel, AgentLoopContext.Create(compilation, options, GetModel), recognizer, include: null, inventoryAlways: true, cancellationToken);
        }

        /// <summary>
        /// The spec from the facts the analyzers of the same compilation computed (<see cref="ProcessSpecAnalyzer"/>):
        /// the shared tool-safety and agent-loop contexts and prompt recognizer answer from their caches, semantic models come from the
        /// compiler's shared cache, and the code AgentRules' own generators added is left out (the analyzers do not
        /// judge generated code, and the generator's spec never saw it). The inventory (agents, MCP servers, tools from
        /// referenced assemblies, approvals) is looked for only in projects that reference an agent framework or have
        /// tools, prompts or loops, so a project with none pays nothing more.
        /// </summary>
        /// <param name="knownPrompts">
        /// The prompt facts of the trees the caller already looked at (<see cref="PromptCatalog.CollectTree"/>), null for
        /// a tree it did not; those trees are read here.
        /// </param>
        /// <param name="knownModels">The semantic models the caller kept (the ones the rules bound), null for a tree it did not keep.</param>
        /// <param name="knownInventoryNodes">
        /// The inventory's candidate nodes of the trees the caller already walked (<see cref="InventoryCandidates"/>),
        /// null for a tree it did not; those trees are walked here.
        /// </param>
        public static ProcessSpecDocument BuildFromAnalysis(
            Compilation compilation,
            AnalyzerConfigOptionsProvider options,
            ImmutableArray<AdditionalText> additionalTexts,
            SpecSettings settings,
            CancellationToken cancellationToken,
            Func<SyntaxTree, PromptTreeFacts?>? knownPrompts = null,
            Func<SyntaxTree, SemanticModel?>? knownModels = null,
            Func<SyntaxTree, ImmutableArray<SyntaxNode>?>? knownInventoryNodes = null) =>
            !SpecCandidates.MaySpellAny(compilation, additionalTexts, options, IsWrittenByHand, cancellationToken)
                ? Empty(compilation)
                : Build(compilation, options, additionalTexts, settings, tree => knownModels?.Invoke(tree) ?? SemanticModels.Create(compilation, tree), AgentLoopContext.GetOrCreate(compilation, options), PromptSiteRecognizer.GetOrCreate(compilation, options), IsWrittenByHand, inventoryAlways: false, cancellationToken, knownPrompts, knownInventoryNodes);

        /// <summary>False for the trees AgentRules' generators added to the compilation (tool wrappers, prompt registry, the spec class).</summary>
        public static bool IsWrittenByHand(SyntaxTree tree) =>
            tree.FilePath.Replace('\\', '/').IndexOf("/AgentRules.Generators/AgentRules.Generators.", StringComparison.Ordinal) < 0
            && !tree.FilePath.StartsWith("AgentRules.Generators/", StringComparison.Ordinal);

        private static ProcessSpecDocument Build(
            Compilation compilation,
            AnalyzerConfigOptionsProvider options,
            ImmutableArray<AdditionalText> additionalTexts,
            SpecSettings settings,
            Func<SyntaxTree, SemanticModel> getModel,
            AgentLoopContext? loopContext,
            PromptSiteRecognizer recognizer,
            Func<SyntaxTree, bool>? include,
            bool inventoryAlways,
            CancellationToken cancellationToken,
            Func<SyntaxTree, PromptTreeFacts?>? knownPrompts = null,
            Func<SyntaxTree, ImmutableArray<SyntaxNode>?>? knownInventoryNodes = null)
        {
            var toolContext = ToolSafetyContext.GetOrCreate(compilation, options);
            if (!SpecCandidates.MayHaveAny(compilation, additionalTexts, options, toolContext, recognizer, loopContext, include, cancellationToken))
            {
                // No file can hold anything the spec describes (decided without binding): the engines would find nothing.
                return Empty(compilation);
            }

            var paths = SpecPaths.For(compilation, settings.ProjectDirectory, include);

            var toolInfos = toolContext?.GetAllTools(cancellationToken) ?? ImmutableArray<ToolInfo>.Empty;
            if (include is not null)
            {
                toolInfos = toolInfos.Where(t => t.Location.SourceTree is not { } tree || include(tree)).ToImmutableArray();
            }

            var guards = toolInfos.IsEmpty ? default : Guards(GuardRegistrations.FindAll(compilation, cancellationToken), paths);
            var tools = toolInfos.Select(t => Tool(t, paths, guards)).ToList();
            tools.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : SpecLocation.Compare(a.Location, b.Location));

            var catalog = PromptCatalog.Collect(compilation, getModel, additionalTexts, options, cancellationToken, include, recognizer, knownPrompts);
            var prompts = catalog.Declarations
                .Where(d => d.IsValid)
                .Select(d => new SpecPrompt(
                    d.Id,
                    d.Version,
                    d.Sha256!,
                    d.Length,
                    d.FirstLine,
                    paths.Of(d.Location),
                    catalog.UsesOf(d).Select(u => paths.Of(u.Site.Location)).Distinct().OrderBy(l => l, LocationComparer.Instance).ToEquatableArray()))
                .OrderBy(p => p.Id, StringComparer.Ordinal)
                .ThenBy(p => p.Version)
                .ToEquatableArray();
            var promptSites = catalog.Uses
                .Select(u => PromptSite(u, paths))
                .OrderBy(s => s.Location, LocationComparer.Instance)
                .ThenBy(s => s.Kind, StringComparer.Ordinal)
                .ToEquatableArray();

            var loops = new List<SpecLoop>();
            var sites = new List<SpecInvocationSite>();
            if (loopContext is not null)
            {
                var (foundLoops, foundSites) = AgentLoopCatalog.FindAll(loopContext, getModel, cancellationToken, include);
                loops.AddRange(foundLoops.Where(l => !l.IsStreamConsumer).Select(l => Loop(l, toolInfos, paths)));
                sites.AddRange(foundSites.Select(s => Site(s, paths)));
            }

            var sortedLoops = loops.OrderBy(l => l.Location, LocationComparer.Instance).ThenBy(l => l.Kind, StringComparer.Ordinal).ToEquatableArray();
            var sortedSites = sites.OrderBy(s => s.Location, LocationComparer.Instance).ThenBy(s => s.Kind, StringComparer.Ordinal).ToEquatableArray();
            var inventory = inventoryAlways || tools.Count > 0 || !prompts.IsEmpty || !promptSites.IsEmpty || !sortedLoops.IsEmpty || !sortedSites.IsEmpty || ReferencesAgentFramework(compilation)
                ? CollectInventory(compilation, getModel, paths, toolInfos, promptSites, sortedLoops, cancellationToken, include, knownInventoryNodes)
                : default;
            return new ProcessSpecDocument(
                compilation.AssemblyName ?? "project",
                tools.ToEquatableArray(),
                prompts,
                promptSites,
                sortedLoops,
                sortedSites,
                inventory.Agents,
                inventory.Servers,
                inventory.External,
                inventory.Approvals);
        }

        /// <summary>The document of a project with nothing to describe, as <see cref="Build"/> composes it when it finds nothing.</summary>
        private static ProcessSpecDocument Empty(Compilation compilation) =>
            new(compilation.AssemblyName ?? "project", default, default, default, default, default, default, default, default, default);

        /// <summary>Per guarded pipeline, the project's first registration of its guard (by path, then line).</summary>
        private static ImmutableArray<(GuardedPipelines Pipeline, SpecEnforcement Enforcement)> Guards(ImmutableArray<GuardRegistration> registrations, SpecPaths paths) =>
            registrations
                .Select(r => (r.Pipeline, Enforcement: new SpecEnforcement(Pipeline(r.Pipeline), r.Method + "()", paths.Of(r.Location))))
                .OrderBy(g => g.Pipeline)
                .ThenBy(g => g.Enforcement.Location!, LocationComparer.Instance)
                .GroupBy(g => g.Pipeline)
                .Select(g => g.First())
                .ToImmutableArray();

        private static string Pipeline(GuardedPipelines pipeline) => pipeline switch
        {
            GuardedPipelines.McpServer => "MCP server",
            GuardedPipelines.SemanticKernel => "Semantic Kernel",
            GuardedPipelines.ChatClient => "chat client",
            _ => "agent",
        };

        /// <summary>
        /// What enforces a tool's declared controls, by the rule AGR0016 applies: an <c>[AgentTool]</c> its generated
        /// wrapper, a framework tool the guard of each pipeline that can run it and that the project registers.
        /// </summary>
        private static EquatableArray<SpecEnforcement> EnforcedBy(ToolInfo tool, ImmutableArray<(GuardedPipelines Pipeline, SpecEnforcement Enforcement)> guards)
        {
            if (tool.Form == ToolForm.AgentTool)
            {
                return new[] { new SpecEnforcement("generated wrapper", null, null) }.ToEquatableArray();
            }

            return GuardRegistrations.PipelinesFor(tool.Form) is { } pipelines && !guards.IsDefaultOrEmpty
                ? guards.Where(g => (g.Pipeline & pipelines) != 0).Select(g => g.Enforcement).ToEquatableArray()
                : default;
        }

        private static SpecTool Tool(ToolInfo tool, SpecPaths paths, ImmutableArray<(GuardedPipelines Pipeline, SpecEnforcement Enforcement)> guards)
        {
            var effect = tool.Effect;
            return new SpecTool(
                tool.Name,
                Form(tool.Form),
                DeclaredBy(tool),
                paths.Of(tool.Location),
                tool.Description,
                effect.Effect switch
                {
                    ToolEffect.Destructive => "destructive",
                    ToolEffect.ReadOnly => "read-only",
                    _ => "unknown",
                },
                effect.Deciding?.Text ?? (effect.IsConflicting ? "the evidence conflicts" : null),
                tool.Scope is { Kind: ToolScopeKind.Declared } declared ? declared.Environments.ToEquatableArray() : default,
                tool.Scope?.Kind switch
                {
                    ToolScopeKind.Declared => "attribute",
                    ToolScopeKind.EnvironmentCheck => "environment check",
                    ToolScopeKind.RegisteredUnderEnvironmentCheck => "registered under environment check",
                    _ => "none",
                },
                tool.Approval?.Kind switch
                {
                    ToolApprovalKind.RequiresApprovalAttribute => "[RequiresApproval]",
                    ToolApprovalKind.ApprovalRequiredAIFunction => "ApprovalRequiredAIFunction",
                    ToolApprovalKind.PossiblyGated => "possibly gated",
                    ToolApprovalKind.AsksInTool => "asks in the tool",
                    ToolApprovalKind.AutoApproved => "auto-approved (no human)",
                    _ => null,
                },
                tool.Budget?.MaxCalls is > 0 and var max ? max : null,
                tool.Budget?.Cost,
                tool.Parameters.Select(p => new SpecParameter(p.Name, p.Type, p.Description)).ToEquatableArray(),
                EnforcedBy(tool, guards));
        }

        private static string Form(ToolForm form) => form switch
        {
            ToolForm.AgentTool => "AgentRules",
            ToolForm.McpServerTool => "MCP",
            ToolForm.KernelFunction or ToolForm.KernelFunctionFactory => "Semantic Kernel",
            ToolForm.AIFunctionFactory => "Microsoft.Extensions.AI",
            ToolForm.OpenAIChatTool => "OpenAI",
            ToolForm.AzureFunctionsMcpTool => "Azure Functions MCP",
            _ => "configured attribute",
        };

        private static string DeclaredBy(ToolInfo tool) => tool.Symbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.Ordinary } method => method.ContainingType.ToDisplayString() + "." + method.Name,
            IMethodSymbol method => method.ContainingSymbol.ToDisplayString() + ": " + (method.MethodKind == MethodKind.LocalFunction ? "local function " + method.Name : "lambda"),
            INamedTypeSymbol type => type.ToDisplayString(),
            _ => Form(tool.Form) + " registration",
        };

        private static SpecPromptSite PromptSite(PromptUse use, SpecPaths paths)
        {
            var location = paths.Of(use.Site.Location);
            return use.Text.Source switch
            {
                PromptTextSource.Declared => new SpecPromptSite(use.Site.KindDisplay, location, "declared", use.Text.Prompts.FirstOrDefault(p => p.Id is not null)?.Id),
                PromptTextSource.Unversioned => new SpecPromptSite(use.Site.KindDisplay, location, "undeclared", null),
                _ => new SpecPromptSite(use.Site.KindDisplay, location, "outside the code", null),
            };
        }

        private static SpecLoop Loop(AgentLoop loop, ImmutableArray<ToolInfo> tools, SpecPaths paths)
        {
            var cap = loop.Pacing switch
            {
                LoopPacing.HumanPaced => "human-paced",
                _ when loop.Cap.Kind != IterationCapKind.None => loop.Cap.Kind switch
                {
                    IterationCapKind.Counter => "counter",
                    IterationCapKind.ForBound => "for bound",
                    IterationCapKind.Collection => "collection",
                    IterationCapKind.StepLimit => "step limit",
                    IterationCapKind.RecursionDepth => "recursion depth",
                    _ => "deadline",
                },
                LoopPacing.InputPaced => "input-paced",
                LoopPacing.Scheduled => "scheduled",
                _ => "none",
            };

            var stop = loop.Stop.Kind switch
            {
                StopSignalKind.TokenPassed => "cancellation token",
                StopSignalKind.CancellationCheck => "cancellation check",
                StopSignalKind.KillSwitch => "kill switch",
                _ => "none",
            };

            return new SpecLoop(
                loop.Kind switch
                {
                    AgentLoopKind.While => "while",
                    AgentLoopKind.DoWhile => "do",
                    AgentLoopKind.For => "for",
                    AgentLoopKind.ForEach => "foreach",
                    AgentLoopKind.AwaitForEach => "await foreach",
                    _ => "recursion",
                },
                paths.Of(loop.Location),
                cap,
                cap switch
                {
                    "none" => string.Empty,
                    "human-paced" or "input-paced" or "scheduled" => loop.PacingEvidence,
                    _ => loop.Cap.Description,
                },
                stop,
                loop.Stop.Description,
                loop.LlmCall.Description,
                ToolsRegisteredNear(loop, tools));
        }

        /// <summary>Tools registered (or declared as lambdas) inside the method that holds the loop.</summary>
        private static EquatableArray<string> ToolsRegisteredNear(AgentLoop loop, ImmutableArray<ToolInfo> tools)
        {
            var method = loop.Syntax.AncestorsAndSelf().FirstOrDefault(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax
                or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax
                or Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax);
            if (method is null)
            {
                return default;
            }

            bool Inside(Location location) => location.SourceTree == method.SyntaxTree && method.Span.Contains(location.SourceSpan);
            return tools
                .Where(t => t.Registrations.Any(r => Inside(r.Location)) || (t.Target is ToolTarget.Lambda or ToolTarget.Registration && Inside(t.Location)))
                .Select(t => t.Name)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToEquatableArray();
        }

        private static SpecInvocationSite Site(FunctionInvocationSite site, SpecPaths paths) => new(
            site.Description,
            paths.Of(site.Location),
            site.Source switch
            {
                CapSource.Explicit => "explicit",
                CapSource.FrameworkDefault => "framework default",
                CapSource.Removed => "removed",
                CapSource.NotConfigurable => "not configurable",
                _ => "unknown",
            },
            site.Cap,
            site.CapDescription,
            site.Detail);

        private sealed class LocationComparer : IComparer<SpecLocation>
        {
            public static readonly LocationComparer Instance = new();

            public int Compare(SpecLocation? x, SpecLocation? y) => x is null || y is null ? Comparer<object?>.Default.Compare(x, y) : SpecLocation.Compare(x, y);
        }
    }
}
