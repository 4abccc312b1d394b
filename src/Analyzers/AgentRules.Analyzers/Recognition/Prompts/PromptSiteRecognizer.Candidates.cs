using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>A prompt site found in a tree, with the member whose code holds it (lambdas and local functions belong to their member).</summary>
/// <param name="Site">The site.</param>
/// <param name="ContainingSymbol">The method, property, field or constructor holding the site.</param>
public sealed record PromptSiteMatch(PromptSite Site, ISymbol? ContainingSymbol);

/// <summary>
/// Candidate selection: which files can hold a prompt site, and which nodes in them are worth binding. Everything
/// here is syntax and names; <see cref="GetSites(IOperation, ISymbol?, CancellationToken)"/> decides on what passes.
/// </summary>
/// <remarks>
/// A node is a candidate when it creates a type whose constructor takes prompt text (or a target-typed <c>new(...)</c>),
/// calls a method of that name, assigns a property of that name, creates an agent through a method or constructor
/// with an <c>instructions</c> parameter (found by name in the referenced agent assemblies and in this compilation's
/// source), is named like an agent factory the code may not bind (<c>AsAIAgent</c>, <c>Create…Agent</c>), or returns
/// from a method whose attribute is written <c>McpServerPrompt</c> (or with a parameter written <c>[McpPromptTrigger]</c>,
/// an Azure Functions prompt function). A file can hold one when it spells one of these
/// names, a role type (<c>ChatRole</c>, <c>AuthorRole</c>), the word <c>instructions</c>, or a global alias of a type
/// name (checked with <see cref="SourceIndex"/>). Limits: an agent factory called through a delegate variable, and
/// a sink method called from a collection initializer, are not sites.
/// </remarks>
public sealed partial class PromptSiteRecognizer
{
    private static readonly string[] UnboundCallNames =
    {
        "InvokePromptAsync", "InvokePromptStreamingAsync", "CreateFunctionFromPrompt", "CreateFromPrompt", "CreateFunctionFromPrompty",
        "FromPromptYaml", "ToPromptTemplateConfig", "CreateFunctionFromPromptYaml",
        "AsAIAgent", "BuildAIAgent", "AddAIAgent", "ChatClientAgent", "CreateAssistant", "CreateAssistantAsync",
    };

    private static readonly string[] UnboundAssignmentNames = { "Instructions", "Template", "ChatSystemPrompt", "ChatDeveloperPrompt" };
    private static readonly string[] RoleTypeNames = { "ChatRole", "AuthorRole" };
    private const string InstructionsParameter = "instructions";

    /// <summary>
    /// Every word a file must spell for <see cref="MayContainSites"/> to keep it, whatever the compilation references,
    /// except configured sinks (<c>agentrules.prompt_sinks</c>), the agent factories read from referenced assemblies
    /// (Agent Framework and Semantic Kernel agents), and global aliases (declared with one of these names). Source
    /// factories take an <c>instructions</c> parameter, which is one of the words.
    /// </summary>
    public static ImmutableArray<string> SpellingWords { get; } = ImmutableArray.CreateRange(
        new HashSet<string>(
            UnboundCallNames.Concat(UnboundAssignmentNames).Concat(RoleTypeNames).Concat(RoleTaggedMessages.Words).Concat(PromptApis.StaticWords)
                .Concat(new[] { InstructionsParameter, "ChatClientAgent", "TextContent", "McpServerPrompt", "McpServerPromptAttribute", "McpPromptTrigger", "McpPromptTriggerAttribute" }),
            StringComparer.Ordinal));

    /// <summary>
    /// Whether a tree may hold a prompt site by its spelling alone, whatever the compilation references (see
    /// <see cref="SpellingWords"/> for what it leaves to <see cref="MayContainSites"/>): one of the words, or a message
    /// of the app's own type with its own role value.
    /// </summary>
    public static bool MaySpellSites(SyntaxTree tree, CancellationToken cancellationToken) =>
        SourceIndex.ContainsAny(tree, SpellingWords, cancellationToken) || RoleTaggedMessages.ContainsOwnRoleValue(tree, cancellationToken);

