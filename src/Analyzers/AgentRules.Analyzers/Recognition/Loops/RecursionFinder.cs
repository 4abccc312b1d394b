using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>A method (or local function) that calls itself, its body and its first call to itself.</summary>
public sealed record Recursion(IMethodSymbol Method, IOperation Body, IInvocationOperation FirstCall);

/// <summary>Finds direct recursion: a call to the method (or local function) whose own body contains it, not from a lambda.</summary>
public static class RecursionFinder
{
    /// <summary>The recursion <paramref name="invocation"/> belongs to, or null when it does not call its enclosing function.</summary>
    public static Recursion? FindRecursion(IInvocationOperation invocation, ISymbol? containingSymbol)
    {
        var target = invocation.TargetMethod.OriginalDefinition;
        IOperation? body = null;
        for (var current = invocation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation)
            {
                return null; // called from a lambda: a callback, not a loop
            }

            if (current is ILocalFunctionOperation localFunction)
            {
                if (!SymbolEqualityComparer.Default.Equals(localFunction.Symbol.OriginalDefinition, target))
                {
                    return null;
                }

                body = localFunction.Body ?? localFunction.IgnoredBody;
                break;
            }

            if (current.Parent is null)
            {
                if (target.MethodKind != MethodKind.Ordinary || !SymbolEqualityComparer.Default.Equals(containingSymbol?.OriginalDefinition, target))
                {
                    return null;
                }

                body = current;
            }
        }

        return body is null ? null : new Recursion(target, body, FirstCall(body, target) ?? invocation);
    }

    /// <summary>Every direct recursion in an operation tree (for enumerating a syntax tree).</summary>
    public static IInvocationOperation? FirstCall(IOperation body, IMethodSymbol method)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation call
                && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method)
                && call.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                && IsDirectlyIn(call, body))
            {
                return call;
            }
        }

        return null;
    }

    private static bool IsDirectlyIn(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return true;
    }
}
