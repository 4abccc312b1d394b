using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// Chat-completion request bodies: what makes an HttpClient post a model call when its URL says nothing (an endpoint
/// read from configuration, a relative path on an injected client). A body is a chat request when it has a
/// <c>model</c> and a list of <c>messages</c> whose elements carry a <c>role</c> and a <c>content</c> — the shape
/// OpenAI-compatible servers, Azure OpenAI, Anthropic and Ollama all take — whether it is the app's own type (by C#
/// name or JSON name), an anonymous object, a dictionary or <c>JsonObject</c> with those keys, or JSON text that
/// spells them.
/// </summary>
/// <remarks>
/// <para>
/// Both halves are required: a chat app, Slack or a mail service takes <c>messages</c> too, but no <c>model</c>; and a
/// <c>model</c> alone is any configuration object. Message elements the code leaves untyped (<c>object</c>,
/// dictionaries, <c>JsonObject</c>/<c>JsonNode</c>, <c>JObject</c>/<c>JToken</c>) are accepted: their keys cannot be
/// read from the type, and next to a <c>model</c> a list named <c>messages</c> is the chat shape.
/// </para>
/// <para>
/// The body is followed from the post's arguments through what is serialized whole: conversions, the arguments of
/// calls and creations (<c>JsonContent.Create(request)</c>, <c>new StringContent(JsonSerializer.Serialize(body))</c>,
/// <c>PostAsJsonAsync(url, body)</c>), object initializers (<c>new HttpRequestMessage { Content = … }</c>), and the
/// values assigned to a local in the same member (<c>request.Content = …</c> included). A member read off an object
/// (<c>chat.Messages.Last().Content</c>) is not the object: the receiver of a property or field is not followed.
/// </para>
/// </remarks>
internal sealed class ChatPayloads
{
    /// <summary>How many locals are followed from one argument (a body built in a few steps).</summary>
    private const int MaxLocalHops = 6;

    private static readonly WeakCache<SyntaxTree, object> s_declares = new();
    private static readonly object s_yes = true;
    private static readonly object s_no = false;
    private static readonly SourceIndex.WordSet s_messagesWords = SourceIndex.CreateWordSet(["messages", "Messages"]);

