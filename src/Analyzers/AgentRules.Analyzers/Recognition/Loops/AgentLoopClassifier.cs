using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// Decides whether a loop or a recursive method is an agent loop — it calls a model, directly or through a
/// lambda, local function or same-compilation method — and classifies it: what paces it, what caps it, and how it
/// observes a kill switch or cancellation. Thread-safe; results are cached per loop.
/// </summary>
public sealed class AgentLoopClassifier
{
    private readonly AgentLoopContext _context;
    private readonly ConcurrentDictionary<SyntaxNode, AgentLoop?> _loops = new();
    private readonly ConcurrentDictionary<IMethodSymbol, AgentLoop?> _recursions = new(SymbolEqualityComparer.Default);
    private readonly CallGraphSearch<StopSignal> _calleeStopSearch;

    internal AgentLoopClassifier(AgentLoopContext context)
    {
        _context = context;
        _calleeStopSearch = new CallGraphSearch<StopSignal>(context.Compilation, op => GetStopSignal(op, insideCallee: true), maxDepth: 3, followImplementations: true, getModel: context.ModelProvider);
    }

    /// <summary>
    /// Classifies a loop. Returns null when no iteration calls a model; an <c>await foreach</c> that only reads one
    /// LLM stream is returned with <see cref="AgentLoop.IsStreamConsumer"/> set.
    /// </summary>
    public AgentLoop? Classify(ILoopOperation loop, CancellationToken cancellationToken)
    {
        if (_loops.TryGetValue(loop.Syntax, out var cached))
        {
            return cached;
        }

        var result = ClassifyCore(loop, cancellationToken);
        return _loops.GetOrAdd(loop.Syntax, result);
    }

    /// <summary>
    /// Classifies a method that calls itself (<paramref name="recursiveCall"/> is the first such call in its body).
    /// Returns null when the method makes no LLM call.
    /// </summary>
    public AgentLoop? ClassifyRecursion(IMethodSymbol method, IOperation body, IInvocationOperation recursiveCall, CancellationToken cancellationToken)
    {
        if (_recursions.TryGetValue(method, out var cached))
        {
            return cached;
        }

        var result = ClassifyRecursionCore(method, body, recursiveCall, cancellationToken);
        return _recursions.GetOrAdd(method, result);
    }

    /// <summary>The parts of a loop that run on every iteration (condition, body, increment); a foreach's collection is not one.</summary>
    public static IEnumerable<IOperation> GetIterationParts(ILoopOperation loop)
    {
        switch (loop)
        {
            case IWhileLoopOperation whileLoop:
                if (whileLoop.Condition is { } condition)
                {
                    yield return condition;
                }

                yield return whileLoop.Body;
                if (whileLoop.IgnoredCondition is { } ignored)
                {
                    yield return ignored;
                }

                break;
            case IForLoopOperation forLoop:
                if (forLoop.Condition is { } forCondition)
                {
                    yield return forCondition;
                }

                yield return forLoop.Body;
                foreach (var step in forLoop.AtLoopBottom)
                {
                    yield return step;
                }

                break;
            default:
                yield return loop.Body;
                break;
        }
    }

    /// <summary>Where loop diagnostics go: the loop keyword.</summary>
    public static Location GetLoopLocation(SyntaxNode loop) => loop switch
    {
        WhileStatementSyntax w => w.WhileKeyword.GetLocation(),
        DoStatementSyntax d => d.DoKeyword.GetLocation(),
        ForStatementSyntax f => f.ForKeyword.GetLocation(),
        CommonForEachStatementSyntax e => e.ForEachKeyword.GetLocation(),
        _ => loop.GetLocation(),
    };

