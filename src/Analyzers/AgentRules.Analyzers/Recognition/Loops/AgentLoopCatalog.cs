using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// Lists everything the agent-loop rules know about a syntax tree: every loop and recursive method that calls a
/// model (agent loops, human-paced loops and stream consumers alike, each classified), and every framework
/// function-invocation or orchestration site with its cap. The process spec is built from these lists; the
/// analyzers report from the same classifications, so the two never disagree.
/// </summary>
public static class AgentLoopCatalog
{
    /// <summary>The loops and recursive methods of a tree that call a model, in source order.</summary>
    /// <remarks>
    /// Only loops and recursive methods whose text can lead to an LLM call (see <see cref="AgentLoopContext.MayContainLoops"/>)
    /// are bound and classified; a tree that mentions no such name costs a text-index lookup.
    /// </remarks>
    public static ImmutableArray<AgentLoop> FindLoops(AgentLoopContext context, SemanticModel model, CancellationToken cancellationToken) =>
        context.LoopsOf(model.SyntaxTree, tree => FindLoops(context, tree, _ => model, cancellationToken));

    /// <summary>The framework function-invocation and orchestration sites of a tree, and cap settings assigned in it, in source order.</summary>
    /// <remarks>Only invocations, creations and assignments that spell a site's name are bound (see <see cref="FunctionInvocationSiteRecognizer.IsCandidate"/>).</remarks>
    public static ImmutableArray<FunctionInvocationSite> FindSites(AgentLoopContext context, SemanticModel model, CancellationToken cancellationToken) =>
        context.SitesOf(model.SyntaxTree, tree => FindSites(context, tree, _ => model, cancellationToken));

    /// <summary>
    /// Both lists for every tree of the compilation; <paramref name="getModel"/> supplies a tree's semantic model and
    /// is called only for trees with a loop or site worth binding.
    /// </summary>
    public static (ImmutableArray<AgentLoop> Loops, ImmutableArray<FunctionInvocationSite> Sites) FindAll(
        AgentLoopContext context,
        Func<SyntaxTree, SemanticModel> getModel,
        CancellationToken cancellationToken,
        Func<SyntaxTree, bool>? include = null)
    {
        var loops = new List<AgentLoop>();
        var sites = new List<FunctionInvocationSite>();
        foreach (var tree in context.Compilation.SyntaxTrees)
        {
            if (include is null || include(tree))
            {
                loops.AddRange(context.LoopsOf(tree, t => FindLoops(context, t, getModel, cancellationToken)));
                sites.AddRange(context.SitesOf(tree, t => FindSites(context, t, getModel, cancellationToken)));
            }
        }

        return (loops.ToImmutableArray(), sites.ToImmutableArray());
    }