    private readonly ConcurrentDictionary<ITypeSymbol, bool> _payloadTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _messageTypes = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Whether some file of the compilation declares a chat request: a type with a <c>model</c> and a <c>messages</c>
    /// member, an anonymous object with both, or an initializer with both keys. Decided from syntax and cached per
    /// tree; the loop rules only look at posts' bodies in a compilation where this holds.
    /// </summary>
    public static bool DeclaredIn(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (Declares(tree, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc cref="DeclaredIn"/>
    public static bool Declares(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!s_declares.TryGetValue(tree, out var result))
        {
            // Both halves are needed: a file that spells "messages" (every chat agent does) but never "model" (in any
            // case, as a whole word) declares no request, and is not walked node by node.
            var found = SourceIndex.ContainsAny(tree, s_messagesWords, cancellationToken)
                && ChatPayloadText.MaySpellModel(tree.GetText(cancellationToken).ToString())
                && Scan(tree.GetRoot(cancellationToken), cancellationToken) ? s_yes : s_no;
            result = s_declares.GetValue(tree, _ => found);
        }

        return (bool)result;
    }

    private static bool Scan(SyntaxNode root, CancellationToken cancellationToken)
    {
        bool modelKey = false, messagesKey = false;
        foreach (var node in root.DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool model = false, messages = false;
            switch (node)
            {
                case TypeDeclarationSyntax type:
                    foreach (var member in type.Members)
                    {
                        switch (member)
                        {
                            case PropertyDeclarationSyntax property:
                                Note(property.Identifier.ValueText, property.AttributeLists, ref model, ref messages);
                                break;
                            case FieldDeclarationSyntax field:
                                foreach (var variable in field.Declaration.Variables)
                                {
                                    Note(variable.Identifier.ValueText, field.AttributeLists, ref model, ref messages);
                                }

                                break;
                        }
                    }

                    if (type.ParameterList is { } primary)
                    {
                        foreach (var parameter in primary.Parameters)
                        {
                            Note(parameter.Identifier.ValueText, parameter.AttributeLists, ref model, ref messages);
                        }
                    }

                    break;
                case AnonymousObjectCreationExpressionSyntax anonymous:
                    foreach (var initializer in anonymous.Initializers)
                    {
                        var name = initializer.NameEquals?.Name.Identifier.ValueText ?? AgentLoopSyntax.RightmostName(initializer.Expression);
                        Note(name, default, ref model, ref messages);
                    }

                    break;
                case BracketedArgumentListSyntax { Arguments.Count: 1 } index when index.Parent is ElementAccessExpressionSyntax or ImplicitElementAccessSyntax:
                    // ["model"] = …, payload["messages"] = …: keys anywhere in the file (a dictionary filled in steps)
                    NoteKey(index.Arguments[0].Expression, ref modelKey, ref messagesKey);
                    model = modelKey;
                    messages = messagesKey;
                    break;
                case InitializerExpressionSyntax { Expressions.Count: 2 } pair when pair.IsKind(SyntaxKind.ComplexElementInitializerExpression):
                    NoteKey(pair.Expressions[0], ref modelKey, ref messagesKey); // { "model", … }
                    model = modelKey;
                    messages = messagesKey;
                    break;
                case InvocationExpressionSyntax { ArgumentList.Arguments.Count: 2 } add when AgentLoopSyntax.InvokedName(add, out _) == "Add":
                    NoteKey(add.ArgumentList.Arguments[0].Expression, ref modelKey, ref messagesKey);
                    model = modelKey;
                    messages = messagesKey;
                    break;
                case LiteralExpressionSyntax or InterpolatedStringExpressionSyntax:
                    if (SpellsRequest(node.ToString()))
                    {
                        return true; // raw JSON text: {"model": …, "messages": [{"role": …}]}
                    }

                    continue;
                default:
                    continue;
            }

            if (model && messages)
            {
                return true;
            }
        }

        return false;
    }

    private static void NoteKey(ExpressionSyntax key, ref bool model, ref bool messages)
    {
        if (key is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            Note(literal.Token.ValueText, default, ref model, ref messages);
        }
    }

    private static void Note(string? name, SyntaxList<AttributeListSyntax> attributes, ref bool model, ref bool messages)
    {
        foreach (var list in attributes)
        {
            foreach (var attribute in list.Attributes)
            {
                if (attribute.ArgumentList is { Arguments.Count: > 0 } arguments)
                {
                    foreach (var argument in arguments.Arguments)
                    {
                        if (argument.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                        {
                            Note(literal.Token.ValueText, default, ref model, ref messages);
                        }
                    }
                }
            }
        }

        model |= string.Equals(name, "model", StringComparison.OrdinalIgnoreCase);
        messages |= string.Equals(name, "messages", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The chat request an HttpClient post sends, as the reach path names it (<c>chat request ChatRequest</c>,
    /// <c>chat request { model, messages }</c>), or null when its body is not one.
    /// </summary>
    public string? Find(IInvocationOperation post)
    {
        var scope = new Scope(post, null);
        foreach (var argument in post.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit && Find(argument.Value, scope) is { } found)
            {
                return "chat request " + found;
            }
        }

        return null;
    }

    /// <summary>The chat request a value is or serializes (an argument a caller hands the app's own HTTP helper), as <see cref="Find(IInvocationOperation)"/> names it, or null.</summary>
    public string? FindIn(IOperation value) => Find(value, new Scope(value, null)) is { } found ? "chat request " + found : null;

    /// <summary>
    /// The parameters of <paramref name="method"/> whose value an HttpClient post in its body sends (the app's own HTTP
    /// helper, <c>PostJsonAsync(string url, object body)</c>): followed as a body is, so a caller's argument for one of
    /// them is what goes out.
    /// </summary>
    public List<IParameterSymbol> ForwardedParameters(IInvocationOperation post, IMethodSymbol method)
    {
        var scope = new Scope(post, method);
        foreach (var argument in post.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit)
            {
                _ = Find(argument.Value, scope);
            }
        }

        return scope.Forwarded!;
    }

    private string? Find(IOperation operation, Scope scope)
    {
        if (operation.Type is { } type && IsRequestType(type))
        {
            return type.IsAnonymousType ? "{ model, messages }" : type.Name;
        }

        switch (operation)
        {
            case IParameterReferenceOperation { Parameter: var parameter } when scope.Forwarded is { } forwarded
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, scope.Method):
                if (!forwarded.Contains(parameter))
                {
                    forwarded.Add(parameter);
                }

                return null;
            case IConversionOperation conversion:
                return Find(conversion.Operand, scope);
            case IParenthesizedOperation parenthesized:
                return Find(parenthesized.Operand, scope);
            case IAwaitOperation awaited:
                return Find(awaited.Operation, scope);
            case IConditionalOperation conditional:
                return (conditional.WhenTrue is { } whenTrue ? Find(whenTrue, scope) : null)
                    ?? (conditional.WhenFalse is { } whenFalse ? Find(whenFalse, scope) : null);
            case ICoalesceOperation coalesce:
                return Find(coalesce.Value, scope) ?? Find(coalesce.WhenNull, scope);
            case IInvocationOperation invocation:
                return FindInArguments(invocation.Arguments, scope);
            case IObjectCreationOperation creation:
                if (IsDictionaryRequest(creation.Initializer, null, scope.Root))
                {
                    return "{ model, messages }";
                }

                return FindInArguments(creation.Arguments, scope) ?? FindInInitializer(creation.Initializer, scope);
            case ILiteralOperation or IInterpolatedStringOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String }:
                return SpellsRequest(operation.Syntax.ToString()) ? "{ model, messages }" : null;
            case ILocalReferenceOperation { Local: var local } when scope.Visited.Count < MaxLocalHops && scope.Visited.Add(local):
                if (IsDictionaryRequest(null, local, scope.Root))
                {
                    return "{ model, messages }";
                }

                foreach (var value in ValuesOf(local, scope.Root))
                {
                    if (Find(value, scope) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private string? FindInArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, Scope scope)
    {
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && Find(argument.Value, scope) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private string? FindInInitializer(IObjectOrCollectionInitializerOperation? initializer, Scope scope)
    {
        if (initializer is null)
        {
            return null;
        }

        foreach (var element in initializer.Initializers)
        {
            if (element is ISimpleAssignmentOperation assignment && Find(assignment.Value, scope) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>One search: the member's whole operation tree (where locals get their values), the locals followed, and, when looking for a helper's forwarded parameters, the method and what was found.</summary>
    private sealed class Scope
    {
        public Scope(IOperation start, IMethodSymbol? method)
        {
            var root = start;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            Root = root;
            Method = method;
            Forwarded = method is null ? null : new List<IParameterSymbol>();
        }

        public IOperation Root { get; }

        public IMethodSymbol? Method { get; }

        public List<IParameterSymbol>? Forwarded { get; }

        public HashSet<ILocalSymbol> Visited { get; } = new(SymbolEqualityComparer.Default);
    }

    /// <summary>The values a local gets in the member: its initializer, plain assignments, and what is assigned to its members (<c>request.Content = …</c>).</summary>
    private static IEnumerable<IOperation> ValuesOf(ILocalSymbol local, IOperation root)
    {
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } initializer } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    yield return initializer;
                    break;
                case ISimpleAssignmentOperation assignment when AgentLoopContext.Unwrap(assignment.Target) is var target
                    && (IsLocal(target, local) || (target is IMemberReferenceOperation { Instance: { } instance } && IsLocal(AgentLoopContext.Unwrap(instance), local))):
                    yield return assignment.Value;
                    break;
            }
        }
    }

    private static bool IsLocal(IOperation operation, ILocalSymbol local) =>
        operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

    /// <summary>
    /// A dictionary or JSON object with the keys <c>model</c> and <c>messages</c> (the messages' value role-tagged or
    /// untyped): in its collection initializer, or, for a local, also set through its indexer or <c>Add</c> in the member.
    /// </summary>
    private bool IsDictionaryRequest(IObjectOrCollectionInitializerOperation? initializer, ILocalSymbol? local, IOperation root)
    {
        bool model = false, messages = false;
        if (initializer is not null)
        {
            foreach (var element in initializer.Initializers)
            {
                NoteKey(element, null, ref model, ref messages);
            }
        }

        if (local is not null && IsKeyed(local.Type))
        {
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer.Value: var value } declarator
                        when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) && AgentLoopContext.Unwrap(value) is IObjectCreationOperation { Initializer: { } creationInitializer }:
                        foreach (var element in creationInitializer.Initializers)
                        {
                            NoteKey(element, null, ref model, ref messages);
                        }

                        break;
                    case ISimpleAssignmentOperation or IInvocationOperation:
                        NoteKey(operation, local, ref model, ref messages);
                        break;
                }
            }
        }

        return model && messages;
    }

    /// <summary>A <c>["key"] = value</c> or <c>Add("key", value)</c> (on <paramref name="local"/> when given; in an initializer otherwise).</summary>
    private void NoteKey(IOperation operation, ILocalSymbol? local, ref bool model, ref bool messages)
    {
        IOperation? key = null, value = null, instance = null;
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment:
                (key, value, instance) = (indexer.Arguments[0].Value, assignment.Value, indexer.Instance);
                break;
            case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } add:
                (key, value, instance) = (add.Arguments[0].Value, add.Arguments[1].Value, add.Instance);
                break;
        }

