using System;
using System.Collections.Generic;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// What an OpenAI chat tool does: a <c>ChatTool.CreateFunctionTool("write_file", …)</c> only names a tool; the app
/// runs it where it dispatches the model's tool calls by name — <c>switch (toolCall.FunctionName) { case "write_file":
/// … }</c>, <c>toolCall.FunctionName switch { "write_file" =&gt; … }</c>, or <c>if (toolCall.FunctionName == "write_file")</c>.
/// That branch is the tool's body: its writes, its environment checks and its approval prompts are the tool's.
/// </summary>
/// <remarks>
/// Dispatches are found once per compilation, in the files that spell <c>FunctionName</c>, on a value that is a
/// <c>FunctionName</c> property (or a local initialized from one). A branch is matched to a chat tool by the constant
/// name; when several dispatches name the same tool, the one in the registering type (else file) is taken, and a
/// name dispatched in several places elsewhere is left to the name and description (the code does not say which runs).
/// </remarks>
public sealed partial class ToolSafetyContext
{
    private const string DispatchWord = "FunctionName";
    private volatile Dictionary<string, List<IOperation>>? _dispatches;

    /// <summary>The branch that runs when the model calls the chat tool <paramref name="name"/>, or null.</summary>
    internal IOperation? GetDispatchBody(string? name, SyntaxNode registration, CancellationToken cancellationToken)
    {
        if (name is null || !GetDispatches(cancellationToken).TryGetValue(name, out var branches))
        {
            return null;
        }

        var model = GetSemanticModel(registration.SyntaxTree);
        var registeringType = model.GetEnclosingSymbol(registration.SpanStart, cancellationToken)?.ContainingType;
        IOperation? sameType = null, sameTree = null;
        var typeCount = 0;
        var treeCount = 0;
        foreach (var branch in branches)
        {
            if (branch.Syntax.SyntaxTree == registration.SyntaxTree)
            {
                treeCount++;
                sameTree ??= branch;
                var dispatchingType = GetSemanticModel(branch.Syntax.SyntaxTree).GetEnclosingSymbol(branch.Syntax.SpanStart, cancellationToken)?.ContainingType;
                if (registeringType is not null && SymbolEqualityComparer.Default.Equals(dispatchingType, registeringType))
                {
                    typeCount++;
                    sameType ??= branch;
                }
            }
        }

        return typeCount == 1 ? sameType
            : typeCount == 0 && treeCount == 1 ? sameTree
            : typeCount == 0 && treeCount == 0 && branches.Count == 1 ? branches[0]
            : null;
    }

    private Dictionary<string, List<IOperation>> GetDispatches(CancellationToken cancellationToken)
    {
        if (_dispatches is { } found)
        {
            return found;
        }

        var dispatches = new Dictionary<string, List<IOperation>>(StringComparer.Ordinal);
        var words = new[] { DispatchWord };
        foreach (var tree in Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!SourceIndex.ContainsAny(tree, words, cancellationToken))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is InitializerExpressionSyntax initializer && IsHandlerMapCandidate(initializer))
                {
                    model ??= GetSemanticModel(tree);
                    AddHandlerMap(model.GetOperationWithinLimits(initializer, cancellationToken), dispatches, cancellationToken);
                    continue;
                }

                var governing = node switch
                {
                    SwitchStatementSyntax statement => statement.Expression,
                    SwitchExpressionSyntax expression => expression.GoverningExpression,
                    IfStatementSyntax { Condition: BinaryExpressionSyntax binary } => binary,
                    _ => null,
                };

                if (governing is null || !MentionsDispatchName(governing))
                {
                    continue;
                }

