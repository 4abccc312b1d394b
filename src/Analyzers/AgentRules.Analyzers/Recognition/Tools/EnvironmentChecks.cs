using System;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// Recognises checks of the environment the code runs in: <c>IHostEnvironment.IsDevelopment()/IsStaging()/
/// IsProduction()/IsEnvironment(...)</c> and <c>EnvironmentName</c>, AgentRules' <c>AgentEnvironment</c>, and reads
/// of <c>ASPNETCORE_ENVIRONMENT</c>/<c>DOTNET_ENVIRONMENT</c>/<c>AGENTRULES_ENVIRONMENT</c> — and the code they guard.
/// </summary>
public sealed class EnvironmentChecks
{
    private readonly INamedTypeSymbol? _agentEnvironment;
    private readonly Func<IOperation, bool>? _writes;

    /// <param name="types">The compilation's types.</param>
    /// <param name="writes">Recognises writing calls (directly or through helpers): an <c>if</c> whose branch makes one guards it.</param>
    public EnvironmentChecks(KnownTypes types, Func<IOperation, bool>? writes = null)
    {
        _agentEnvironment = types.Get(ToolMetadataNames.AgentEnvironment);
        _writes = writes;
    }

    /// <summary>"IHostEnvironment.IsDevelopment()" when the operation itself checks the environment; else null.</summary>
    public string? Describe(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
            {
                var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
                if (method.Name is "IsDevelopment" or "IsStaging" or "IsProduction" or "IsEnvironment"
                    && method.ContainingType is { Name: "HostEnvironmentEnvExtensions" or "HostingEnvironmentExtensions" } hosting
                    && IsHostingNamespace(hosting.ContainingNamespace))
                {
                    return "IHostEnvironment." + method.Name + "()";
                }

                if (_agentEnvironment is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, _agentEnvironment) && method.Name is "Is" or "IsAny")
                {
                    return "AgentEnvironment." + method.Name + "(...)";
                }

                return ReadsEnvironmentVariable(invocation.Arguments);
            }

            case IPropertyReferenceOperation property:
                if (_agentEnvironment is not null && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _agentEnvironment))
                {
                    return "AgentEnvironment." + property.Property.Name;
                }

                if (property.Property.Name == "EnvironmentName" && IsHostingNamespace(property.Property.ContainingType?.ContainingNamespace))
                {
                    return "IHostEnvironment.EnvironmentName";
                }

                return property.Arguments.Length > 0 ? ReadsEnvironmentVariable(property.Arguments) : null;

            default:
                return null;
        }
    }

    /// <summary>The first environment check in an expression (a condition), following locals once.</summary>
    public string? FindIn(IOperation expression, int depth = 0)
    {
        foreach (var operation in expression.DescendantsAndSelf())
        {
            if (Describe(operation) is { } check)
            {
                return check;
            }

            if (depth == 0 && operation is ILocalReferenceOperation local && FindLocalInitializer(operation, local.Local) is { } initializer && FindIn(initializer, depth + 1) is { } viaLocal)
            {
                return viaLocal;
            }
        }

        return null;
    }

    /// <summary>
    /// For a <see cref="CallGraphSearch{T}"/>: a conditional expression on the environment, or an <c>if</c> on the
    /// environment that returns or throws in a branch or makes a writing call only in a branch. Returns "guarded by ...".
    /// </summary>
    public string? MatchGuard(IOperation operation)
    {
        if (operation is not IConditionalOperation conditional || FindIn(conditional.Condition) is not { } check)
        {
            return null;
        }

        return conditional.Type is not null
            || Exits(conditional.WhenTrue) || Exits(conditional.WhenFalse) || Writes(conditional.WhenTrue) || Writes(conditional.WhenFalse)
            ? "guarded by " + check
            : null;
    }

    /// <summary>
    /// True when the operation only runs under an environment check: inside a branch of a conditional on the
    /// environment, or after an early return/throw on the environment in an enclosing block.
    /// </summary>
    public bool IsUnderCheck(IOperation operation)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when !ReferenceEquals(conditional.Condition, child) && FindIn(conditional.Condition) is not null:
                    return true;
                case IBlockOperation block:
                    foreach (var statement in block.Operations)
                    {
                        if (ReferenceEquals(statement, child))
                        {
                            break;
                        }

                        if (statement is IConditionalOperation guard && (Exits(guard.WhenTrue) || Exits(guard.WhenFalse)) && FindIn(guard.Condition) is not null)
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return false;
    }

    private bool Writes(IOperation? branch)
    {
        if (branch is null || _writes is null)
        {
            return false;
        }

        foreach (var operation in branch.DescendantsAndSelf())
        {
            if (_writes(operation))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Exits(IOperation? branch)
    {
        if (branch is null)
        {
            return false;
        }

        foreach (var operation in branch.DescendantsAndSelf())
        {
            if (operation is IReturnOperation { Kind: OperationKind.Return } or IThrowOperation && !InsideLambda(operation, branch))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InsideLambda(IOperation operation, IOperation stop)
    {
        for (var current = operation.Parent; current is not null && !ReferenceEquals(current, stop); current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static string? ReadsEnvironmentVariable(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Value.ConstantValue is { HasValue: true, Value: string name }
                && (string.Equals(name, "ASPNETCORE_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(name, "DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(name, "AGENTRULES_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)))
            {
                return name.ToUpperInvariant();
            }
        }

        return null;
    }

    private static bool IsHostingNamespace(INamespaceSymbol? ns)
    {
        // Microsoft.Extensions.Hosting or Microsoft.AspNetCore.Hosting
        if (ns is not { Name: "Hosting" } || ns.ContainingNamespace is not { } parent)
        {
            return false;
        }

        return parent.Name is "Extensions" or "AspNetCore" && parent.ContainingNamespace is { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true };
    }

    internal static IOperation? FindLocalInitializer(IOperation from, ILocalSymbol local)
    {
        var root = from;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                return declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
            }
        }

        return null;
    }
}
