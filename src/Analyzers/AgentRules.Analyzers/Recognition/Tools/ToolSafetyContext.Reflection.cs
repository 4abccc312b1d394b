using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// Tools registered by reflection: a factory handed the <c>MethodInfo</c>s of <c>typeof(T).GetMethods(...)</c> (or
/// <c>GetType().GetMethods(...)</c>), through a LINQ <c>Select</c> or a <c>foreach</c>, filtered or not.
/// </summary>
/// <remarks>
/// The methods are worked out as the runtime would return them: the binding flags (a constant, or none), public or
/// not, static or instance, declared only or inherited; then the filters the code applies to each method, when they
/// are ones this engine can read — an attribute test (<c>GetCustomAttribute&lt;A&gt;() != null</c>,
/// <c>IsDefined(typeof(A))</c>), a name test (<c>m.Name != "X"</c>, <c>m.Name is not nameof(X)</c>),
/// <c>!m.IsSpecialName</c>, <c>m.DeclaringType == typeof(T)</c>, joined with <c>&amp;&amp;</c>. A filter it cannot read
/// leaves the registration untraced: the rules stay silent rather than report a method the code may skip. Property
/// accessors and methods outside the compilation are never tools here.
/// </remarks>
public sealed partial class ToolSafetyContext
{
    private const int BindingInstance = 4;
    private const int BindingStatic = 8;
    private const int BindingPublic = 16;
    private const int BindingNonPublic = 32;
    private const int BindingDeclaredOnly = 2;
    private const int BindingFlattenHierarchy = 64;

