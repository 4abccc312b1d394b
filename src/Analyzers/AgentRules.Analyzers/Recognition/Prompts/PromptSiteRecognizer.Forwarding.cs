using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>
/// Prompts handed to the app's own types: <c>new Agent(rolePrompt, model, client)</c>, whose constructor puts its
/// parameter into a system message (<c>new("system", roleDescription)</c>). The site in the constructor sees only a
/// parameter and stays quiet; the text is written at the callers, so each call's argument for that parameter is the
/// prompt site, reported there (as for a framework API). One level: the member whose site reads the parameter.
/// </summary>
/// <remarks>
/// Which members do this is found in two steps. By syntax, once per compilation: the methods and constructors whose
/// parameter name appears in a candidate site of their own body (the trees that can hold sites only). Then, for a call
/// of one of those names, the callee's body is bound (memoized per method) and its sites are asked whether their text
/// is the parameter itself.
/// </remarks>
public sealed partial class PromptSiteRecognizer
{
    private readonly object _forwardersGate = new();
    private volatile ForwarderNames? _forwarders;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<ForwardedPrompt>> _forwarded = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _forwardingModels = new();

    [ThreadStatic]
    private static HashSet<IMethodSymbol>? t_forwarding;

    /// <summary>A parameter a member puts into a prompt site of its own.</summary>
    private sealed record ForwardedPrompt(int Ordinal, PromptSiteKind Kind, string Api);

    /// <summary>
    /// Method names, and type names of constructors, that may put a parameter into a prompt site. Calls are matched by
    /// the name they spell: a target-typed <c>new(...)</c> spells none and is not followed (it would bind every one).
    /// </summary>
    /// <remarks>
    /// With each name, how many arguments its declarations can take (<see cref="Arity"/>, merged over the declarations
    /// of that name): a call of the name passing another number of arguments cannot call one of them and is not bound.
    /// Every member whose parameter a prompt site can read is one of these declarations (its site mentions the
    /// parameter), so no forwarded site is lost.
    /// <para>
    /// The names come from syntax, and on a large codebase most are not forwarders (on the Azure MCP server: 26 names,
    /// among them every command's <c>ExecuteAsync</c>, because some command builds an object from its parameter in a
    /// file that spells "system"). So before a call of a name is bound, the declarations of that name are
    /// (<see cref="Forwarder.Forwards"/>, once per name and compilation, when a call of the name is first met): a call
    /// can only make a forwarded site when one of them puts its parameter into a prompt, and the calls of the other
    /// names are not bound at all. A file whose forwarder names are all known not to forward is not walked
    /// (<see cref="Restrict"/>).
    /// </para>
    /// </remarks>
    private sealed class ForwarderNames(ImmutableDictionary<string, Forwarder> methods, ImmutableDictionary<string, Forwarder> types)
    {
        public static readonly ForwarderNames None = new(ImmutableDictionary<string, Forwarder>.Empty, ImmutableDictionary<string, Forwarder>.Empty);

        public ImmutableHashSet<string> Methods { get; } = methods.Keys.ToImmutableHashSet(StringComparer.Ordinal);

        public ImmutableHashSet<string> Types { get; } = types.Keys.ToImmutableHashSet(StringComparer.Ordinal);

        public bool IsEmpty => methods.IsEmpty && types.IsEmpty;

