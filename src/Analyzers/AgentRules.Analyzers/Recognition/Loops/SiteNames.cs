using System;
using System.Collections.Generic;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// The names that framework function-invocation and orchestration sites are written with, per compilation, so that
/// <see cref="FunctionInvocationSiteRecognizer"/> binds only invocations, creations and assignments that spell one.
/// </summary>
/// <remarks>
/// A creation is recognised by its type (a subclass counts), so the names include every subclass of the framework
/// types: those of the referenced assemblies that can see them (read from metadata) and those declared in source
/// (read from the base lists of the files that mention a known name, to a fixed point), and using aliases of them.
/// An invocation that returns a <c>ChatClientAgent</c> is recognised when a referenced assembly declares it, so the
/// names include those methods' names. Generic methods whose return type is only a type parameter
/// (<c>GetRequiredService&lt;ChatClientAgent&gt;()</c>) take no tools and are not sites.
/// </remarks>
internal sealed class SiteNames
{
    internal static readonly string[] FixedInvocations = ["UseFunctionInvocation", "Auto", "WithMaxRounds", "WithMaxResets", "CreateMagenticBuilderWith", "WithAutonomousMode", "UseToolApproval", "UseAgentRules", "AsHarnessAgent", "AsAIAgent", "CreateAIAgent"];

    private SiteNames(HashSet<string> invocations, HashSet<string> types, string[] words, IEnumerable<string> capSettingNames)
    {
        Invocations = invocations;
        Types = types;
        Words = SourceIndex.CreateWordSet(words);
        var search = new HashSet<string>(invocations, StringComparer.Ordinal);
        search.UnionWith(types);
        search.UnionWith(capSettingNames);
        search.Add("AutoInvokeKernelFunctions");
        search.Add("new");
        SearchWords = SourceIndex.CreateWordSet(search);
    }

    /// <summary>Names of the methods whose invocations can be sites.</summary>
    public HashSet<string> Invocations { get; }

    /// <summary>Names of the types whose creations can be sites.</summary>
    public HashSet<string> Types { get; }

    /// <summary>Every name a site can be written with, for <see cref="SourceIndex"/> queries that select files.</summary>
    public SourceIndex.WordSet Words { get; }

    /// <summary>The words whose occurrences can be (part of) a site in a selected file, <c>new</c> included (for <c>new(...)</c>).</summary>
    public SourceIndex.WordSet SearchWords { get; }

    public static SiteNames Compute(AgentLoopContext context, IEnumerable<string> capSettingNames, CancellationToken cancellationToken)
    {
        var known = context.Types;
        var invocations = new HashSet<string>(FixedInvocations, StringComparer.Ordinal);
        var types = new HashSet<string>(StringComparer.Ordinal) { "MagenticWorkflowBuilder" };
        var roots = new List<INamedTypeSymbol>();
        foreach (var name in new[] { AgentLoopApis.FunctionInvokingChatClient, AgentLoopApis.FunctionInvokingRealtimeClient, AgentLoopApis.ToolApprovalAgent, AgentLoopApis.ChatClientAgent, AgentLoopApis.HarnessAgent, AgentLoopApis.SemanticKernelGroupChatManager, AgentLoopApis.SemanticKernelMagenticManager })
        {
            if (known.Get(name) is { } root)
            {
                roots.Add(root);
                types.Add(root.Name);
            }
        }

        // FunctionChoiceBehavior.Auto() is written with the type's name (or a subclass's, or an alias): "Auto" alone is
        // too common a word to select files by (Json.NET's TypeNameHandling.Auto), unless a global using static
        // lets files call it bare.
        var choiceRoots = new List<INamedTypeSymbol>();
        var choiceTypes = new HashSet<string>(StringComparer.Ordinal) { "FunctionChoiceBehavior" };
        if (known.Get(AgentLoopApis.FunctionChoiceBehavior) is { } choice)
        {
            choiceRoots.Add(choice);
        }

        var agent = known.Get(AgentLoopApis.ChatClientAgent);
        var allRoots = new List<INamedTypeSymbol>(roots);
        allRoots.AddRange(choiceRoots);
        var rootsKey = RootsKey(allRoots, agent);
        foreach (var assembly in ReferencedAssembliesThatSee(context.Compilation, allRoots))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = ModuleVersionIds(assembly) is { } mvids && rootsKey is not null ? mvids + "|" + rootsKey : null;
            if (key is null || !s_metadataNames.TryGetValue(key, out var found))
            {
                found = new MetadataNames();
                AddFromMetadata(assembly.GlobalNamespace, roots, choiceRoots, agent, found.Types, found.ChoiceTypes, found.Invocations, cancellationToken);
                if (key is not null)
                {
                    if (s_metadataNames.Count > 256)
                    {
                        s_metadataNames.Clear();
                    }

                    s_metadataNames[key] = found;
                }
            }

            types.UnionWith(found.Types);
            choiceTypes.UnionWith(found.ChoiceTypes);
            invocations.UnionWith(found.Invocations);
        }

