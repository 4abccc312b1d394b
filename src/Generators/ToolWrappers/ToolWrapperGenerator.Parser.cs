using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Generators.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Generators.ToolWrappers;

public sealed partial class ToolWrapperGenerator
{
    /// <summary>
    /// Symbols in, values out: reads <c>[AgentTool]</c> methods into <see cref="AgentToolModel"/>s (name, description,
    /// parameters with their JSON shapes and descriptions, declared effect, environment scope, approval and budget), and
    /// the compilation's <see cref="GenerationOptions"/>. The pipeline uses it per method; <see cref="FindAll"/> lists
    /// every tool of a compilation for other consumers.
    /// </summary>
    public static class Parser
    {
        /// <summary>The metadata name of <c>[AgentTool]</c>.</summary>
        public const string AgentToolAttributeName = "AgentRules.AgentToolAttribute";

        private const int MaxTypeDepth = 6;

        private static readonly SymbolDisplayFormat s_fullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat s_namespace = SymbolDisplayFormat.FullyQualifiedFormat
            .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

        private static readonly SymbolDisplayFormat s_display = SymbolDisplayFormat.MinimallyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>
        /// Every <c>[AgentTool]</c> method declared in the compilation's source, in source order, with the assembly-level
        /// environment scope applied. Methods that cannot be wrapped (see the diagnostics of <see cref="Parse"/>) are left out.
        /// </summary>
        public static ImmutableArray<AgentToolModel> FindAll(Compilation compilation, CancellationToken cancellationToken)
        {
            var builder = ImmutableArray.CreateBuilder<AgentToolModel>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var root = tree.GetRoot(cancellationToken);
                SemanticModel? model = null;
                foreach (var method in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<MethodDeclarationSyntax>())
                {
                    if (method.AttributeLists.Count == 0)
                    {
                        continue;
                    }

                    // Enumerating a whole compilation for another generator's spec, not inside a pipeline step.
                    model ??= SemanticModels.Create(compilation, tree);
                    if (model.GetDeclaredSymbol(method, cancellationToken) is { } symbol
                        && HasAgentToolAttribute(symbol)
                        && Parse(symbol, resolveAssemblyScope: true, cancellationToken).Tool is { } tool)
                    {
                        builder.Add(tool);
                    }
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// Parses the <c>[AgentTool]</c> method declared by <paramref name="node"/>, or returns null when it is none. The
        /// model is remembered with the trees it was read from and reused while their declarations are unchanged.
        /// </summary>
        internal static AgentToolParseResult? ParseCandidate(SyntaxNode node, CompilationDeclarations declarations, DependencyMemo<AgentToolParseResult> memo, CancellationToken cancellationToken) =>
            memo.Get(
                node,
                declarations,
                compilation =>
                {
                    // Binding only members whose declarations changed (see DependencyMemo).
                    var model = SemanticModels.Create(compilation, node.SyntaxTree);
                    if (model.GetDeclaredSymbol(node, cancellationToken) is not IMethodSymbol method || !HasAgentToolAttribute(method))
                    {
                        var none = new MemberDependencies(compilation, declarations, cancellationToken);
                        none.AddTree(node.SyntaxTree);
                        return (null, none.Result);
                    }

                    var result = Parse(method, resolveAssemblyScope: false, cancellationToken);
                    var dependencies = new MemberDependencies(compilation, declarations, cancellationToken);
                    dependencies.AddTree(node.SyntaxTree);
                    dependencies.AddAttributes(method);
                    dependencies.AddDocumentation(method);
                    dependencies.AddType(method.ReturnType);
                    foreach (var parameter in method.Parameters)
                    {
                        dependencies.AddParameter(parameter);
                    }

                    for (var type = method.ContainingType; type is not null; type = type.ContainingType)
                    {
                        dependencies.AddDeclarations(type);
                        dependencies.AddAttributes(type);
                    }

                    return (result, dependencies.Result);
                },
                cancellationToken);

        /// <summary>True when the method carries <c>[AgentRules.AgentTool]</c>.</summary>
        public static bool HasAgentToolAttribute(IMethodSymbol method) => FindAttribute(method, "AgentToolAttribute") is not null;

        /// <summary>
        /// Parses one <c>[AgentTool]</c> method. <paramref name="resolveAssemblyScope"/> false leaves an assembly-level
        /// <c>[EnvironmentScope]</c> out (the generator combines it in a separate, cheaper step).
        /// </summary>
        public static AgentToolParseResult Parse(IMethodSymbol method, bool resolveAssemblyScope, CancellationToken cancellationToken)
        {
            var diagnostics = new List<ToolDiagnosticInfo>();
            var syntax = FirstDeclaration(method, cancellationToken);
            var tree = syntax?.SyntaxTree;
            var filePath = tree?.FilePath ?? string.Empty;
            var nameSpan = syntax switch
            {
                MethodDeclarationSyntax m => m.Identifier.Span,
                LocalFunctionStatementSyntax l => l.Identifier.Span,
                _ => default,
            };

            var attribute = FindAttribute(method, "AgentToolAttribute");
            var toolName = ReadToolName(attribute) ?? method.Name;

            AgentToolParseResult Fail(string id, params string[] arguments)
            {
                diagnostics.Add(new ToolDiagnosticInfo(id, arguments.ToEquatableArray(), filePath, nameSpan, OnlyWithAIFunctions: false));
                return new AgentToolParseResult(null, null, diagnostics.ToEquatableArray(), filePath, nameSpan);
            }

            if (tree?.Options is CSharpParseOptions { LanguageVersion: var version } && version < LanguageVersion.CSharp8)
            {
                return Fail(DiagnosticIds.AgentToolNeedsNewerLanguageVersion, toolName, version.ToDisplayString());
            }

            if (method.MethodKind != MethodKind.Ordinary || method.ContainingType is not { } containingType)
            {
                var container = method.ContainingSymbol is { } owner
                    ? (owner.ContainingType is { } ownerType ? ownerType.ToDisplayString(s_display) + "." + owner.Name : owner.Name)
                    : "a local function";
                return Fail(DiagnosticIds.AgentToolTypeNotPartial, toolName, container);
            }

            // Generic methods, or any generic type around them: a model cannot choose type arguments.
            if (method.IsGenericMethod)
            {
                return Fail(DiagnosticIds.AgentToolIsGeneric, toolName, string.Empty);
            }

            for (var type = containingType; type is not null; type = type.ContainingType)
            {
                if (type.IsGenericType)
                {
                    return Fail(DiagnosticIds.AgentToolIsGeneric, toolName, $" (its type '{type.ToDisplayString(s_display)}' is generic)");
                }
            }

            // Every type in the chain must be a partial class, struct or record.
            for (var type = containingType; type is not null; type = type.ContainingType)
            {
                if (!IsPartialClassOrStruct(type, cancellationToken))
                {
                    return Fail(DiagnosticIds.AgentToolTypeNotPartial, toolName, type.ToDisplayString(s_display));
                }
            }

            var documentation = DocumentationText.For(method, cancellationToken);
            var parameters = ImmutableArray.CreateBuilder<ToolParameterModel>(method.Parameters.Length);
            var blocked = false;
            foreach (var parameter in method.Parameters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var parameterSpan = FirstDeclaration(parameter, cancellationToken) is ParameterSyntax p ? p.Identifier.Span : nameSpan;
                if (parameter.RefKind is RefKind.Ref or RefKind.Out || (int)parameter.RefKind == 4 /* RefReadOnlyParameter (C# 12) */)
                {
                    var kind = parameter.RefKind switch { RefKind.Ref => "ref", RefKind.Out => "out", _ => "ref readonly" };
                    diagnostics.Add(new ToolDiagnosticInfo(DiagnosticIds.AgentToolHasByRefParameter, new[] { parameter.Name, toolName, kind }.ToEquatableArray(), filePath, parameterSpan, OnlyWithAIFunctions: false));
                    blocked = true;
                    continue;
                }

                if (parameter.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol || parameter.Type.IsRefLikeType)
                {
                    diagnostics.Add(new ToolDiagnosticInfo(DiagnosticIds.AgentToolParameterTypeNotSupported, new[] { parameter.Name, toolName, parameter.Type.ToDisplayString(s_display), "cannot be wrapped (a pointer or ref struct): no guarded wrapper or AIFunction is generated for this tool" }.ToEquatableArray(), filePath, parameterSpan, OnlyWithAIFunctions: false));
                    blocked = true;
                    continue;
                }

                if (IsCancellationToken(parameter.Type))
                {
                    parameters.Add(new ToolParameterModel(parameter.Name, null, ClassifyUnsupported(parameter.Type), ToolParameterRole.CancellationToken, !parameter.HasExplicitDefaultValue, DefaultCode(parameter), null, Modifier(parameter)));
                    continue;
                }

                var valueType = Classify(parameter.Type, depth: 0);
                if (!valueType.IsSupported)
                {
                    diagnostics.Add(new ToolDiagnosticInfo(DiagnosticIds.AgentToolParameterTypeNotSupported, new[] { parameter.Name, toolName, parameter.Type.ToDisplayString(s_display), "a generated AIFunction cannot bind from JSON: no AIFunction is generated for this tool (its guarded wrapper still is)" }.ToEquatableArray(), filePath, parameterSpan, OnlyWithAIFunctions: true));
                }

                var description = DescriptionOf(parameter) ?? documentation.Parameter(parameter.Name);
                parameters.Add(new ToolParameterModel(
                    parameter.Name,
                    description,
                    valueType,
                    ToolParameterRole.Argument,
                    IsRequired: !parameter.HasExplicitDefaultValue,
                    DefaultCode(parameter),
                    DefaultJson(parameter),
                    Modifier(parameter)));
            }

            if (blocked)
            {
                return new AgentToolParseResult(null, null, diagnostics.ToEquatableArray(), filePath, nameSpan);
            }

            var (environments, scopeSource) = ReadScope(method, resolveAssemblyScope);
            // As written (ToolAttributeReader); the model keeps what the generated guard is given, negatives as 0.
            var budget = FindAttribute(method, "ToolBudgetAttribute") is { } budgetAttribute ? ToolAttributeReader.Budget(budgetAttribute) : ToolBudgetValues.Unset;
            var (returnKind, resultType) = ReadReturn(method.ReturnType);

            var tool = new AgentToolModel(
                toolName,
                method.Name,
                containingType.ToDisplayString(s_fullyQualified),
                method.GetDocumentationCommentId() ?? method.Name,
                DescriptionOf(method) ?? documentation.Summary ?? string.Empty,
                ReadEffect(method),
                environments,
                scopeSource,
                RequiresApproval: FindAttribute(method, "RequiresApprovalAttribute") is not null || FindAttribute(containingType, "RequiresApprovalAttribute") is not null,
                MaxCalls: Math.Max(0, budget.MaxCalls),
                Cost: Math.Max(0, budget.Cost),
                parameters.ToImmutable().ToEquatableArray(),
                returnKind,
                resultType,
                method.IsStatic,
                AccessibilityKeyword(method.DeclaredAccessibility));

            return new AgentToolParseResult(ReadContainer(containingType), tool, diagnostics.ToEquatableArray(), filePath, nameSpan);
        }

        /// <summary>The assembly-level <c>[EnvironmentScope]</c> environments, or null when the assembly declares none.</summary>
        public static EquatableArray<string>? ReadAssemblyScope(IAssemblySymbol assembly)
        {
            var attribute = FindAttribute(assembly, "EnvironmentScopeAttribute");
            return attribute is null ? null : ReadEnvironments(attribute);
        }

        private static (EquatableArray<string> Environments, EnvironmentScopeSource Source) ReadScope(IMethodSymbol method, bool resolveAssemblyScope)
        {
            if (FindAttribute(method, "EnvironmentScopeAttribute") is { } onMethod)
            {
                return (ReadEnvironments(onMethod), EnvironmentScopeSource.Method);
            }

            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (FindAttribute(type, "EnvironmentScopeAttribute") is { } onType)
                {
                    return (ReadEnvironments(onType), EnvironmentScopeSource.Type);
                }
            }

            if (resolveAssemblyScope && ReadAssemblyScope(method.ContainingAssembly) is { } onAssembly)
            {
                return (onAssembly, EnvironmentScopeSource.Assembly);
            }

            return (default, EnvironmentScopeSource.None);
        }

        /// <summary>The environments the wrapper's guard compares against: trimmed, blank ones dropped.</summary>
        private static EquatableArray<string> ReadEnvironments(AttributeData attribute) =>
            ToolAttributeReader.NormalizeEnvironments(ToolAttributeReader.Environments(attribute)).ToEquatableArray();

        private static DeclaredToolEffect ReadEffect(IMethodSymbol method)
        {
            if (FindAttribute(method, "DestructiveToolAttribute") is not null)
            {
                return DeclaredToolEffect.Destructive;
            }

            if (FindAttribute(method, "ReadOnlyToolAttribute") is not null)
            {
                return DeclaredToolEffect.ReadOnly;
            }

            if (FindAttribute(method.ContainingType, "DestructiveToolAttribute") is not null)
            {
                return DeclaredToolEffect.Destructive;
            }

            return FindAttribute(method.ContainingType, "ReadOnlyToolAttribute") is not null ? DeclaredToolEffect.ReadOnly : DeclaredToolEffect.Unspecified;
        }

        private static (ToolReturnKind Kind, string? ResultType) ReadReturn(ITypeSymbol returnType)
        {
            if (returnType.SpecialType == SpecialType.System_Void)
            {
                return (ToolReturnKind.Void, null);
            }

            if (returnType is INamedTypeSymbol named && IsInNamespace(named, "System", "Threading", "Tasks"))
            {
                switch (named.MetadataName)
                {
                    case "Task":
                        return (ToolReturnKind.Task, null);
                    case "Task`1":
                        return (ToolReturnKind.TaskOfT, named.TypeArguments[0].ToDisplayString(s_fullyQualified));
                    case "ValueTask":
                        return (ToolReturnKind.ValueTask, null);
                    case "ValueTask`1":
                        return (ToolReturnKind.ValueTaskOfT, named.TypeArguments[0].ToDisplayString(s_fullyQualified));
                }
            }

            return (ToolReturnKind.Value, returnType.ToDisplayString(s_fullyQualified));
        }

        private static ToolContainerModel ReadContainer(INamedTypeSymbol type)
        {
            var chain = new List<ContainingTypeDeclaration>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                var keyword = current.IsRecord
                    ? (current.IsValueType ? "record struct" : "record")
                    : (current.IsValueType ? "struct" : "class");
                chain.Insert(0, new ContainingTypeDeclaration(keyword, EscapeKeyword(current.Name)));
            }

            // Escaped as written in C# (namespace Contoso.@event), without global::.
            var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString(s_namespace) : string.Empty;
            return new ToolContainerModel(ns, chain.ToEquatableArray(), type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), type.IsStatic, type.IsValueType, type.ToDisplayString(s_display));
        }