    /// <summary>
    /// The methods a reflected <c>MethodInfo</c> argument stands for (a lambda parameter of <c>Select</c>, or a
    /// <c>foreach</c> variable, over <c>GetMethods</c>), or empty when it cannot be traced.
    /// </summary>
    internal ImmutableArray<IMethodSymbol> ReflectedMethods(IOperation value)
    {
        value = Unwrap(value);
        var filters = new List<(IOperation Condition, bool Negated, ISymbol Variable)>();
        IOperation? source = null;
        ISymbol? variable = null;
        switch (value)
        {
            case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambdaSymbol } parameter }:
                variable = parameter;
                for (var current = value.Parent; current is not null; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, lambdaSymbol))
                    {
                        source = SelectSource(lambda);
                        break;
                    }
                }

                break;
            case ILocalReferenceOperation { Local: var local }:
                variable = local;
                for (var current = value.Parent; current is not null; current = current.Parent)
                {
                    if (current is IForEachLoopOperation loop && loop.Locals.Any(l => SymbolEqualityComparer.Default.Equals(l, local)))
                    {
                        source = loop.Collection;
                        if (!CollectLoopFilters(value, loop, local, filters))
                        {
                            return ImmutableArray<IMethodSymbol>.Empty;
                        }

                        break;
                    }
                }

                break;
        }

        if (source is null || variable is null)
        {
            return ImmutableArray<IMethodSymbol>.Empty;
        }

        var methods = MethodsOf(source, filters, depth: 0);
        if (methods is null)
        {
            return ImmutableArray<IMethodSymbol>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
        foreach (var method in methods)
        {
            if (PassesFilters(method, filters))
            {
                builder.Add(method);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>The source of <c>source.Select(lambda)</c> (extension or static call), when the lambda is its selector.</summary>
    private static IOperation? SelectSource(IAnonymousFunctionOperation lambda)
    {
        IOperation current = lambda;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Select" or "SelectMany" } select } && IsLinq(select))
        {
            return select.Arguments.Length > 0 && !ReferenceEquals(select.Arguments[0].Value, current) ? select.Arguments[0].Value : select.Instance;
        }

        return null;
    }

    private static bool IsLinq(IInvocationOperation invocation) =>
        invocation.TargetMethod.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace.Name: "System" } };

    /// <summary>The candidate methods of a <c>GetMethods</c> source, collecting <c>Where</c> filters on the way; null when untraceable.</summary>
    private IEnumerable<IMethodSymbol>? MethodsOf(IOperation source, List<(IOperation Condition, bool Negated, ISymbol Variable)> filters, int depth)
    {
        if (depth > 6)
        {
            return null;
        }

        source = Unwrap(source);
        switch (source)
        {
            case ILocalReferenceOperation local when EnvironmentChecks.FindLocalInitializer(source, local.Local) is { } initializer:
                return MethodsOf(initializer, filters, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "Where" } where when IsLinq(where) && where.Arguments.Length == 2:
                if (Unwrap(where.Arguments[1].Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation predicate }
                    && predicate.Symbol.Parameters.Length == 1
                    && ReturnedValue(predicate) is { } condition)
                {
                    filters.Add((condition, false, predicate.Symbol.Parameters[0]));
                    return MethodsOf(where.Arguments[0].Value, filters, depth + 1);
                }

                return null;
            case IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" or "AsEnumerable" or "Cast" or "OfType" } pass when IsLinq(pass) && pass.Arguments.Length == 1:
                return MethodsOf(pass.Arguments[0].Value, filters, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "GetMethods" } getMethods when Is(getMethods.TargetMethod.ContainingType, SystemType) && ReflectedType(getMethods.Instance) is { } type:
                var flags = BindingPublic | BindingInstance | BindingStatic;
                if (getMethods.Arguments.Length > 0)
                {
                    if (getMethods.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: int constant })
                    {
                        return null;
                    }

                    flags = constant;
                }

                return MethodsOfType(type, flags);
            default:
                return null;
        }
    }

    /// <summary>The source methods <c>Type.GetMethods(flags)</c> returns for a type: ordinary methods only (no accessors).</summary>
    private static IEnumerable<IMethodSymbol> MethodsOfType(INamedTypeSymbol type, int flags)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null; current = current.BaseType)
        {
            var inherited = !SymbolEqualityComparer.Default.Equals(current, type);
            if (inherited && (flags & BindingDeclaredOnly) != 0)
            {
                yield break;
            }

            foreach (var member in current.GetMembers())
            {
                if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsGenericMethod: false } method || method.Locations.Length == 0 || !method.Locations[0].IsInSource)
                {
                    continue;
                }

                var accessible = method.DeclaredAccessibility == Accessibility.Public ? (flags & BindingPublic) != 0 : (flags & BindingNonPublic) != 0 && !(inherited && method.DeclaredAccessibility == Accessibility.Private);
                var kind = method.IsStatic ? (flags & BindingStatic) != 0 && (!inherited || (flags & BindingFlattenHierarchy) != 0) : (flags & BindingInstance) != 0;
                var overridden = !method.IsStatic && !seen.Add(method.Name + "/" + method.Parameters.Length) && inherited;
                if (accessible && kind && !overridden)
                {
                    yield return method.OriginalDefinition;
                }
            }
        }
    }

    /// <summary>The filters of a <c>foreach</c> over methods: the <c>if</c>s around the factory call, and <c>if (...) continue;</c> before it.</summary>
    private static bool CollectLoopFilters(IOperation call, IForEachLoopOperation loop, ILocalSymbol variable, List<(IOperation Condition, bool Negated, ISymbol Variable)> filters)
    {
        IOperation current = call;
        while (current.Parent is { } parent && !ReferenceEquals(parent, loop))
        {
            if (parent is IConditionalOperation conditional && !ReferenceEquals(conditional.Condition, current))
            {
                filters.Add((conditional.Condition, ReferenceEquals(conditional.WhenFalse, current), variable));
            }

            if (parent is IBlockOperation block)
            {
                foreach (var statement in block.Operations)
                {
                    if (statement.Syntax.SpanStart >= current.Syntax.SpanStart)
                    {
                        break;
                    }

                    if (statement is IConditionalOperation { WhenFalse: null } skip && EndsInContinue(skip.WhenTrue))
                    {
                        filters.Add((skip.Condition, true, variable));
                    }
                    else if (statement is IConditionalOperation)
                    {
                        return false; // another kind of branch before the call: not read
                    }
                }
            }

            current = parent;
        }

        return true;

        static bool EndsInContinue(IOperation operation) =>
            operation is IBranchOperation { BranchKind: BranchKind.Continue }
            || (operation is IBlockOperation { Operations.Length: > 0 } block && block.Operations[block.Operations.Length - 1] is IBranchOperation { BranchKind: BranchKind.Continue });
    }

    private static IOperation? ReturnedValue(IAnonymousFunctionOperation lambda) =>
        lambda.Body.Operations.Length == 1 && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } value } ? value : null;

    /// <summary>Applies the collected filters; a filter that mentions the method and cannot be read rejects it (stay silent).</summary>
    private static bool PassesFilters(IMethodSymbol method, List<(IOperation Condition, bool Negated, ISymbol Variable)> filters)
    {
        foreach (var (condition, negated, variable) in filters)
        {
            var verdict = Evaluate(condition, method, variable);
            if (verdict is null)
            {
                if (Mentions(condition, variable))
                {
                    return false;
                }

                continue; // a condition about something else selects no method
            }

            if (verdict.Value == negated)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Mentions(IOperation condition, ISymbol variable)
    {
        foreach (var operation in condition.DescendantsAndSelf())
        {
            if ((operation is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter, variable))
                || (operation is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, variable)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What a filter says about one method, or null when it is not one this engine reads.</summary>
    private static bool? Evaluate(IOperation condition, IMethodSymbol method, ISymbol variable)
    {
        condition = Unwrap(condition);
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand }:
                return Evaluate(operand, method, variable) is { } inner ? !inner : null;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                var left = Evaluate(and.LeftOperand, method, variable);
                var right = Evaluate(and.RightOperand, method, variable);
                return left is null || right is null ? null : left.Value && right.Value;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                var equals = comparison.OperatorKind == BinaryOperatorKind.Equals;
                if (IsNull(comparison.RightOperand) && AttributeTest(comparison.LeftOperand, method, variable) is { } hasAttribute)
                {
                    return equals ? !hasAttribute : hasAttribute;
                }

                if (NameOf(comparison.LeftOperand, variable) && Unwrap(comparison.RightOperand).ConstantValue is { HasValue: true, Value: string name })
                {
                    return equals ? method.Name == name : method.Name != name;
                }

                if (DeclaringTypeOf(comparison.LeftOperand, variable) && Unwrap(comparison.RightOperand) is ITypeOfOperation or IInvocationOperation { TargetMethod.Name: "GetType" })
                {
                    var type = ReflectedType(comparison.RightOperand);
                    return type is null ? null : SymbolEqualityComparer.Default.Equals(method.ContainingType, type) == equals;
                }

                return null;
            case IIsPatternOperation pattern:
                if (AttributeTest(pattern.Value, method, variable) is { } present)
                {
                    return Matches(pattern.Pattern, present);
                }

                return NameOf(pattern.Value, variable) ? MatchesName(pattern.Pattern, method.Name) : null;
            case IPropertyReferenceOperation { Property.Name: "IsSpecialName" } special when IsVariable(special.Instance, variable):
                return false; // ordinary methods are never special names
            case IPropertyReferenceOperation { Property.Name: "IsPublic" } isPublic when IsVariable(isPublic.Instance, variable):
                return method.DeclaredAccessibility == Accessibility.Public;
            case IPropertyReferenceOperation { Property.Name: "IsStatic" } isStatic when IsVariable(isStatic.Instance, variable):
                return method.IsStatic;
            case IInvocationOperation:
                return AttributeTest(condition, method, variable);
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>m.GetCustomAttribute&lt;A&gt;()</c>, <c>m.GetCustomAttribute(typeof(A))</c> (compared with null) and
    /// <c>m.IsDefined(typeof(A))</c>: whether the method has attribute A; null when the expression is none of these.
    /// </summary>
    private static bool? AttributeTest(IOperation operation, IMethodSymbol method, ISymbol variable)
    {
        operation = Unwrap(operation);
        if (operation is ILocalReferenceOperation local && EnvironmentChecks.FindLocalInitializer(operation, local.Local) is { } initializer)
        {
            operation = Unwrap(initializer); // var description = m.GetCustomAttribute<DescriptionAttribute>(); if (description != null) ...
        }

        if (operation is not IInvocationOperation { TargetMethod.Name: "GetCustomAttribute" or "IsDefined" } call)
        {
            return null;
        }

        var receiver = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
        if (receiver is null || !IsVariable(receiver, variable))
        {
            return null;
        }

        INamedTypeSymbol? attribute = null;
        if (call.TargetMethod.TypeArguments.Length == 1)
        {
            attribute = call.TargetMethod.TypeArguments[0] as INamedTypeSymbol;
        }
        else
        {
            foreach (var argument in call.Arguments)
            {
                if (Unwrap(argument.Value) is ITypeOfOperation { TypeOperand: INamedTypeSymbol named })
                {
                    attribute = named;
                }
            }
        }

        if (attribute is null)
        {
            return null;
        }

        foreach (var data in method.GetAttributes())
        {
            if (data.AttributeClass.IsOrDerivesFrom(attribute))
            {
                return true;
            }
        }

        return false;
    }

    private static bool? Matches(IPatternOperation pattern, bool present) =>
        pattern switch
        {
            INegatedPatternOperation { Pattern: var inner } => Matches(inner, present) is { } value ? !value : null,
            IConstantPatternOperation { Value: var value } when IsNull(value) => !present,
            IRecursivePatternOperation or IDeclarationPatternOperation or ITypePatternOperation => present,
            _ => null,
        };

    private static bool? MatchesName(IPatternOperation pattern, string name) =>
        pattern switch
        {
            INegatedPatternOperation { Pattern: var inner } => MatchesName(inner, name) is { } value ? !value : null,
            IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: string constant } } => constant == name,
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } and => MatchesName(and.LeftPattern, name) is { } l && MatchesName(and.RightPattern, name) is { } r ? l && r : null,
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or => MatchesName(or.LeftPattern, name) is { } l && MatchesName(or.RightPattern, name) is { } r ? l || r : null,
            _ => null,
        };

    private static bool NameOf(IOperation operation, ISymbol variable) =>
        Unwrap(operation) is IPropertyReferenceOperation { Property.Name: "Name", Instance: { } instance } && IsVariable(instance, variable);

    private static bool DeclaringTypeOf(IOperation operation, ISymbol variable) =>
        Unwrap(operation) is IPropertyReferenceOperation { Property.Name: "DeclaringType" or "ReflectedType", Instance: { } instance } && IsVariable(instance, variable);

    private static bool IsVariable(IOperation? operation, ISymbol variable) =>
        (operation is null ? null : Unwrap(operation)) switch
        {
            IParameterReferenceOperation p => SymbolEqualityComparer.Default.Equals(p.Parameter, variable),
            ILocalReferenceOperation l => SymbolEqualityComparer.Default.Equals(l.Local, variable),
            _ => false,
        };

    private static bool IsNull(IOperation operation) => Unwrap(operation) is { ConstantValue: { HasValue: true, Value: null } };
}