    private static readonly WeakCache<IAssemblySymbol, FactoryNames> s_assemblyFactories = new();
    private static readonly WeakCache<SyntaxTree, FactoryNames> s_treeFactories = new();

    private readonly object _namesGate = new();
    private SyntaxTree[]? _scanTrees;
    private int _scanNext;
    private volatile CandidateNames? _names;

    /// <summary>
    /// True when <paramref name="tree"/> may hold a prompt site: it spells a prompt API, an agent factory, a role
    /// type, the word <c>instructions</c> or a global alias of a type name. False means it certainly holds none.
    /// </summary>
    public bool MayContainSites(SyntaxTree tree, CancellationToken cancellationToken) =>
        SourceIndex.ContainsAny(tree, GetNames(cancellationToken).TreeWords, cancellationToken)
        || RoleTaggedMessages.ContainsOwnRoleValue(tree, cancellationToken);

    /// <summary>
    /// Every prompt site in <paramref name="model"/>'s tree, with the member holding it, in source order. Only
    /// candidate nodes are bound; a tree <see cref="MayContainSites"/> rules out costs one lookup.
    /// <paramref name="includeConstructorInitializers"/> also looks at <c>: base(...)</c> calls and primary-constructor
    /// base arguments (agent classes passing instructions to their base).
    /// </summary>
    public ImmutableArray<PromptSiteMatch> GetSites(SemanticModel model, bool includeConstructorInitializers, CancellationToken cancellationToken)
    {
        var tree = model.SyntaxTree;
        // The forwarder names the tree spells, less those already known not to forward a prompt.
        var forwarders = GetForwarders(cancellationToken).Restrict(tree, cancellationToken);
        var mayCallForwarders = !forwarders.IsEmpty;
        if (!MayContainSites(tree, cancellationToken))
        {
            return mayCallForwarders ? GetForwardedSites(model, forwarders, cancellationToken) : ImmutableArray<PromptSiteMatch>.Empty;
        }

        var names = GetNames(cancellationToken);
        var creations = SyntaxNames.AliasesOf(names.Creations, tree, _compilation, cancellationToken);
        var mcpAttributes = names.McpPromptAttributes.IsEmpty ? names.McpPromptAttributes : SyntaxNames.AliasesOf(names.McpPromptAttributes, tree, _compilation, cancellationToken);
        // The loop stays small (the runtime compiles a hot loop's whole method again, optimized): the name checks
        // and the binding are separate methods.
        var candidates = new CandidateFilter(names, creations, mcpAttributes, includeConstructorInitializers);
        ImmutableArray<PromptSiteMatch>.Builder? found = null;
        var roleTagged = RoleTaggedMessages.MayContain(tree, cancellationToken);
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            if (candidates.Accepts(node))
            {
                AddSites(model, node, ref found, cancellationToken);
            }

            if (roleTagged && RoleTaggedMessages.IsCandidate(node))
            {
                AddRoleTaggedSite(model, node, ref found, cancellationToken);
            }

            if (mayCallForwarders && forwarders.Accepts(node, this, cancellationToken))
            {
                AddForwardedSites(model, node, ref found, cancellationToken);
            }
        }

