using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>What a declaration found by <see cref="AgentLoopSyntax"/> passes on when one of the names it mentions can reach a model.</summary>
internal enum ReachUnitKind
{
    /// <summary>A method or local function: calling it by name reaches what its body reaches, one level deeper.</summary>
    Method,

    /// <summary>A constructor: <c>new Type(...)</c> (named by its type) reaches what its body reaches, one level deeper.</summary>
    Constructor,

    /// <summary>A field or property assigned a lambda or method group: invoking it is an LLM call when the lambda reaches one.</summary>
    Delegate,

    /// <summary>A local assigned a lambda or method group: like <see cref="Delegate"/>, but it can be invoked only in its own method (its own tree).</summary>
    LocalDelegate,

    /// <summary>A using alias: the alias stands for the names of its target.</summary>
    Alias,
}

/// <summary>One declaration of a tree and the names it uses.</summary>
/// <param name="Name">The declared name (a constructor's type name, an alias's name).</param>
/// <param name="Kind">What it passes on.</param>
/// <param name="Invoked">The names it invokes: <c>Name(...)</c>, <c>x.Name(...)</c>, the receiver of <c>.Invoke(...)</c>, a collection initializer's <c>Add</c>, query methods.</param>
/// <param name="Groups">The names it uses where a method group can stand (not invoked, not a type, not the receiver of a member access, not assigned to).</param>
/// <param name="Created">The type names it creates with <c>new T(...)</c> (<see cref="AgentLoopSyntax.ImplicitCreation"/> for <c>new(...)</c>); for an alias, its target's name.</param>
/// <param name="PostsEndpointText">It calls an HttpClient post method (by name) with an LLM endpoint spelled in the arguments.</param>
/// <param name="PostArguments">The names passed as arguments to HttpClient post methods (by name): their declarations may spell an endpoint.</param>
/// <param name="ForwardsUrl">
/// It posts to a URL its caller chooses: a post method (by name) gets one of its parameters, or it creates an
/// <c>HttpRequestMessage</c> from one — the app's own HTTP helper, whose endpoint is spelled at its callers.
/// </param>
internal sealed record ReachUnit(string Name, ReachUnitKind Kind, string[] Invoked, string[] Groups, string[] Created, bool PostsEndpointText, string[] PostArguments, bool ForwardsUrl = false);

/// <summary>A class, struct or record with a base list, and the simple names of its bases.</summary>
internal sealed record DerivedTypeDeclaration(string Name, string[] Bases);

