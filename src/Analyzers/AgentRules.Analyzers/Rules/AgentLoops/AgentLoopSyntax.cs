using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Analyzers.Rules.AgentLoops;

/// <summary>What a declaration found by <see cref="AgentLoopSyntax"/> passes on when one of the names it mentions can reach a model.</summary>
internal enum ReachUnitKind
{
    /// <summary>A method or local function: calling it by name reaches what its body reaches, one level deeper.</summary>
    Method,

    /// <summary>A constructor: <c>new Type(...)</c> (named by its type) reaches what its body reaches, one level deeper.</summary>
    Constructor,

    /// <summary>A field, property or local assigned a lambda or method group: invoking it is an LLM call when the lambda reaches one.</summary>
    Delegate,

    /// <summary>A using alias: the alias stands for the names of its target.</summary>
    Alias,
}

/// <summary>One declaration of a tree and the names it mentions.</summary>
/// <param name="Name">The declared name (a constructor's type name, an alias's name).</param>
/// <param name="Kind">What it passes on.</param>
/// <param name="Refs">Every identifier in it (plus <see cref="AgentLoopSyntax.ImplicitCreation"/> for a target-typed <c>new(...)</c>).</param>
/// <param name="Invoked">The names it invokes: <c>Name(...)</c>, <c>x.Name(...)</c>, the receiver of <c>.Invoke(...)</c>, <c>Add</c> of collection initializers, query methods.</param>
internal sealed record ReachUnit(string Name, ReachUnitKind Kind, string[] Refs, string[] Invoked);

/// <summary>A class, struct or record with a base list, and the simple names of its bases.</summary>
internal sealed record DerivedTypeDeclaration(string Name, string[] Bases);

/// <summary>The syntax facts of one tree the agent-loop rules reason about by name, before any binding.</summary>
internal sealed class TreeFacts(ImmutableArray<ReachUnit> units, ImmutableArray<DerivedTypeDeclaration> derivedTypes)
{
    public ImmutableArray<ReachUnit> Units { get; } = units;

    public ImmutableArray<DerivedTypeDeclaration> DerivedTypes { get; } = derivedTypes;
}

/// <summary>
/// Syntax-only helpers of the agent-loop rules: the names an invocation calls, and per tree (cached for the tree's
/// lifetime, so the IDE re-reads only edited files) the declarations through which a name can reach a model.
/// </summary>
internal static class AgentLoopSyntax
{
    /// <summary>Stands for every target-typed <c>new(...)</c>: not an identifier, so never confused with one.</summary>
    public const string ImplicitCreation = "new()";

    /// <summary>The methods a query expression calls without naming them.</summary>
    public static ImmutableArray<string> QueryMethods { get; } = ImmutableArray.Create(
        "Select", "SelectMany", "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy", "Join", "GroupJoin", "Cast");

    private static readonly ConditionalWeakTable<SyntaxTree, TreeFacts> s_facts = new();

    public static TreeFacts GetFacts(SyntaxTree tree, CancellationToken cancellationToken) =>
        s_facts.TryGetValue(tree, out var facts) ? facts : Build(tree, cancellationToken);

    private static TreeFacts Build(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var facts = Collect(tree.GetRoot(cancellationToken), cancellationToken);
        return s_facts.GetValue(tree, _ => facts);
    }

    /// <summary>The simple name an expression ends in: <c>x.Y</c>, <c>Y&lt;T&gt;</c>, <c>?.Y</c>, <c>global::N.Y</c> give Y.</summary>
    public static string? RightmostName(ExpressionSyntax? expression)
    {
        while (true)
        {
            switch (expression)
            {
                case SimpleNameSyntax name:
                    return name.Identifier.ValueText;
                case MemberAccessExpressionSyntax member:
                    return member.Name.Identifier.ValueText;
                case MemberBindingExpressionSyntax binding:
                    return binding.Name.Identifier.ValueText;
                case QualifiedNameSyntax qualified:
                    return qualified.Right.Identifier.ValueText;
                case AliasQualifiedNameSyntax aliased:
                    return aliased.Name.Identifier.ValueText;
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    expression = suppressed.Operand;
                    break;
                default:
                    return null;
            }
        }
    }

    /// <summary>
    /// The name an invocation calls, and for <c>d.Invoke(...)</c> / <c>d?.Invoke(...)</c> the delegate's name
    /// (<paramref name="receiver"/>), which is what a delegate invocation is known by.
    /// </summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation, out string? receiver)
    {
        receiver = null;
        var name = RightmostName(invocation.Expression);
        if (name == "Invoke")
        {
            receiver = invocation.Expression switch
            {
                MemberAccessExpressionSyntax member => RightmostName(member.Expression),
                MemberBindingExpressionSyntax => invocation.Parent is ConditionalAccessExpressionSyntax conditional ? RightmostName(conditional.Expression) : null,
                _ => null,
            };
        }

        return name;
    }

