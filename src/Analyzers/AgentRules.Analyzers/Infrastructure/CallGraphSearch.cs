using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Infrastructure;

/// <summary>One thing a <see cref="CallGraphSearch{T}"/> found, and the first same-compilation call that led to it.</summary>
/// <param name="Value">What the matcher returned.</param>
/// <param name="Via">The method called from the searched body that (directly or further down) contains the match; null when the match is in the body itself.</param>
public sealed record CallGraphMatch<T>(T Value, IMethodSymbol? Via) where T : class;

/// <summary>
/// Searches an operation tree — a method body, lambdas and local functions included — and the bodies of
/// same-compilation methods it calls, a few levels deep, for the first operation a matcher recognises.
/// </summary>
/// <remarks>
/// Rules use it to see through helpers: a tool whose body calls <c>repository.DeleteAll()</c>, which calls
/// <c>ExecuteNonQuery</c>; a loop whose body calls <c>AskModelAsync()</c>, which calls <c>GetResponseAsync</c>.
/// Create one per compilation and matcher; results are memoized per (method, remaining depth), so the answer never
/// depends on the order in which concurrent callers ask. Matches in the body itself win over matches through calls;
/// among each, source order decides.
/// </remarks>
public sealed class CallGraphSearch<T> where T : class
{
    private readonly Compilation _compilation;
    private readonly Func<IOperation, T?> _match;
    private readonly int _maxDepth;
    private readonly Func<IMethodSymbol, bool>? _follow;
    private readonly Func<SyntaxTree, SemanticModel>? _getModel;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), Result> _methodResults = new(MethodDepthComparer.Instance);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    /// <param name="compilation">The compilation whose source methods may be followed.</param>
    /// <param name="match">Returns a value for an operation that is what the caller looks for, else null. Must be thread-safe.</param>
    /// <param name="maxDepth">How many levels of calls to follow from the searched body (0 = the body only).</param>
    /// <param name="follow">
    /// Which same-compilation callees to follow (default: all). Rules use it to skip helpers whose findings would
    /// mislead, such as a schema initializer every repository method calls. Must be thread-safe.
    /// </param>
    /// <param name="getModel">
    /// Where semantic models come from (default: one per tree, created by this search). Searches of one area pass a
    /// shared cache so that a method body is bound once for all of them. Must be thread-safe.
    /// </param>
    public CallGraphSearch(Compilation compilation, Func<IOperation, T?> match, int maxDepth = 3, Func<IMethodSymbol, bool>? follow = null, Func<SyntaxTree, SemanticModel>? getModel = null)
    {
        _compilation = compilation;
        _match = match;
        _maxDepth = maxDepth;
        _follow = follow;
        _getModel = getModel;
    }

    /// <summary>Searches an operation tree (usually a method body or a loop body) and what it calls.</summary>
    public CallGraphMatch<T>? Find(IOperation root, CancellationToken cancellationToken) =>
        Search(root, _maxDepth, cancellationToken) is { Value: { } value } result ? new CallGraphMatch<T>(value, result.Via) : null;

    /// <summary>Searches the body of a source method and what it calls; null for methods without source here.</summary>
    public CallGraphMatch<T>? Find(IMethodSymbol method, CancellationToken cancellationToken) =>
        SearchMethod(method, _maxDepth, cancellationToken) is { Value: { } value } result ? new CallGraphMatch<T>(value, result.Via) : null;

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

            var model = _getModel is { } shared ? shared(body.SyntaxTree) : _models.GetOrAdd(body.SyntaxTree, GetSemanticModel);
            if (model.GetOperation(body, cancellationToken) is { } operation)
            {
                return operation;
            }
        }

        return null;
    }

    private Result SearchMethod(IMethodSymbol method, int depth, CancellationToken cancellationToken)
    {
        var key = (method.OriginalDefinition, depth);
        if (_methodResults.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var body = GetBody(method.OriginalDefinition, cancellationToken);
        var result = body is null ? Result.None : Search(body, depth, cancellationToken);
        return _methodResults.GetOrAdd(key, result);
    }

    private Result Search(IOperation root, int depth, CancellationToken cancellationToken)
    {
        List<IMethodSymbol>? callees = null;
        foreach (var operation in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_match(operation) is { } found)
            {
                return new Result(found, null);
            }

            if (depth > 0 && GetCallee(operation) is { } callee)
            {
                (callees ??= new List<IMethodSymbol>()).Add(callee);
            }
        }

        if (callees is null)
        {
            return Result.None;
        }

        var containing = root.SemanticModel?.GetEnclosingSymbol(root.Syntax.SpanStart, cancellationToken);
        foreach (var callee in callees)
        {
            if (SymbolEqualityComparer.Default.Equals(callee, containing))
            {
                continue; // recursion: the body itself was just searched
            }

            if (SearchMethod(callee, depth - 1, cancellationToken) is { Value: { } value })
            {
                return new Result(value, callee);
            }
        }

        return Result.None;
    }

    private IMethodSymbol? GetCallee(IOperation operation)
    {
        var method = operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IMethodReferenceOperation reference => reference.Method,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };

        if (method is null || method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction)
        {
            return null; // local functions and lambdas are part of the tree already searched
        }

        method = method.ReducedFrom ?? method;
        return method.DeclaringSyntaxReferences.Length > 0
            && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly)
            && (_follow is null || _follow(method.OriginalDefinition))
            ? method.OriginalDefinition
            : null;
    }

    // Following calls into other files needs their semantic models. Results are memoized per compilation, so each
    // tree's model is created at most once per search.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
    private SemanticModel GetSemanticModel(SyntaxTree tree) => _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

    private readonly record struct Result(T? Value, IMethodSymbol? Via)
    {
        public static Result None => default;
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
