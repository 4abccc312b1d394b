using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// Finds what caps a loop: a counter compared against a limit in the condition or in a guard that leaves the loop
/// (<c>break</c>, <c>return</c>, <c>throw</c>, a catch filter, <c>ArgumentOutOfRangeException.ThrowIfGreaterThan</c>), a <c>for</c>
/// with a finite bound, a <c>foreach</c> over a collection, an <c>AgentStepLimit</c>, or a recursion depth parameter.
/// A limit of <c>int.MaxValue</c> is no limit.
/// </summary>
internal static class IterationCapRecognizer
{
    private static readonly HashSet<string> GrowingMethods = new(StringComparer.Ordinal)
    {
        "Add", "AddRange", "Insert", "InsertRange", "Enqueue", "Push", "AddMessage", "AddUserMessage", "AddAssistantMessage", "AddSystemMessage",
    };

    /// <summary>Calls that take the next element of a sequence and report whether there was one.</summary>
    private static readonly HashSet<string> TakeNextMethods = new(StringComparer.Ordinal) { "TryDequeue", "TryPop", "TryTake", "MoveNext", "MoveNextAsync" };

    /// <summary>Calls that remove an element from a collection.</summary>
    private static readonly HashSet<string> RemovingMethods = new(StringComparer.Ordinal) { "Dequeue", "Pop", "TryDequeue", "TryPop", "Take", "TryTake", "RemoveAt", "Remove", "RemoveFirst", "RemoveLast" };

    public static IterationCap Find(AgentLoopContext context, ILoopOperation loop, CancellationToken cancellationToken)
    {
        if (loop is IForEachLoopOperation forEach)
        {
            return IsUnboundedSequence(forEach.Collection)
                ? IterationCap.None
                : new IterationCap(IterationCapKind.Collection, "foreach over " + AgentLoopContext.Text(forEach.Collection), forEach.Collection.Syntax.GetLocation());
        }

        var parts = new List<IOperation>(AgentLoopClassifier.GetIterationParts(loop));
        if (FindStepLimit(context, parts) is { } stepLimit)
        {
            return stepLimit;
        }

        var counters = new Counters(namedLimits: true);
        foreach (var part in parts)
        {
            counters.Collect(part, cancellationToken);
        }

        var condition = loop switch
        {
            IWhileLoopOperation whileLoop => whileLoop.Condition,
            IForLoopOperation forLoop => forLoop.Condition,
            _ => null,
        };

        if (condition is not null)
        {
            foreach (var conjunct in Conjuncts(condition))
            {
                if (counters.IsCapComparison(conjunct))
                {
                    return new IterationCap(loop is IForLoopOperation ? IterationCapKind.ForBound : IterationCapKind.Counter, AgentLoopContext.Text(conjunct), conjunct.Syntax.GetLocation());
                }

                if (counters.IsSequenceDrain(conjunct, parts))
                {
                    return new IterationCap(IterationCapKind.Collection, AgentLoopContext.Text(conjunct), conjunct.Syntax.GetLocation());
                }

                if (IsDeadline(conjunct, loop, cancellationToken))
                {
                    return new IterationCap(IterationCapKind.Deadline, AgentLoopContext.Text(conjunct), conjunct.Syntax.GetLocation());
                }

                if (IsLimitHelper(context, conjunct, cancellationToken))
                {
                    return new IterationCap(IterationCapKind.Counter, AgentLoopContext.Text(conjunct), conjunct.Syntax.GetLocation());
                }
            }
        }

        if (FindTimeoutToken(context, parts, loop, cancellationToken) is { } timeout)
        {
            return new IterationCap(IterationCapKind.Deadline, AgentLoopContext.Text(timeout), timeout.Syntax.GetLocation());
        }

        if (FindGuard(loop.Body, loop, counters, cancellationToken) is { } guard)
        {
            return new IterationCap(IterationCapKind.Counter, AgentLoopContext.Text(guard), guard.Syntax.GetLocation());
        }

        if (FindDriverCap(context, loop, cancellationToken) is { } driver)
        {
            return new IterationCap(IterationCapKind.Counter, driver, loop.Syntax.GetLocation());
        }

        return CursorCapRecognizer.Find(context, loop, cancellationToken) is { } cursor
            ? new IterationCap(IterationCapKind.Collection, cursor, loop.Syntax.GetLocation())
            : IterationCap.None;
    }