        /// <summary>
        /// The names <paramref name="tree"/> spells, less those already known not to forward (nothing is bound here:
        /// a name is checked when a call of it is met, <see cref="Accepts"/>).
        /// </summary>
        /// <remarks>
        /// Every file of the compilation is asked (2,716 on the Azure MCP server, about 30 names): the names are hashed
        /// once (<see cref="SourceIndex.WordSet"/>) and each file is asked about all of them in one query, instead of
        /// hashing each name again for each file.
        /// </remarks>
        public ForwarderNames Restrict(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (IsEmpty)
            {
                return None;
            }

            var (words, entries) = Words();
            var found = SourceIndex.ContainedWords(tree, words, cancellationToken);
            if (found.Count == 0)
            {
                return None;
            }

            var keptMethods = ImmutableDictionary.CreateBuilder<string, Forwarder>(StringComparer.Ordinal);
            var keptTypes = ImmutableDictionary.CreateBuilder<string, Forwarder>(StringComparer.Ordinal);
            foreach (var index in found)
            {
                var (name, forwarder, isType) = entries[index];
                if (!forwarder.KnownNotToForward)
                {
                    (isType ? keptTypes : keptMethods)[name] = forwarder;
                }
            }

            if (keptMethods.Count == methods.Count && keptTypes.Count == types.Count)
            {
                return this;
            }

            return keptMethods.Count == 0 && keptTypes.Count == 0 ? None : new ForwarderNames(keptMethods.ToImmutable(), keptTypes.ToImmutable());
        }

        private volatile NameWords? _words;

        /// <summary>The method and type names hashed for <see cref="SourceIndex"/>, with what each stands for (made once; a race makes an equal one).</summary>
        private NameWords Words() =>
            _words ??= new NameWords(methods.Select(e => (e.Key, e.Value, false)).Concat(types.Select(e => (e.Key, e.Value, true))).ToArray());

        /// <summary>
        /// The calls and creations in <paramref name="tree"/> that spell one of these names as the member they call or
        /// the type they create, in the order a walk of the tree meets them (outer before inner): every node
        /// <see cref="Accepts"/> can accept, found from the positions of the names in the text instead of visiting
        /// every node. On the Azure MCP server a forwarder named <c>List</c> made 657 files that only spell
        /// <c>List&lt;T&gt;</c> be walked node by node.
        /// </summary>
        public List<SyntaxNode> CallsIn(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var calls = new List<SyntaxNode>();
            if (IsEmpty)
            {
                return calls;
            }

            var root = tree.GetRoot(cancellationToken);
            foreach (var (names, creation) in new[] { (Methods, false), (Types, true) })
            {
                foreach (var name in names)
                {
                    foreach (var position in SourceIndex.FindWord(tree, name, cancellationToken))
                    {
                        var token = root.FindToken(position);
                        // A call is named by one token, so no call is found twice.
                        if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name && CallNaming(token, creation) is { } call)
                        {
                            calls.Add(call);
                        }
                    }
                }
            }

            // A walk meets a node before the nodes inside it: by start, the longer first.
            calls.Sort(static (x, y) => x.SpanStart != y.SpanStart ? x.SpanStart.CompareTo(y.SpanStart) : y.Span.End.CompareTo(x.Span.End));
            return calls;
        }

        /// <summary>
        /// The invocation whose invoked name is <paramref name="name"/> (<c>N(…)</c>, <c>x.N(…)</c>, <c>x?.N(…)</c>,
        /// <c>N&lt;T&gt;(…)</c>), or with <paramref name="creation"/> the creation whose type's rightmost name it is
        /// (<c>new N(…)</c>, <c>new A.N(…)</c>, <c>new global::N(…)</c>); null otherwise.
        /// </summary>
        private static SyntaxNode? CallNaming(SyntaxToken name, bool creation)
        {
            SyntaxNode? current = name.Parent;
            if (current is not SimpleNameSyntax)
            {
                return null;
            }

            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case InvocationExpressionSyntax invocation when !creation && invocation.Expression == current:
                        return invocation;
                    case ObjectCreationExpressionSyntax created when creation && created.Type == current:
                        return created;
                    case MemberAccessExpressionSyntax member when !creation && member.Name == current:
                    case MemberBindingExpressionSyntax binding when !creation && binding.Name == current:
                    case QualifiedNameSyntax qualified when creation && qualified.Right == current:
                    case AliasQualifiedNameSyntax alias when creation && alias.Name == current:
                    case NullableTypeSyntax nullable when creation && nullable.ElementType == current:
                        current = parent;
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// True when <paramref name="node"/> calls a forwarder name with an argument count its declarations take, and
        /// one of those declarations does forward a parameter into a prompt (<paramref name="recognizer"/> binds them
        /// the first time the name is met in the compilation).
        /// </summary>
        public bool Accepts(SyntaxNode node, PromptSiteRecognizer recognizer, CancellationToken cancellationToken)
        {
            var forwarder = node switch
            {
                InvocationExpressionSyntax invocation => !methods.IsEmpty && SyntaxNames.InvokedName(invocation) is { } name
                    && methods.TryGetValue(name, out var method) && method.Arity.Accepts(invocation.ArgumentList.Arguments.Count) ? method : null,
                ObjectCreationExpressionSyntax creation => !types.IsEmpty && SyntaxNames.RightmostName(creation.Type) is { } type
                    && types.TryGetValue(type, out var constructor) && constructor.Arity.Accepts(creation.ArgumentList?.Arguments.Count ?? 0) ? constructor : null,
                _ => null,
            };

            return forwarder is not null && forwarder.Forwards(recognizer, cancellationToken);
        }
    }