    private AgentLoop? ClassifyCore(ILoopOperation loop, CancellationToken cancellationToken)
    {
        var kind = GetKind(loop);
        if (kind is null)
        {
            return null;
        }

        var forEach = loop as IForEachLoopOperation;
        LlmCallEvidence? llm = null;
        foreach (var part in GetIterationParts(loop))
        {
            if (Find(_context.LlmSearch, part, cancellationToken) is { } found)
            {
                llm = found;
                break;
            }
        }

        var isStreamConsumer = false;
        if (llm is null)
        {
            if (forEach is null || Find(_context.LlmSearch, forEach.Collection, cancellationToken) is not { } stream)
            {
                return null;
            }

            llm = stream;
            isStreamConsumer = true;
        }

        var own = isStreamConsumer ? null : FindOwnLlmCall(loop, cancellationToken);
        var (pacing, pacingEvidence) = GetPacing(loop, cancellationToken);
        var cap = IterationCapRecognizer.Find(_context, loop, cancellationToken);
        var stop = FindStopSignal(AllParts(loop), loop, cancellationToken);
        return new AgentLoop(kind.Value, GetLoopLocation(loop.Syntax), loop.Syntax, null, llm, own, isStreamConsumer, pacing, pacingEvidence, cap, stop);
    }

    private AgentLoop? ClassifyRecursionCore(IMethodSymbol method, IOperation body, IInvocationOperation recursiveCall, CancellationToken cancellationToken)
    {
        if (Find(_context.LlmSearch, body, cancellationToken) is not { } llm)
        {
            return null;
        }

        var own = FindOwn(body, body, cancellationToken);
        var pacing = _context.PacingSearch.Find(body, cancellationToken) is { Value: { } match }
            ? (match.Pacing, match.Name)
            : (LoopPacing.Autonomous, string.Empty);
        var cap = IterationCapRecognizer.FindRecursionDepth(method, body, cancellationToken);
        var stop = FindStopSignal(new[] { body }, body, cancellationToken);
        var location = recursiveCall.Syntax is InvocationExpressionSyntax { Expression: var callee }
            ? GetNameLocation(callee)
            : recursiveCall.Syntax.GetLocation();
        return new AgentLoop(AgentLoopKind.Recursion, location, recursiveCall.Syntax, method, llm, own, false, pacing.Item1, pacing.Item2, cap, stop);
    }

    private static Location GetNameLocation(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.GetLocation(),
        MemberBindingExpressionSyntax binding => binding.Name.GetLocation(),
        _ => expression.GetLocation(),
    };

    private static AgentLoopKind? GetKind(ILoopOperation loop) => loop switch
    {
        IWhileLoopOperation { ConditionIsTop: true } => AgentLoopKind.While,
        IWhileLoopOperation => AgentLoopKind.DoWhile,
        IForLoopOperation => AgentLoopKind.For,
        IForEachLoopOperation { IsAsynchronous: true } => AgentLoopKind.AwaitForEach,
        IForEachLoopOperation => AgentLoopKind.ForEach,
        _ => null,
    };

    private static IEnumerable<IOperation> AllParts(ILoopOperation loop)
    {
        if (loop is IForEachLoopOperation forEach)
        {
            yield return forEach.Collection;
        }

        foreach (var part in GetIterationParts(loop))
        {
            yield return part;
        }
    }

    private static LlmCallEvidence? Find(CallGraphSearch<LlmCall> search, IOperation root, CancellationToken cancellationToken) =>
        search.Find(root, cancellationToken) is { } match ? new LlmCallEvidence(match.Value, match.Via) { Path = match.Path } : null;

    private (LoopPacing, string) GetPacing(ILoopOperation loop, CancellationToken cancellationToken)
    {
        foreach (var part in AllParts(loop))
        {
            if (_context.PacingSearch.Find(part, cancellationToken) is not { Value: { } match })
            {
                continue;
            }

            if (match.Pacing != LoopPacing.HumanPaced || (loop is IForEachLoopOperation each && part == each.Collection))
            {
                return (match.Pacing, match.Name);
            }

            // A person paces the loop only when every iteration waits for them: input read in one branch of the
            // body, in a catch, or inside a lambda (a tool the model may call) leaves the other iterations to the model.
            if (FindUnconditionalHumanInput(part, cancellationToken) is { } name)
            {
                return (LoopPacing.HumanPaced, name);
            }
        }

        return GetSchedule(loop) is { } schedule ? (LoopPacing.Scheduled, schedule) : (LoopPacing.Autonomous, string.Empty);
    }

