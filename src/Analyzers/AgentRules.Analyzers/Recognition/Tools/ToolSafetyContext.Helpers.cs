using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// Tools registered through the app's own helper around a factory:
/// <c>static AIFunction Tool(Delegate impl, string name) =&gt; AIFunctionFactory.Create(impl, name: name);</c>, called as
/// <c>Tool(WriteFile, "write_file")</c>. The factory call inside the helper registers nothing by itself; each call of
/// the helper registers the method it passes, under the name and description it passes.
/// </summary>
/// <remarks>
/// One level of helper is followed (a helper calling another helper with its own parameter is not). The helper's
/// callers are found by a text filter on the helper's name, then bound; only calls that bind to the helper count.
/// </remarks>
public sealed partial class ToolSafetyContext
{
    /// <summary>The parameter of an ordinary method or local function an argument passes on unchanged, or null.</summary>
    private static IParameterSymbol? HelperParameter(IOperation? value)
    {
        if (value is null)
        {
            return null;
        }

        value = Unwrap(value);
        if (value is IDelegateCreationOperation { Target: { } target })
        {
            value = Unwrap(target);
        }

        return value is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } } parameter }
            ? parameter
            : null;
    }

    /// <summary>The value assigned to a property in an object initializer, or null.</summary>
    private static IOperation? InitializerValue(IObjectCreationOperation creation, string property)
    {
        if (creation.Initializer is null)
        {
            return null;
        }

        foreach (var initializer in creation.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment && target.Property.Name == property)
            {
                return assignment.Value;
            }
        }

        return null;
    }

    /// <summary>Adds a registration for every call of a helper that forwards its parameter to a factory; returns the helpers' names (the files that spell one were read).</summary>
    private ImmutableArray<string> AddHelperRegistrations(List<FactoryRegistration> helpers, ImmutableArray<FactoryRegistration>.Builder registrations, CancellationToken cancellationToken)
    {
        var byHelper = new Dictionary<IMethodSymbol, FactoryRegistration>(SymbolEqualityComparer.Default);
        foreach (var helper in helpers)
        {
            if ((helper.ForwardedCallable ?? helper.ForwardedName)?.ContainingSymbol is IMethodSymbol method)
            {
                byHelper[method.OriginalDefinition] = helper;
            }
        }

        var names = byHelper.Keys.Select(m => m.Name).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var tree in Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!SourceIndex.ContainsAny(tree, names, cancellationToken) || IsGenerated(tree, cancellationToken))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation || SyntaxNames.InvokedName(invocation) is not { } name || Array.IndexOf(names, name) < 0)
                {
                    continue;
                }

                model ??= GetSemanticModel(tree);
                if (model.GetOperationWithinLimits(invocation, cancellationToken) is not IInvocationOperation call
                    || !byHelper.TryGetValue((call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition, out var helper))
                {
                    continue;
                }

                var registration = new FactoryRegistration(helper.Form, call) { Options = helper.Options };
                foreach (var argument in call.Arguments)
                {
                    if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue)
                    {
                        continue;
                    }

                    if (Same(parameter, helper.ForwardedCallable))
                    {
                        ResolveCallable(argument.Value, registration, depth: 0);
                    }
                    else if (Same(parameter, helper.ForwardedName))
                    {
                        registration.Name = argument.Value.ConstantValue is { HasValue: true, Value: string constant } ? constant : null;
                        registration.NameSyntax = argument.Value.Syntax;
                    }
                    else if (Same(parameter, helper.ForwardedDescription))
                    {
                        registration.Description = argument.Value.ConstantValue is { HasValue: true, Value: string constant } ? constant : null;
                    }
                }

                if (helper.Form == ToolForm.OpenAIChatTool ? registration.NameSyntax is null : registration.Method is null && registration.Lambda is null)
                {
                    continue; // nothing traceable passed: a delegate from a field, a name the call does not give
                }

                registration.WrappedInApproval = IsWrappedInApproval(call);
                registration.UnderEnvironmentCheck = Environments.IsUnderCheck(call);
                registrations.Add(registration);
            }
        }

        return ImmutableArray.Create(names);

        static bool Same(IParameterSymbol parameter, IParameterSymbol? forwarded) =>
            forwarded is not null && parameter.Ordinal == forwarded.Ordinal
            && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, forwarded.ContainingSymbol.OriginalDefinition);
    }
}