    /// <summary>The names of <see cref="ForwarderNames"/> hashed once, each with its forwarder and whether it names a type.</summary>
    private sealed class NameWords((string Name, Forwarder Forwarder, bool IsType)[] entries)
    {
        public SourceIndex.WordSet Words { get; } = SourceIndex.CreateWordSet(entries.Select(e => e.Name));

        public (string Name, Forwarder Forwarder, bool IsType)[] Entries { get; } = entries;

        public void Deconstruct(out SourceIndex.WordSet words, out (string Name, Forwarder Forwarder, bool IsType)[] found)
        {
            words = Words;
            found = Entries;
        }
    }

    /// <summary>
    /// The declarations of one name that may forward a parameter into a prompt (by syntax), the argument counts they
    /// take, and — once asked, for the compilation — whether one of them does.
    /// </summary>
    private sealed class Forwarder(Arity arity, ImmutableArray<BaseMethodDeclarationSyntax> declarations)
    {
        private int _forwards; // 0 not known yet, 1 yes, -1 no

        public Arity Arity { get; } = arity;

        public ImmutableArray<BaseMethodDeclarationSyntax> Declarations { get; } = declarations;

        /// <summary>True once the declarations were bound and none forwards.</summary>
        public bool KnownNotToForward => Volatile.Read(ref _forwards) < 0;

        public bool Forwards(PromptSiteRecognizer recognizer, CancellationToken cancellationToken)
        {
            var known = Volatile.Read(ref _forwards);
            if (known == 0)
            {
                // The same answer whichever thread computes it; a cancelled check leaves it unknown. A "no" found while
                // another member's forwarding is being computed may come from the cycle guard (a relay back to that
                // member) and is not kept: asked again at the top, it is computed in full.
                var nested = t_forwarding is { Count: > 0 };
                var forwards = recognizer.DeclarationsForward(this, cancellationToken);
                if (!forwards && nested)
                {
                    return false;
                }

                known = forwards ? 1 : -1;
                Volatile.Write(ref _forwards, known);
            }

            return known > 0;
        }
    }