    /// <summary>
    /// The name of a human-input call in an iteration part that every pass through the part makes: the call itself,
    /// or a call of a method of the project that waits for a person, not inside a branch, a catch, a nested loop
    /// (other than a <c>do</c> loop's body) or a lambda — unless the branch is one arm of an <c>if</c>/<c>else</c>
    /// or <c>?:</c> whose other arm waits for a person too (<c>interactive ? ReadLineInteractively() : ReadLine()</c>).
    /// Null when every such call is conditional.
    /// </summary>
    private string? FindUnconditionalHumanInput(IOperation part, CancellationToken cancellationToken)
    {
        foreach (var operation in part.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is IInvocationOperation invocation
                && _context.PacingSearch.Find(invocation, cancellationToken) is { Value: { Pacing: LoopPacing.HumanPaced } match }
                && WaitsEveryPass(invocation, part, cancellationToken))
            {
                return match.Name;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a human-input call runs each time <paramref name="part"/> runs: as <see cref="RunsEveryPass"/>, except
    /// that an arm of a two-armed conditional does not make it conditional when the other arm waits for a person on
    /// every pass through it as well (both ways through the conditional wait).
    /// </summary>
    private bool WaitsEveryPass(IOperation operation, IOperation part, CancellationToken cancellationToken)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null && child != part; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional && child != conditional.Condition)
            {
                var other = child == conditional.WhenTrue ? conditional.WhenFalse : conditional.WhenTrue;
                if (other is null || FindUnconditionalHumanInput(other, cancellationToken) is null)
                {
                    return false;
                }

                continue;
            }

            if (!RunsEveryPass(child, parent))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether an operation runs each time its ancestor <paramref name="part"/> runs (no branch between them).</summary>
    internal static bool RunsEveryPass(IOperation operation, IOperation part)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null && child != part; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when child != conditional.Condition:
                case ICoalesceOperation coalesce when child == coalesce.WhenNull:
                case IConditionalAccessOperation access when child == access.WhenNotNull:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical when child == logical.RightOperand:
                case ISwitchCaseOperation:
                case ISwitchExpressionArmOperation:
                case ICatchClauseOperation:
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                case IWhileLoopOperation { ConditionIsTop: true }:
                case IForLoopOperation:
                case IForEachLoopOperation forEach when child != forEach.Collection:
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A service loop that waits between iterations: <c>while (await timer.WaitForNextTickAsync(ct))</c>, or a loop
    /// whose condition is a stop check (or <c>true</c> in <c>BackgroundService.ExecuteAsync</c>) with an
    /// unconditional <c>await Task.Delay(...)</c> in its body.
    /// </summary>
    private string? GetSchedule(ILoopOperation loop)
    {
        if (loop is not IWhileLoopOperation { Condition: { } condition } whileLoop)
        {
            return null;
        }

        foreach (var operation in condition.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation { TargetMethod: { Name: "WaitForNextTickAsync", ContainingType.Name: "PeriodicTimer" } })
            {
                return "PeriodicTimer.WaitForNextTickAsync";
            }
        }

        var serviceLoop = IsStopCheckCondition(condition)
            || (condition.ConstantValue is { HasValue: true, Value: true } && IsInBackgroundServiceExecute(loop));
        if (!serviceLoop || whileLoop.Body is not IBlockOperation body)
        {
            return null;
        }

        foreach (var statement in body.Operations)
        {
            if (statement is IExpressionStatementOperation { Operation: var expression }
                && AgentLoopContext.Unwrap(expression) is IAwaitOperation { Operation: var awaited }
                && UnwrapConfigureAwait(awaited) is IInvocationOperation { TargetMethod: { Name: "Delay" or "WaitForNextTickAsync" } delay }
                && delay.ContainingType?.Name is "Task" or "PeriodicTimer")
            {
                return delay.ContainingType.Name + "." + delay.Name;
            }
        }

        return null;
    }

