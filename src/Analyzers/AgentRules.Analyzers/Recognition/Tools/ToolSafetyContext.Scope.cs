using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Recognition.Tools;

public sealed partial class ToolSafetyContext
{
    /// <summary>
    /// Where a tool may run: <c>[EnvironmentScope]</c> on the tool, its type or its assembly (for lambdas and OpenAI chat
    /// tools: on the code that registers them); else an early return or throw under an environment check in its body
    /// (or a helper it calls); else registrations (of the tool, or of its type) that only run under an environment check.
    /// </summary>
    private ToolEnvironmentScope? GetScope(ToolDeclaration declaration, CancellationToken cancellationToken)
    {
        if (declaration.ScopeSymbol?.GetAttributeFromSymbolTypeOrAssembly(EnvironmentScope) is { } attribute)
        {
            var environments = ToolAttributeReader.Environments(attribute);
            return new ToolEnvironmentScope(
                ToolScopeKind.Declared,
                environments,
                "declared " + string.Join(", ", environments),
                attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());
        }

        if (FindGuard(declaration, cancellationToken) is { } guard)
        {
            return new ToolEnvironmentScope(ToolScopeKind.EnvironmentCheck, ImmutableArray<string>.Empty, guard, null);
        }

        if (!declaration.Registrations.IsEmpty && AllUnderCheck(declaration.Registrations))
        {
            return new ToolEnvironmentScope(ToolScopeKind.RegisteredUnderEnvironmentCheck, ImmutableArray<string>.Empty, "registered under an environment check", null);
        }

        var containingType = declaration.Type ?? declaration.Method?.ContainingType;
        if (declaration.Form is ToolForm.McpServerTool or ToolForm.KernelFunction && containingType is not null && HasFactoryForms
            && GetRegistrationIndex(cancellationToken).IsTypeRegisteredOnlyUnderCheck(containingType, declaration.Form == ToolForm.McpServerTool))
        {
            return new ToolEnvironmentScope(ToolScopeKind.RegisteredUnderEnvironmentCheck, ImmutableArray<string>.Empty, $"'{containingType.Name}' is registered under an environment check", null);
        }

        return null;
    }