    /// <summary>True when one of a forwarder name's declarations puts a parameter into a prompt site of its own (binds them).</summary>
    private bool DeclarationsForward(Forwarder forwarder, CancellationToken cancellationToken)
    {
        foreach (var declaration in forwarder.Declarations)
        {
            var model = _forwardingModels.GetOrAdd(declaration.SyntaxTree, CreateSemanticModel);
            if (model.GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol method && !GetForwarded(method.OriginalDefinition, cancellationToken).IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many arguments a call can pass to a member (or to any of several of one name): from <see cref="Min"/> to <see cref="Max"/>.</summary>
    internal readonly struct Arity(int min, int max)
    {
        public int Min { get; } = min;

        public int Max { get; } = max;

        public bool Accepts(int count) => count >= Min && count <= Max;

        public Arity Merge(Arity other) => new(Math.Min(Min, other.Min), Math.Max(Max, other.Max));

        /// <summary>
        /// The argument counts a parameter list takes: optional parameters may be left out, <c>params</c> and
        /// <c>__arglist</c> take any number more, and an extension method called on its receiver gets one fewer.
        /// </summary>
        public static Arity Of(ParameterListSyntax parameters)
        {
            var required = 0;
            var total = parameters.Parameters.Count;
            var unbounded = false;
            foreach (var parameter in parameters.Parameters)
            {
                if (parameter.Identifier.IsKind(SyntaxKind.ArgListKeyword) || parameter.Modifiers.Any(SyntaxKind.ParamsKeyword))
                {
                    unbounded = true;
                    break;
                }

                if (parameter.Default is null)
                {
                    required++;
                }
            }

            var extension = parameters.Parameters.Count > 0 && parameters.Parameters[0].Modifiers.Any(SyntaxKind.ThisKeyword);
            return new Arity(extension ? Math.Max(0, required - 1) : required, unbounded ? int.MaxValue : total);
        }
    }

    private ForwarderNames GetForwarders(CancellationToken cancellationToken)
    {
        if (_forwarders is { } found)
        {
            return found;
        }

        // Which trees declare forwarders: from the previous compilation of the project for the trees it shares with
        // this one, when the names the filter checks are the same (ForwarderCache); every tree otherwise.
        var trees = _compilation.SyntaxTrees.ToArray();
        var names = GetNames(cancellationToken);
        var namesKey = NamesKey(names);
        var perTree = ForwarderCache.TryCarry(trees, namesKey, names.TreeWords, out var changed);
        if (perTree is null)
        {
            perTree = new Dictionary<SyntaxTree, TreeForwarders>();
            foreach (var tree in trees)
            {
                if (ForwardersOf(tree, cancellationToken) is { } treeForwarders)
                {
                    perTree.Add(tree, treeForwarders);
                }
            }
        }
        else
        {
            foreach (var (before, after) in changed!)
            {
                perTree.Remove(before);
                if (ForwardersOf(after, cancellationToken) is { } treeForwarders)
                {
                    perTree.Add(after, treeForwarders);
                }
            }
        }

        ForwarderCache.Remember(trees, namesKey, names.TreeWords, perTree);
        Interlocked.Exchange(ref _forwardersCarried, changed is null ? 0 : 1);

        // In tree order, as a scan of every tree adds them.
        var methods = new Dictionary<string, (Arity Arity, ImmutableArray<BaseMethodDeclarationSyntax>.Builder Declarations)>(StringComparer.Ordinal);
        var types = new Dictionary<string, (Arity Arity, ImmutableArray<BaseMethodDeclarationSyntax>.Builder Declarations)>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            if (perTree.TryGetValue(tree, out var treeForwarders))
            {
                AddAll(methods, treeForwarders.Methods);
                AddAll(types, treeForwarders.Types);
            }
        }

        lock (_forwardersGate)
        {
            return _forwarders ??= new ForwarderNames(ToForwarders(methods), ToForwarders(types));
        }

        static ImmutableDictionary<string, Forwarder> ToForwarders(Dictionary<string, (Arity Arity, ImmutableArray<BaseMethodDeclarationSyntax>.Builder Declarations)> names)
        {
            var result = ImmutableDictionary.CreateBuilder<string, Forwarder>(StringComparer.Ordinal);
            foreach (var entry in names)
            {
                result.Add(entry.Key, new Forwarder(entry.Value.Arity, entry.Value.Declarations.ToImmutable()));
            }

            return result.ToImmutable();
        }
    }

    /// <summary>True when this recognizer's forwarders were carried from a previous compilation's (for tests).</summary>
    internal bool ForwardersCarried => Volatile.Read(ref _forwardersCarried) == 1;

    private int _forwardersCarried;

    /// <summary>The members of a tree whose parameter name appears inside one of their own candidate sites; null for none.</summary>
    private TreeForwarders? ForwardersOf(SyntaxTree tree, CancellationToken cancellationToken)
    {
        // A tree that may hold a role-tagged message spells one of MayContainSites' words (its words include the
        // roles) or an own role value (which MayContainSites looks for too): only a tree it keeps is asked.
        var framework = MayContainSites(tree, cancellationToken);
        if (!framework)
        {
            return null;
        }

        var roleTagged = RoleTaggedMessages.MayContain(tree, cancellationToken);

        // A tree's forwarders depend on its syntax and on the names the filter checks; a new compilation (every
        // keystroke in the IDE) shares all trees but the edited one, so each tree's answer is kept with the names it
        // was computed for and reused while they are the same, instead of walking every candidate tree again.
        var candidates = CreateFilter(tree, out var key, cancellationToken);
        var slot = s_treeForwarders.GetValue(tree, static _ => new StrongBox<TreeForwarders?>());
        if (Volatile.Read(ref slot.Value) is { } cached && cached.Key.Equals(key, framework, roleTagged))
        {
            return cached.Methods.Length == 0 && cached.Types.Length == 0 ? null : cached;
        }

        var treeMethods = new List<(string, Arity, BaseMethodDeclarationSyntax)>();
        var treeTypes = new List<(string, Arity, BaseMethodDeclarationSyntax)>();
        CollectForwarders(tree, framework, roleTagged, candidates, treeMethods, treeTypes, cancellationToken);
        var computed = new TreeForwarders(new ForwarderKey(key.Names, key.Aliases, framework, roleTagged), treeMethods.ToArray(), treeTypes.ToArray());
        Volatile.Write(ref slot.Value, computed);
        return treeMethods.Count == 0 && treeTypes.Count == 0 ? null : computed;
    }

    private static void AddAll(Dictionary<string, (Arity, ImmutableArray<BaseMethodDeclarationSyntax>.Builder)> names, IEnumerable<(string Name, Arity Arity, BaseMethodDeclarationSyntax Declaration)> found)
    {
        foreach (var (name, arity, declaration) in found)
        {
            if (names.TryGetValue(name, out var known))
            {
                if (!known.Item2.Contains(declaration))
                {
                    known.Item2.Add(declaration);
                }

                names[name] = (known.Item1.Merge(arity), known.Item2);
            }
            else
            {
                var declarations = ImmutableArray.CreateBuilder<BaseMethodDeclarationSyntax>();
                declarations.Add(declaration);
                names[name] = (arity, declarations);
            }
        }
    }

    private static void CollectForwarders(SyntaxTree tree, bool framework, bool roleTagged, CandidateFilter candidates, List<(string, Arity, BaseMethodDeclarationSyntax)> methods, List<(string, Arity, BaseMethodDeclarationSyntax)> types, CancellationToken cancellationToken)
    {
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            if (!((framework && candidates.Accepts(node)) || (roleTagged && RoleTaggedMessages.IsCandidate(node)))
                || EnclosingMember(node) is not { } member
                || !MentionsParameter(node, member))
            {
                continue;
            }

            switch (member)
            {
                case ConstructorDeclarationSyntax constructor:
                    types.Add((constructor.Identifier.ValueText, Arity.Of(constructor.ParameterList), constructor));
                    break;
                case MethodDeclarationSyntax method:
                    methods.Add((method.Identifier.ValueText, Arity.Of(method.ParameterList), method));
                    break;
            }
        }
    }

    private CandidateFilter CreateFilter(SyntaxTree tree, CancellationToken cancellationToken) => CreateFilter(tree, out _, cancellationToken);

    private CandidateFilter CreateFilter(SyntaxTree tree, out ForwarderKey key, CancellationToken cancellationToken)
    {
        var names = GetNames(cancellationToken);
        var creations = SyntaxNames.AliasesOf(names.Creations, tree, _compilation, cancellationToken);
        var mcpAttributes = names.McpPromptAttributes.IsEmpty ? names.McpPromptAttributes : SyntaxNames.AliasesOf(names.McpPromptAttributes, tree, _compilation, cancellationToken);
        var aliases = ReferenceEquals(creations, names.Creations) && ReferenceEquals(mcpAttributes, names.McpPromptAttributes)
            ? string.Empty
            : Join(creations) + "\u0002" + Join(mcpAttributes);
        key = new ForwarderKey(NamesKey(names), aliases, false, false);
        return new CandidateFilter(names, creations, mcpAttributes, includeConstructorInitializers: false);
    }

    private static readonly WeakCache<SyntaxTree, StrongBox<TreeForwarders?>> s_treeForwarders = new();
    private static readonly ConcurrentDictionary<string, object> s_namesKeys = new(StringComparer.Ordinal);
    private object? _namesKey;

    /// <summary>
    /// One object per distinct set of the names <see cref="CandidateFilter"/> checks (whatever the compilation), so a
    /// tree's kept answer is matched by reference.
    /// </summary>
    private object NamesKey(CandidateNames names)
    {
        if (_namesKey is { } known)
        {
            return known;
        }

        var text = Join(names.Creations) + "\u0002" + Join(names.Invocations) + "\u0002" + Join(names.Assignments) + "\u0002" + Join(names.McpPromptAttributes);
        var key = s_namesKeys.GetOrAdd(text, static _ => new object());
        return Interlocked.CompareExchange(ref _namesKey, key, null) ?? key;
    }

    private static string Join(ImmutableHashSet<string> names)
    {
        var sorted = new List<string>(names);
        sorted.Sort(StringComparer.Ordinal);
        return string.Join("\u0001", sorted);
    }

    /// <summary>What a tree's forwarders were computed from besides its syntax: the filter's names, the tree's aliases of them, and whether the tree can hold framework or role-tagged sites.</summary>
    private readonly struct ForwarderKey(object names, string aliases, bool framework, bool roleTagged)
    {
        public object Names { get; } = names;

        public string Aliases { get; } = aliases;

        public bool Equals(ForwarderKey other, bool framework, bool roleTagged) =>
            ReferenceEquals(Names, other.Names) && string.Equals(Aliases, other.Aliases, StringComparison.Ordinal) && Framework == framework && RoleTagged == roleTagged;

        public bool Framework { get; } = framework;

        public bool RoleTagged { get; } = roleTagged;
    }

    private sealed class TreeForwarders(ForwarderKey key, (string Name, Arity Arity, BaseMethodDeclarationSyntax Declaration)[] methods, (string Name, Arity Arity, BaseMethodDeclarationSyntax Declaration)[] types)
    {
        public ForwarderKey Key { get; } = key;

        /// <summary>The tree's forwarding methods (their declarations are nodes of the tree the answer is kept with).</summary>
        public (string Name, Arity Arity, BaseMethodDeclarationSyntax Declaration)[] Methods { get; } = methods;

        public (string Name, Arity Arity, BaseMethodDeclarationSyntax Declaration)[] Types { get; } = types;
    }

    private static BaseMethodDeclarationSyntax? EnclosingMember(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ConstructorDeclarationSyntax or MethodDeclarationSyntax:
                    return (BaseMethodDeclarationSyntax)current;
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The node spells one of the member's parameters, or a local the member initializes from one
    /// (<c>var prompt = string.IsNullOrEmpty(system) ? Default : system;</c>).
    /// </summary>
    private static bool MentionsParameter(SyntaxNode node, BaseMethodDeclarationSyntax member)
    {
        if (MentionsParameter(node, member.ParameterList))
        {
            return true;
        }

        var body = (SyntaxNode?)member.Body ?? member.ExpressionBody;
        if (body is null || member.ParameterList.Parameters.Count == 0)
        {
            return false;
        }

        HashSet<string>? aliases = null;
        foreach (var declarator in body.DescendantNodes())
        {
            if (declarator is VariableDeclaratorSyntax { Initializer.Value: { } initial } local && MentionsParameter(initial, member.ParameterList))
            {
                (aliases ??= new HashSet<string>(StringComparer.Ordinal)).Add(local.Identifier.ValueText);
            }
        }

        if (aliases is null)
        {
            return false;
        }

        foreach (var descendant in node.DescendantNodesAndSelf())
        {
            if (descendant is IdentifierNameSyntax identifier && aliases.Contains(identifier.Identifier.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MentionsParameter(SyntaxNode node, ParameterListSyntax parameters)
    {
        if (parameters.Parameters.Count == 0)
        {
            return false;
        }

        foreach (var descendant in node.DescendantNodes())
        {
            if (descendant is IdentifierNameSyntax identifier)
            {
                foreach (var parameter in parameters.Parameters)
                {
                    if (parameter.Identifier.ValueText == identifier.Identifier.ValueText)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>The prompt sites a call of a forwarding member makes: its arguments for the parameters the member puts into a prompt.</summary>
    private ImmutableArray<PromptSite> GetForwardedSites(IOperation operation, CancellationToken cancellationToken)
    {
        var (method, arguments) = operation switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments),
            _ => (null, ImmutableArray<IArgumentOperation>.Empty),
        };

        if (method is null || arguments.IsEmpty || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly))
        {
            return ImmutableArray<PromptSite>.Empty;
        }

        var forwarded = GetForwardedThroughDispatch(method.OriginalDefinition, cancellationToken);
        if (forwarded.IsEmpty)
        {
            return ImmutableArray<PromptSite>.Empty;
        }

        var sites = ImmutableArray.CreateBuilder<PromptSite>();
        foreach (var prompt in forwarded)
        {
            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Ordinal == prompt.Ordinal)
                {
                    sites.Add(new PromptSite(prompt.Kind, prompt.Api, operation, argument.Value));
                }
            }
        }

        return sites.ToImmutable();
    }

    /// <summary>
    /// What a call of <paramref name="method"/> forwards, including through dispatch: a call of the app's own interface,
    /// abstract or virtual method (<c>_llm.AskAsync(systemPrompt, question)</c> on an <c>ILlm</c>) runs one of its
    /// implementations in this compilation, so each implementation that puts the parameter into a prompt site makes
    /// the call's argument a prompt site too (the first one, in source order, names the path). With no implementation
    /// in the compilation the call stays silent, as for any call whose body is not known.
    /// </summary>
    private ImmutableArray<ForwardedPrompt> GetForwardedThroughDispatch(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var own = GetForwarded(method, cancellationToken);
        if (method.ContainingType?.TypeKind != TypeKind.Interface && !method.IsAbstract && !method.IsVirtual && !method.IsOverride)
        {
            return own;
        }

        var implementations = Classifier.GetImplementations(method, cancellationToken);
        if (implementations.IsEmpty)
        {
            return own;
        }

        var result = ImmutableArray.CreateBuilder<ForwardedPrompt>();
        result.AddRange(own);
        foreach (var implementation in implementations)
        {
            foreach (var prompt in GetForwarded(implementation, cancellationToken))
            {
                if (!result.Any(known => known.Ordinal == prompt.Ordinal))
                {
                    result.Add(prompt with { Api = method.ContainingType!.Name + "." + method.Name + " → " + prompt.Api });
                }
            }
        }

        return result.ToImmutable();
    }

    private ImmutableArray<ForwardedPrompt> GetForwarded(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (_forwarded.TryGetValue(method, out var cached))
        {
            return cached;
        }

        var computing = t_forwarding ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (!computing.Add(method))
        {
            return ImmutableArray<ForwardedPrompt>.Empty; // a member that hands its parameter back to itself
        }

        try
        {
            return _forwarded.GetOrAdd(method, ComputeForwarded(method, cancellationToken));
        }
        finally
        {
            computing.Remove(method);
        }
    }

    private ImmutableArray<ForwardedPrompt> ComputeForwarded(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var result = ImmutableArray.CreateBuilder<ForwardedPrompt>();
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not BaseMethodDeclarationSyntax declaration
                || !_compilation.ContainsSyntaxTree(declaration.SyntaxTree))
            {
                continue;
            }

            var tree = declaration.SyntaxTree;
            var model = _forwardingModels.GetOrAdd(tree, CreateSemanticModel);
            var framework = MayContainSites(tree, cancellationToken);
            var candidates = CreateFilter(tree, cancellationToken);
            var forwarders = GetForwarders(cancellationToken);
            foreach (var node in declaration.DescendantNodes())
            {
                var frameworkCandidate = framework && candidates.Accepts(node);
                var roleCandidate = RoleTaggedMessages.IsCandidate(node);
                var relayCandidate = !frameworkCandidate && !roleCandidate && forwarders.Accepts(node, this, cancellationToken);
                if ((!frameworkCandidate && !roleCandidate && !relayCandidate) || !MentionsParameter(node, declaration))
                {
                    continue; // only candidate sites whose text can be a parameter are bound
                }

                var sites = ImmutableArray<PromptSite>.Empty;
                if ((frameworkCandidate || relayCandidate) && GetOperation(model, node, cancellationToken) is { } operation)
                {
                    // A call of another forwarder hands the parameter on: its sites are this member's too.
                    sites = relayCandidate ? GetForwardedSites(operation, cancellationToken) : GetSites(operation, method, cancellationToken);
                }

                if (sites.IsEmpty && roleCandidate && RoleTaggedMessages.GetSite(model, node, cancellationToken) is { } roleTagged)
                {
                    sites = ImmutableArray.Create(roleTagged);
                }

                foreach (var site in sites)
                {
                    if (ParameterOf(site.Text, method, model, cancellationToken) is { } parameter)
                    {
                        var owner = method.MethodKind == MethodKind.Constructor ? "new " + method.ContainingType.Name : method.ContainingType.Name + "." + method.Name;
                        result.Add(new ForwardedPrompt(parameter.Ordinal, site.Kind, owner + "(" + parameter.Name + ") → " + site.Api));
                    }
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The parameter of <paramref name="method"/> that a site's text is: the parameter itself, or a local initialized
    /// from it (directly, or as a branch of <c>?:</c> or the value of <c>??</c>: a default used when it is empty).
    /// </summary>
    private static IParameterSymbol? ParameterOf(IOperation text, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        var value = Unwrap(text);
        if (value is ILocalReferenceOperation { Local: { DeclaringSyntaxReferences: { Length: 1 } references } }
            && references[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initial }
            && initial.SyntaxTree == model.SyntaxTree
            && GetOperation(model, initial, cancellationToken) is { } initialized)
        {
            value = Unwrap(initialized);
            value = value switch
            {
                IConditionalOperation { WhenFalse: { } whenFalse } conditional => Unwrap(conditional.WhenTrue) is IParameterReferenceOperation ? Unwrap(conditional.WhenTrue) : Unwrap(whenFalse),
                ICoalesceOperation coalesce => Unwrap(coalesce.Value),
                _ => value,
            };
        }

        return value is IParameterReferenceOperation { Parameter: var parameter } && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
            ? parameter
            : null;
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    // A forwarding member is usually declared in another file than its callers: its body is bound once per compilation.
    private SemanticModel CreateSemanticModel(SyntaxTree tree) => SemanticModels.Create(_compilation, tree);
}
