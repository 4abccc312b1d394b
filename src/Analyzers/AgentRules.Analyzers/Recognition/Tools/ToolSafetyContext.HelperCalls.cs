using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// Tools created through the app's own helper, seen where the helper is called: a lambda handed to
/// <c>static AITool Tool(Delegate d, string name, string description) =&gt; AIFunctionFactory.Create(d, name, description)</c>
/// (the tool is the lambda, reported at its header), and OpenAI chat tools built by a helper around
/// <c>ChatTool.CreateFunctionTool(name, …)</c> (<c>CreateTool("write_file", "Writes a file", …)</c>: the tool is named
/// at the call, reported at the name argument there, not inside the helper where its name is only a parameter).
/// </summary>
/// <remarks>
/// The helper calls are found with the registrations (<see cref="AddHelperRegistrations"/>); this part looks them up
/// by syntax. A helper whose parameter is the chat tool's name is a helper only when the factory call's name is that
/// parameter unchanged; a name computed inside the helper (<c>prefix + name</c>) leaves the factory call a tool of its
/// own with a computed name, as before.
/// </remarks>
public sealed partial class ToolSafetyContext
{
    private volatile HelperCallTable? _helperCalls;

    /// <summary>The helper calls of the registration index, by call syntax, and the trees and names they are in.</summary>
    private sealed class HelperCallTable(Dictionary<SyntaxNode, FactoryRegistration> byCall, ImmutableHashSet<string> names, HashSet<SyntaxTree> trees)
    {
        public Dictionary<SyntaxNode, FactoryRegistration> ByCall { get; } = byCall;

        public ImmutableHashSet<string> Names { get; } = names;

        public HashSet<SyntaxTree> Trees { get; } = trees;
    }

    /// <summary>
    /// True for a factory call inside the app's own helper whose tool is named by the helper's caller: an OpenAI chat
    /// tool whose name is the helper's parameter. Its callers are the tools.
    /// </summary>
    private static bool IsNamedByHelperCaller(FactoryRegistration registration) =>
        registration.Form == ToolForm.OpenAIChatTool && registration.Name is null && registration.ForwardedName is not null;

    /// <summary>A factory call the index keeps for its helper's callers rather than as a tool of its own.</summary>
    private static bool IsHelperFactory(FactoryRegistration registration) =>
        registration.ForwardedCallable is not null || IsNamedByHelperCaller(registration);

    /// <summary>
    /// Whether a <c>CreateFunctionTool</c> call may sit in a helper: its name argument is a plain identifier (a
    /// parameter, or a constant). Only those are bound for the index; literal names are seen where they are.
    /// </summary>
    private static bool MayBeChatToolHelper(InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments;
        ArgumentSyntax? name = null;
        foreach (var argument in arguments)
        {
            if (argument.NameColon?.Name.Identifier.ValueText == "functionName")
            {
                name = argument;
                break;
            }
        }

        name ??= arguments.Count > 0 && arguments[0].NameColon is null ? arguments[0] : null;
        return name?.Expression is IdentifierNameSyntax;
    }

    /// <summary>The registration a call of the app's own helper makes, or null when the call is none.</summary>
    private FactoryRegistration? HelperCallRegistration(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        var table = GetHelperCalls(cancellationToken);
        return table.ByCall.TryGetValue(invocation.Syntax, out var registration) ? registration : null;
    }

    /// <summary>True when a call spells the name of a helper that registers tools (checked before binding).</summary>
    private bool IsHelperCallCandidate(InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        var names = GetHelperCalls(cancellationToken).Names;
        return !names.IsEmpty && SyntaxNames.InvokedName(invocation) is { } name && names.Contains(name);
    }

    /// <summary>True when <paramref name="tree"/> calls a helper that registers a lambda or a chat tool.</summary>
    private bool CallsToolHelper(SyntaxTree tree, CancellationToken cancellationToken) =>
        HasFactoryForms && GetHelperCalls(cancellationToken).Trees.Contains(tree);

    /// <summary>The tool a helper call registers: its method, its lambda, or the chat tool it names.</summary>
    private ToolInfo? GetHelperCallTool(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        if (HelperCallRegistration(invocation, cancellationToken) is not { } registration)
        {
            return null;
        }

        if (registration.Method is { } method)
        {
            return GetTool(method, cancellationToken);
        }

        var key = (SyntaxNode?)registration.Lambda?.Syntax ?? invocation.Syntax;
        return _registeredTools.GetOrAdd(key, static _ => new Once()).Get(() =>
            registration.Lambda is not null || registration.Form == ToolForm.OpenAIChatTool
                ? BuildRegisteredTool(registration, cancellationToken)
                : null);
    }

    private HelperCallTable GetHelperCalls(CancellationToken cancellationToken)
    {
        if (_helperCalls is { } found)
        {
            return found;
        }

        var byCall = new Dictionary<SyntaxNode, FactoryRegistration>();
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var trees = new HashSet<SyntaxTree>();
        if (HasFactoryForms)
        {
            foreach (var registration in GetRegistrationIndex(cancellationToken).Registrations)
            {
                // A helper is the app's own method (declared in source); a factory is a framework method.
                var target = registration.Invocation.TargetMethod.ReducedFrom ?? registration.Invocation.TargetMethod;
                if (target.DeclaringSyntaxReferences.IsEmpty || (registration.Method is not null && registration.Form != ToolForm.OpenAIChatTool))
                {
                    continue; // framework factory calls, and helper calls of named methods (reported at the method)
                }

                byCall[registration.Invocation.Syntax] = registration;
                names.Add(target.Name);
                trees.Add(registration.Invocation.Syntax.SyntaxTree);
            }
        }

        var table = new HelperCallTable(byCall, names.ToImmutable(), trees);
        lock (_indexGate)
        {
            return _helperCalls ??= table;
        }
    }
}