    private string? FindGuard(ToolDeclaration declaration, CancellationToken cancellationToken)
    {
        if (declaration.LambdaBody is { } lambdaBody)
        {
            return _guards.Find(lambdaBody, cancellationToken)?.Value;
        }

        if (declaration.Method is { } method)
        {
            return declaration.HasParameterOnlyBody(Compilation) ? null : _guards.Find(method, cancellationToken)?.Value; // no condition, no call: no guard
        }

        if (declaration.Type is { } type)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } classMethod && _guards.Find(classMethod, cancellationToken) is { } found)
                {
                    return found.Value;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The human-approval gate: AgentRules <c>[RequiresApproval]</c> on the tool or its type; every registration wrapped
    /// in <c>ApprovalRequiredAIFunction</c>; or, short of proof, a compilation that gates tools in ways this tool may go
    /// through (an <c>ApprovalRequiredAIFunction</c> over untraceable tools, a Semantic Kernel invocation filter).
    /// </summary>
    private ToolApproval? GetApproval(ToolDeclaration declaration, ToolEffectResult effect, CancellationToken cancellationToken)
    {
        for (ISymbol? current = declaration.Symbol; current is IMethodSymbol or INamedTypeSymbol; current = current.ContainingSymbol)
        {
            if (current.GetAttribute(RequiresApproval) is { } attribute)
            {
                return new ToolApproval(ToolApprovalKind.RequiresApprovalAttribute, attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());
            }

            if (declaration.Target == ToolTarget.Lambda && current is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
            {
                break; // a lambda's approval is its own, not its enclosing method's
            }
        }

        // The tool asks a human itself (MCP elicitation, a console or UI confirmation) before it writes.
        if (effect.Effect == ToolEffect.Destructive && FindConfirmationBeforeWrite(declaration, effect, cancellationToken) is { } asked)
        {
            return new ToolApproval(ToolApprovalKind.AsksInTool, asked);
        }

        if (!declaration.Registrations.IsEmpty && AllWrapped(declaration.Registrations))
        {
            // An Agent Framework host that approves everything (AllToolsAutoApprovalRule, "always approve" responses)
            // turns the wrapper into no gate at all.
            return effect.Effect == ToolEffect.Destructive && FindAutoApproveAll(cancellationToken) is { } auto
                ? new ToolApproval(ToolApprovalKind.AutoApproved, auto.Location) { Bypass = auto.Text }
                : new ToolApproval(ToolApprovalKind.ApprovalRequiredAIFunction, declaration.Registrations[0].Invocation.Syntax.GetLocation());
        }

        // An MCP call-tool filter sees every tool call of the server and may ask a human.
        if (declaration.Form is ToolForm.McpServerTool && effect.Effect == ToolEffect.Destructive && HasMcpCallToolFilter(cancellationToken))
        {
            return new ToolApproval(ToolApprovalKind.PossiblyGated, null);
        }

        if (!HasFactoryForms || declaration.Form is ToolForm.AzureFunctionsMcpTool || (declaration.Form is ToolForm.McpServerTool && declaration.Registrations.IsEmpty))
        {
            return null; // MCP servers and Azure Functions cannot be wrapped in ApprovalRequiredAIFunction
        }

        var index = GetRegistrationIndex(cancellationToken);
        if (index.UntracedApprovalWrapping || (declaration.Form is ToolForm.KernelFunction or ToolForm.KernelFunctionFactory && HasKernelInvocationFilters(cancellationToken)))
        {
            return new ToolApproval(ToolApprovalKind.PossiblyGated, null);
        }

        return null;
    }

    private ToolBudget? GetBudget(ToolDeclaration declaration)
    {
        if (declaration.Method?.GetAttribute(ToolBudgetAttribute) is not { } attribute)
        {
            return null;
        }

        var values = ToolAttributeReader.Budget(attribute); // as written: the rules and the spec show what the source says
        return new ToolBudget(values.MaxCalls, values.Cost);
    }

    private ImmutableArray<ToolParameter> GetParameters(ToolDeclaration declaration)
    {
        if (declaration.Method is not { } method)
        {
            return ImmutableArray<ToolParameter>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<ToolParameter>();
        foreach (var parameter in method.Parameters)
        {
            if (declaration.Form == ToolForm.AzureFunctionsMcpTool)
            {
                // Only [McpToolProperty] parameters are filled by the model; the trigger and bindings are not.
                if (parameter.GetAttribute(McpToolProperty) is { } property)
                {
                    var name = property.ConstructorArguments.Length > 0 ? property.ConstructorArguments[0].Value as string : null;
                    var description = property.ConstructorArguments.Length > 1 ? property.ConstructorArguments[1].Value as string : null;
                    var required = property.ConstructorArguments.Length > 2 && property.ConstructorArguments[2].Value is true;
                    builder.Add(new ToolParameter(name ?? parameter.Name, parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), description, !required));
                }

                continue;
            }

            if (IsBoundByFramework(parameter.Type))
            {
                continue;
            }

            builder.Add(new ToolParameter(
                parameter.Name,
                parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                GetDescription(parameter),
                parameter.HasExplicitDefaultValue || parameter.IsOptional));
        }

        return builder.ToImmutable();
    }

    /// <summary>Parameters the frameworks fill in themselves (tokens, services, request contexts).</summary>
    private static bool IsBoundByFramework(ITypeSymbol type)
    {
        var name = type.OriginalDefinition.ToDisplayString();
        switch (name)
        {
            case "System.Threading.CancellationToken":
            case "System.IServiceProvider":
            case "System.IProgress<T>":
            case "System.Security.Claims.ClaimsPrincipal":
            case "Microsoft.Extensions.AI.AIFunctionArguments":
            case "Microsoft.SemanticKernel.Kernel":
            case "Microsoft.SemanticKernel.KernelArguments":
            case "ModelContextProtocol.Server.RequestContext<TParams>":
            case "ModelContextProtocol.Server.McpServer":
            case "ModelContextProtocol.Server.IMcpServer":
                return true;
            default:
                return name.StartsWith("Microsoft.Extensions.Logging.", System.StringComparison.Ordinal);
        }
    }

    private static bool AllUnderCheck(ImmutableArray<FactoryRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            if (!registration.UnderEnvironmentCheck)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllWrapped(ImmutableArray<FactoryRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            if (!registration.WrappedInApproval)
            {
                return false;
            }
        }

        return true;
    }
}