        /// <summary>Classifies a parameter or member type for JSON schema and binding.</summary>
        public static ToolValueType Classify(ITypeSymbol type, int depth)
        {
            if (depth > MaxTypeDepth || type is IErrorTypeSymbol or ITypeParameterSymbol or IDynamicTypeSymbol)
            {
                return ClassifyUnsupported(type);
            }

            var typeName = type.ToDisplayString(s_fullyQualified);
            var display = type.ToDisplayString(s_display);

            // Nullable<T>: the shape of T, accepting null.
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                var inner = Classify(nullable.TypeArguments[0], depth);
                return inner.Kind == ToolValueKind.Unsupported
                    ? ClassifyUnsupported(type)
                    : inner with { TypeName = typeName, DisplayName = display, IsNullable = true };
            }

            var isNullable = !type.IsValueType && type.NullableAnnotation == NullableAnnotation.Annotated;
            var kind = type.SpecialType switch
            {
                SpecialType.System_String => ToolValueKind.String,
                SpecialType.System_Boolean => ToolValueKind.Boolean,
                SpecialType.System_Byte => ToolValueKind.Byte,
                SpecialType.System_SByte => ToolValueKind.SByte,
                SpecialType.System_Int16 => ToolValueKind.Int16,
                SpecialType.System_UInt16 => ToolValueKind.UInt16,
                SpecialType.System_Int32 => ToolValueKind.Int32,
                SpecialType.System_UInt32 => ToolValueKind.UInt32,
                SpecialType.System_Int64 => ToolValueKind.Int64,
                SpecialType.System_UInt64 => ToolValueKind.UInt64,
                SpecialType.System_Single => ToolValueKind.Single,
                SpecialType.System_Double => ToolValueKind.Double,
                SpecialType.System_Decimal => ToolValueKind.Decimal,
                SpecialType.System_DateTime => ToolValueKind.DateTime,
                _ => ToolValueKind.Unsupported,
            };

