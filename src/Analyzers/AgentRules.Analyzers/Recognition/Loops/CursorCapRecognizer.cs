using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// A loop that walks a finite range through a helper of the project: each pass asks the helper for the next piece
/// from a cursor (<c>var chunk = Pages.Next(lastPage, size, pageCount); if (chunk == null) break; ... lastPage =
/// last;</c>), the helper returns <c>null</c>/<c>false</c>/<c>default</c> once a value computed from the cursor
/// passes a bound it is given (<c>if (lastPage + 1 &gt; pageCount) return null;</c>), and the loop moves the cursor on
/// from what the helper returned (or by incrementing it) while the bound stays the same. The range bounds the loop the
/// way a collection bounds a <c>foreach</c>; the bound is in the helper, not in the loop's text.
/// </summary>
/// <remarks>
/// Not a cap: a cursor the loop never moves, or moves only to a constant (a reset); a bound the loop changes; a helper
/// whose exit compares nothing taken from the cursor with another of its parameters (a decision by the model's
/// text); a helper without source in the compilation.
/// </remarks>
internal static class CursorCapRecognizer
{
    /// <summary>The description of the cursor cap (<c>"NextChunk: first &gt; pageCount, cursor lastPage"</c>), or null.</summary>
    public static string? Find(AgentLoopContext context, ILoopOperation loop, CancellationToken cancellationToken)
    {
        HashSet<ISymbol>? written = null;
        foreach (var operation in IterationCapRecognizer.Descendants(loop.Body))
        {
            if (operation is not IConditionalOperation { Syntax: IfStatementSyntax } conditional || !IterationCapRecognizer.Exits(conditional.WhenTrue, loop))
            {
                continue;
            }

            foreach (var reference in conditional.Condition.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reference is not ILocalReferenceOperation { Local: var result })
                {
                    continue;
                }

                foreach (var call in IterationCapRecognizer.CallsAssignedTo(result, loop.Body))
                {
                    written ??= WrittenLocals(loop.Body);
                    if (FindCursorBound(context, call, result, loop.Body, written, cancellationToken) is { } description)
                    {
                        return description;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// For a call <c>M(cursor, ..., bound)</c> whose result the loop leaves on: the helper's exit comparison between a
    /// value taken from the cursor parameter and the bound parameter, when the loop advances the cursor and keeps the
    /// bound.
    /// </summary>
    private static string? FindCursorBound(AgentLoopContext context, IInvocationOperation call, ILocalSymbol result, IOperation loopBody, HashSet<ISymbol> written, CancellationToken cancellationToken)
    {
        var method = call.TargetMethod;
        if (method.Parameters.Length < 2 || context.LlmSearch.GetBody(method.OriginalDefinition, cancellationToken) is not { } body)
        {
            return null;
        }

        // The arguments the loop moves on (cursors) and those it keeps (bounds), by parameter.
        var cursors = new List<IParameterSymbol>();
        var bounds = new List<IParameterSymbol>();
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is not { RefKind: RefKind.None } parameter || argument.ArgumentKind != ArgumentKind.Explicit)
            {
                continue;
            }

            var value = AgentLoopContext.Unwrap(argument.Value);
            if (value is ILocalReferenceOperation { Local: var local } && written.Contains(local))
            {
                if (AdvancesFrom(local, result, loopBody))
                {
                    cursors.Add(parameter.OriginalDefinition);
                }
            }
            else if (IsInvariant(value, written))
            {
                bounds.Add(parameter.OriginalDefinition);
            }
        }

        if (cursors.Count == 0 || bounds.Count == 0)
        {
            return null;
        }

        foreach (var operation in IterationCapRecognizer.Descendants(body))
        {
            if (operation is not IConditionalOperation { Syntax: IfStatementSyntax } conditional || !ReturnsSentinel(conditional.WhenTrue))
            {
                continue;
            }

            foreach (var disjunct in IterationCapRecognizer.Disjuncts(conditional.Condition))
            {
                if (AgentLoopContext.Unwrap(disjunct) is not IBinaryOperation
                    {
                        OperatorKind: BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual,
                    } comparison)
                {
                    continue;
                }

                foreach (var cursor in cursors)
                {
                    foreach (var bound in bounds)
                    {
                        if (Compares(comparison.LeftOperand, comparison.RightOperand, cursor, bound, body)
                            || Compares(comparison.RightOperand, comparison.LeftOperand, cursor, bound, body))
                        {
                            return method.Name + ": " + AgentLoopContext.Text(comparison) + ", cursor " + cursor.Name;
                        }
                    }
                }
            }
        }

        return null;
    }

    /// <summary>A branch that returns <c>null</c>, <c>false</c> or <c>default</c>: the helper's "nothing left".</summary>
    private static bool ReturnsSentinel(IOperation branch)
    {
        foreach (var operation in IterationCapRecognizer.Descendants(branch))
        {
            if (operation is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned })
            {
                var value = AgentLoopContext.Unwrap(returned);
                if (value is IDefaultValueOperation || value.ConstantValue is { HasValue: true, Value: null or false })
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the loop moves the cursor on from what the helper returned (<c>lastPage = last</c> with <c>var (first,
    /// last) = chunk.Value</c>, <c>cursor = page.Next</c>) or by counting (<c>offset += size</c>, <c>index++</c>), and
    /// never sets it back to a constant.
    /// </summary>
    private static bool AdvancesFrom(ILocalSymbol cursor, ILocalSymbol result, IOperation loopBody)
    {
        var derived = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default) { result };
        foreach (var operation in IterationCapRecognizer.Descendants(loopBody))
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } initializer } declarator when References(initializer, derived):
                    derived.Add(declarator.Symbol);
                    break;
                case IDeconstructionAssignmentOperation deconstruction when References(deconstruction.Value, derived):
                    foreach (var target in deconstruction.Target.DescendantsAndSelf())
                    {
                        if (target is ILocalReferenceOperation { Local: var local })
                        {
                            derived.Add(local);
                        }
                    }

                    break;
            }
        }

        var advances = false;
        foreach (var operation in IterationCapRecognizer.Descendants(loopBody))
        {
            switch (operation)
            {
                case IIncrementOrDecrementOperation { Kind: OperationKind.Increment, Target: ILocalReferenceOperation { Local: var local } } when SymbolEqualityComparer.Default.Equals(local, cursor):
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: ILocalReferenceOperation { Local: var compounded } } when SymbolEqualityComparer.Default.Equals(compounded, cursor):
                    advances = true;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var assigned } } assignment when SymbolEqualityComparer.Default.Equals(assigned, cursor):
                    if (assignment.Value.ConstantValue.HasValue)
                    {
                        return false; // set back to a constant: the walk may start over
                    }

                    advances |= References(assignment.Value, derived);
                    break;
            }
        }

        return advances;
    }

    private static bool References(IOperation operation, HashSet<ILocalSymbol> locals)
    {
        foreach (var part in operation.DescendantsAndSelf())
        {
            if (part is ILocalReferenceOperation { Local: var local } && locals.Contains(local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A constant, a parameter, or a local or field the loop does not write.</summary>
    private static bool IsInvariant(IOperation value, HashSet<ISymbol> written) => value switch
    {
        _ when value.ConstantValue.HasValue => true,
        IParameterReferenceOperation { Parameter: var parameter } => !written.Contains(parameter),
        ILocalReferenceOperation { Local: var local } => !written.Contains(local),
        IFieldReferenceOperation { Field.IsReadOnly: true } or IFieldReferenceOperation { Field.IsConst: true } => true,
        _ => false,
    };

    /// <summary>The locals and parameters the loop body writes.</summary>
    private static HashSet<ISymbol> WrittenLocals(IOperation loopBody)
    {
        var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in loopBody.DescendantsAndSelf())
        {
            var local = operation switch
            {
                IAssignmentOperation { Target: var target } => Variable(target),
                IIncrementOrDecrementOperation { Target: var target } => Variable(target),
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: var passed } => Variable(passed),
                _ => null,
            };

            if (local is not null)
            {
                written.Add(local);
            }
        }

        return written;
    }

    private static ISymbol? Variable(IOperation operation) => AgentLoopContext.Unwrap(operation) switch
    {
        ILocalReferenceOperation reference => reference.Local,
        IParameterReferenceOperation reference => reference.Parameter,
        _ => null,
    };

    /// <summary>One side computed from the cursor (and not the bound), the other from the bound (and not the cursor).</summary>
    private static bool Compares(IOperation cursorSide, IOperation boundSide, IParameterSymbol cursor, IParameterSymbol bound, IOperation body) =>
        DependsOn(cursorSide, cursor, body) && !DependsOn(cursorSide, bound, body)
        && DependsOn(boundSide, bound, body) && !DependsOn(boundSide, cursor, body);

    /// <summary>Whether a value in the helper is computed from the parameter: it reads it, or a local initialized from it.</summary>
    private static bool DependsOn(IOperation operation, IParameterSymbol parameter, IOperation body)
    {
        var locals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var descendant in IterationCapRecognizer.Descendants(body))
            {
                if (descendant is IVariableDeclaratorOperation { Initializer.Value: { } initializer } declarator
                    && (ReadsParameter(initializer, parameter) || References(initializer, locals)))
                {
                    locals.Add(declarator.Symbol);
                }
            }
        }

        return ReadsParameter(operation, parameter) || References(operation, locals);
    }

    private static bool ReadsParameter(IOperation operation, IParameterSymbol parameter)
    {
        foreach (var part in operation.DescendantsAndSelf())
        {
            if (part is IParameterReferenceOperation { Parameter: var referenced } && SymbolEqualityComparer.Default.Equals(referenced.OriginalDefinition, parameter))
            {
                return true;
            }
        }

        return false;
    }
}