/// <summary>The syntax facts of one tree the agent-loop rules reason about by name, before any binding.</summary>
internal sealed class TreeFacts(
    ImmutableArray<ReachUnit> units,
    ImmutableArray<DerivedTypeDeclaration> derivedTypes,
    string[] postArguments,
    bool postsEndpointText,
    string[] globalStaticUsings)
{
    public ImmutableArray<ReachUnit> Units { get; } = units;

    public ImmutableArray<DerivedTypeDeclaration> DerivedTypes { get; } = derivedTypes;

    /// <summary>The names passed as arguments to HttpClient post methods (by name) anywhere in the tree.</summary>
    public string[] PostArguments { get; } = postArguments;

    /// <summary>Whether some HttpClient post (by name) in the tree spells an LLM endpoint in its arguments.</summary>
    public bool PostsEndpointText { get; } = postsEndpointText;

    /// <summary>The type names of the tree's <c>global using static</c> directives.</summary>
    public string[] GlobalStaticUsings { get; } = globalStaticUsings;
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

    private static readonly WeakCache<SyntaxTree, TreeFacts> s_facts = new();

    public static TreeFacts GetFacts(SyntaxTree tree, CancellationToken cancellationToken) =>
        s_facts.TryGetValue(tree, out var facts) ? facts : Build(tree, cancellationToken);

    private static TreeFacts Build(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var facts = Collect(tree.GetRoot(cancellationToken), cancellationToken);
        return s_facts.GetValue(tree, _ => facts);
    }

    /// <summary>
    /// Whether a tree's text contains one of <paramref name="words"/> as a whole word (exact: the
    /// <see cref="SourceIndex"/>'s maybes are confirmed in the text), so a tree costs a syntax walk only when it really
    /// spells a word.
    /// </summary>
    public static bool MentionsAny(SyntaxTree tree, SourceIndex.WordSet words, CancellationToken cancellationToken) =>
        SourceIndex.ContainsAny(tree, words, cancellationToken);

    /// <summary>
    /// The tokens of a tree that spell <paramref name="word"/> (an identifier, or a keyword such as <c>new</c>) within
    /// <paramref name="span"/>, found by searching the text and asking the tree for the token there: words in
    /// comments, strings and longer identifiers are skipped. Far cheaper than walking the tree when the word is rare.
    /// </summary>
    public static void FindTokens(SyntaxNode root, string text, string word, Microsoft.CodeAnalysis.Text.TextSpan span, List<SyntaxToken> tokens)
    {
        var end = Math.Min(span.End, text.Length);
        for (var index = text.IndexOf(word, span.Start, end - span.Start, StringComparison.Ordinal); index >= 0;
            index = index + 1 < end ? text.IndexOf(word, index + 1, end - index - 1, StringComparison.Ordinal) : -1)
        {
            var after = index + word.Length;
            if ((index > 0 && IsIdentifierPart(text[index - 1])) || (after < text.Length && IsIdentifierPart(text[after])))
            {
                continue;
            }

            var token = root.FindToken(index);
            if (token.SpanStart == index && token.Span.Length == word.Length && token.ValueText == word)
            {
                tokens.Add(token);
            }
        }
    }

    private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);

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
    /// a lambda, an anonymous method, a (member) name, or <c>new D(...)</c> of one of those, in parentheses or a cast.
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
                case AnonymousFunctionExpressionSyntax or SimpleNameSyntax or MemberAccessExpressionSyntax:
                    return true;
                case BaseObjectCreationExpressionSyntax { Initializer: null, ArgumentList.Arguments: { Count: 1 } arguments }:
                    value = arguments[0].Expression; // new D(M), new D(x => ...): a delegate creation has exactly one
                    break;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// The type syntax a target-typed <c>new(...)</c> creates when the code spells it nearby: the declared type of the
    /// variable, property or parameter it initializes, the cast it is in, or the return type of the method it is
    /// returned from; for an element of a collection expression or initializer, the collection's type. Its names
    /// include the created type (also for <c>Task&lt;T&gt;</c>, <c>List&lt;T&gt;</c>, <c>T[]</c>). Null when the
    /// target type is only known from binding (an argument, an assignment, a lambda's return).
    /// </summary>
    public static TypeSyntax? ImplicitCreationType(ImplicitObjectCreationExpressionSyntax creation)
    {
        SyntaxNode current = creation;
        while (true)
        {
            switch (current.Parent)
            {
                case ConditionalExpressionSyntax conditional when conditional.Condition == current:
                    return null;
                case ParenthesizedExpressionSyntax or ConditionalExpressionSyntax or SwitchExpressionArmSyntax or SwitchExpressionSyntax:
                case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                case BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression) && coalesce.Right == current:
                case ExpressionElementSyntax or CollectionExpressionSyntax:
                    current = current.Parent;
                    continue;
                case InitializerExpressionSyntax initializer when !initializer.IsKind(SyntaxKind.ObjectInitializerExpression):
                    switch (initializer.Parent)
                    {
                        case ArrayCreationExpressionSyntax array:
                            return array.Type;
                        case ObjectCreationExpressionSyntax collection:
                            return collection.Type;
                        case InitializerExpressionSyntax or EqualsValueClauseSyntax:
                            current = initializer; // nested initializers, or T[] x = { new(), ... }
                            continue;
                        default:
                            return null;
                    }
            }

            break;
        }

        switch (current.Parent)
        {
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: { IsVar: false } type } } }:
                return type;
            case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                return property.Type;
            case EqualsValueClauseSyntax { Parent: ParameterSyntax { Type: { } parameterType } }:
                return parameterType;
            case CastExpressionSyntax cast:
                return cast.Type;
            case ReturnStatementSyntax or ArrowExpressionClauseSyntax:
                for (var function = current.Parent.Parent; function is not null; function = function.Parent)
                {
                    switch (function)
                    {
                        case MethodDeclarationSyntax method:
                            return method.ReturnType;
                        case LocalFunctionStatementSyntax localFunction:
                            return localFunction.ReturnType;
                        case OperatorDeclarationSyntax op:
                            return op.ReturnType;
                        case ConversionOperatorDeclarationSyntax conversion:
                            return conversion.Type;
                        case BasePropertyDeclarationSyntax property:
                            return property.Type;
                        case AnonymousFunctionExpressionSyntax or BaseMethodDeclarationSyntax:
                            return null;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Whether a node is a function of its own: a method, local function, lambda, accessor, constructor or operator.</summary>
    public static bool IsFunction(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax
            or ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax };

    /// <summary>
    /// How a simple name is used, as far as calls go: invoked (<c>N(...)</c>, <c>x.N(...)</c>, <c>x?.N(...)</c>), the
    /// type of a <c>new N(...)</c>, possibly a method group (<c>Select(N)</c>, <c>f = x.N</c>), or none of these (a
    /// type or namespace, the receiver of a member access, an assignment target, an argument name, an operand).
    /// </summary>
    public static NameUse GetUse(SimpleNameSyntax name)
    {
        ExpressionSyntax expression = name;
        switch (name.Parent)
        {
            case MemberAccessExpressionSyntax member:
                if (member.Expression == name)
                {
                    return NameUse.None; // N.x: a method group has no members
                }

                expression = member;
                break;
            case MemberBindingExpressionSyntax binding:
                expression = binding;
                break;
            case QualifiedNameSyntax qualified:
                if (qualified.Left == name)
                {
                    return NameUse.None;
                }

                expression = qualified;
                break;
            case AliasQualifiedNameSyntax aliased:
                if (aliased.Alias == name)
                {
                    return NameUse.None;
                }

                expression = aliased;
                break;
        }

        switch (expression.Parent)
        {
            case InvocationExpressionSyntax invocation when invocation.Expression == expression:
                return NameUse.Invoked;
            case ObjectCreationExpressionSyntax creation when creation.Type == expression:
                return NameUse.Created;
            case MemberAccessExpressionSyntax outer when outer.Expression == expression:
            case ConditionalAccessExpressionSyntax conditional when conditional.Expression == expression:
            case ElementAccessExpressionSyntax element when element.Expression == expression:
            case AssignmentExpressionSyntax assignment when assignment.Left == expression:
            case NameColonSyntax or NameEqualsSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or IsPatternExpressionSyntax:
                return NameUse.None;
            case PostfixUnaryExpressionSyntax postfix when !postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                return NameUse.None;
        }

        return SyntaxFacts.IsInNamespaceOrTypeContext(expression) ? NameUse.None : NameUse.Group;
    }

    private static TreeFacts Collect(SyntaxNode root, CancellationToken cancellationToken)
    {
        var units = ImmutableArray.CreateBuilder<ReachUnit>();
        var derived = ImmutableArray.CreateBuilder<DerivedTypeDeclaration>();
        var open = new List<OpenUnit>();
        HashSet<string>? postArguments = null;
        List<string>? globalStaticUsings = null;
        var postsEndpointText = false;
        foreach (var node in root.DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = node.SpanStart;
            while (open.Count > 0 && start >= open[open.Count - 1].End)
            {
                Close(open, units);
            }

            switch (node)
            {
                case SimpleNameSyntax name when open.Count > 0:
                    switch (GetUse(name))
                    {
                        case NameUse.Invoked:
                            Add(open, UseSet.Invoked, name.Identifier.ValueText);
                            break;
                        case NameUse.Group:
                            Add(open, UseSet.Groups, name.Identifier.ValueText);
                            break;
                        case NameUse.Created:
                            Add(open, UseSet.Created, name.Identifier.ValueText);
                            break;
                    }

                    break;
                case MethodDeclarationSyntax method:
                    open.Add(new OpenUnit(method.Identifier.ValueText, ReachUnitKind.Method, method.Span.End, method.ParameterList));
                    break;
                case LocalFunctionStatementSyntax localFunction:
                    open.Add(new OpenUnit(localFunction.Identifier.ValueText, ReachUnitKind.Method, localFunction.Span.End, localFunction.ParameterList));
                    break;
                case ConstructorDeclarationSyntax constructor:
                    open.Add(new OpenUnit(constructor.Identifier.ValueText, ReachUnitKind.Constructor, constructor.Span.End, constructor.ParameterList));
                    break;
                case VariableDeclaratorSyntax declarator:
                    var isLocal = declarator.Parent?.Parent is not (BaseFieldDeclarationSyntax or null);
                    if (isLocal)
                    {
                        DeclareLocal(open, declarator.Identifier.ValueText);
                    }

                    if (declarator.Initializer?.Value is { } value && IsDelegateValue(value))
                    {
                        open.Add(new OpenUnit(declarator.Identifier.ValueText, isLocal ? ReachUnitKind.LocalDelegate : ReachUnitKind.Delegate, declarator.Span.End));
                    }

                    break;
                case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    && IsDelegateValue(assignment.Right) && RightmostName(assignment.Left) is { } target:
                    var assignsLocal = assignment.Left is IdentifierNameSyntax && IsDeclaredLocal(open, target);
                    open.Add(new OpenUnit(target, assignsLocal ? ReachUnitKind.LocalDelegate : ReachUnitKind.Delegate, assignment.Span.End));
                    break;
                case UsingDirectiveSyntax { Alias: { } alias } usingDirective:
                    if (RightmostName(usingDirective.NamespaceOrType) is { } aliased)
                    {
                        var unit = new OpenUnit(alias.Name.Identifier.ValueText, ReachUnitKind.Alias, usingDirective.Span.End);
                        unit.Created.Add(aliased);
                        open.Add(unit);
                    }

                    break;
                case UsingDirectiveSyntax usingStatic when usingStatic.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && usingStatic.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword):
                    if (RightmostName(usingStatic.NamespaceOrType) is { } staticType)
                    {
                        (globalStaticUsings ??= new List<string>()).Add(staticType);
                    }

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
                case InvocationExpressionSyntax invocation:
                    var invokedName = InvokedName(invocation, out var receiver);
                    if (receiver is not null)
                    {
                        Add(open, UseSet.Invoked, receiver); // d.Invoke(...): the name itself is recorded as invoked when visited
                    }

                    if (invokedName is not null && IsHttpPostName(invokedName))
                    {
                        if (PostsEndpointText(invocation))
                        {
                            postsEndpointText = true;
                            foreach (var unit in open)
                            {
                                unit.PostsEndpointText = true;
                            }
                        }

                        foreach (var argument in invocation.ArgumentList.Arguments)
                        {
                            if (RightmostName(argument.Expression) is not { } argumentName)
                            {
                                continue;
                            }

                            if (IsParameterReference(argument.Expression, argumentName))
                            {
                                MarkForwardsUrl(open);
                            }
                            else
                            {
                                Add(open, UseSet.PostArguments, argumentName);
                                (postArguments ??= new HashSet<string>(StringComparer.Ordinal)).Add(argumentName);
                            }
                        }
                    }

                    break;
                case ObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } requestArguments } request
                    when open.Count > 0 && RightmostName(request.Type) == "HttpRequestMessage":
                    // new HttpRequestMessage(HttpMethod.Post, url) from a parameter: a helper that sends where its caller says.
                    foreach (var argument in requestArguments)
                    {
                        if (argument.Expression is IdentifierNameSyntax identifier && IsParameterReference(identifier, identifier.Identifier.ValueText))
                        {
                            MarkForwardsUrl(open);
                        }
                    }

                    // new HttpRequestMessage(HttpMethod.Post, BaseUrl): the URL is a setting kept in a field or
                    // property (whose declaration, perhaps in another file, may spell the endpoint), passed as a post's.
                    if (PostedSettingName(request) is { } urlName)
                    {
                        Add(open, UseSet.PostArguments, urlName);
                        (postArguments ??= new HashSet<string>(StringComparer.Ordinal)).Add(urlName);
                    }

                    break;
                case ImplicitObjectCreationExpressionSyntax implicitCreation when open.Count > 0:
                    if (ImplicitCreationType(implicitCreation) is { } createdType)
                    {
                        foreach (var typeName in createdType.DescendantNodesAndSelf())
                        {
                            if (typeName is SimpleNameSyntax simple)
                            {
                                Add(open, UseSet.Created, simple.Identifier.ValueText);
                            }
                        }
                    }
                    else
                    {
                        Add(open, UseSet.Created, ImplicitCreation);
                    }

                    break;
                case InitializerExpressionSyntax initializer when open.Count > 0 && initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                    Add(open, UseSet.Invoked, "Add");
                    break;
                case QueryExpressionSyntax when open.Count > 0:
                    foreach (var query in QueryMethods)
                    {
                        Add(open, UseSet.Invoked, query);
                    }

                    break;
            }
        }

        while (open.Count > 0)
        {
            Close(open, units);
        }

        return new TreeFacts(
            units.ToImmutable(),
            derived.ToImmutable(),
            postArguments is null ? Array.Empty<string>() : ToArray(postArguments),
            postsEndpointText,
            globalStaticUsings?.ToArray() ?? Array.Empty<string>());
    }

    /// <summary>
    /// Whether a bare name refers to a parameter of an enclosing function (<c>PostsToLlmEndpoint</c> reads the
    /// declarations of locals, fields and properties only): the innermost function that declares the name as a
    /// parameter or a local decides.
    /// </summary>
    private static bool IsParameterReference(ExpressionSyntax expression, string name)
    {
        if (expression is not IdentifierNameSyntax)
        {
            return false;
        }

        for (var node = expression.Parent; node is not null; node = node.Parent)
        {
            var parameters = node switch
            {
                BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
                LocalFunctionStatementSyntax localFunction => localFunction.ParameterList.Parameters,
                ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
                SimpleLambdaExpressionSyntax simple => SyntaxFactory.SingletonSeparatedList(simple.Parameter),
                AnonymousMethodExpressionSyntax { ParameterList: { } list } => list.Parameters,
                _ => default,
            };

            if (!IsFunction(node) && node is not LocalFunctionStatementSyntax)
            {
                continue;
            }

            foreach (var descendant in node.DescendantNodes())
            {
                if ((descendant is VariableDeclaratorSyntax declarator && declarator.Identifier.ValueText == name)
                    || (descendant is SingleVariableDesignationSyntax designation && designation.Identifier.ValueText == name)
                    || (descendant is ForEachStatementSyntax forEach && forEach.Identifier.ValueText == name))
                {
                    return false; // a local of this function (or of one inside it)
                }
            }

            foreach (var parameter in parameters)
            {
                if (parameter.Identifier.ValueText == name)
                {
                    return true;
                }
            }

            if (node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether a name is one of the HttpClient methods that post a body (<see cref="AgentLoopApis.HttpPostMethods"/>).</summary>
    public static bool IsHttpPostName(string name)
    {
        foreach (var post in AgentLoopApis.HttpPostMethods)
        {
            if (post == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The field or property a <c>new HttpRequestMessage(HttpMethod.Post, BaseUrl)</c> posts to (<c>BaseUrl</c>), or
    /// null: another method, or a URL that is a parameter or an expression.
    /// </summary>
    public static string? PostedSettingName(ExpressionSyntax expression)
    {
        if (expression is not ObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } arguments } request
            || RightmostName(request.Type) != "HttpRequestMessage"
            || arguments[0].Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Post" }
            || arguments[1].Expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax)
            || RightmostName(arguments[1].Expression) is not { } name
            || IsParameterReference(arguments[1].Expression, name))
        {
            return null;
        }

        return name;
    }

    /// <summary>Whether an invocation's arguments spell an LLM endpoint (what <c>PostsToLlmEndpoint</c> reads from the arguments themselves).</summary>
    public static bool PostsEndpointText(InvocationExpressionSyntax invocation) =>
        invocation.ArgumentList.Arguments.Count > 0 && LlmEndpointText.Scan(invocation.ArgumentList.ToString(), default);

    /// <summary>
    /// The names declared in a tree (variables, fields, properties) whose declaration spells an LLM endpoint: passing
    /// one to an HttpClient post is how <c>PostsToLlmEndpoint</c> recognises a URL kept elsewhere. Only for trees that
    /// <see cref="LlmEndpointText.Mentions"/>; cached per tree.
    /// </summary>
    public static ImmutableArray<string> GetEndpointNames(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (s_endpointNames.TryGetValue(tree, out var cached))
        {
            return cached.Value;
        }

        var names = ImmutableArray.CreateBuilder<string>();
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case VariableDeclaratorSyntax declarator when LlmEndpointText.Scan(declarator.ToString(), cancellationToken):
                    names.Add(declarator.Identifier.ValueText);
                    break;
                case PropertyDeclarationSyntax property when LlmEndpointText.Scan(property.ToString(), cancellationToken):
                    names.Add(property.Identifier.ValueText);
                    break;
            }
        }

        var result = new StrongBox<ImmutableArray<string>>(names.ToImmutable());
        return s_endpointNames.GetValue(tree, _ => result).Value;
    }

    private static readonly WeakCache<SyntaxTree, StrongBox<ImmutableArray<string>>> s_endpointNames = new();

    private enum UseSet
    {
        Invoked,
        Groups,
        Created,
        PostArguments,
    }

    /// <summary>Records a local of the enclosing methods (an assignment to that name then assigns the local).</summary>
    private static void DeclareLocal(List<OpenUnit> open, string name)
    {
        foreach (var unit in open)
        {
            unit.Locals?.Add(name);
        }
    }

    private static bool IsDeclaredLocal(List<OpenUnit> open, string name)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            if (open[i].Locals is { } locals && locals.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(List<OpenUnit> open, UseSet set, string name)
    {
        foreach (var unit in open)
        {
            (set switch { UseSet.Invoked => unit.Invoked, UseSet.Groups => unit.Groups, UseSet.Created => unit.Created, _ => unit.PostArguments }).Add(name);
        }
    }

    private static void Close(List<OpenUnit> open, ImmutableArray<ReachUnit>.Builder units)
    {
        var unit = open[open.Count - 1];
        open.RemoveAt(open.Count - 1);
        if (unit.Name.Length == 0 || (unit.UsesNothing && !unit.PostsEndpointText && !unit.ForwardsUrl))
        {
            return;
        }

        units.Add(new ReachUnit(unit.Name, unit.Kind, unit.InvokedArray, unit.GroupsArray, unit.CreatedArray, unit.PostsEndpointText, unit.PostArgumentsArray, unit.ForwardsUrl));
    }

    /// <summary>The innermost method, local function or constructor is an HTTP helper whose URL its callers pass.</summary>
    private static void MarkForwardsUrl(List<OpenUnit> open)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            if (open[i].Locals is not null)
            {
                open[i].ForwardsUrl = true;
                return;
            }
        }
    }

    private static string[] ToArray(HashSet<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return Array.Empty<string>();
        }

        var array = new string[names.Count];
        names.CopyTo(array);
        return array;
    }

    private sealed class OpenUnit(string name, ReachUnitKind kind, int end, BaseParameterListSyntax? parameters = null)
    {
        public string Name { get; } = name;

        /// <summary>For methods, local functions and constructors: the parameters and locals declared so far.</summary>
        public HashSet<string>? Locals { get; } = parameters is null ? null : CreateLocals(parameters);

        private static HashSet<string> CreateLocals(BaseParameterListSyntax parameters)
        {
            var locals = new HashSet<string>(StringComparer.Ordinal);
            foreach (var parameter in parameters.Parameters)
            {
                locals.Add(parameter.Identifier.ValueText);
            }

            return locals;
        }


        public ReachUnitKind Kind { get; } = kind;

        public int End { get; } = end;

        // Created on first use: most units of a file (a method that calls nothing, a field) fill one set or none.
        private HashSet<string>? _invoked;
        private HashSet<string>? _groups;
        private HashSet<string>? _created;
        private HashSet<string>? _postArguments;

        public HashSet<string> Invoked => _invoked ??= new(StringComparer.Ordinal);

        public HashSet<string> Groups => _groups ??= new(StringComparer.Ordinal);

        public HashSet<string> Created => _created ??= new(StringComparer.Ordinal);

        public HashSet<string> PostArguments => _postArguments ??= new(StringComparer.Ordinal);

        /// <summary>Whether no name has been recorded in any of the four sets.</summary>
        public bool UsesNothing => (_invoked?.Count ?? 0) + (_groups?.Count ?? 0) + (_created?.Count ?? 0) + (_postArguments?.Count ?? 0) == 0;

        public string[] InvokedArray => ToArray(_invoked);

        public string[] GroupsArray => ToArray(_groups);

        public string[] CreatedArray => ToArray(_created);

        public string[] PostArgumentsArray => ToArray(_postArguments);

        public bool PostsEndpointText { get; set; }

        public bool ForwardsUrl { get; set; }
    }
}

/// <summary>How a simple name is used (see <see cref="AgentLoopSyntax.GetUse"/>).</summary>
internal enum NameUse
{
    None,
    Invoked,
    Group,
    Created,
}