                model ??= GetSemanticModel(tree);
                switch (model.GetOperationWithinLimits(node, cancellationToken))
                {
                    case ISwitchOperation switchStatement when IsToolCallName(switchStatement.Value):
                        foreach (var section in switchStatement.Cases)
                        {
                            foreach (var clause in section.Clauses)
                            {
                                if (clause is ISingleValueCaseClauseOperation { Value.ConstantValue: { HasValue: true, Value: string name } })
                                {
                                    Add(dispatches, name, section);
                                }
                            }
                        }

                        break;
                    case ISwitchExpressionOperation switchExpression when IsToolCallName(switchExpression.Value):
                        foreach (var arm in switchExpression.Arms)
                        {
                            if (arm.Pattern is IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: string name } })
                            {
                                Add(dispatches, name, arm.Value);
                            }
                        }

                        break;
                    case IConditionalOperation { Condition: IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } test, WhenTrue: { } whenTrue }:
                        var constant = IsToolCallName(test.LeftOperand) ? test.RightOperand.ConstantValue
                            : IsToolCallName(test.RightOperand) ? test.LeftOperand.ConstantValue
                            : default;
                        if (constant is { HasValue: true, Value: string tested })
                        {
                            Add(dispatches, tested, whenTrue);
                        }

                        break;
                }
            }
        }

        lock (_indexGate)
        {
            return _dispatches ??= dispatches;
        }

        static void Add(Dictionary<string, List<IOperation>> map, string name, IOperation branch)
        {
            if (!map.TryGetValue(name, out var list))
            {
                map[name] = list = new List<IOperation>();
            }

            list.Add(branch);
        }
    }

    /// <summary>
    /// Syntax filter for a map of tool names to handlers: an initializer with an entry <c>["name"] = args =&gt; …</c> or
    /// <c>{ "name", args =&gt; … }</c> whose key is a string literal or <c>nameof</c> and whose value is a lambda or method.
    /// </summary>
    private static bool IsHandlerMapCandidate(InitializerExpressionSyntax initializer)
    {
        foreach (var expression in initializer.Expressions)
        {
            switch (expression)
            {
                case AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax { ArgumentList.Arguments: { Count: 1 } keys }, Right: var value } when IsNameKey(keys[0].Expression) && IsHandler(value):
                    return true;
                case InitializerExpressionSyntax { Expressions: { Count: 2 } pair } when IsNameKey(pair[0]) && IsHandler(pair[1]):
                    return true;
            }
        }

        return false;

        static bool IsNameKey(ExpressionSyntax key) => key is LiteralExpressionSyntax || (key is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } });

        static bool IsHandler(ExpressionSyntax value) => value is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax;
    }

    /// <summary>The handlers of a tool-name map (<c>new Dictionary&lt;string, Func&lt;string, string&gt;&gt; { ["get_weather"] = args =&gt; … }</c>): each is the body of the tool of its name.</summary>
    private void AddHandlerMap(IOperation? operation, Dictionary<string, List<IOperation>> dispatches, CancellationToken cancellationToken)
    {
        if (operation is not IObjectOrCollectionInitializerOperation initializer)
        {
            return;
        }

        foreach (var entry in initializer.Initializers)
        {
            var (key, value) = entry switch
            {
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments: { Length: 1 } index } } assignment => (index[0].Value, assignment.Value),
                IInvocationOperation { TargetMethod.Name: "Add", Arguments: { Length: 2 } pair } => (pair[0].Value, pair[1].Value),
                _ => ((IOperation?)null, (IOperation?)null),
            };

            if (key?.ConstantValue is not { HasValue: true, Value: string name } || Unwrap(value!) is not IDelegateCreationOperation { Target: var target })
            {
                continue;
            }

            var body = target switch
            {
                IAnonymousFunctionOperation lambda => lambda.Body,
                IMethodReferenceOperation { Method: var method } => GetBody(method.OriginalDefinition, cancellationToken),
                _ => null,
            };

            if (body is not null)
            {
                if (!dispatches.TryGetValue(name, out var list))
                {
                    dispatches[name] = list = new List<IOperation>();
                }

                list.Add(body);
            }
        }
    }

    /// <summary>Syntax filter: the expression spells <c>.FunctionName</c>, or is a plain identifier (a local that may hold it).</summary>
    private static bool MentionsDispatchName(ExpressionSyntax expression)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            if (node is IdentifierNameSyntax identifier
                && (identifier.Identifier.ValueText == DispatchWord || (identifier.Parent is not MemberAccessExpressionSyntax && identifier == expression)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name of a tool call: a <c>FunctionName</c> string property, or a local initialized from one.</summary>
    private static bool IsToolCallName(IOperation value)
    {
        value = Unwrap(value);
        if (value is ILocalReferenceOperation { Local: { } local })
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: MemberAccessExpressionSyntax access }
                    && access.Name.Identifier.ValueText == DispatchWord)
                {
                    return true;
                }
            }

            return false;
        }

        return value is IPropertyReferenceOperation { Property: { Name: DispatchWord, Type.SpecialType: SpecialType.System_String } };
    }
}