    private static ImmutableArray<AgentLoop> FindLoops(AgentLoopContext context, SyntaxTree tree, Func<SyntaxTree, SemanticModel> getModel, CancellationToken cancellationToken)
    {
        if (!context.MayContainLoops(tree, cancellationToken))
        {
            return ImmutableArray<AgentLoop>.Empty;
        }

        // One walk over the tokens: where the tree mentions something that can lead to an LLM call, its loops, and its
        // methods and local functions. Then only loops with such a mention are bound, and recursion is looked for only
        // in functions with one (a recursive method is an agent loop only when its body reaches a model).
        var reach = context.GetReach(cancellationToken);
        var loops = new HashSet<SyntaxNode>();
        var functions = new HashSet<SyntaxNode>();
        if (reach.CanSearchWords)
        {
            // The loops and functions around each mention found by searching the text for the names.
            foreach (var hit in reach.FindHits(tree, cancellationToken))
            {
                for (var node = hit.Parent; node is not null; node = node.Parent)
                {
                    if (node is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax)
                    {
                        loops.Add(node);
                    }
                    else if (node is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                    {
                        functions.Add(node);
                    }
                }
            }
        }
        else
        {
            var hits = new List<int>();
            var allLoops = new List<SyntaxNode>();
            var allFunctions = new List<SyntaxNode>();
            reach.Walk(tree.GetRoot(cancellationToken), hits, allLoops, allFunctions, cancellationToken);
            loops.UnionWith(allLoops.Where(loop => LlmReach.HasHit(hits, loop.Span)));
            functions.UnionWith(allFunctions.Where(function => LlmReach.HasHit(hits, function.Span)));
        }

        if (loops.Count == 0 && functions.Count == 0)
        {
            return ImmutableArray<AgentLoop>.Empty;
        }

        var candidates = new List<SyntaxNode>(loops);
        string? text = null;
        var tokens = new List<SyntaxToken>();
        foreach (var function in functions)
        {
            // A recursive method is an agent loop only when its body reaches a model: look for calls to itself there.
            if (FunctionName(function) is not { } name)
            {
                continue;
            }

            tokens.Clear();
            AgentLoopSyntax.FindTokens(function, text ??= tree.GetText(cancellationToken).ToString(), name, function.Span, tokens);
            foreach (var token in tokens)
            {
                if (token.Parent is SimpleNameSyntax simpleName && AgentLoopSyntax.GetUse(simpleName) == NameUse.Invoked
                    && (simpleName.Parent is MemberAccessExpressionSyntax or MemberBindingExpressionSyntax ? simpleName.Parent.Parent : simpleName.Parent) is InvocationExpressionSyntax call
                    && MayCallItself(simpleName, call, function)
                    && EnclosingFunction(call) == function)
                {
                    candidates.Add(call);
                }
            }
        }

        candidates.Sort(static (a, b) => a.SpanStart.CompareTo(b.SpanStart)); // source order, as a syntax walk lists them

        var result = ImmutableArray.CreateBuilder<AgentLoop>();
        SemanticModel? model = null;
        foreach (var node in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            model ??= getModel(tree);
            if (node is InvocationExpressionSyntax call)
            {
                if (model.GetOperationWithinLimits(call, cancellationToken) is IInvocationOperation invocation
                    && invocation.TargetMethod.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
                    && invocation.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                    && RecursionFinder.FindRecursion(invocation, model.GetEnclosingSymbol(call.SpanStart, cancellationToken)) is { } recursion
                    && recursion.FirstCall == invocation
                    && context.Loops.ClassifyRecursion(recursion.Method, recursion.Body, recursion.FirstCall, cancellationToken) is { } recursive)
                {
                    result.Add(recursive);
                }
            }
            else if (model.GetOperationWithinLimits(node, cancellationToken) is ILoopOperation loop
                && context.Loops.Classify(loop, cancellationToken) is { } agentLoop
                && !IsStepOfEnclosingLoop(context, loop, cancellationToken)
                && !ToolCallDispatch.IsToolCallDispatch(context, loop, agentLoop, cancellationToken))
            {
                result.Add(agentLoop);
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<FunctionInvocationSite> FindSites(AgentLoopContext context, SyntaxTree tree, Func<SyntaxTree, SemanticModel> getModel, CancellationToken cancellationToken)
    {
        if (!context.MayContainSites(tree, cancellationToken))
        {
            return ImmutableArray<FunctionInvocationSite>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<FunctionInvocationSite>();
        SemanticModel? model = null;
        foreach (var node in context.Sites.FindCandidates(tree, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            model ??= getModel(tree);
            if (model.GetOperationWithinLimits(node, cancellationToken) is { } operation && context.Sites.Recognize(operation, cancellationToken) is { } site)
            {
                result.Add(site);
            }
        }

        return result.ToImmutable();
    }

    /// <summary>The innermost function (method, local function, lambda, accessor...) around a node.</summary>
    /// <summary>
    /// A <c>foreach</c> over a collection inside a loop that calls the model itself — the tool calls of one response,
    /// the steps of one plan — is a step of that loop: it ends with its collection, and the enclosing loop is where a
    /// cap or a stop signal belongs (and is reported). Judged alone it would report the same loop twice, or a loop
    /// the enclosing one already stops between passes.
    /// </summary>
    private static bool IsStepOfEnclosingLoop(AgentLoopContext context, ILoopOperation loop, CancellationToken cancellationToken)
    {
        if (loop is not IForEachLoopOperation { IsAsynchronous: false })
        {
            return false;
        }

        for (var current = loop.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false; // a lambda may run anywhere, not once per pass
            }

            if (current is ILoopOperation enclosing && context.Loops.Classify(enclosing, cancellationToken) is { IsStreamConsumer: false, OwnLlmCall: not null })
            {
                return true;
            }
        }

        return false;
    }

    private static SyntaxNode? EnclosingFunction(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (AgentLoopSyntax.IsFunction(current))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a call spelling the function's own name can be one the recursion check below accepts, decided from
    /// syntax before anything is bound: that check wants no receiver, <c>this</c> or <c>base</c> (or, for a static
    /// method, a type name — or any receiver, for an extension method called on its first argument; members of an
    /// extension block are kept too). So in an instance method of a class, struct, record or interface, or in a local
    /// function, <c>_inner.ExecuteAsync()</c> and <c>x?.Run()</c> are never recursion and
    /// their method is not bound for them (delegating to another object's same-named method is common).
    /// </summary>
    private static bool MayCallItself(SimpleNameSyntax name, InvocationExpressionSyntax call, SyntaxNode function)
    {
        // An overload called by the same name (ExecuteAsync(x) => ExecuteAsync(x, default)) is not recursion either:
        // a call to the function itself passes as many arguments as its parameters accept.
        var parameters = function switch
        {
            MethodDeclarationSyntax method => method.ParameterList,
            LocalFunctionStatementSyntax local => local.ParameterList,
            _ => null,
        };

        if (parameters is not null
            && !AcceptsArguments(parameters, call.ArgumentList.Arguments.Count)
            && !(name.Parent is MemberAccessExpressionSyntax && AcceptsArguments(parameters, call.ArgumentList.Arguments.Count + 1)))
        {
            return false; // (an extension method called on its receiver gets one more: the receiver)
        }

        switch (name.Parent)
        {
            case MemberBindingExpressionSyntax:
                return false; // x?.N(): the instance is the conditional access's, never this
            case MemberAccessExpressionSyntax member when member.Name == name:
                var receiver = member.Expression;
                while (receiver is ParenthesizedExpressionSyntax parenthesized)
                {
                    receiver = parenthesized.Expression;
                }

                if (receiver is ThisExpressionSyntax or BaseExpressionSyntax)
                {
                    return true;
                }

                return function switch
                {
                    LocalFunctionStatementSyntax => false, // a member access never names a local function
                    MethodDeclarationSyntax { Parent: ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax or InterfaceDeclarationSyntax } method =>
                        method.Modifiers.Any(SyntaxKind.StaticKeyword),
                    _ => true,
                };
            default:
                return true;
        }
    }

    /// <summary>Whether a parameter list can take a call with this many arguments (optional parameters, params and __arglist included).</summary>
    private static bool AcceptsArguments(ParameterListSyntax parameters, int count)
    {
        var required = 0;
        var total = parameters.Parameters.Count;
        foreach (var parameter in parameters.Parameters)
        {
            if (parameter.Identifier.IsKind(SyntaxKind.ArgListKeyword) || parameter.Modifiers.Any(SyntaxKind.ParamsKeyword))
            {
                return count >= required; // any number of further arguments
            }

            if (parameter.Default is null)
            {
                required++;
            }
        }

        return count >= required && count <= total;
    }

    private static string? FunctionName(SyntaxNode function) => function switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        LocalFunctionStatementSyntax localFunction => localFunction.Identifier.ValueText,
        _ => null,
    };
}
