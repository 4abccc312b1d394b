using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>
/// Follows the text at a prompt site back to where it comes from: a declared prompt, text written in the code (a
/// literal, an interpolated or concatenated string, a constant, a field or property initialised with text, a
/// StringBuilder filled with text, a helper method returning any of these), a file read at run time — or somewhere
/// the code does not show (a parameter, configuration, a model's answer), which is never reported.
/// </summary>
/// <remarks>
/// Create one per compilation. Locals are followed through every assignment in their method; readonly and private
/// fields and get-only properties through their initializer and every assignment in their type; same-compilation
/// methods through their return statements — a few levels deep. Member results are memoized.
/// </remarks>
public sealed class PromptTextClassifier
{
    private const int MaxDepth = 6;

    private static readonly HashSet<string> s_stringPassThroughMethods = new(StringComparer.Ordinal)
    {
        "Replace", "Trim", "TrimStart", "TrimEnd", "ToUpper", "ToUpperInvariant", "ToLower", "ToLowerInvariant",
        "Normalize", "PadLeft", "PadRight", "Insert", "Remove", "Substring", "ReplaceLineEndings",
    };

    private static readonly HashSet<string> s_stringBuilderWriters = new(StringComparer.Ordinal)
    {
        "Append", "AppendLine", "AppendFormat", "AppendJoin", "Insert",
    };

    private readonly INamedTypeSymbol? _promptAttribute;
    private readonly INamedTypeSymbol? _agentPrompt;
    private readonly INamedTypeSymbol? _stringBuilder;
    private readonly CallGraphSearch<object> _graph;
    private readonly ConcurrentDictionary<(ISymbol Member, int Depth), PromptText> _members = new(MemberDepthComparer.Instance);
    private readonly ConcurrentDictionary<IOperation, PromptText> _texts = new(); // operations compare by reference

    public PromptTextClassifier(KnownTypes types)
    {
        _promptAttribute = types.Get(MetadataNames.PromptAttribute);
        _agentPrompt = types.Get(MetadataNames.AgentPrompt);
        _stringBuilder = types.Get("System.Text.StringBuilder");
        _graph = new CallGraphSearch<object>(types.Compilation, static _ => null, maxDepth: 0);
    }

    /// <summary>
    /// The methods of this compilation that implement or override an interface, abstract or virtual method (the same
    /// compilation-wide lookup the loop rules' reach uses); empty for other methods and when there are none.
    /// </summary>
    internal ImmutableArray<IMethodSymbol> GetImplementations(IMethodSymbol method, CancellationToken cancellationToken) =>
        _graph.GetImplementations(method, cancellationToken);

    /// <summary>The [Prompt] attribute type, when the AgentRules runtime is referenced.</summary>
    public INamedTypeSymbol? PromptAttribute => _promptAttribute;

    /// <summary>Where the text supplied by <paramref name="text"/> comes from (once per operation: the prompt rule and the process spec ask for the same sites).</summary>
    public PromptText Classify(IOperation text, CancellationToken cancellationToken) =>
        _texts.TryGetValue(text, out var known)
            ? known
            : _texts.GetOrAdd(text, Classify(text, 0, ImmutableHashSet<ISymbol>.Empty.WithComparer(SymbolEqualityComparer.Default), cancellationToken));

    /// <summary>The declared prompt a member's <c>[Prompt]</c> attribute makes, if any (for methods: also when reduced or generic).</summary>
    public PromptReference? GetDeclaredPrompt(ISymbol? symbol)
    {
        if (symbol is null || _promptAttribute is null)
        {
            return null;
        }

        if (symbol is IMethodSymbol method)
        {
            symbol = (method.ReducedFrom ?? method).OriginalDefinition;
            if (method.AssociatedSymbol is IPropertySymbol property)
            {
                symbol = property.OriginalDefinition;
            }
        }
        else
        {
            symbol = symbol.OriginalDefinition;
        }

        var attribute = symbol.GetAttribute(_promptAttribute);
        if (attribute is null)
        {
            return null;
        }

        var id = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        var version = attribute.TryGetNamedArgument("Version", out var v) && v.Value is int i ? i : 1;
        return new PromptReference(id, version, null);
    }

    /// <summary>True for <c>File.ReadAllText(Async)</c>, <c>File.ReadAllLines(Async)</c> and <c>ReadToEnd(Async)</c> on a reader over a file or an embedded resource.</summary>
    public static bool IsFileRead(IInvocationOperation invocation) => FileReadDescription(invocation) is not null;