        var bareAuto = false;
        AddFromSource(context.Compilation, types, cancellationToken, out _);
        AddFromSource(context.Compilation, choiceTypes, cancellationToken, out var globalStaticUsings);
        foreach (var name in globalStaticUsings)
        {
            bareAuto |= choiceTypes.Contains(name);
        }

        var words = new List<string>(invocations);
        if (!bareAuto)
        {
            words.Remove("Auto");
            words.AddRange(choiceTypes);
        }

        words.AddRange(types);
        words.AddRange(capSettingNames);
        words.Add("AutoInvokeKernelFunctions");
        return new SiteNames(invocations, types, words.ToArray(), capSettingNames);
    }

    /// <summary>
    /// What a referenced assembly contributes, cached by its modules' version ids (and the framework types'), so the
    /// same assembly is read once per process: in the IDE every edit makes a new compilation over the same references,
    /// and the compiler server compiles project after project against them.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MetadataNames> s_metadataNames = new(StringComparer.Ordinal);

    private sealed class MetadataNames
    {
        public HashSet<string> Types { get; } = new(StringComparer.Ordinal);

        public HashSet<string> ChoiceTypes { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Invocations { get; } = new(StringComparer.Ordinal);
    }

    private static string? ModuleVersionIds(IAssemblySymbol assembly)
    {
        var builder = new System.Text.StringBuilder(assembly.Identity.GetDisplayName());
        foreach (var module in assembly.Modules)
        {
            try
            {
                if (module.GetMetadata() is not { } metadata)
                {
                    return null;
                }

                builder.Append('|').Append(metadata.GetModuleVersionId().ToString("N"));
            }
            catch (BadImageFormatException)
            {
                return null;
            }
        }

        return builder.ToString();
    }

    private static string? RootsKey(List<INamedTypeSymbol> roots, INamedTypeSymbol? agent)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var root in agent is null ? roots : new List<INamedTypeSymbol>(roots) { agent })
        {
            if (root.ContainingAssembly is not { } assembly || ModuleVersionIds(assembly) is not { } ids)
            {
                return null; // a framework type in source: nothing to cache by
            }

            builder.Append(root.MetadataName).Append('@').Append(ids).Append(';');
        }

        return builder.ToString();
    }

    /// <summary>The referenced assemblies that declare a framework type or can see one (directly or through other references).</summary>
    private static List<IAssemblySymbol> ReferencedAssembliesThatSee(Compilation compilation, List<INamedTypeSymbol> roots)
    {
        var seeing = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
        foreach (var root in roots)
        {
            if (root.ContainingAssembly is { } assembly && !SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly))
            {
                seeing.Add(assembly);
            }
        }

        var result = new List<IAssemblySymbol>(seeing);
        if (seeing.Count == 0)
        {
            return result;
        }

        var others = new List<IAssemblySymbol>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!seeing.Contains(assembly))
            {
                others.Add(assembly);
            }
        }

        bool added;
        do
        {
            added = false;
            for (var i = others.Count - 1; i >= 0; i--)
            {
                if (References(others[i], seeing))
                {
                    seeing.Add(others[i]);
                    result.Add(others[i]);
                    others.RemoveAt(i);
                    added = true;
                }
            }
        }
        while (added);

        return result;
    }

    private static bool References(IAssemblySymbol assembly, HashSet<IAssemblySymbol> targets)
    {
        foreach (var module in assembly.Modules)
        {
            foreach (var referenced in module.ReferencedAssemblySymbols)
            {
                if (targets.Contains(referenced))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void AddFromMetadata(
        INamespaceOrTypeSymbol container,
        List<INamedTypeSymbol> roots,
        List<INamedTypeSymbol> choiceRoots,
        INamedTypeSymbol? agent,
        HashSet<string> types,
        HashSet<string> choiceTypes,
        HashSet<string> invocations,
        CancellationToken cancellationToken)
    {
        foreach (var member in container.GetMembers())
        {
            switch (member)
            {
                case INamespaceSymbol ns:
                    AddFromMetadata(ns, roots, choiceRoots, agent, types, choiceTypes, invocations, cancellationToken);
                    break;
                case INamedTypeSymbol type:
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var root in roots)
                    {
                        if (type.IsOrDerivesFrom(root))
                        {
                            types.Add(type.Name);
                            break;
                        }
                    }

                    foreach (var root in choiceRoots)
                    {
                        if (type.IsOrDerivesFrom(root))
                        {
                            choiceTypes.Add(type.Name);
                            break;
                        }
                    }

                    AddFromMetadata(type, roots, choiceRoots, agent, types, choiceTypes, invocations, cancellationToken);
                    break;
                case IMethodSymbol method when agent is not null && method.ReturnType.IsOrDerivesFrom(agent):
                    invocations.Add(method.Name);
                    break;
            }
        }
    }

    /// <summary>
    /// Source subclasses of the known types (to a fixed point) and using aliases of them; also the type names of the
    /// <c>global using static</c> directives of the files read.
    /// </summary>
    private static void AddFromSource(Compilation compilation, HashSet<string> types, CancellationToken cancellationToken, out List<string> globalStaticUsings)
    {
        globalStaticUsings = new List<string>();
        var declarations = new List<DerivedTypeDeclaration>();
        var aliases = new List<ReachUnit>();
        var unread = new List<SyntaxTree>(compilation.SyntaxTrees);
        var pending = new List<string>(types);
        while (pending.Count > 0)
        {
            var pendingWords = SourceIndex.CreateWordSet(pending);
            for (var i = unread.Count - 1; i >= 0; i--)
            {
                if (AgentLoopSyntax.MentionsAny(unread[i], pendingWords, cancellationToken))
                {
                    var facts = AgentLoopSyntax.GetFacts(unread[i], cancellationToken);
                    declarations.AddRange(facts.DerivedTypes);
                    globalStaticUsings.AddRange(facts.GlobalStaticUsings);
                    foreach (var unit in facts.Units)
                    {
                        if (unit.Kind == ReachUnitKind.Alias)
                        {
                            aliases.Add(unit);
                        }
                    }

                    unread.RemoveAt(i);
                }
            }

            pending.Clear();
            bool changed;
            do
            {
                changed = false;
                foreach (var declaration in declarations)
                {
                    if (!types.Contains(declaration.Name) && AnyIn(declaration.Bases, types))
                    {
                        types.Add(declaration.Name);
                        pending.Add(declaration.Name);
                        changed = true;
                    }
                }

                foreach (var alias in aliases)
                {
                    if (!types.Contains(alias.Name) && AnyIn(alias.Created, types))
                    {
                        types.Add(alias.Name);
                        pending.Add(alias.Name);
                        changed = true;
                    }
                }
            }
            while (changed);
        }
    }

    private static bool AnyIn(string[] names, HashSet<string> set)
    {
        foreach (var name in names)
        {
            if (set.Contains(name))
            {
                return true;
            }
        }

        return false;
    }
}