    /// <summary>
    /// A value that can be a lambda or method group assigned to a delegate (what <c>FindAssignedLambdas</c> follows):
    /// a lambda, an anonymous method, a (member) name, or <c>new D(...)</c>, in parentheses or a cast.
    /// </summary>
    public static bool IsDelegateValue(ExpressionSyntax value)
    {
        while (true)
        {
            switch (value)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    value = parenthesized.Expression;
                    break;
                case CastExpressionSyntax cast:
                    value = cast.Expression;
                    break;
                case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    value = suppressed.Operand;
                    break;
                case AnonymousFunctionExpressionSyntax or SimpleNameSyntax or MemberAccessExpressionSyntax or BaseObjectCreationExpressionSyntax:
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>Whether a node is a function of its own: a method, local function, lambda, accessor, constructor or operator.</summary>
    public static bool IsFunction(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax
            or ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax };

    private static TreeFacts Collect(SyntaxNode root, CancellationToken cancellationToken)
    {
        var units = ImmutableArray.CreateBuilder<ReachUnit>();
        var derived = ImmutableArray.CreateBuilder<DerivedTypeDeclaration>();
        var open = new List<OpenUnit>();
        foreach (var element in root.DescendantNodesAndTokens())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = element.SpanStart;
            while (open.Count > 0 && start >= open[open.Count - 1].End)
            {
                Close(open, units);
            }

            if (element.IsToken)
            {
                if (element.IsKind(SyntaxKind.IdentifierToken) && open.Count > 0)
                {
                    AddRef(open, element.AsToken().ValueText);
                }

                continue;
            }

            switch (element.AsNode())
            {
                case MethodDeclarationSyntax method:
                    open.Add(new OpenUnit(method.Identifier.ValueText, ReachUnitKind.Method, method.Span.End));
                    break;
                case LocalFunctionStatementSyntax localFunction:
                    open.Add(new OpenUnit(localFunction.Identifier.ValueText, ReachUnitKind.Method, localFunction.Span.End));
                    break;
                case ConstructorDeclarationSyntax constructor:
                    open.Add(new OpenUnit(constructor.Identifier.ValueText, ReachUnitKind.Constructor, constructor.Span.End));
                    break;
                case VariableDeclaratorSyntax { Initializer.Value: { } value } declarator when IsDelegateValue(value):
                    open.Add(new OpenUnit(declarator.Identifier.ValueText, ReachUnitKind.Delegate, declarator.Span.End));
                    break;
                case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    && IsDelegateValue(assignment.Right) && RightmostName(assignment.Left) is { } target:
                    open.Add(new OpenUnit(target, ReachUnitKind.Delegate, assignment.Span.End));
                    break;
                case UsingDirectiveSyntax { Alias: { } alias } usingDirective:
                    open.Add(new OpenUnit(alias.Name.Identifier.ValueText, ReachUnitKind.Alias, usingDirective.Span.End));
                    break;
                case TypeDeclarationSyntax { BaseList: { } baseList } type:
                    var bases = new List<string>(baseList.Types.Count);
                    foreach (var baseType in baseList.Types)
                    {
                        if (RightmostName(baseType.Type) is { } baseName)
                        {
                            bases.Add(baseName);
                        }
                    }

                    derived.Add(new DerivedTypeDeclaration(type.Identifier.ValueText, bases.ToArray()));
                    break;
                case InvocationExpressionSyntax invocation when open.Count > 0:
                    if (InvokedName(invocation, out var receiver) is { } invoked)
                    {
                        AddInvoked(open, invoked);
                    }

                    if (receiver is not null)
                    {
                        AddInvoked(open, receiver);
                    }

                    break;
                case ImplicitObjectCreationExpressionSyntax when open.Count > 0:
                    AddRef(open, ImplicitCreation);
                    break;
                case InitializerExpressionSyntax initializer when open.Count > 0 && initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                    AddInvoked(open, "Add");
                    break;
                case QueryExpressionSyntax when open.Count > 0:
                    foreach (var name in QueryMethods)
                    {
                        AddInvoked(open, name);
                    }

                    break;
            }
        }

        while (open.Count > 0)
        {
            Close(open, units);
        }

        return new TreeFacts(units.ToImmutable(), derived.ToImmutable());
    }

    private static void AddRef(List<OpenUnit> open, string name)
    {
        foreach (var unit in open)
        {
            unit.Refs.Add(name);
        }
    }

    private static void AddInvoked(List<OpenUnit> open, string name)
    {
        foreach (var unit in open)
        {
            (unit.Invoked ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
        }
    }

    private static void Close(List<OpenUnit> open, ImmutableArray<ReachUnit>.Builder units)
    {
        var unit = open[open.Count - 1];
        open.RemoveAt(open.Count - 1);
        if (unit.Name.Length == 0 || (unit.Refs.Count == 0 && unit.Invoked is null))
        {
            return;
        }

        var refs = new string[unit.Refs.Count];
        unit.Refs.CopyTo(refs);
        var invoked = Array.Empty<string>();
        if (unit.Invoked is { } names)
        {
            invoked = new string[names.Count];
            names.CopyTo(invoked);
        }

        units.Add(new ReachUnit(unit.Name, unit.Kind, refs, invoked));
    }

    private sealed class OpenUnit(string name, ReachUnitKind kind, int end)
    {
        public string Name { get; } = name;

        public ReachUnitKind Kind { get; } = kind;

        public int End { get; } = end;

        public HashSet<string> Refs { get; } = new(StringComparer.Ordinal);

        public HashSet<string>? Invoked { get; set; }
    }
}