    /// <summary>"text read from a file at run time", "text read from an embedded resource at run time", or null.</summary>
    public static string? FileReadDescription(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null || type.ContainingNamespace?.ToDisplayString() != "System.IO")
        {
            return null;
        }

        if (type.Name == "File")
        {
            return method.Name is "ReadAllText" or "ReadAllTextAsync" or "ReadAllLines" or "ReadAllLinesAsync" ? FromFile : null;
        }

        if (method.Name is "ReadToEnd" or "ReadToEndAsync" && (type.Name is "StreamReader" or "TextReader"))
        {
            return ReaderSource(invocation.Instance, invocation, 0);
        }

        return null;
    }

    private const string FromFile = "text read from a file at run time";
    private const string FromResource = "text read from an embedded resource at run time";

    /// <summary>What a reader (or the stream under it) reads: a file path, a file stream, an embedded resource; null when not known.</summary>
    private static string? ReaderSource(IOperation? reader, IOperation site, int depth)
    {
        reader = Unwrap(reader);
        if (depth > 3)
        {
            return null;
        }

        switch (reader)
        {
            case IObjectCreationOperation creation when creation.Type?.Name == "StreamReader" && creation.Arguments.Length > 0:
                return creation.Arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String
                    ? FromFile
                    : ReaderSource(creation.Arguments[0].Value, site, depth + 1);
            case IInvocationOperation invocation:
                var name = invocation.TargetMethod.Name;
                var typeName = invocation.TargetMethod.ContainingType?.Name;
                if (typeName == "File" && name is "OpenText" or "OpenRead" or "Open")
                {
                    return FromFile;
                }

                if (typeName == "Assembly" && name == "GetManifestResourceStream")
                {
                    return FromResource;
                }

                return null;
            case ILocalReferenceOperation local:
                foreach (var value in LocalWrites(local.Local, Root(site)))
                {
                    if (value.Value is { } initial && ReaderSource(initial, site, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private PromptText Classify(IOperation? operation, int depth, ImmutableHashSet<ISymbol> visiting, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        operation = Unwrap(operation);
        if (operation is null || depth > MaxDepth)
        {
            return PromptText.Unknown;
        }

        switch (operation)
        {
            case IInterpolatedStringOperation interpolated:
                return Compose(InterpolationParts(interpolated), UnversionedTextKind.Interpolated, operation, depth, visiting, cancellationToken);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when IsStringConcatenation(binary):
                var operands = new List<IOperation>();
                Flatten(binary, operands);
                return Compose(operands, UnversionedTextKind.Concatenated, operation, depth, visiting, cancellationToken);

            case IFieldReferenceOperation field:
                return FromField(field.Field, depth, visiting, cancellationToken);

            case IPropertyReferenceOperation property:
                return FromProperty(property, depth, visiting, cancellationToken);

            case ILocalReferenceOperation local:
                return FromLocal(local, depth, visiting, cancellationToken);

            case IInvocationOperation invocation:
                return FromInvocation(invocation, depth, visiting, cancellationToken);

            case IConditionalOperation conditional when conditional.WhenFalse is not null:
                return Combine(new[] { conditional.WhenTrue, conditional.WhenFalse }, depth, visiting, cancellationToken);

            case ICoalesceOperation coalesce:
                return Combine(new[] { coalesce.Value, coalesce.WhenNull }, depth, visiting, cancellationToken);

            case ISwitchExpressionOperation switchExpression:
                var arms = new List<IOperation>();
                foreach (var arm in switchExpression.Arms)
                {
                    arms.Add(arm.Value);
                }

                return Combine(arms, depth, visiting, cancellationToken);

            case IAwaitOperation await:
                return Classify(await.Operation, depth, visiting, cancellationToken);

            case IDefaultValueOperation:
                return PromptText.Empty;

            case IParameterReferenceOperation:
                return PromptText.Unknown;
        }

        if (operation.ConstantValue is { HasValue: true } constant)
        {
            return constant.Value is string text && !string.IsNullOrWhiteSpace(text)
                ? PromptText.Unversioned(UnversionedTextKind.Literal, "a string literal", operation.Syntax, isConstantText: true)
                : PromptText.Empty;
        }

        return PromptText.Unknown;
    }

    /// <summary>
    /// Text assembled from parts (interpolation, concatenation, StringBuilder): literal text with letters or digits
    /// in it is unversioned text; otherwise the parts decide (a declared prompt plus run-time values stays declared).
    /// </summary>
    private PromptText Compose(IEnumerable<IOperation> parts, UnversionedTextKind kind, IOperation whole, int depth, ImmutableHashSet<ISymbol> visiting, CancellationToken cancellationToken)
    {
        PromptText? firstUnversioned = null;
        var declared = ImmutableArray.CreateBuilder<PromptReference>();
        var anyUnknown = false;
        foreach (var part in parts)
        {
            if (IsLiteralText(part, out var literal))
            {
                if (HasWords(literal))
                {
                    var description = kind switch
                    {
                        UnversionedTextKind.Interpolated => "an interpolated string",
                        UnversionedTextKind.Concatenated => "a concatenated string",
                        UnversionedTextKind.Formatted => "a formatted string",
                        UnversionedTextKind.StringBuilder => "text built with a StringBuilder",
                        _ => "a string literal",
                    };
                    return PromptText.Unversioned(kind, description, whole.Syntax, isConstantText: whole.ConstantValue.HasValue);
                }

                continue;
            }

            var result = Classify(part, depth, visiting, cancellationToken);
            switch (result.Source)
            {
                case PromptTextSource.Unversioned:
                    firstUnversioned ??= result;
                    break;
                case PromptTextSource.Declared:
                    declared.AddRange(result.Prompts);
                    break;
                case PromptTextSource.Unknown:
                    anyUnknown = true;
                    break;
            }
        }

        if (firstUnversioned is not null)
        {
            return firstUnversioned;
        }

        if (declared.Count > 0)
        {
            return PromptText.Declared(declared.ToImmutable());
        }

        return anyUnknown ? PromptText.Unknown : PromptText.Empty;
    }

    /// <summary>Alternatives (branches, assignments): any unversioned alternative makes the site unversioned.</summary>
    private PromptText Combine(IEnumerable<IOperation> alternatives, int depth, ImmutableHashSet<ISymbol> visiting, CancellationToken cancellationToken)
    {
        var results = new List<PromptText>();
        foreach (var alternative in alternatives)
        {
            results.Add(Classify(alternative, depth, visiting, cancellationToken));
        }

        return Combine(results);
    }

    private static PromptText Combine(List<PromptText> results)
    {
        var declared = ImmutableArray.CreateBuilder<PromptReference>();
        var anyUnknown = false;
        foreach (var result in results)
        {
            switch (result.Source)
            {
                case PromptTextSource.Unversioned:
                    return result;
                case PromptTextSource.Declared:
                    declared.AddRange(result.Prompts);
                    break;
                case PromptTextSource.Unknown:
                    anyUnknown = true;
                    break;
            }
        }

        if (declared.Count > 0)
        {
            return PromptText.Declared(declared.ToImmutable());
        }

        return anyUnknown || results.Count == 0 ? PromptText.Unknown : PromptText.Empty;
    }

    private PromptText FromField(IFieldSymbol field, int depth, ImmutableHashSet<ISymbol> visiting, CancellationToken cancellationToken)
    {
        if (GetDeclaredPrompt(field) is { } declared)
        {
            return PromptText.Declared(ImmutableArray.Create(declared));
        }

        field = field.OriginalDefinition;
        if (field.Type.SpecialType != SpecialType.System_String)
        {
            return PromptText.Unknown;
        }

        var declarator = PromptDeclarationReader.Syntax<VariableDeclaratorSyntax>(field, cancellationToken);
        if (field.IsConst && declarator is null && IsAgentFrameworkText(field))
        {
            return PromptText.Unknown; // the framework's own default (HarnessAgent.DefaultInstructions): it ships, and is versioned, with the package
        }

        if (field.IsConst)
        {
            // A constant whose value does not fold (code that does not fully compile) is still text written in code.
            var isText = field.ConstantValue is string text ? !string.IsNullOrWhiteSpace(text) : !field.HasConstantValue && WritesText(declarator?.Initializer?.Value);
            return isText
                ? PromptText.Unversioned(UnversionedTextKind.Constant, "constant '" + field.ContainingType.Name + "." + field.Name + "'", declarator, declarator is null ? null : field)
                : PromptText.Empty;
        }

        if (declarator is null || !(field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private) || visiting.Contains(field))
        {
            return PromptText.Unknown; // another assembly, or a field anyone can set
        }

        return _members.GetOrAdd((field, depth), key =>
        {
            var values = MemberWrites(field, declarator.Initializer?.Value, cancellationToken);
            var inner = values is null ? PromptText.Unknown : Combine(values, depth + 1, visiting.Add(field), cancellationToken);
            return AsMember(inner, UnversionedTextKind.Field, "field '" + field.ContainingType.Name + "." + field.Name + "'", declarator, field.IsReadOnly ? field : null);
        });
    }

    private static readonly string[] s_agentFrameworkNamespaces =
        ["Microsoft.Agents.AI", "Microsoft.Extensions.AI", "Microsoft.SemanticKernel", "ModelContextProtocol", "OpenAI"];

    /// <summary>A constant an agent framework declares in its own assembly (not the project's text).</summary>
    private static bool IsAgentFrameworkText(IFieldSymbol field)
    {
        if (field.ContainingAssembly is null || field.Locations.Length == 0 || field.Locations[0].IsInSource
            || field.ContainingNamespace?.ToDisplayString() is not { } ns)
        {
            return false;
        }

        foreach (var prefix in s_agentFrameworkNamespaces)
        {
            if (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private PromptText FromProperty(IPropertyReferenceOperation reference, int depth, ImmutableHashSet<ISymbol> visiting, CancellationToken cancellationToken)
    {
        var property = reference.Property;
        if (GetDeclaredPrompt(property) is { } declared)
        {
            return PromptText.Declared(ImmutableArray.Create(declared));
        }

        if (_agentPrompt is not null && property.Name == "Text" && SymbolEqualityComparer.Default.Equals(property.ContainingType, _agentPrompt))
        {
            var member = Unwrap(reference.Instance) is IPropertyReferenceOperation registry && registry.Property.ContainingType?.Name == PromptNames.RegistryClassName
                ? registry.Property.Name
                : null;
            return PromptText.Declared(ImmutableArray.Create(new PromptReference(null, 0, member)));
        }

        property = property.OriginalDefinition;
        if (property.Type.SpecialType != SpecialType.System_String || property.IsIndexer || property.IsAbstract || property.IsVirtual || property.IsOverride || visiting.Contains(property))
        {
            return PromptText.Unknown;
        }

        var declaration = PromptDeclarationReader.Syntax<PropertyDeclarationSyntax>(property, cancellationToken);
        if (declaration is null)
        {
            return PromptText.Unknown;
        }

        return _members.GetOrAdd((property, depth), key =>
        {
            var name = "property '" + property.ContainingType.Name + "." + property.Name + "'";
            var setter = property.SetMethod;
            var getOnly = setter is null;
            List<IOperation>? values;
            if (declaration.ExpressionBody is { } arrow)
            {
                values = _graph.GetOperation(arrow.Expression, cancellationToken) is { } value ? new List<IOperation> { value } : null;
            }
            else if (declaration.AccessorList is { } accessors && IsAutoProperty(accessors))
            {
                if (!(getOnly || setter!.DeclaredAccessibility == Accessibility.Private))
                {
                    // Settable from outside its type (configuration, options binding, callers): what they set is not
                    // known, but the default the type gives it is text in the code that reaches the model unless
                    // something overrides it (an options class's SystemPrompt = "You are …").
                    return SettableDefault(property, declaration);
                }

                values = MemberWrites(property, declaration.Initializer?.Value, cancellationToken);
            }
            else if (property.GetMethod is { } getter && getOnly && _graph.GetBody(getter, cancellationToken) is { } body)
            {
                values = Returns(body, out var iterator);
                values = iterator ? null : values;
            }
            else
            {
                values = null;
            }

            var inner = values is null ? PromptText.Unknown : Combine(values, depth + 1, visiting.Add(property), cancellationToken);
            return AsMember(inner, UnversionedTextKind.Property, name, declaration, getOnly ? property : null);
        });
    }

    /// <summary>The default text of a settable auto-property, when it is a literal with words; else unknown.</summary>
    private static PromptText SettableDefault(IPropertySymbol property, PropertyDeclarationSyntax declaration)
    {
        if (declaration.Initializer?.Value is not LiteralExpressionSyntax literal
            || literal.Token.Value is not string text || !HasWords(text))
        {
            return PromptText.Unknown;
        }

        return PromptText.Unversioned(
            UnversionedTextKind.PropertyDefault,
            "the default value of settable property '" + property.ContainingType.Name + "." + property.Name + "'",
            literal,
            property,
            isConstantText: true);
    }

    private PromptText FromLocal(ILocalReferenceOperation reference, int depth, ImmutableHashSet<ISymbol> visiting, CancellationToken cancellationToken)
    {
        var local = reference.Local;
        if (visiting.Contains(local) || !(local.Type?.SpecialType == SpecialType.System_String || local.Type is IErrorTypeSymbol))
        {
            return PromptText.Unknown;
        }

        var writes = LocalWrites(local, Root(reference));
        if (writes.Count == 0)
        {
            return PromptText.Unknown;
        }

        var results = new List<PromptText>();
        foreach (var write in writes)
        {
            if (write.Value is null)
            {
                return PromptText.Unknown; // out/ref argument, deconstruction, pattern or loop variable
            }

            results.Add(Classify(write.Value, depth + 1, visiting.Add(local), cancellationToken));
        }

        return Combine(results);
    }

    private PromptText FromInvocation(IInvocationOperation invocation, int depth, ImmutableHashSet<ISymbol> visiting, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (GetDeclaredPrompt(method) is { } declared)
        {
            return PromptText.Declared(ImmutableArray.Create(declared));
        }

        if (FileReadDescription(invocation) is { } read)
        {
            return PromptText.Unversioned(UnversionedTextKind.FileRead, read, invocation.Syntax);
        }

        // Task plumbing: File.ReadAllTextAsync(path).ConfigureAwait(false), ….GetAwaiter().GetResult().
        if (method.Name is "ConfigureAwait" or "GetAwaiter" or "GetResult" or "WaitAsync" && invocation.Instance is { } awaited)
        {
            return Classify(awaited, depth, visiting, cancellationToken);
        }

        if (method.ContainingType?.SpecialType == SpecialType.System_String)
        {
            return FromStringMethod(invocation, depth, visiting, cancellationToken);
        }

        if (method.Name == "ToString" && _stringBuilder is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, _stringBuilder))
        {
            return FromStringBuilder(invocation, depth, visiting, cancellationToken);
        }

        return FromSourceMethod(invocation, depth, visiting, cancellationToken);
    }

    private PromptText FromStringMethod(IInvocationOperation invocation, int depth, ImmutableHashSet<ISymbol> visiting, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (!method.IsStatic)
        {
            return s_stringPassThroughMethods.Contains(method.Name) && invocation.Instance is { } receiver
                ? Classify(receiver, depth, visiting, cancellationToken)
                : PromptText.Unknown;
        }

        switch (method.Name)
        {
            case "Format":
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name == "format")
                    {
                        var format = Classify(argument.Value, depth, visiting, cancellationToken);
                        return format is { Source: PromptTextSource.Unversioned, UnversionedKind: UnversionedTextKind.Literal }
                            ? PromptText.Unversioned(UnversionedTextKind.Formatted, "a formatted string", invocation.Syntax)
                            : format;
                    }
                }

                return PromptText.Unknown;

            case "Concat":
                return Compose(ArgumentValues(invocation), UnversionedTextKind.Concatenated, invocation, depth, visiting, cancellationToken);

            case "Join":
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name == "value" || argument.Parameter?.Name == "values")
                    {
                        var values = Unwrap(argument.Value);
                        if (values is IInvocationOperation read && FileReadDescription(read) is { } description)
                        {
                            return PromptText.Unversioned(UnversionedTextKind.FileRead, description, read.Syntax);
                        }

                        return ElementsOf(values) is { } elements
                            ? Compose(elements, UnversionedTextKind.Concatenated, invocation, depth, visiting, cancellationToken)
                            : PromptText.Unknown;
                    }
                }

                return PromptText.Unknown;

            default:
                return PromptText.Unknown;
        }
    }

    private PromptText FromStringBuilder(IInvocationOperation toString, int depth, ImmutableHashSet<ISymbol> visiting, CancellationToken cancellationToken)
    {
        if (Unwrap(toString.Instance) is not ILocalReferenceOperation builder || visiting.Contains(builder.Local))
        {
            return PromptText.Unknown;
        }

        var root = Root(toString);
        var parts = new List<IOperation>();
        foreach (var write in LocalWrites(builder.Local, root))
        {
            if (Unwrap(write.Value) is IObjectCreationOperation creation)
            {
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Value.Type?.SpecialType == SpecialType.System_String)
                    {
                        parts.Add(argument.Value);
                    }
                }
            }
        }

        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation call && s_stringBuilderWriters.Contains(call.TargetMethod.Name) && IsCallOn(call, builder.Local))
            {
                foreach (var argument in call.Arguments)
                {
                    var value = Unwrap(argument.Value);
                    if (value is not null && (value.Type?.SpecialType == SpecialType.System_String || value is IInterpolatedStringOperation))
                    {
                        parts.Add(value);
                    }
                }
            }
        }

        var result = Compose(parts, UnversionedTextKind.StringBuilder, toString, depth + 1, visiting.Add(builder.Local), cancellationToken);
        return result.Source == PromptTextSource.Unversioned && result.UnversionedKind is UnversionedTextKind.Literal or UnversionedTextKind.Interpolated or UnversionedTextKind.Concatenated or UnversionedTextKind.Formatted
            ? PromptText.Unversioned(UnversionedTextKind.StringBuilder, "text built with a StringBuilder", toString.Syntax)
            : result;
    }

    private PromptText FromSourceMethod(IInvocationOperation invocation, int depth, ImmutableHashSet<ISymbol> visiting, CancellationToken cancellationToken)
    {
        var method = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;
        if (method.ReturnType.SpecialType != SpecialType.System_String && !IsTaskOfString(method.ReturnType))
        {
            return PromptText.Unknown;
        }

        if (method.IsAbstract || method.IsVirtual || method.IsOverride || method.IsExtern || visiting.Contains(method))
        {
            return PromptText.Unknown; // the body that runs may be another one
        }

        IOperation? body;
        SyntaxNode? declaration = null;
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            body = null;
            foreach (var operation in Root(invocation).DescendantsAndSelf())
            {
                if (operation is ILocalFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, method))
                {
                    body = function.Body ?? function.IgnoredBody;
                    declaration = function.Syntax;
                    break;
                }
            }
        }
        else if (method.MethodKind == MethodKind.Ordinary)
        {
            body = _graph.GetBody(method, cancellationToken);
            declaration = PromptDeclarationReader.Syntax<MethodDeclarationSyntax>(method, cancellationToken);
        }
        else
        {
            return PromptText.Unknown;
        }

        if (body is null)
        {
            return PromptText.Unknown;
        }

        var key = ((ISymbol)method, depth);
        if (method.MethodKind == MethodKind.Ordinary && _members.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var returns = Returns(body, out var iterator);
        if (!iterator && method.Parameters.Length > 0 && SelectedArguments(returns, method, invocation) is { } selected)
        {
            // A helper that hands back one of its parameters (a translation helper T(es, en) => IsEs ? es : en): the
            // text is the caller's argument, so it is classified there, per call (not memoized with the method).
            return Combine(selected, depth + 1, visiting.Add(method), cancellationToken);
        }

        var inner = iterator ? PromptText.Unknown : Combine(returns, depth + 1, visiting.Add(method), cancellationToken);
        var result = inner.Source == PromptTextSource.Unversioned
            ? inner.ReturnedBy(method, method.MethodKind == MethodKind.Ordinary ? declaration : null)
            : inner;
        return method.MethodKind == MethodKind.Ordinary ? _members.GetOrAdd(key, result) : result;
    }

    /// <summary>Text held by a member: literal-like text is reported as the member's; constants, files and builders keep their own description.</summary>
    private static PromptText AsMember(PromptText inner, UnversionedTextKind kind, string description, SyntaxNode declaration, ISymbol? annotatable)
    {
        if (inner.Source != PromptTextSource.Unversioned)
        {
            return inner;
        }

        return inner.UnversionedKind is UnversionedTextKind.Literal or UnversionedTextKind.Interpolated or UnversionedTextKind.Concatenated or UnversionedTextKind.Formatted
            ? PromptText.Unversioned(kind, description, declaration, annotatable)
            : inner;
    }

    /// <summary>The values a field or property is given: its initializer and every assignment in its type; null when written in a way not followed.</summary>
    private List<IOperation>? MemberWrites(ISymbol member, ExpressionSyntax? initializer, CancellationToken cancellationToken)
    {
        var values = new List<IOperation>();
        if (initializer is not null && _graph.GetOperation(initializer, cancellationToken) is { } initial)
        {
            values.Add(initial);
        }

        foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
        {
            var type = reference.GetSyntax(cancellationToken);
            foreach (var node in type.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != member.Name)
                {
                    continue;
                }

                var target = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? (ExpressionSyntax)access : identifier;
                var isAssigned = target.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target;
                var isRefArgument = target.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None);
                if (!isAssigned && !isRefArgument)
                {
                    continue;
                }

                var model = _graph.GetSemanticModel(identifier.SyntaxTree, cancellationToken);
                if (model is null || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol?.OriginalDefinition, member))
                {
                    continue;
                }

                if (isRefArgument || !target.Parent.IsKind(SyntaxKind.SimpleAssignmentExpression))
                {
                    return null; // ref/out, +=, ??=: not followed
                }

                if (model.GetOperationWithinLimits(((AssignmentExpressionSyntax)target.Parent!).Right, cancellationToken) is { } value)
                {
                    values.Add(value);
                }
            }
        }

        return values.Count == 0 ? null : values;
    }

    /// <summary>A value written to a local, or a write whose value is not followed (<see cref="Value"/> null).</summary>
    private readonly record struct LocalWrite(IOperation? Value);

    private static List<LocalWrite> LocalWrites(ILocalSymbol local, IOperation root)
    {
        var writes = new List<LocalWrite>();
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if ((declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer) is { } initializer)
                    {
                        writes.Add(new LocalWrite(initializer.Value));
                    }

                    break;
                case ISimpleAssignmentOperation assignment when IsLocal(assignment.Target, local):
                    writes.Add(new LocalWrite(assignment.Value));
                    break;
                case ICompoundAssignmentOperation compound when IsLocal(compound.Target, local):
                    writes.Add(new LocalWrite(compound.Value));
                    break;
                case ICoalesceAssignmentOperation coalesce when IsLocal(coalesce.Target, local):
                    writes.Add(new LocalWrite(coalesce.Value));
                    break;
                case IDeconstructionAssignmentOperation deconstruction when Contains(deconstruction.Target, local):
                    writes.Add(new LocalWrite(null));
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument when Contains(argument.Value, local):
                    writes.Add(new LocalWrite(null));
                    break;
                case IDeclarationPatternOperation pattern when SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, local):
                    writes.Add(new LocalWrite(null));
                    break;
                case IForEachLoopOperation loop when ContainsSymbol(loop.Locals, local):
                    writes.Add(new LocalWrite(null));
                    break;
            }
        }

        return writes;
    }

    private static bool ContainsSymbol(ImmutableArray<ILocalSymbol> locals, ILocalSymbol local)
    {
        foreach (var candidate in locals)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, local))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLocal(IOperation target, ILocalSymbol local) =>
        target is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

    private static bool Contains(IOperation operation, ILocalSymbol local)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }

            if (descendant is IDeclarationExpressionOperation declaration && Contains(declaration.Expression, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the call's receiver chain (<c>sb.Append(a).Append(b)</c>) starts at the local.</summary>
    private static bool IsCallOn(IInvocationOperation call, ILocalSymbol local)
    {
        var receiver = Unwrap(call.Instance);
        while (receiver is IInvocationOperation inner)
        {
            receiver = Unwrap(inner.Instance);
        }

        return receiver is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
    }

    /// <summary>
    /// When what a method returns is one of its own parameters (directly, or as a branch of a conditional, a
    /// <c>??</c> or a switch expression), the values returned with the parameters replaced by the call's arguments for
    /// them; null when it returns no parameter. A parameter the call leaves to its default is left out (its default is
    /// a constant the declaration holds, not text the caller wrote).
    /// </summary>
    private static List<IOperation>? SelectedArguments(List<IOperation> returns, IMethodSymbol method, IInvocationOperation invocation)
    {
        List<IOperation>? selected = null;
        var leaves = new List<IOperation>();
        var pending = new Stack<IOperation>();
        for (var i = returns.Count - 1; i >= 0; i--)
        {
            pending.Push(returns[i]);
        }

        while (pending.Count > 0)
        {
            var value = Unwrap(pending.Pop());
            switch (value)
            {
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    pending.Push(whenFalse);
                    pending.Push(conditional.WhenTrue);
                    continue;
                case ICoalesceOperation coalesce:
                    pending.Push(coalesce.WhenNull);
                    pending.Push(coalesce.Value);
                    continue;
                case ISwitchExpressionOperation switchExpression:
                    for (var i = switchExpression.Arms.Length - 1; i >= 0; i--)
                    {
                        pending.Push(switchExpression.Arms[i].Value);
                    }

                    continue;
                case IParameterReferenceOperation { Parameter: var parameter } when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method):
                    selected ??= new List<IOperation>();
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Ordinal == parameter.Ordinal)
                        {
                            leaves.Add(argument.Value);
                        }
                    }

                    continue;
                case not null:
                    leaves.Add(value);
                    continue;
            }
        }

        return selected is null ? null : leaves;
    }

    /// <summary>The returned values of a body, leaving out lambdas and local functions; <paramref name="iterator"/> when it yields.</summary>
    private static List<IOperation> Returns(IOperation body, out bool iterator)
    {
        iterator = false;
        var values = new List<IOperation>();
        var pending = new Stack<IOperation>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (operation is IReturnOperation @return)
            {
                if (@return.Kind == OperationKind.YieldReturn)
                {
                    iterator = true;
                }
                else if (@return.ReturnedValue is { } value)
                {
                    values.Add(value);
                }

                continue;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }

        values.Reverse();
        return values;
    }

    private static IEnumerable<IOperation> InterpolationParts(IInterpolatedStringOperation interpolated)
    {
        foreach (var part in interpolated.Parts)
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation text:
                    yield return text;
                    break;
                case IInterpolationOperation hole:
                    yield return hole.Expression;
                    break;
                case IInterpolatedStringAppendOperation append:
                    yield return append.AppendCall is IInvocationOperation call && call.Arguments.Length > 0 ? call.Arguments[0].Value : append;
                    break;
            }
        }
    }

    private static void Flatten(IOperation operation, List<IOperation> into)
    {
        operation = Unwrap(operation)!;
        if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary && IsStringConcatenation(binary) && !binary.ConstantValue.HasValue)
        {
            Flatten(binary.LeftOperand, into);
            Flatten(binary.RightOperand, into);
        }
        else if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } constantBinary && constantBinary.ConstantValue.HasValue && !ContainsField(constantBinary))
        {
            into.Add(constantBinary); // "a" + "b": one literal
        }
        else if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } mixed && IsStringConcatenation(mixed))
        {
            Flatten(mixed.LeftOperand, into);
            Flatten(mixed.RightOperand, into);
        }
        else
        {
            into.Add(operation);
        }
    }

    /// <summary>String '+': typed string, or (in code that does not compile) a string operand next to an unknown one.</summary>
    private static bool IsStringConcatenation(IBinaryOperation binary) =>
        binary.Type?.SpecialType == SpecialType.System_String
        || (binary.Type is null or IErrorTypeSymbol
            && (binary.LeftOperand.Type?.SpecialType == SpecialType.System_String || binary.RightOperand.Type?.SpecialType == SpecialType.System_String));

    private static bool ContainsField(IOperation operation)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IFieldReferenceOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<IOperation> ArgumentValues(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.ParamArray && ElementsOf(argument.Value) is { } elements)
            {
                foreach (var element in elements)
                {
                    yield return element;
                }
            }
            else if (argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                yield return argument.Value;
            }
        }
    }

    private static IEnumerable<IOperation>? ElementsOf(IOperation? operation)
    {
        operation = Unwrap(operation);
        if (operation is IArrayCreationOperation { Initializer: { } initializer })
        {
            return initializer.ElementValues;
        }

        // Collection expressions ([a, b]) have no public operation in Roslyn 4.8: read their elements by syntax.
        if (operation?.Syntax is CollectionExpressionSyntax collection && operation.SemanticModel is { } model)
        {
            var elements = new List<IOperation>();
            foreach (var element in collection.Elements)
            {
                if (element is ExpressionElementSyntax expression && model.GetOperationWithinLimits(expression.Expression) is { } value)
                {
                    elements.Add(value);
                }
                else
                {
                    return null;
                }
            }

            return elements;
        }

        return null;
    }

    private static bool IsLiteralText(IOperation part, out string text)
    {
        text = string.Empty;
        switch (part)
        {
            case IInterpolatedStringTextOperation interpolatedText:
                text = interpolatedText.Text.ConstantValue.Value as string ?? string.Empty;
                return true;
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: string literal } }:
                text = literal;
                return true;
            case IBinaryOperation { ConstantValue: { HasValue: true, Value: string folded } } when !ContainsField(part):
                text = folded;
                return true;
            case IConversionOperation conversion:
                return IsLiteralText(conversion.Operand, out text);
            default:
                return false;
        }
    }

    /// <summary>True when the text has a letter or digit: "\n\n---\n" separates, "Answer briefly." instructs.</summary>
    private static bool HasWords(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when an expression that did not fold to a constant still spells out text (a literal or an interpolated string).</summary>
    private static bool WritesText(ExpressionSyntax? value)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var node in value.DescendantNodesAndSelf())
        {
            if (node.IsKind(SyntaxKind.StringLiteralExpression) || node is InterpolatedStringExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAutoProperty(AccessorListSyntax accessors)
    {
        foreach (var accessor in accessors.Accessors)
        {
            if (accessor.Body is not null || accessor.ExpressionBody is not null)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTaskOfString(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
        && named.Name is "Task" or "ValueTask"
        && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"
        && named.TypeArguments[0].SpecialType == SpecialType.System_String;

    internal static IOperation? Unwrap(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion when !conversion.Conversion.IsUserDefined:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case IInterpolatedStringHandlerCreationOperation handler:
                    operation = handler.Content;
                    continue;
                default:
                    return operation;
            }
        }
    }

    internal static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    private sealed class MemberDepthComparer : IEqualityComparer<(ISymbol Member, int Depth)>
    {
        public static readonly MemberDepthComparer Instance = new();

        public bool Equals((ISymbol Member, int Depth) x, (ISymbol Member, int Depth) y) =>
            x.Depth == y.Depth && SymbolEqualityComparer.Default.Equals(x.Member, y.Member);

        public int GetHashCode((ISymbol Member, int Depth) obj) =>
            (SymbolEqualityComparer.Default.GetHashCode(obj.Member) * 31) + obj.Depth;
    }
}