    private static IOperation UnwrapConfigureAwait(IOperation operation)
    {
        operation = AgentLoopContext.Unwrap(operation);
        return operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance } ? AgentLoopContext.Unwrap(instance) : operation;
    }

    private static bool IsStopCheckCondition(IOperation condition)
    {
        switch (AgentLoopContext.Unwrap(condition))
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand }:
                return AgentLoopContext.Unwrap(operand) is IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" or "IsTripped" };
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                return IsStopCheckCondition(and.LeftOperand) || IsStopCheckCondition(and.RightOperand);
            default:
                return false;
        }
    }

    private bool IsInBackgroundServiceExecute(IOperation loop)
    {
        var backgroundService = _context.Types.Get(AgentLoopApis.BackgroundService);
        if (backgroundService is null || loop.SemanticModel?.GetEnclosingSymbol(loop.Syntax.SpanStart) is not IMethodSymbol method)
        {
            return false;
        }

        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (current.Name == "ExecuteAsync" && SymbolEqualityComparer.Default.Equals(current.ContainingType?.OriginalDefinition, backgroundService))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first LLM call of the loop that is not inside a nested agent loop.</summary>
    private LlmCallEvidence? FindOwnLlmCall(ILoopOperation loop, CancellationToken cancellationToken)
    {
        foreach (var part in AllParts(loop))
        {
            if (loop is IForEachLoopOperation forEach && part == forEach.Collection)
            {
                continue; // the collection runs once, before the iterations
            }

            if (FindOwn(part, loop, cancellationToken) is { } own)
            {
                return own;
            }
        }

        return null;
    }

    private LlmCallEvidence? FindOwn(IOperation root, IOperation loopRoot, CancellationToken cancellationToken)
    {
        List<IMethodSymbol>? callees = null;
        var direct = FindOwnDirect(root, loopRoot, ref callees, cancellationToken);
        if (direct is not null)
        {
            return direct;
        }

        if (callees is not null)
        {
            foreach (var callee in callees)
            {
                if (!_context.GetReach(cancellationToken).MayReach(callee))
                {
                    continue; // neither it nor its implementations can reach a model
                }

                if (_context.LlmSearch.Find(callee, cancellationToken) is { } match)
                {
                    return new LlmCallEvidence(match.Value, callee) { Path = match.Path.Insert(0, callee) };
                }

                foreach (var implementation in _context.LlmSearch.GetImplementations(callee, cancellationToken))
                {
                    if (_context.LlmSearch.Find(implementation, cancellationToken) is { } found)
                    {
                        return new LlmCallEvidence(found.Value, callee) { Path = found.Path.InsertRange(0, new[] { callee, implementation }) };
                    }
                }
            }
        }

        return null;
    }

    private LlmCallEvidence? FindOwnDirect(IOperation operation, IOperation loopRoot, ref List<IMethodSymbol>? callees, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (operation != loopRoot && operation is ILoopOperation nested && Classify(nested, cancellationToken) is { IsAgentLoop: true })
        {
            return null; // a nested agent loop is judged on its own
        }

        if (_context.GetLlmCall(operation) is { } call)
        {
            return new LlmCallEvidence(call, null);
        }

        if (_context.LlmSearch.GetCallee(operation, loopRoot) is { } callee && !IsEnclosing(callee, loopRoot, cancellationToken))
        {
            (callees ??= new List<IMethodSymbol>()).Add(callee);
        }

        foreach (var child in operation.ChildOperations)
        {
            if (FindOwnDirect(child, loopRoot, ref callees, cancellationToken) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static bool IsEnclosing(IMethodSymbol callee, IOperation root, CancellationToken cancellationToken) =>
        SymbolEqualityComparer.Default.Equals(callee, root.SemanticModel?.GetEnclosingSymbol(root.Syntax.SpanStart, cancellationToken)?.OriginalDefinition);

    /// <summary>
    /// How the loop observes a kill switch or cancellation, in any of its parts or the same-compilation methods they
    /// call. In the loop itself every token that is not <c>default</c>/<c>None</c> counts; inside a callee a bare
    /// parameter does not (its caller decides what it is, and the caller's call is what the loop shows).
    /// </summary>
    private StopSignal FindStopSignal(IEnumerable<IOperation> parts, IOperation loopRoot, CancellationToken cancellationToken)
    {
        List<IMethodSymbol>? callees = null;
        StopSignal? swallowed = null;
        foreach (var part in parts)
        {
            foreach (var operation in part.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (GetStopSignal(operation, insideCallee: false) is { } signal)
                {
                    // A token passed to the call (or ThrowIfCancellationRequested) stops the loop by throwing; a
                    // catch-all around it that goes on with the loop swallows the cancellation.
                    if (operation is IInvocationOperation && FindSwallowingCatch(operation, loopRoot) is { } swallowing)
                    {
                        swallowed ??= new StopSignal(StopSignalKind.None, "swallowed by " + CatchText(swallowing), swallowing.Syntax.GetLocation());
                        continue;
                    }

                    return signal;
                }

                if (_context.LlmSearch.GetCallee(operation, loopRoot) is { } callee && !IsEnclosing(callee, loopRoot, cancellationToken))
                {
                    (callees ??= new List<IMethodSymbol>()).Add(callee);
                }
            }
        }

        if (callees is not null)
        {
            foreach (var callee in callees)
            {
                if (_calleeStopSearch.Find(callee, cancellationToken) is { Value: { } found })
                {
                    return found;
                }

                foreach (var implementation in _calleeStopSearch.GetImplementations(callee, cancellationToken))
                {
                    if (_calleeStopSearch.Find(implementation, cancellationToken) is { Value: { } viaImplementation })
                    {
                        return viaImplementation;
                    }
                }
            }
        }

        return swallowed ?? StopSignal.None;
    }

    /// <summary>
    /// The catch clause that swallows a cancellation thrown at <paramref name="operation"/> and lets the loop go on: the
    /// first clause of an enclosing try (inside the loop) that catches <c>OperationCanceledException</c> without a
    /// filter — <c>catch</c>, <c>catch (Exception)</c>, <c>catch (OperationCanceledException)</c> — when its handler
    /// neither throws, returns nor breaks. Null when the cancellation gets out (or a filter may let it).
    /// </summary>
    private static ICatchClauseOperation? FindSwallowingCatch(IOperation operation, IOperation loopRoot)
    {
        for (var current = operation; current.Parent is { } parent && current != loopRoot; current = parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null; // runs elsewhere
            }

            if (parent is not ITryOperation @try || @try.Body != current)
            {
                continue;
            }

            foreach (var clause in @try.Catches)
            {
                if (!CatchesCancellation(clause.ExceptionType))
                {
                    continue;
                }

                if (clause.Filter is not null)
                {
                    return null; // 'when (...)': may let the cancellation through
                }

                if (LeavesLoop(clause.Handler))
                {
                    break; // this try lets it out; an enclosing one may still catch it
                }

                return clause;
            }
        }

        return null;
    }

    private static bool CatchesCancellation(ITypeSymbol? type)
    {
        if (type is null || type.SpecialType == SpecialType.System_Object)
        {
            return true; // catch { }
        }

        return type.ContainingNamespace?.ToDisplayString() == "System" && type.Name is "Exception" or "SystemException" or "OperationCanceledException";
    }

    private static bool LeavesLoop(IOperation handler)
    {
        foreach (var operation in handler.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IThrowOperation or IReturnOperation { Kind: OperationKind.Return }:
                case IBranchOperation { BranchKind: BranchKind.Break }:
                case IInvocationOperation { TargetMethod.Name: "ThrowIfCancellationRequested" }:
                case IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" }:
                    return true;
                case IAwaitOperation { Operation: var awaited } when PassesLiveToken(awaited):
                    // 'await Task.Delay(backoff, token)' before retrying: a cancelled token throws there, out of the catch.
                    return true;
            }
        }

        return false;
    }

    /// <summary>An awaited call given a token that is not <c>default</c>/<c>CancellationToken.None</c>.</summary>
    private static bool PassesLiveToken(IOperation awaited)
    {
        awaited = AgentLoopContext.Unwrap(awaited);
        if (awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance })
        {
            awaited = AgentLoopContext.Unwrap(instance);
        }

        if (awaited is not IInvocationOperation invocation)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue
                || argument.Parameter?.Type is not { Name: "CancellationToken", ContainingNamespace: var ns } || ns?.ToDisplayString() != "System.Threading")
            {
                continue;
            }

            var value = AgentLoopContext.Unwrap(argument.Value);
            if (value is IDefaultValueOperation || value.ConstantValue.HasValue
                || value is IPropertyReferenceOperation { Property.Name: "None" }
                || value is IObjectCreationOperation)
            {
                continue;
            }

            return true;
        }

        return false;
    }

    private static string CatchText(ICatchClauseOperation clause) =>
        clause.Syntax is CatchClauseSyntax { Declaration: { } declaration } ? "catch (" + declaration.Type + ")" : "catch";

    private StopSignal? GetStopSignal(IOperation operation, bool insideCallee)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" } check
                when IsTokenOrSource(check.Property.ContainingType) && !(insideCallee && check.Instance is { } i && AgentLoopContext.IsCallerSuppliedParameter(i)):
                return new StopSignal(StopSignalKind.CancellationCheck, AgentLoopContext.Text(check), check.Syntax.GetLocation());
            case IInvocationOperation { TargetMethod.Name: "ThrowIfCancellationRequested" } throwIf
                when IsTokenOrSource(throwIf.TargetMethod.ContainingType) && !(insideCallee && throwIf.Instance is { } i && AgentLoopContext.IsCallerSuppliedParameter(i)):
                return new StopSignal(StopSignalKind.CancellationCheck, AgentLoopContext.Text(throwIf), throwIf.Syntax.GetLocation());
            case IPropertyReferenceOperation { Property.Name: "IsTripped" or "Token" } killSwitch
                when _context.KillSwitch is { } ks && SymbolEqualityComparer.Default.Equals(killSwitch.Property.ContainingType, ks):
                return new StopSignal(StopSignalKind.KillSwitch, AgentLoopContext.Text(killSwitch), killSwitch.Syntax.GetLocation());
            case IInvocationOperation { TargetMethod.Name: "ThrowIfTripped" } throwIfTripped
                when _context.KillSwitch is { } ks && SymbolEqualityComparer.Default.Equals(throwIfTripped.TargetMethod.ContainingType, ks):
                return new StopSignal(StopSignalKind.KillSwitch, AgentLoopContext.Text(throwIfTripped), throwIfTripped.Syntax.GetLocation());
            case IInvocationOperation invocation:
                return GetTokenPassed(invocation, insideCallee);
            case IInvalidOperation invalid when _context.GetLlmCall(invalid) is { Token: TokenUse.Live } unresolved
                && _context.GetUnresolvedTokenArgument(invalid) is { } token && !(insideCallee && AgentLoopContext.IsCallerSuppliedParameter(token)):
                // A model call that binds to no overload (code for another SDK version) still carries its token.
                return new StopSignal(StopSignalKind.TokenPassed, AgentLoopContext.Text(token) + " passed to " + unresolved.Method.Name, token.Syntax.GetLocation());
            default:
                return null;
        }
    }

    /// <summary>A live token passed to an LLM call, to <c>WithCancellation</c>, or to a same-compilation method that leads to an LLM call.</summary>
    private StopSignal? GetTokenPassed(IInvocationOperation invocation, bool insideCallee)
    {
        var use = _context.GetTokenUse(invocation, out _, out var argument);
        if (use == TokenUse.Unknown && _context.GetLlmCall(invocation) is not null)
        {
            return new StopSignal(StopSignalKind.TokenPassed, AgentLoopContext.Text(invocation), invocation.Syntax.GetLocation());
        }

        if (use != TokenUse.Live || argument is null || (insideCallee && AgentLoopContext.IsCallerSuppliedParameter(argument.Value)))
        {
            return null;
        }

        var leadsToModel = _context.GetLlmCall(invocation) is not null
            || invocation.TargetMethod.Name == "WithCancellation"
            || (_context.LlmSearch.GetCallee(invocation, invocation) is { } callee
                && (_context.LlmSearch.Find(callee, default) is not null || HasLlmImplementation(callee)));
        return leadsToModel
            ? new StopSignal(StopSignalKind.TokenPassed, AgentLoopContext.Text(argument.Value) + " passed to " + invocation.TargetMethod.Name, argument.Syntax.GetLocation())
            : null;
    }

    private bool HasLlmImplementation(IMethodSymbol method)
    {
        if (!_context.GetReach(default).MayReach(method))
        {
            return false;
        }

        foreach (var implementation in _context.LlmSearch.GetImplementations(method, default))
        {
            if (_context.LlmSearch.Find(implementation, default) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsTokenOrSource(INamedTypeSymbol? type) =>
        type is not null
        && (SymbolEqualityComparer.Default.Equals(type, _context.CancellationToken) || SymbolEqualityComparer.Default.Equals(type, _context.CancellationTokenSource));
}
