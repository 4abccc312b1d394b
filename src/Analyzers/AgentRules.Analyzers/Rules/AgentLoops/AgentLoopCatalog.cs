using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Rules.AgentLoops;

/// <summary>
/// Lists everything the agent-loop rules know about a syntax tree: every loop and recursive method that calls a
/// model (agent loops, human-paced loops and stream consumers alike, each classified), and every framework
/// function-invocation or orchestration site with its cap. The process spec is built from these lists; the
/// analyzers report from the same classifications, so the two never disagree.
/// </summary>
public static class AgentLoopCatalog
{
    /// <summary>The loops and recursive methods of a tree that call a model, in source order.</summary>
    public static ImmutableArray<AgentLoop> FindLoops(AgentLoopContext context, SemanticModel model, CancellationToken cancellationToken)
    {
        var result = ImmutableArray.CreateBuilder<AgentLoop>();
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax:
                    if (model.GetOperation(node, cancellationToken) is ILoopOperation loop && context.Loops.Classify(loop, cancellationToken) is { } agentLoop)
                    {
                        result.Add(agentLoop);
                    }

                    break;
                case InvocationExpressionSyntax:
                    if (model.GetOperation(node, cancellationToken) is IInvocationOperation invocation
                        && invocation.TargetMethod.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
                        && RecursionFinder.FindRecursion(invocation, model.GetEnclosingSymbol(node.SpanStart, cancellationToken)) is { } recursion
                        && recursion.FirstCall == invocation
                        && context.Loops.ClassifyRecursion(recursion.Method, recursion.Body, recursion.FirstCall, cancellationToken) is { } recursive)
                    {
                        result.Add(recursive);
                    }

                    break;
            }
        }

        return result.ToImmutable();
    }

    /// <summary>The framework function-invocation and orchestration sites of a tree, and cap settings assigned in it, in source order.</summary>
    public static ImmutableArray<FunctionInvocationSite> FindSites(AgentLoopContext context, SemanticModel model, CancellationToken cancellationToken)
    {
        var result = ImmutableArray.CreateBuilder<FunctionInvocationSite>();
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or MemberAccessExpressionSyntax or AssignmentExpressionSyntax
                && model.GetOperation(node, cancellationToken) is { } operation
                && context.Sites.Recognize(operation, cancellationToken) is { } site)
            {
                result.Add(site);
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Both lists for every tree of the compilation; <paramref name="getModel"/> supplies each tree's semantic model.</summary>
    public static (ImmutableArray<AgentLoop> Loops, ImmutableArray<FunctionInvocationSite> Sites) FindAll(
        AgentLoopContext context,
        System.Func<SyntaxTree, SemanticModel> getModel,
        CancellationToken cancellationToken)
    {
        var loops = new List<AgentLoop>();
        var sites = new List<FunctionInvocationSite>();
        foreach (var tree in context.Compilation.SyntaxTrees)
        {
            var model = getModel(tree);
            loops.AddRange(FindLoops(context, model, cancellationToken));
            sites.AddRange(FindSites(context, model, cancellationToken));
        }

        return (loops.ToImmutableArray(), sites.ToImmutableArray());
    }
}
