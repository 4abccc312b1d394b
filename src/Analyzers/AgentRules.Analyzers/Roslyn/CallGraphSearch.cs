using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Roslyn;

/// <summary>One thing a <see cref="CallGraphSearch{T}"/> found, and the first same-compilation call that led to it.</summary>
/// <param name="Value">What the matcher returned.</param>
/// <param name="Via">The method called from the searched body that (directly or further down) contains the match; null when the match is in the body itself.</param>
public sealed record CallGraphMatch<T>(T Value, IMethodSymbol? Via) where T : class
{
    /// <summary>
    /// The calls from the searched body down to the method that holds the match, in order (<see cref="Via"/> first);
    /// an interface, abstract or virtual call followed into an implementation appears as both methods. Empty when the
    /// match is in the body itself.
    /// </summary>
    public ImmutableArray<IMethodSymbol> Path { get; init; } = ImmutableArray<IMethodSymbol>.Empty;
}

/// <summary>
/// Searches an operation tree — a method body, lambdas and local functions included — and the bodies of
/// same-compilation methods it calls, a few levels deep, for the first operation a matcher recognises.
/// </summary>
/// <remarks>
/// Rules use it to see through helpers: a tool whose body calls <c>repository.DeleteAll()</c>, which calls
/// <c>ExecuteNonQuery</c>; a loop whose body calls <c>AskModelAsync()</c>, which calls <c>GetResponseAsync</c>.
/// Create one per compilation and matcher; results are memoized per (method, remaining depth), so the answer never
/// depends on the order in which concurrent callers ask. Matches in the body itself win over matches through calls;
/// among each, source order decides. Local functions declared outside the searched tree (a loop calling a helper
/// declared further down in the method) are followed like methods. With <c>followImplementations</c>, a call to an
/// interface, abstract or virtual method is also followed into its implementations in this compilation
/// (<c>_llm.AskAsync()</c> through an <c>ILlmService</c> registered in DI).
/// </remarks>
public sealed class CallGraphSearch<T> where T : class
{
    private readonly Compilation _compilation;
    private readonly Func<IOperation, T?> _match;
    private readonly int _maxDepth;
    private readonly bool _followImplementations;
    private readonly Func<IMethodSymbol, bool>? _follow;
    private readonly Func<SyntaxTree, SemanticModel>? _getModel;
    private readonly Func<IMethodSymbol, bool>? _mayMatch;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), Result> _methodResults = new(MethodDepthComparer.Instance);

    /// <summary>
    /// A <c>maxDepth</c> that follows calls as deep as they go: each method's answer is computed once and memoized,
    /// and calls that lead back to a method still being searched (mutual recursion) are cycles, settled by a fixed
    /// point — an answer that depended on an unfinished method is kept only for the search that computed it.
    /// </summary>
    public const int Unbounded = int.MaxValue;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _implementations = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    /// <param name="compilation">The compilation whose source methods may be followed.</param>
    /// <param name="match">Returns a value for an operation that is what the caller looks for, else null. Must be thread-safe.</param>
    /// <param name="maxDepth">How many levels of calls to follow from the searched body (0 = the body only).</param>
    /// <param name="followImplementations">Also follow calls to interface, abstract and virtual methods into their implementations in this compilation.</param>
    /// <param name="follow">
    /// Which same-compilation callees to follow (default: all). Rules use it to skip helpers whose findings would
    /// mislead, such as a schema initializer every repository method calls. Must be thread-safe.
    /// </param>
    /// <param name="getModel">
    /// Where semantic models come from (default: one per tree, created by this search). Searches of one area pass a
    /// shared cache so that a method body is bound once for all of them. Must be thread-safe.
    /// </param>
    /// <param name="mayMatch">
    /// A cheap necessary condition, usually decided by name without binding (default: every method may match): a
    /// same-compilation method for which it returns false is known to contain no match, neither in its body nor
    /// through its calls, so it is not bound or searched, and its implementations are not looked up. Unlike
    /// <paramref name="follow"/> it does not change <see cref="GetCallee"/>. It must give the same answer for a method
    /// and its implementations and overrides (a decision by name does). Must be thread-safe.
    /// </param>
    public CallGraphSearch(Compilation compilation, Func<IOperation, T?> match, int maxDepth = 3, bool followImplementations = false, Func<IMethodSymbol, bool>? follow = null, Func<SyntaxTree, SemanticModel>? getModel = null, Func<IMethodSymbol, bool>? mayMatch = null)
    {
        _compilation = compilation;
        _match = match;
        _maxDepth = maxDepth;
        _followImplementations = followImplementations;
        _follow = follow;
        _getModel = getModel;
        _mayMatch = mayMatch;
    }

    /// <summary>The compilation whose methods this search follows.</summary>
    public Compilation Compilation => _compilation;

    /// <summary>Searches an operation tree (usually a method body or a loop body) and what it calls.</summary>
    public CallGraphMatch<T>? Find(IOperation root, CancellationToken cancellationToken) =>
        ToMatch(Search(root, _maxDepth, NewCycles(), cancellationToken));

    /// <summary>Searches the body of a source method and what it calls; null for methods without source here.</summary>
    public CallGraphMatch<T>? Find(IMethodSymbol method, CancellationToken cancellationToken) =>
        ToMatch(SearchMethod(method, _maxDepth, NewCycles(), cancellationToken));

    private static CallGraphMatch<T>? ToMatch(Result result) =>
        result.Value is { } value ? new CallGraphMatch<T>(value, result.Path?.Method) { Path = PathNode.ToArray(result.Path) } : null;

    private Cycles? NewCycles() => _maxDepth == Unbounded ? new Cycles() : null;

    /// <summary>The operation tree of a source method's body, or null when it has none in this compilation.</summary>
    public IOperation? GetBody(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.PartialImplementationPart ?? method;
        if (method.DeclaringSyntaxReferences.Length == 0 || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly))
        {
            return null;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            SyntaxNode? body = syntax switch
            {
                BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
                LocalFunctionStatementSyntax l => (SyntaxNode?)l.Body ?? l.ExpressionBody,
                AccessorDeclarationSyntax a => (SyntaxNode?)a.Body ?? a.ExpressionBody,
                ArrowExpressionClauseSyntax e => e,
                _ => null,
            };

            if (body is null || !_compilation.ContainsSyntaxTree(body.SyntaxTree))
            {
                continue;
            }

            var model = Model(body.SyntaxTree);
            if (model.GetOperationWithinLimits(body, cancellationToken) is { } operation)
            {
                return operation;
            }
        }

        return null;
    }

    /// <summary>
    /// The operation of a node in any syntax tree of the compilation (a field initializer, a constructor's
    /// assignment), or null when the node has none or is not in this compilation. Uses the same semantic-model cache
    /// as the searches.
    /// </summary>
    public IOperation? GetOperation(SyntaxNode node, CancellationToken cancellationToken)
    {
        if (!_compilation.ContainsSyntaxTree(node.SyntaxTree))
        {
            return null;
        }

        return Model(node.SyntaxTree).GetOperationWithinLimits(node, cancellationToken);
    }

    /// <summary>The cached semantic model of a tree of the compilation, or null for a tree outside it.</summary>
    public SemanticModel? GetSemanticModel(SyntaxTree tree, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _compilation.ContainsSyntaxTree(tree) ? Model(tree) : null;
    }

    private SemanticModel Model(SyntaxTree tree) => _getModel is { } shared ? shared(tree) : _models.GetOrAdd(tree, GetSemanticModel);

    private Result SearchMethod(IMethodSymbol method, int depth, Cycles? cycles, CancellationToken cancellationToken)
    {
        if (_mayMatch is { } mayMatch && !mayMatch(method.OriginalDefinition))
        {
            return Result.None;
        }

        var key = (method.OriginalDefinition, depth);
        if (_methodResults.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (cycles is null)
        {
            var body = GetBody(method.OriginalDefinition, cancellationToken);
            var result = body is null ? Result.None : Search(body, depth, null, cancellationToken);
            return _methodResults.GetOrAdd(key, result);
        }

        return SearchUnbounded(method.OriginalDefinition, key, cycles, cancellationToken);
    }

    /// <summary>
    /// One method of an unbounded search. A method already on the search's stack answers "nothing yet" and marks the
    /// frames above it as depending on it; a frame that found nothing but depended on an unfinished method keeps its
    /// answer for this search only (a later search may reach that method's match first). Found matches are final.
    /// </summary>
    private Result SearchUnbounded(IMethodSymbol method, (IMethodSymbol, int) key, Cycles cycles, CancellationToken cancellationToken)
    {
        if (cycles.Provisional.TryGetValue(method, out var provisional))
        {
            return provisional;
        }

        if (cycles.OnStack.TryGetValue(method, out var index))
        {
            cycles.LowestHit = Math.Min(cycles.LowestHit, index);
            return Result.None;
        }

        var frame = cycles.OnStack.Count;
        cycles.OnStack.Add(method, frame);
        var outerLowest = cycles.LowestHit;
        cycles.LowestHit = int.MaxValue;
        Result result;
        try
        {
            var body = GetBody(method, cancellationToken);
            result = body is null ? Result.None : Search(body, Unbounded, cycles, cancellationToken);
        }
        finally
        {
            cycles.OnStack.Remove(method);
        }

        var dependsOnUnfinished = cycles.LowestHit < frame;
        cycles.LowestHit = Math.Min(outerLowest, dependsOnUnfinished ? cycles.LowestHit : int.MaxValue);
        if (result.Value is null && dependsOnUnfinished)
        {
            cycles.Provisional[method] = result;
            return result;
        }

        return _methodResults.GetOrAdd(key, result);
    }

    private Result Search(IOperation root, int depth, Cycles? cycles, CancellationToken cancellationToken)
    {
        List<IMethodSymbol>? callees = null;
        foreach (var operation in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_match(operation) is { } found)
            {
                return new Result(found, null);
            }

            if (depth > 0 && GetCallee(operation, root) is { } callee)
            {
                (callees ??= new List<IMethodSymbol>()).Add(callee);
            }
        }

        if (callees is null)
        {
            return Result.None;
        }

        var containing = root.SemanticModel?.GetEnclosingSymbol(root.Syntax.SpanStart, cancellationToken);
        var next = depth == Unbounded ? Unbounded : depth - 1;
        foreach (var callee in callees)
        {
            if (SymbolEqualityComparer.Default.Equals(callee, containing))
            {
                continue; // recursion: the body itself was just searched
            }

            if (SearchMethod(callee, next, cycles, cancellationToken) is { Value: { } value } direct)
            {
                return new Result(value, new PathNode(callee, direct.Path));
            }

            if (_followImplementations && (_mayMatch is null || _mayMatch(callee)))
            {
                foreach (var implementation in GetImplementations(callee, cancellationToken))
                {
                    if (SearchMethod(implementation, next, cycles, cancellationToken) is { Value: { } found } through)
                    {
                        return new Result(found, new PathNode(callee, new PathNode(implementation, through.Path)));
                    }
                }
            }
        }

        return Result.None;
    }

    /// <summary>
    /// The same-compilation method an operation calls (an invocation, a method group, a constructor) that a search
    /// rooted at <paramref name="root"/> would follow, or null: calls into other assemblies, lambdas, and local
    /// functions declared inside <paramref name="root"/> (already part of its tree) are not followed.
    /// </summary>
    public IMethodSymbol? GetCallee(IOperation operation, IOperation root)
    {
        var method = operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IMethodReferenceOperation reference => reference.Method,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };

        if (method is null || method.MethodKind == MethodKind.AnonymousFunction)
        {
            return null; // lambdas are part of the tree already searched
        }

        if (method.MethodKind == MethodKind.LocalFunction && IsDeclaredInside(method, root))
        {
            return null; // so are local functions declared inside it
        }

        method = method.ReducedFrom ?? method;
        if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly)
            && method.DeclaringSyntaxReferences.Length > 0
            && (_follow is null || _follow(method.OriginalDefinition)))
        {
            return method.OriginalDefinition;
        }

        return null;
    }

    /// <summary>
    /// The methods of this compilation that implement or override an interface, abstract or virtual method, in source
    /// order; empty for other methods. Found through the compilation's name index, so only same-named methods are
    /// examined.
    /// </summary>
    public ImmutableArray<IMethodSymbol> GetImplementations(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        var isInterfaceMember = method.ContainingType?.TypeKind == TypeKind.Interface;
        if (!isInterfaceMember && !method.IsAbstract && !method.IsVirtual && !method.IsOverride)
        {
            return ImmutableArray<IMethodSymbol>.Empty;
        }

        if (_implementations.TryGetValue(method, out var cached))
        {
            return cached;
        }

        var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
        foreach (var candidate in GetSourceMethodsNamed(method.Name, cancellationToken))
        {
            if (candidate.IsAbstract || SymbolEqualityComparer.Default.Equals(candidate, method))
            {
                continue;
            }

            if (isInterfaceMember
                ? candidate.ContainingType is { } type && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(method)?.OriginalDefinition, candidate.OriginalDefinition)
                : Overrides(candidate, method))
            {
                builder.Add(candidate.OriginalDefinition);
            }
        }

        var result = builder
            .OrderBy(m => m.Locations.FirstOrDefault()?.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
            .ToImmutableArray();
        return _implementations.GetOrAdd(method, result);
    }

    /// <summary>
    /// The source methods of the compilation with this name, as <c>Compilation.GetSymbolsWithName(name,
    /// SymbolFilter.Member)</c> lists them (explicit interface implementations, whose names are qualified, are not
    /// among them). That call walks every declaration of the compilation each time; this reads only the member
    /// declarations of the files whose text spells the name (<see cref="SourceIndex"/>, confirmed by a text search)
    /// and asks their semantic models for the declared symbols, which binds no method body.
    /// </summary>
    private List<IMethodSymbol> GetSourceMethodsNamed(string name, CancellationToken cancellationToken)
    {
        var result = new List<IMethodSymbol>();
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (!SourceIndex.MayContain(tree, name, cancellationToken) || tree.GetText(cancellationToken).ToString().IndexOf(name, StringComparison.Ordinal) < 0)
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } declaration && declaration.Identifier.ValueText == name)
                {
                    model ??= Model(tree);
                    if (model.GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol symbol && seen.Add(symbol.PartialDefinitionPart ?? symbol))
                    {
                        result.Add(symbol.PartialDefinitionPart ?? symbol);
                    }
                }
            }
        }

        return result;
    }

    private static bool Overrides(IMethodSymbol candidate, IMethodSymbol method)
    {
        for (var current = candidate.OverriddenMethod; current is not null; current = current.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, method))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDeclaredInside(IMethodSymbol localFunction, IOperation root)
    {
        foreach (var reference in localFunction.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == root.Syntax.SyntaxTree && root.Syntax.Span.Contains(reference.Span))
            {
                return true;
            }
        }

        return false;
    }

    // Following calls into other files needs their semantic models. Results are memoized per compilation, so each
    // tree's model is created at most once per search.
    private SemanticModel GetSemanticModel(SyntaxTree tree) => SemanticModels.Create(_compilation, tree);

    private readonly record struct Result(T? Value, PathNode? Path)
    {
        public static Result None => default;
    }

    /// <summary>The calls that led to a match, shared between the results that extend it.</summary>
    private sealed class PathNode(IMethodSymbol method, PathNode? next)
    {
        public IMethodSymbol Method { get; } = method;

        public PathNode? Next { get; } = next;

        public static ImmutableArray<IMethodSymbol> ToArray(PathNode? path)
        {
            if (path is null)
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            for (var node = path; node is not null; node = node.Next)
            {
                builder.Add(node.Method);
            }

            return builder.ToImmutable();
        }
    }

    /// <summary>The state of one unbounded search: the methods on its stack, and answers that depend on them.</summary>
    private sealed class Cycles
    {
        public Dictionary<IMethodSymbol, int> OnStack { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<IMethodSymbol, Result> Provisional { get; } = new(SymbolEqualityComparer.Default);

        public int LowestHit { get; set; } = int.MaxValue;
    }

    private sealed class MethodDepthComparer : IEqualityComparer<(IMethodSymbol Method, int Depth)>
    {
        public static readonly MethodDepthComparer Instance = new();

        public bool Equals((IMethodSymbol Method, int Depth) x, (IMethodSymbol Method, int Depth) y) =>
            x.Depth == y.Depth && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

        public int GetHashCode((IMethodSymbol Method, int Depth) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 31) + obj.Depth;
    }
}