        if (key is null || value is null
            || (local is not null && (instance is null || !IsLocal(AgentLoopContext.Unwrap(instance), local)))
            || (local is null && instance is not null and not IInstanceReferenceOperation))
        {
            return;
        }

        switch (AgentLoopContext.Unwrap(key).ConstantValue is { HasValue: true, Value: string name } ? name : null)
        {
            case "model":
                model = true;
                break;
            case "messages" when AgentLoopContext.Unwrap(value).Type is not { } type || IsMessageList(type):
                messages = true;
                break;
        }
    }

    /// <summary>Dictionaries and JSON objects, whose keys are the payload's names.</summary>
    private static bool IsKeyed(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Dictionary" or "IDictionary" or "JsonObject" or "JObject" or "ExpandoObject" };

    /// <summary>Raw JSON text that spells a chat request's keys.</summary>
    private static bool SpellsRequest(string text) =>
        SpellsKey(text, "model") && SpellsKey(text, "messages") && SpellsKey(text, "role");

    /// <summary>A JSON key in source text: <c>"key"</c> in a raw or verbatim string, <c>\"key\"</c> in an escaped one.</summary>
    private static bool SpellsKey(string text, string key) =>
        text.IndexOf("\"" + key + "\"", StringComparison.Ordinal) >= 0 || text.IndexOf("\\\"" + key + "\\\"", StringComparison.Ordinal) >= 0;

    /// <summary>A type with a <c>model</c> (text) and role-tagged <c>messages</c>, by C# or JSON name; a type parameter by its constraints.</summary>
    public bool IsRequestType(ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol parameter)
        {
            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (IsRequestType(constraint))
                {
                    return true;
                }
            }

            return false;
        }

        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface } named || named.SpecialType != SpecialType.None)
        {
            return false;
        }

        return _payloadTypes.GetOrAdd(named, t =>
        {
            bool model = false, messages = false;
            foreach (var (name, memberType) in DataMembers(t))
            {
                if (!model && string.Equals(name, "model", StringComparison.OrdinalIgnoreCase))
                {
                    model = memberType.SpecialType == SpecialType.System_String || memberType.TypeKind == TypeKind.Enum;
                }
                else if (!messages && string.Equals(name, "messages", StringComparison.OrdinalIgnoreCase))
                {
                    messages = IsMessageList(memberType);
                }
            }

            return model && messages;
        });
    }

    /// <summary>An array or sequence whose elements are role-tagged messages or untyped JSON objects.</summary>
    private bool IsMessageList(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return IsMessage(array.ElementType);
        }

        if (type is not INamedTypeSymbol named || type.SpecialType == SpecialType.System_String)
        {
            return false;
        }

        if (named.Name is "JsonArray" or "JArray")
        {
            return true;
        }

        if (IsEnumerableOfT(named) && named.TypeArguments.Length == 1)
        {
            return IsMessage(named.TypeArguments[0]);
        }

        foreach (var candidate in named.AllInterfaces)
        {
            if (IsEnumerableOfT(candidate))
            {
                return IsMessage(candidate.TypeArguments[0]);
            }
        }

        return false;
    }

    private static bool IsEnumerableOfT(INamedTypeSymbol type) =>
        type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;

    private bool IsMessage(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Object || type.TypeKind == TypeKind.Dynamic
            || (type is INamedTypeSymbol { Name: "JsonObject" or "JsonNode" or "JsonElement" or "JObject" or "JToken" }) || IsKeyed(type))
        {
            return true;
        }

        if (type is ITypeParameterSymbol parameter)
        {
            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (IsMessage(constraint))
                {
                    return true;
                }
            }

            return false;
        }

        return _messageTypes.GetOrAdd(type, t =>
        {
            bool role = false, content = false;
            foreach (var (name, _) in DataMembers(t))
            {
                role |= string.Equals(name, "role", StringComparison.OrdinalIgnoreCase);
                content |= string.Equals(name, "content", StringComparison.OrdinalIgnoreCase);
            }

            return role && content;
        });
    }

    /// <summary>The instance properties and fields of a type, its bases and interfaces, each by its JSON name when an attribute gives one.</summary>
    private static IEnumerable<(string Name, ITypeSymbol Type)> DataMembers(ITypeSymbol type)
    {
        var types = new List<ITypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            types.Add(current);
        }

        types.AddRange(type.AllInterfaces);
        foreach (var declaring in types)
        {
            foreach (var member in declaring.GetMembers())
            {
                if (member.IsStatic || member.Name.IndexOf('<') >= 0)
                {
                    continue;
                }

                var memberType = member switch
                {
                    IPropertySymbol { IsIndexer: false } property => property.Type,
                    IFieldSymbol field => field.Type,
                    _ => null,
                };

                if (memberType is not null)
                {
                    yield return (JsonName(member) ?? SimpleName(member.Name), memberType);
                }
            }
        }
    }

    /// <summary>The name a <c>[JsonPropertyName]</c>, <c>[JsonProperty]</c> or <c>[DataMember(Name = …)]</c> gives a member.</summary>
    private static string? JsonName(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (attribute.AttributeClass?.Name is not ("JsonPropertyNameAttribute" or "JsonPropertyAttribute" or "DataMemberAttribute"))
            {
                continue;
            }

            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string positional)
            {
                return positional;
            }

            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key is "Name" or "PropertyName" && named.Value.Value is string name)
                {
                    return name;
                }
            }
        }

        return null;
    }

    /// <summary>An explicit interface implementation's name without its interface.</summary>
    private static string SimpleName(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name.Substring(dot + 1);
    }
}