        return found?.ToImmutable() ?? ImmutableArray<PromptSiteMatch>.Empty;
    }

    /// <summary>
    /// A tree that spells no prompt API but calls members that put a parameter into a prompt: only those calls, found
    /// where the tree's text spells their names (<see cref="ForwarderNames.CallsIn"/>) instead of walking every node.
    /// </summary>
    private ImmutableArray<PromptSiteMatch> GetForwardedSites(SemanticModel model, ForwarderNames forwarders, CancellationToken cancellationToken)
    {
        ImmutableArray<PromptSiteMatch>.Builder? found = null;
        foreach (var node in forwarders.CallsIn(model.SyntaxTree, cancellationToken))
        {
            if (forwarders.Accepts(node, this, cancellationToken))
            {
                AddForwardedSites(model, node, ref found, cancellationToken);
            }
        }

        return found?.ToImmutable() ?? ImmutableArray<PromptSiteMatch>.Empty;
    }

    private void AddForwardedSites(SemanticModel model, SyntaxNode node, ref ImmutableArray<PromptSiteMatch>.Builder? found, CancellationToken cancellationToken)
    {
        if (model.GetOperationWithinLimits(node, cancellationToken) is not { } operation)
        {
            return;
        }

        var sites = GetForwardedSites(operation, cancellationToken);
        if (sites.IsEmpty)
        {
            return;
        }

        var containing = model.GetEnclosingSymbol(node.SpanStart, cancellationToken);
        while (containing is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            containing = containing.ContainingSymbol;
        }

        foreach (var site in sites)
        {
            if (found is not null && found.Any(existing => existing.Site.Text.Syntax == site.Text.Syntax))
            {
                continue; // a framework row (an agent factory with an 'instructions' parameter) already made this site
            }

            (found ??= ImmutableArray.CreateBuilder<PromptSiteMatch>()).Add(new PromptSiteMatch(site, containing));
        }
    }

    private void AddSites(SemanticModel model, SyntaxNode node, ref ImmutableArray<PromptSiteMatch>.Builder? found, CancellationToken cancellationToken)
    {
        // A model of another compilation (a caller's own) is answered without the memo: the nodes' answers belong to ours.
        var memo = model.Compilation == _compilation;
        if (!memo || !_nodeSites.TryGetValue(node, out var known))
        {
            known = FindSites(model, node, cancellationToken);
            if (memo)
            {
                known = _nodeSites.GetOrAdd(node, known);
            }
        }

        foreach (var site in known.Sites)
        {
            (found ??= ImmutableArray.CreateBuilder<PromptSiteMatch>()).Add(new PromptSiteMatch(site, known.Containing));
        }
    }

    private NodeSites FindSites(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        if (GetOperation(model, node, cancellationToken) is not { } operation)
        {
            return new NodeSites(ImmutableArray<PromptSite>.Empty, null);
        }

        // The member holding the node is looked up only for sites (GetSites finds it itself when it needs it).
        var sites = GetSites(operation, containingSymbol: null, cancellationToken);
        if (sites.IsEmpty)
        {
            return new NodeSites(sites, null);
        }

        var containing = model.GetEnclosingSymbol(node.SpanStart, cancellationToken);
        while (containing is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            containing = containing.ContainingSymbol;
        }

        return new NodeSites(sites, containing);
    }

    private static void AddRoleTaggedSite(SemanticModel model, SyntaxNode node, ref ImmutableArray<PromptSiteMatch>.Builder? found, CancellationToken cancellationToken)
    {
        if (RoleTaggedMessages.GetSite(model, node, cancellationToken) is not { } site)
        {
            return;
        }

        if (found is not null)
        {
            foreach (var existing in found)
            {
                if (existing.Site.Text.Syntax == site.Text.Syntax)
                {
                    return; // a framework row already made this site
                }
            }
        }

        var containing = model.GetEnclosingSymbol(node.SpanStart, cancellationToken);
        while (containing is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            containing = containing.ContainingSymbol;
        }

        (found ??= ImmutableArray.CreateBuilder<PromptSiteMatch>()).Add(new PromptSiteMatch(site, containing));
    }

    /// <summary>The operation a candidate node makes; for an expression body, the return the compiler makes of it.</summary>
    private static IOperation? GetOperation(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var operation = model.GetOperationWithinLimits(node, cancellationToken);
        if (operation is null || node is not ArrowExpressionClauseSyntax arrow)
        {
            return operation;
        }

        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IReturnOperation { IsImplicit: true } implicitReturn && implicitReturn.Syntax == arrow.Expression)
            {
                return implicitReturn;
            }
        }

        return null;
    }

    /// <summary>"CreateAgent", "CreateChatAgentAsync": the names an unbound agent factory is recognised by.</summary>
    private static bool IsCreateAgentName(string name) =>
        name.StartsWith("Create", StringComparison.Ordinal) && (name.EndsWith("Agent", StringComparison.Ordinal) || name.EndsWith("AgentAsync", StringComparison.Ordinal));

    /// <summary>
    /// True when the return or expression body belongs to a method (not a lambda or local function) with an attribute
    /// named in <paramref name="attributeNames"/> on it or on one of its parameters (an Azure Functions trigger), or to
    /// a partial method.
    /// </summary>
    private static bool IsInAttributedMethod(SyntaxNode node, ImmutableHashSet<string> attributeNames)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
                case MethodDeclarationSyntax method:
                    return SyntaxNames.HasAttributeNamed(method.AttributeLists, attributeNames)
                        || method.ParameterList.Parameters.Any(p => SyntaxNames.HasAttributeNamed(p.AttributeLists, attributeNames))
                        || method.Modifiers.Any(SyntaxKind.PartialKeyword);
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private CandidateNames GetNames(CancellationToken cancellationToken)
    {
        if (_names is { } names)
        {
            return names;
        }

        // Computed once: the analyzer asks for every file at the same time on several threads. The per-file part (the
        // files declaring an 'instructions' parameter) is shared out between them first; one thread then puts the
        // names together while the others wait.
        if (_table.AIAgent is not null || _table.SemanticKernelAgent is not null)
        {
            ScanForFactories(cancellationToken);
        }

        lock (_namesGate)
        {
            return _names ??= CreateNames(cancellationToken);
        }
    }

    /// <summary>Reads every tree's agent factories (cached per tree), each tree by one of the threads that call it.</summary>
    private void ScanForFactories(CancellationToken cancellationToken)
    {
        Interlocked.CompareExchange(ref _scanTrees, _compilation.SyntaxTrees.ToArray(), null);
        var trees = _scanTrees;
        for (var i = Interlocked.Increment(ref _scanNext) - 1; i < trees.Length; i = Interlocked.Increment(ref _scanNext) - 1)
        {
            _ = TreeFactories(trees[i], cancellationToken);
        }
    }

    private static FactoryNames TreeFactories(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (s_treeFactories.TryGetValue(tree, out var names))
        {
            return names;
        }

        var found = FactoryNames.FromTree(tree, cancellationToken);
        return s_treeFactories.GetValue(tree, _ => found);
    }

    private CandidateNames CreateNames(CancellationToken cancellationToken)
    {
        if (!_table.HasFrameworkSites)
        {
            // No framework: only the app's own role-tagged messages (RoleTaggedMessages) can be sites.
            var none = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);
            return new CandidateNames(none, none, none, none, RoleTaggedMessages.Words);
        }


        var creations = new HashSet<string>(_table.ConstructorTypeNames, StringComparer.Ordinal) { "ChatClientAgent" };
        var invocations = new HashSet<string>(_table.MethodNames, StringComparer.Ordinal);
        invocations.UnionWith(UnboundCallNames);
        var assignments = new HashSet<string>(UnboundAssignmentNames, StringComparer.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal) { InstructionsParameter };
        words.UnionWith(RoleTypeNames);
        words.UnionWith(UnboundAssignmentNames);
        foreach (var (property, mcpPromptOnly) in _table.PropertyNames)
        {
            assignments.Add(property);
            if (!mcpPromptOnly)
            {
                words.Add(property); // an MCP-prompt-only property counts in files that spell McpServerPrompt
            }
        }

        if (_table.TextContent is { } textContent)
        {
            creations.Add(textContent.Name);
        }

        if (_table.AIAgent is not null || _table.SemanticKernelAgent is not null)
        {
            var factories = AgentFactories(cancellationToken);
            creations.UnionWith(factories.Types);
            invocations.UnionWith(factories.Methods);
        }

        var mcpAttributes = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);
        if (_table.McpServerPrompt is not null)
        {
            mcpAttributes = mcpAttributes.Add("McpServerPrompt").Add("McpServerPromptAttribute");
        }

        if (_table.McpPromptTrigger is not null)
        {
            mcpAttributes = mcpAttributes.Add("McpPromptTrigger").Add("McpPromptTriggerAttribute");
        }

        words.UnionWith(mcpAttributes);

        words.UnionWith(RoleTaggedMessages.Words);
        words.UnionWith(creations);
        words.UnionWith(invocations);
        words.UnionWith(SyntaxNames.GlobalAliasesOf(_compilation, creations, cancellationToken));
        words.UnionWith(SyntaxNames.GlobalAliasesOf(_compilation, mcpAttributes, cancellationToken));

        return new CandidateNames(
            creations.ToImmutableHashSet(StringComparer.Ordinal),
            invocations.ToImmutableHashSet(StringComparer.Ordinal),
            assignments.ToImmutableHashSet(StringComparer.Ordinal),
            mcpAttributes,
            ImmutableArray.CreateRange(words));
    }

    /// <summary>
    /// The names of methods and the types of constructors with an <c>instructions</c> parameter, in the assemblies
    /// that define or use the agent types and in this compilation's source: calls to them may create agents
    /// (<see cref="PromptSiteTable.IsAgentFactory"/> decides on binding).
    /// </summary>
    private FactoryNames AgentFactories(CancellationToken cancellationToken)
    {
        var methods = new HashSet<string>(StringComparer.Ordinal);
        var types = new HashSet<string>(StringComparer.Ordinal);
        var agentAssemblies = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
        foreach (var agent in new[] { _table.AIAgent, _table.SemanticKernelAgent })
        {
            if (agent?.ContainingAssembly is { } assembly && !SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly))
            {
                agentAssemblies.Add(assembly);
            }
        }

        foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (agentAssemblies.Contains(assembly) || ReferencesAny(assembly, agentAssemblies))
            {
                var names = s_assemblyFactories.GetValue(assembly, static a => FactoryNames.FromNamespace(a.GlobalNamespace));
                methods.UnionWith(names.Methods);
                types.UnionWith(names.Types);
            }
        }

        // One text search per file (cached per tree, so an edit rescans only the edited file).
        foreach (var tree in _compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var names = TreeFactories(tree, cancellationToken);
            methods.UnionWith(names.Methods);
            types.UnionWith(names.Types);
        }

        return new FactoryNames(methods.ToImmutableArray(), types.ToImmutableArray());
    }

    private static bool ReferencesAny(IAssemblySymbol assembly, HashSet<IAssemblySymbol> targets)
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

    /// <summary>The name checks that pick candidate nodes in one tree (creations with the tree's aliases).</summary>
    private sealed class CandidateFilter(CandidateNames names, ImmutableHashSet<string> creations, ImmutableHashSet<string> mcpAttributes, bool includeConstructorInitializers)
    {
        public bool Accepts(SyntaxNode node) =>
            node switch
            {
                ObjectCreationExpressionSyntax creation => SyntaxNames.RightmostName(creation.Type) is { } type && (creations.Contains(type) || IsCreateAgentName(type)),
                // A target-typed new() names no type, so any can be a site, but only through an argument: every text a
                // creation makes a site of is an argument (a string parameter's, or a TextContent's in a contents
                // list), and new() without arguments has none. Its initializer's assignments are candidates of their own.
                ImplicitObjectCreationExpressionSyntax implicitCreation => implicitCreation.ArgumentList.Arguments.Count > 0,
                InvocationExpressionSyntax invocation => SyntaxNames.InvokedName(invocation) is { } invoked && (names.Invocations.Contains(invoked) || IsCreateAgentName(invoked)),
                AssignmentExpressionSyntax assignment => assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    && SyntaxNames.AssignedMemberName(assignment) is { } member && names.Assignments.Contains(member),
                ReturnStatementSyntax { Expression: not null } or ArrowExpressionClauseSyntax => !mcpAttributes.IsEmpty && IsInAttributedMethod(node, mcpAttributes),
                ConstructorInitializerSyntax initializer => includeConstructorInitializers && initializer.ArgumentList.Arguments.Count > 0 && MayCallListedConstructor(initializer),
                PrimaryConstructorBaseTypeSyntax baseType => includeConstructorInitializers && baseType.ArgumentList.Arguments.Count > 0 && IsCreationName(SyntaxNames.RightmostName(baseType.Type)),
                _ => false,
            };

        /// <summary>
        /// A constructor call is a site only through a constructor of a listed type (a table row, a configured sink or
        /// an agent type with an <c>instructions</c> parameter), matched on the constructor's own type: so a
        /// <c>: base(…)</c> call can be one only when the base type is written with one of those names, and a
        /// <c>: this(…)</c> call when the type declaring it has one. The base type of a partial type may be written
        /// on another part: then it is not known here, and the call stays a candidate.
        /// </summary>
        private bool MayCallListedConstructor(ConstructorInitializerSyntax initializer)
        {
            if (initializer.Parent?.Parent is not TypeDeclarationSyntax type)
            {
                return true;
            }

            if (initializer.IsKind(SyntaxKind.ThisConstructorInitializer))
            {
                return IsCreationName(type.Identifier.ValueText);
            }

            return type.BaseList is { Types.Count: > 0 } bases
                ? IsCreationName(SyntaxNames.RightmostName(bases.Types[0].Type))
                : type.Modifiers.Any(SyntaxKind.PartialKeyword);
        }

        private bool IsCreationName(string? name) => name is not null && (creations.Contains(name) || IsCreateAgentName(name));
    }

    private sealed record CandidateNames(
        ImmutableHashSet<string> Creations,
        ImmutableHashSet<string> Invocations,
        ImmutableHashSet<string> Assignments,
        ImmutableHashSet<string> McpPromptAttributes,
        ImmutableArray<string> TreeWords);

    /// <summary>Names of methods, and of types with constructors, that have an <c>instructions</c> parameter.</summary>
    private sealed class FactoryNames(ImmutableArray<string> methods, ImmutableArray<string> types)
    {
        public static readonly FactoryNames None = new(ImmutableArray<string>.Empty, ImmutableArray<string>.Empty);

        public ImmutableArray<string> Methods { get; } = methods;

        public ImmutableArray<string> Types { get; } = types;

        public static FactoryNames FromNamespace(INamespaceSymbol root)
        {
            var methods = new HashSet<string>(StringComparer.Ordinal);
            var types = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var container = pending.Pop();
                foreach (var member in container.GetMembers())
                {
                    switch (member)
                    {
                        case INamespaceSymbol ns:
                            pending.Push(ns);
                            break;
                        case INamedTypeSymbol type when type.DeclaredAccessibility != Accessibility.Private:
                            pending.Push(type);
                            break;
                        case IMethodSymbol method when method.DeclaredAccessibility != Accessibility.Private && HasInstructionsParameter(method):
                            if (method.MethodKind == MethodKind.Constructor)
                            {
                                types.Add(method.ContainingType.Name);
                            }
                            else
                            {
                                methods.Add(method.Name);
                            }

                            break;
                    }
                }
            }

            return new FactoryNames(methods.ToImmutableArray(), types.ToImmutableArray());
        }

        /// <summary>The declarations in a tree with an <c>instructions</c> parameter, found where the text has the word.</summary>
        public static FactoryNames FromTree(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var positions = SourceIndex.FindWord(tree, InstructionsParameter, cancellationToken);
            if (positions.IsEmpty)
            {
                return None;
            }

            var methods = new HashSet<string>(StringComparer.Ordinal);
            var types = new HashSet<string>(StringComparer.Ordinal);
            var root = tree.GetRoot(cancellationToken);
            foreach (var position in positions)
            {
                var token = root.FindToken(position);
                if (token.Parent is not ParameterSyntax { Parent: ParameterListSyntax { Parent: { } owner } } parameter
                    || parameter.Identifier != token || parameter.Identifier.ValueText != InstructionsParameter)
                {
                    continue;
                }

                switch (owner)
                {
                    case MethodDeclarationSyntax method:
                        methods.Add(method.Identifier.ValueText);
                        break;
                    case LocalFunctionStatementSyntax local:
                        methods.Add(local.Identifier.ValueText);
                        break;
                    case ConstructorDeclarationSyntax constructor:
                        types.Add(constructor.Identifier.ValueText);
                        break;
                    case TypeDeclarationSyntax type when type.ParameterList == parameter.Parent:
                        types.Add(type.Identifier.ValueText);
                        break;
                }
            }

            return methods.Count == 0 && types.Count == 0 ? None : new FactoryNames(methods.ToImmutableArray(), types.ToImmutableArray());
        }

        private static bool HasInstructionsParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == InstructionsParameter)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