    /// <summary>
    /// A cap kept by the loop driver the loop calls: a guard that leaves the loop on what a method of the project
    /// returned, when that method counts the passes in a field or property and returns once the count reaches a
    /// limit — <c>iter = await driver.ProcessIterationAsync(...); if (iter.Kind == Terminal) break;</c> with
    /// <c>_state.Depth++</c> and <c>if (_state.Depth &gt;= maxDepth) return Terminal(...)</c> inside. Returns the
    /// description (the driver's comparison), or null.
    /// </summary>
    private static string? FindDriverCap(AgentLoopContext context, ILoopOperation loop, CancellationToken cancellationToken)
    {
        foreach (var operation in Descendants(loop.Body))
        {
            if (operation is not IConditionalOperation { Syntax: IfStatementSyntax } conditional || !Exits(conditional.WhenTrue, loop))
            {
                continue;
            }

            foreach (var reference in conditional.Condition.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reference is not ILocalReferenceOperation { Local: var local })
                {
                    continue;
                }

                foreach (var call in CallsAssignedTo(local, loop.Body))
                {
                    if (FindCounterCap(context, call.TargetMethod, cancellationToken) is { } comparison)
                    {
                        return call.TargetMethod.Name + ": " + comparison;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The operations of a body, not those of the lambdas and local functions in it (they run elsewhere).</summary>
    internal static IEnumerable<IOperation> Descendants(IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var operation = stack.Pop();
            yield return operation;
            foreach (var child in operation.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    stack.Push(child);
                }
            }
        }
    }

    /// <summary>Calls of methods of the project whose result a local takes in the loop body: <c>x = await M(...)</c>, <c>var x = M(...)</c>.</summary>
    internal static IEnumerable<IInvocationOperation> CallsAssignedTo(ILocalSymbol local, IOperation body)
    {
        foreach (var operation in Descendants(body))
        {
            var value = operation switch
            {
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
                IVariableDeclaratorOperation declarator
                    when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) => declarator.Initializer?.Value,
                _ => null,
            };

            if (value is not null && UnwrapCall(value) is { } call)
            {
                yield return call;
            }
        }
    }

    internal static IInvocationOperation? UnwrapCall(IOperation value)
    {
        value = AgentLoopContext.Unwrap(value);
        if (value is IAwaitOperation { Operation: var awaited })
        {
            value = AgentLoopContext.Unwrap(awaited);
        }

        if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance })
        {
            value = AgentLoopContext.Unwrap(instance);
        }