            if (kind != ToolValueKind.Unsupported)
            {
                return new ToolValueType(kind, typeName, display, isNullable, ToolCollectionShape.None, null, default, default);
            }

            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
            {
                var names = new List<string>();
                foreach (var member in enumType.GetMembers())
                {
                    if (member is IFieldSymbol { IsConst: true } field)
                    {
                        names.Add(field.Name);
                    }
                }

                return new ToolValueType(ToolValueKind.Enum, typeName, display, isNullable, ToolCollectionShape.None, null, names.ToEquatableArray(), default);
            }

            if (type is INamedTypeSymbol { TypeArguments.Length: 0 } simple && IsInNamespace(simple, "System"))
            {
                switch (simple.Name)
                {
                    case "Guid":
                        return new ToolValueType(ToolValueKind.Guid, typeName, display, isNullable, ToolCollectionShape.None, null, default, default);
                    case "DateTimeOffset":
                        return new ToolValueType(ToolValueKind.DateTimeOffset, typeName, display, isNullable, ToolCollectionShape.None, null, default, default);
                }
            }

            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                var element = Classify(array.ElementType, depth + 1);
                return new ToolValueType(ToolValueKind.Array, typeName, display, isNullable, ToolCollectionShape.Array, element, default, default);
            }

            if (type is INamedTypeSymbol { TypeArguments.Length: 1 } generic && IsListLike(generic))
            {
                var element = Classify(generic.TypeArguments[0], depth + 1);
                return new ToolValueType(ToolValueKind.Array, typeName, display, isNullable, ToolCollectionShape.List, element, default, default);
            }

            if (type is INamedTypeSymbol { IsRecord: true, IsAbstract: false } record && FindPrimaryConstructor(record) is { } constructor)
            {
                var members = new List<ToolRecordMember>();
                foreach (var parameter in constructor.Parameters)
                {
                    var memberType = Classify(parameter.Type, depth + 1);
                    var property = FindProperty(record, parameter.Name);
                    members.Add(new ToolRecordMember(
                        parameter.Name,
                        CamelCase(parameter.Name),
                        DescriptionOf(parameter) ?? (property is null ? null : DescriptionOf(property)),
                        memberType,
                        IsRequired: !parameter.HasExplicitDefaultValue,
                        DefaultCode(parameter),
                        DefaultJson(parameter)));
                }

                return new ToolValueType(ToolValueKind.Record, typeName, display, isNullable, ToolCollectionShape.None, null, default, members.ToEquatableArray());
            }

            return ClassifyUnsupported(type);
        }

        private static ToolValueType ClassifyUnsupported(ITypeSymbol type) =>
            new(ToolValueKind.Unsupported, type.ToDisplayString(s_fullyQualified), type.ToDisplayString(s_display), !type.IsValueType && type.NullableAnnotation == NullableAnnotation.Annotated, ToolCollectionShape.None, null, default, default);

        private static bool IsListLike(INamedTypeSymbol type)
        {
            var definition = type.OriginalDefinition;
            if (!IsInNamespace(definition, "System", "Collections", "Generic"))
            {
                return false;
            }

            return definition.MetadataName is "List`1" or "IList`1" or "ICollection`1" or "IEnumerable`1" or "IReadOnlyList`1" or "IReadOnlyCollection`1";
        }

        private static IMethodSymbol? FindPrimaryConstructor(INamedTypeSymbol record)
        {
            if (record.DeclaredAccessibility == Accessibility.Private)
            {
                return null;
            }

            foreach (var constructor in record.InstanceConstructors)
            {
                if (constructor.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal) || constructor.Parameters.Length == 0)
                {
                    continue;
                }

                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is TypeDeclarationSyntax)
                    {
                        return constructor;
                    }
                }
            }

            return null;
        }

        private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IPropertySymbol property)
                {
                    return property;
                }
            }

            return null;
        }

        private static bool IsPartialClassOrStruct(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsRefLikeType)
            {
                return false;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration)
                {
                    foreach (var modifier in declaration.Modifiers)
                    {
                        if (modifier.IsKind(SyntaxKind.PartialKeyword))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsCancellationToken(ITypeSymbol type) =>
            type is INamedTypeSymbol { Name: "CancellationToken", TypeArguments.Length: 0 } named && IsInNamespace(named, "System", "Threading");

        private static string? ReadToolName(AttributeData? attribute)
        {
            if (attribute is null)
            {
                return null;
            }

            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key == "Name" && pair.Value.Value is string named && !string.IsNullOrWhiteSpace(named))
                {
                    return named.Trim();
                }
            }

            return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name && !string.IsNullOrWhiteSpace(name)
                ? name.Trim()
                : null;
        }

        /// <summary>The text of <c>[System.ComponentModel.Description]</c> on the symbol, or null.</summary>
        public static string? DescriptionOf(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "DescriptionAttribute" } type
                    && IsInNamespace(type, "System", "ComponentModel")
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string text
                    && !string.IsNullOrWhiteSpace(text))
                {
                    return text.Trim();
                }
            }

            return null;
        }

        /// <summary>A type name as a declaration can write it: keywords get the verbatim '@'.</summary>
        private static string EscapeKeyword(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static AttributeData? FindAttribute(ISymbol symbol, string agentRulesAttributeName)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { } type && type.Name == agentRulesAttributeName && IsInNamespace(type, "AgentRules"))
                {
                    return attribute;
                }
            }

            return null;
        }

        private static bool IsInNamespace(ISymbol symbol, params string[] parts)
        {
            var ns = symbol.ContainingNamespace;
            for (var i = parts.Length - 1; i >= 0; i--)
            {
                if (ns is null || ns.IsGlobalNamespace || ns.Name != parts[i])
                {
                    return false;
                }

                ns = ns.ContainingNamespace;
            }

            return ns is not null && ns.IsGlobalNamespace;
        }

        private static SyntaxNode? FirstDeclaration(ISymbol symbol, CancellationToken cancellationToken) =>
            symbol.DeclaringSyntaxReferences.Length > 0 ? symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) : null;

        private static string Modifier(IParameterSymbol parameter) =>
            parameter.IsParams ? "params" : parameter.RefKind == RefKind.In ? "in" : string.Empty;

        private static string? DefaultCode(IParameterSymbol parameter)
        {
            if (!parameter.HasExplicitDefaultValue)
            {
                return null;
            }

            var value = parameter.ExplicitDefaultValue;
            var type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : parameter.Type;
            if (value is null)
            {
                return type.IsValueType && parameter.Type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T ? "default" : "null";
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                var enumName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                return EnumMemberName(type, value) is { } member ? enumName + "." + member : "(" + enumName + ")(" + Literal(value) + ")";
            }

            return Literal(value);
        }

        private static string Literal(object value) => value switch
        {
            string s => SourceWriter.StringLiteral(s),
            bool b => b ? "true" : "false",
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            float f => FloatLiteral(f.ToString("R", CultureInfo.InvariantCulture), "F"),
            double d => FloatLiteral(d.ToString("R", CultureInfo.InvariantCulture), "D"),
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "UL",
            uint ui => ui.ToString(CultureInfo.InvariantCulture) + "U",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "default",
        };

        private static string FloatLiteral(string text, string suffix) => text switch
        {
            "NaN" => suffix == "F" ? "float.NaN" : "double.NaN",
            "Infinity" => suffix == "F" ? "float.PositiveInfinity" : "double.PositiveInfinity",
            "-Infinity" => suffix == "F" ? "float.NegativeInfinity" : "double.NegativeInfinity",
            _ => text + suffix,
        };

        private static string? DefaultJson(IParameterSymbol parameter)
        {
            if (!parameter.HasExplicitDefaultValue)
            {
                return null;
            }

            var type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : parameter.Type;
            return parameter.ExplicitDefaultValue switch
            {
                null => type.IsValueType && parameter.Type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T ? null : "null",
                string s => JsonText.Quote(s),
                bool b => b ? "true" : "false",
                var number when type.TypeKind == TypeKind.Enum => EnumMemberName(type, number) is { } name ? JsonText.Quote(name) : null,
                float f when !float.IsNaN(f) && !float.IsInfinity(f) => f.ToString("R", CultureInfo.InvariantCulture),
                double d when !double.IsNaN(d) && !double.IsInfinity(d) => d.ToString("R", CultureInfo.InvariantCulture),
                float or double => null,
                char c => JsonText.Quote(c.ToString()),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        private static string? EnumMemberName(ITypeSymbol enumType, object value)
        {
            foreach (var member in enumType.GetMembers())
            {
                if (member is IFieldSymbol { IsConst: true, ConstantValue: { } constant } field && constant.Equals(value))
                {
                    return field.Name;
                }
            }

            return null;
        }

        private static string CamelCase(string name) =>
            name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

        private static string AccessibilityKeyword(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };

        /// <summary>What the generated code may use in this compilation: a few type lookups and the assembly's scope.</summary>
        public static GenerationOptions ReadOptions(Compilation compilation, ParseOptions parseOptions)
        {
            var hasAIFunction = HasAIFunctionType(compilation);
            var invoking = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.FunctionInvokingChatClient");
            var hasCallContext = false;
            if (invoking is not null)
            {
                foreach (var member in invoking.GetMembers("CurrentContext"))
                {
                    hasCallContext |= member is IPropertySymbol { IsStatic: true, DeclaredAccessibility: Accessibility.Public };
                }
            }

            return new GenerationOptions(
                hasAIFunction,
                hasAIFunction && compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ApprovalRequiredAIFunction") is not null,
                hasAIFunction && hasCallContext,
                parseOptions is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp11 },
                ReadAssemblyScope(compilation.Assembly));
        }

        /// <summary>True when AIFunction (and System.Text.Json, which it depends on) can be used.</summary>
        public static bool HasAIFunctionType(Compilation compilation) =>
            compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.AIFunction") is not null
            && compilation.GetTypeByMetadataName("System.Text.Json.JsonElement") is not null;
    }
}