        return value as IInvocationOperation;
    }

    /// <summary>
    /// In a method of the project (or its implementations): a field or property the method increments, compared
    /// against a finite limit in an <c>if</c> that returns — the count of passes the driver ends the run at.
    /// </summary>
    private static string? FindCounterCap(AgentLoopContext context, IMethodSymbol method, CancellationToken cancellationToken)
    {
        var candidates = new List<IMethodSymbol> { method };
        candidates.AddRange(context.LlmSearch.GetImplementations(method, cancellationToken));
        foreach (var candidate in candidates)
        {
            if (context.LlmSearch.GetBody(candidate.OriginalDefinition, cancellationToken) is not { } body)
            {
                continue;
            }

            var incremented = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in Descendants(body))
            {
                switch (operation)
                {
                    case IIncrementOrDecrementOperation { Kind: OperationKind.Increment, Target: IMemberReferenceOperation { Member: var member } }:
                        incremented.Add(member);
                        break;
                    case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: IMemberReferenceOperation { Member: var member } }:
                        incremented.Add(member);
                        break;
                }
            }

            if (incremented.Count == 0)
            {
                continue;
            }

            foreach (var operation in Descendants(body))
            {
                if (operation is not IConditionalOperation { Syntax: IfStatementSyntax } conditional || !Returns(conditional.WhenTrue))
                {
                    continue;
                }

                foreach (var conjunct in Conjuncts(conditional.Condition))
                {
                    if (IsCountReached(conjunct, incremented))
                    {
                        return AgentLoopContext.Text(conjunct);
                    }
                }
            }
        }

        return null;
    }

    /// <summary><c>count &gt;= limit</c>, <c>count &gt; limit</c>, <c>limit &lt;= count</c>, <c>limit &lt; count</c> with a finite limit.</summary>
    private static bool IsCountReached(IOperation operation, HashSet<ISymbol> counters)
    {
        if (AgentLoopContext.Unwrap(operation) is not IBinaryOperation binary)
        {
            return false;
        }

        var (count, limit) = binary.OperatorKind switch
        {
            BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual => (binary.LeftOperand, binary.RightOperand),
            BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual => (binary.RightOperand, binary.LeftOperand),
            _ => (null, null),
        };

        return count is not null && limit is not null
            && AgentLoopContext.Unwrap(count) is IMemberReferenceOperation { Member: var member } && counters.Contains(member)
            && !(AgentLoopContext.Unwrap(limit) is IMemberReferenceOperation { Member: var other } && counters.Contains(other))
            && !IsUnbounded(limit)
            && !(AgentLoopContext.Unwrap(limit).ConstantValue is { HasValue: true, Value: int bound } && bound <= 0);
    }

    internal static bool Returns(IOperation operation)
    {
        foreach (var descendant in Descendants(operation))
        {
            if (descendant is IReturnOperation { Kind: OperationKind.Return })
            {
                return true;
            }
        }

        return false;
    }

    private static readonly HashSet<string> ClockMembers = new(StringComparer.Ordinal) { "UtcNow", "Now", "Elapsed", "ElapsedMilliseconds", "ElapsedTicks", "GetUtcNow", "GetTimestamp", "GetElapsedTime", "TickCount64", "TickCount" };

    /// <summary>
    /// A deadline in the condition: the clock (<c>DateTime.UtcNow</c>, <c>stopwatch.Elapsed</c>,
    /// <c>TimeProvider.GetUtcNow()</c>) compared against a limit, or <c>!cts.IsCancellationRequested</c> on a token
    /// source created here with a timeout.
    /// </summary>
    private static bool IsDeadline(IOperation condition, IOperation loop, CancellationToken cancellationToken)
    {
        condition = AgentLoopContext.Unwrap(condition);
        if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual } comparison)
        {
            return ReadsClock(comparison.LeftOperand) || ReadsClock(comparison.RightOperand);
        }

        return condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand }
            && AgentLoopContext.Unwrap(operand) is IPropertyReferenceOperation { Property.Name: "IsCancellationRequested", Instance: { } source }
            && IsTimeoutSource(source, loop, cancellationToken);
    }

    private static bool ReadsClock(IOperation operation)
    {
        foreach (var part in operation.DescendantsAndSelf())
        {
            switch (part)
            {
                case IPropertyReferenceOperation property when ClockMembers.Contains(property.Property.Name) && property.Property.ContainingType?.Name is "DateTime" or "DateTimeOffset" or "Stopwatch" or "Environment":
                case IInvocationOperation invocation when ClockMembers.Contains(invocation.TargetMethod.Name) && invocation.TargetMethod.ContainingType?.Name is "TimeProvider" or "Stopwatch":
                    return true;
            }
        }

        return false;
    }

    /// <summary>A local <c>CancellationTokenSource</c> (or its <c>Token</c>) created with a timeout or given one by <c>CancelAfter</c> in the same body.</summary>
    private static bool IsTimeoutSource(IOperation reference, IOperation loop, CancellationToken cancellationToken)
    {
        reference = AgentLoopContext.Unwrap(reference);
        if (reference is IPropertyReferenceOperation { Property.Name: "Token", Instance: { } owner })
        {
            reference = AgentLoopContext.Unwrap(owner);
        }

        if (reference is not ILocalReferenceOperation { Local: var local } || local.Type?.Name != "CancellationTokenSource")
        {
            return false;
        }

        var body = loop;
        while (body.Parent is { } parent)
        {
            body = parent;
            if (body is IMethodBodyOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                break;
            }
        }

        foreach (var operation in body.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (loop.Syntax.Span.Contains(operation.Syntax.Span))
            {
                continue; // a source made (or re-armed) on every pass times out one pass, not the loop
            }

            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: var value } declarator
                    when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                        && AgentLoopContext.Unwrap(value) is IObjectCreationOperation { Arguments.Length: > 0 } creation
                        && creation.Arguments[0].Value.Type is { } delay
                        && (delay.SpecialType == SpecialType.System_Int32 || delay.Name == "TimeSpan"):
                    return true;
                case IInvocationOperation { TargetMethod.Name: "CancelAfter", Instance: { } instance } when AgentLoopContext.Unwrap(instance) is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local):
                    return true;
            }
        }

        return false;
    }

    /// <summary>A live token from a timeout source passed to the loop's LLM calls: the loop ends when the time is up.</summary>
    private static IOperation? FindTimeoutToken(AgentLoopContext context, List<IOperation> parts, IOperation loop, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            foreach (var operation in part.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation invocation
                    && context.GetLlmCall(invocation) is not null
                    && context.GetTokenUse(invocation, out _, out var argument) == TokenUse.Live
                    && argument is not null
                    && IsTimeoutSource(argument.Value, loop, cancellationToken))
                {
                    return argument.Value;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A condition that calls a method or property of this project whose body compares something against a named
    /// limit: <c>while (ShouldContinue(state))</c> with <c>state.Step &lt; _options.MaxSteps</c> inside.
    /// </summary>
    private static bool IsLimitHelper(AgentLoopContext context, IOperation condition, CancellationToken cancellationToken)
    {
        var target = AgentLoopContext.Unwrap(condition) switch
        {
            IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand } => AgentLoopContext.Unwrap(operand),
            var other => other,
        };

        var method = target switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IPropertyReferenceOperation property => property.Property.GetMethod,
            _ => null,
        };

        if (method is null || context.LlmSearch.GetBody(method, cancellationToken) is not { } body)
        {
            return false;
        }

        var counters = new Counters(namedLimits: true);
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IBinaryOperation && counters.IsCapComparison(operation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A recursion depth parameter: passed on as <c>depth + 1</c> (or similar) and compared against a limit.</summary>
    public static IterationCap FindRecursionDepth(IMethodSymbol method, IOperation body, CancellationToken cancellationToken)
    {
        var counters = new Counters(namedLimits: false);
        foreach (var operation in body.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is not IInvocationOperation invocation || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, method.OriginalDefinition))
            {
                continue;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && ProgressesParameter(argument.Value, parameter))
                {
                    counters.Add(FindOwnParameter(method, parameter.Ordinal) ?? parameter);
                }
            }
        }

        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IBinaryOperation or IIsPatternOperation && counters.IsCapComparison(operation))
            {
                return new IterationCap(IterationCapKind.RecursionDepth, AgentLoopContext.Text(operation), operation.Syntax.GetLocation());
            }
        }

        return IterationCap.None;
    }

    private static IParameterSymbol? FindOwnParameter(IMethodSymbol method, int ordinal) =>
        ordinal < method.OriginalDefinition.Parameters.Length ? method.OriginalDefinition.Parameters[ordinal] : null;

    private static bool ProgressesParameter(IOperation value, IParameterSymbol parameter)
    {
        value = AgentLoopContext.Unwrap(value);
        return value switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary =>
                IsParameter(binary.LeftOperand, parameter) || IsParameter(binary.RightOperand, parameter),
            IIncrementOrDecrementOperation increment => IsParameter(increment.Target, parameter),
            _ => false,
        };
    }

    private static bool IsParameter(IOperation operation, IParameterSymbol parameter) =>
        AgentLoopContext.Unwrap(operation) is IParameterReferenceOperation reference && reference.Parameter.Ordinal == parameter.Ordinal;

    private static IterationCap? FindStepLimit(AgentLoopContext context, List<IOperation> parts)
    {
        if (context.AgentStepLimit is not { } stepLimit)
        {
            return null;
        }

        foreach (var part in parts)
        {
            foreach (var operation in part.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "TryNext" or "Next" } invocation
                    && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, stepLimit))
                {
                    return new IterationCap(IterationCapKind.StepLimit, AgentLoopContext.Text(invocation), invocation.Syntax.GetLocation());
                }
            }
        }

        return null;
    }

    /// <summary>Sequences that never end: <c>Enumerable.Repeat(x, int.MaxValue)</c>, <c>Enumerable.Range(0, int.MaxValue)</c>.</summary>
    private static bool IsUnboundedSequence(IOperation collection)
    {
        if (AgentLoopContext.Unwrap(collection) is IInvocationOperation { TargetMethod: { Name: "Repeat" or "Range", ContainingType.Name: "Enumerable" } } invocation
            && invocation.Arguments.Length == 2)
        {
            return IsUnbounded(invocation.Arguments[1].Value);
        }

        return false;
    }

    /// <summary>An <c>if</c> in the body whose branch leaves the loop, guarded by a counter comparison; a catch filter; a ThrowIf helper.</summary>
    private static IOperation? FindGuard(IOperation operation, ILoopOperation loop, Counters counters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IAnonymousFunctionOperation or ILocalFunctionOperation:
                return null;
            case IConditionalOperation { Syntax: IfStatementSyntax } conditional:
                if (Exits(conditional.WhenTrue, loop))
                {
                    foreach (var disjunct in Disjuncts(conditional.Condition))
                    {
                        if (counters.IsCapComparison(disjunct))
                        {
                            return disjunct;
                        }
                    }
                }

                if (conditional.WhenFalse is { } whenFalse && Exits(whenFalse, loop))
                {
                    foreach (var conjunct in Conjuncts(conditional.Condition))
                    {
                        if (counters.IsCapComparison(conjunct))
                        {
                            return conjunct;
                        }
                    }
                }

                break;
            case ICatchClauseOperation { Filter: { } filter }:
                foreach (var conjunct in Conjuncts(filter))
                {
                    if (counters.IsCapComparison(conjunct))
                    {
                        return conjunct;
                    }
                }

                break;
            case IInvocationOperation { TargetMethod: { IsStatic: true, Name: var name, ContainingType.Name: "ArgumentOutOfRangeException" or "ArgumentException" or "InvalidOperationException" } } throwIf
                when name.StartsWith("ThrowIf", StringComparison.Ordinal):
                foreach (var argument in throwIf.Arguments)
                {
                    if (counters.IsCounter(argument.Value))
                    {
                        return throwIf;
                    }
                }

                break;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (FindGuard(child, loop, counters, cancellationToken) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Whether running the operation leaves the loop: a break out of it, a return, a yield break or a throw.</summary>
    internal static bool Exits(IOperation operation, ILoopOperation loop)
    {
        switch (operation)
        {
            case IAnonymousFunctionOperation or ILocalFunctionOperation:
                return false;
            case IBranchOperation { BranchKind: BranchKind.Break } branch when SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel):
            case IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }:
            case IThrowOperation:
                return true;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (Exits(child, loop))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The parts of an <c>&amp;&amp;</c> chain: the loop goes on only while each holds.</summary>
    internal static IEnumerable<IOperation> Conjuncts(IOperation condition)
    {
        condition = AgentLoopContext.Unwrap(condition);
        if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } and && IsBoolean(and))
        {
            foreach (var part in Conjuncts(and.LeftOperand))
            {
                yield return part;
            }

            foreach (var part in Conjuncts(and.RightOperand))
            {
                yield return part;
            }
        }
        else
        {
            yield return condition;
        }
    }

    /// <summary>The parts of an <c>||</c> chain: the guard fires when any holds.</summary>
    internal static IEnumerable<IOperation> Disjuncts(IOperation condition)
    {
        condition = AgentLoopContext.Unwrap(condition);
        if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } or && IsBoolean(or))
        {
            foreach (var part in Disjuncts(or.LeftOperand))
            {
                yield return part;
            }

            foreach (var part in Disjuncts(or.RightOperand))
            {
                yield return part;
            }
        }
        else
        {
            yield return condition;
        }
    }

    private static bool IsBoolean(IOperation operation) => operation.Type?.SpecialType == SpecialType.System_Boolean;

    /// <summary>A constant at or above <c>int.MaxValue</c> (or infinity): no limit at all.</summary>
    internal static bool IsUnbounded(IOperation operation)
    {
        var constant = AgentLoopContext.Unwrap(operation).ConstantValue;
        if (!constant.HasValue || constant.Value is null)
        {
            return false;
        }

        return constant.Value switch
        {
            int i => i == int.MaxValue,
            long l => l >= int.MaxValue,
            uint u => u >= int.MaxValue,
            ulong ul => ul >= int.MaxValue,
            double d => double.IsInfinity(d) || d >= int.MaxValue,
            float f => float.IsInfinity(f) || f >= int.MaxValue,
            decimal m => m >= int.MaxValue,
            _ => false,
        };
    }

    /// <summary>The variables a loop counts with: assigned arithmetically, incremented, passed by ref; and the collections it grows.</summary>
    private sealed class Counters(bool namedLimits)
    {
        private readonly HashSet<ISymbol> _counters = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _grown = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ILocalSymbol> _written = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _reset = new(SymbolEqualityComparer.Default);

        public void Add(ISymbol symbol) => _counters.Add(symbol);

        public void Collect(IOperation root, CancellationToken cancellationToken)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (WrittenLocal(operation) is { } written)
                {
                    _written.Add(written);
                }

                if (operation is ISimpleAssignmentOperation { Value.ConstantValue.HasValue: true } reset
                    && GetSymbol(reset.Target) is { } resetSymbol
                    && !ExitsAfter(reset))
                {
                    _reset.Add(resetSymbol); // set back to a constant on a pass that goes on: it counts a streak, not passes
                }

                switch (operation)
                {
                    case IIncrementOrDecrementOperation increment when GetSymbol(increment.Target) is { } incremented:
                        _counters.Add(incremented);
                        break;
                    case ICompoundAssignmentOperation compound when GetSymbol(compound.Target) is { } compounded:
                        _counters.Add(compounded);
                        break;
                    case ISimpleAssignmentOperation { Value: IBinaryOperation } assignment when GetSymbol(assignment.Target) is { } assigned:
                        _counters.Add(assigned);
                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref } byRef when GetSymbol(byRef.Value) is { } passed:
                        _counters.Add(passed);
                        break;
                    case IInvocationOperation invocation when GrowingMethods.Contains(invocation.TargetMethod.Name):
                        var receiver = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                        if (receiver is not null && GetSymbol(receiver) is { } grown)
                        {
                            _grown.Add(grown);
                        }

                        break;
                }
            }
        }

        /// <summary>Whether the statement holding an operation is followed, in its block, by a break, return or throw.</summary>
        private static bool ExitsAfter(IOperation operation)
        {
            var statement = operation;
            while (statement.Parent is { } parent && parent is not IBlockOperation)
            {
                statement = parent;
            }

            if (statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            var after = false;
            foreach (var sibling in block.Operations)
            {
                if (after && sibling is IBranchOperation { BranchKind: BranchKind.Break } or IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation })
                {
                    return true;
                }

                after |= sibling == statement;
            }

            return false;
        }

        private static ILocalSymbol? WrittenLocal(IOperation operation) => operation switch
        {
            IAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target } => target.Local,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation passed } => passed.Local,
            ILocalReferenceOperation { Parent: ITupleOperation { Parent: IDeconstructionAssignmentOperation } } element => element.Local,
            _ => null,
        };

        /// <summary>A comparison of a counter (or a named limit) against a finite limit.</summary>
        public bool IsCapComparison(IOperation operation)
        {
            operation = AgentLoopContext.Unwrap(operation);
            switch (operation)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand }:
                    return IsCapComparison(operand);
                case IBinaryOperation binary when IsComparison(binary.OperatorKind):
                    var left = binary.LeftOperand;
                    var right = binary.RightOperand;
                    if ((IsCounter(left) && IsLimit(right, left)) || (IsCounter(right) && IsLimit(left, right)))
                    {
                        return true;
                    }

                    return namedLimits && ((IsNamedLimit(right) && IsAdvancingVariable(left)) || (IsNamedLimit(left) && IsAdvancingVariable(right)));
                case IIsPatternOperation pattern when IsCounter(pattern.Value):
                    return pattern.Pattern switch
                    {
                        IRelationalPatternOperation relational => !IsUnbounded(relational.Value),
                        IConstantPatternOperation constant => !IsUnbounded(constant.Value),
                        _ => false,
                    };
                default:
                    return false;
            }
        }

        /// <summary>
        /// A condition that consumes a finite sequence built outside the loop: <c>queue.TryDequeue(out var item)</c>,
        /// <c>(line = await reader.ReadLineAsync()) != null</c>, <c>enumerator.MoveNext()</c>, or <c>queue.Count &gt; 0</c>
        /// with a <c>Dequeue</c> in the body — as long as the loop does not add to the same collection.
        /// </summary>
        public bool IsSequenceDrain(IOperation condition, List<IOperation> parts)
        {
            foreach (var operation in condition.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IInvocationOperation { TargetMethod.Name: var name, Instance: var instance } when TakeNextMethods.Contains(name):
                        return instance is null || GetSymbol(instance) is not { } source || !_grown.Contains(source);
                    case IInvocationOperation { TargetMethod: { Name: "ReadLine" or "ReadLineAsync", ContainingType.Name: "TextReader" or "StreamReader" }, Instance: { } reader }
                        when AgentLoopContext.Unwrap(reader) is not IPropertyReferenceOperation { Property.Name: "In" }:
                        return true;
                    case IPropertyReferenceOperation { Property.Name: "Count" or "Length", Instance: { } collection }
                        when GetSymbol(collection) is { } drained && !_grown.Contains(drained) && IsRemovedFrom(drained, parts):
                        return true;
                }
            }

            return false;
        }

        private static bool IsRemovedFrom(ISymbol collection, List<IOperation> parts)
        {
            foreach (var part in parts)
            {
                foreach (var operation in part.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation { Instance: { } instance } invocation
                        && RemovingMethods.Contains(invocation.TargetMethod.Name)
                        && SymbolEqualityComparer.Default.Equals(GetSymbol(instance), collection))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// A finite limit for <paramref name="counter"/>. A collection the loop grows (<c>tasks.Count</c>) only counts
        /// toward a limit above zero: <c>while (tasks.Count &gt; 0)</c> over a queue the loop refills never ends.
        /// </summary>
        private bool IsLimit(IOperation limit, IOperation counter) =>
            !IsUnbounded(limit)
            && !(IsGrownCount(counter) && AgentLoopContext.Unwrap(limit).ConstantValue is { HasValue: true, Value: 0 });

        private bool IsGrownCount(IOperation operation) => AgentLoopContext.Unwrap(operation) switch
        {
            IPropertyReferenceOperation { Property.Name: "Count" or "Length" or "LongLength", Instance: { } instance } => GetSymbol(instance) is { } c && _grown.Contains(c),
            IInvocationOperation { TargetMethod.Name: "Count" or "LongCount", Arguments.Length: 1 } count => GetSymbol(count.Arguments[0].Value) is { } c && _grown.Contains(c),
            _ => false,
        };

        public bool IsCounter(IOperation operation)
        {
            operation = AgentLoopContext.Unwrap(operation);
            if (GetSymbol(operation is IIncrementOrDecrementOperation incremented ? incremented.Target : operation) is { } resetCounter && _reset.Contains(resetCounter))
            {
                return false; // a counter the loop resets on passes that go on caps only a streak (consecutive retries), not the loop
            }

            switch (operation)
            {
                case IIncrementOrDecrementOperation increment:
                    return GetSymbol(increment.Target) is { } target && _counters.Contains(target);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } arithmetic:
                    return IsCounter(arithmetic.LeftOperand) || IsCounter(arithmetic.RightOperand);
                case IPropertyReferenceOperation { Property.Name: "Count" or "Length" or "LongLength", Instance: { } instance } when GetSymbol(instance) is { } collection && _grown.Contains(collection):
                    return true;
                case IInvocationOperation { TargetMethod.Name: "Count" or "LongCount", Arguments.Length: 1 } count when GetSymbol(count.Arguments[0].Value) is { } counted && _grown.Contains(counted):
                    return true;
                default:
                    return GetSymbol(operation) is { } symbol && _counters.Contains(symbol);
            }
        }

        private static bool IsComparison(BinaryOperatorKind kind) => kind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
            or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals;

        /// <summary><c>MaxTurns</c>, <c>_options.MaxIterations</c>, <c>stepLimit</c>: a limit by name, compared with a count kept elsewhere.</summary>
        private static bool IsNamedLimit(IOperation operation)
        {
            if (IsUnbounded(operation) || GetSymbol(AgentLoopContext.Unwrap(operation)) is not { } symbol)
            {
                return false;
            }

            return symbol.Name.IndexOf("max", StringComparison.OrdinalIgnoreCase) >= 0 || symbol.Name.IndexOf("limit", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        /// <summary>
        /// A variable that can change between iterations: a field, property or call (advanced elsewhere, perhaps), or a
        /// local the loop writes or a lambda or local function may write. A local compared with a limit but never
        /// advanced — <c>while (turn &lt; MaxTurns)</c> with no <c>turn++</c> — caps nothing.
        /// </summary>
        private bool IsAdvancingVariable(IOperation operation)
        {
            if (!IsVariable(operation) || (GetSymbol(operation) is { } symbol && _reset.Contains(symbol)))
            {
                return false;
            }

            return AgentLoopContext.Unwrap(operation) is not ILocalReferenceOperation { Local: var local }
                || _written.Contains(local)
                || IsCaptured(local);
        }

        private static bool IsCaptured(ILocalSymbol local)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                var scope = reference.GetSyntax().FirstAncestorOrSelf<SyntaxNode>(static n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax);
                if (scope is null)
                {
                    return true;
                }

                foreach (var node in scope.DescendantNodes())
                {
                    if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax && node != scope)
                    {
                        foreach (var name in node.DescendantNodes())
                        {
                            if (name is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == local.Name)
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsVariable(IOperation operation)
        {
            operation = AgentLoopContext.Unwrap(operation);
            return !operation.ConstantValue.HasValue && (GetSymbol(operation) is not null || operation is IInvocationOperation);
        }

        private static ISymbol? GetSymbol(IOperation operation) => AgentLoopContext.Unwrap(operation) switch
        {
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
    }
}
