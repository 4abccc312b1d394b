using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// Human approval beyond attributes and wrappers (see <see cref="ApprovalApis"/>): a question the tool asks before it
/// writes, a server-wide MCP call-tool filter, and the Agent Framework settings that approve every wrapped call
/// without asking.
/// </summary>
public sealed partial class ToolSafetyContext
{
    private readonly object _compilationUsesGate = new();
    private readonly Dictionary<string, (Location Location, string Text)?> _compilationUses = new(StringComparer.Ordinal);

    /// <summary>
    /// The first call in the tool's own body that asks a human (MCP elicitation, a console prompt, a confirmation
    /// dialog) and comes before the write that makes it destructive; null when there is none.
    /// </summary>
    private Location? FindConfirmationBeforeWrite(ToolDeclaration declaration, ToolEffectResult effect, CancellationToken cancellationToken)
    {
        if (declaration.HasParameterOnlyBody(Compilation))
        {
            return null; // no call at all: nobody is asked
        }

        var body = declaration.LambdaBody ?? (declaration.Method is { } method ? GetBody(method, cancellationToken) : null);
        if (body is null)
        {
            return null;
        }

        var write = effect.BodyWrite?.Location;
        foreach (var operation in body.Descendants())
        {
            if (operation is IInvocationOperation invocation && IsApi(invocation.TargetMethod, ApprovalApis.Confirmations))
            {
                var asked = invocation.Syntax.GetLocation();
                var writeInBody = write is not null && write.SourceTree == asked.SourceTree && body.Syntax.Span.Contains(write.SourceSpan);
                if (!writeInBody || asked.SourceSpan.Start < write!.SourceSpan.Start)
                {
                    return asked; // before the write in the body, or the write is in a helper the body calls
                }
            }
        }

        return null;
    }

    /// <summary>True when the compilation adds an MCP call-tool filter (<c>WithRequestFilters(f =&gt; f.AddCallToolFilter(...))</c>).</summary>
    internal bool HasMcpCallToolFilter(CancellationToken cancellationToken) =>
        FindCompilationUse(ApprovalApis.McpCallToolGates, cancellationToken) is not null;

    /// <summary>Where the compilation approves every wrapped tool call automatically, and with what; null when it does not.</summary>
    internal (Location Location, string Text)? FindAutoApproveAll(CancellationToken cancellationToken) =>
        FindCompilationUse(ApprovalApis.AutoApproveAll, cancellationToken);

    /// <summary>The first reference in the compilation to one of <paramref name="apis"/>, computed once per list.</summary>
    private (Location Location, string Text)? FindCompilationUse(ImmutableArray<ApprovalApis.Api> apis, CancellationToken cancellationToken)
    {
        var key = apis.IsEmpty ? string.Empty : apis[0].Type + "." + apis[0].Member;
        lock (_compilationUsesGate)
        {
            if (_compilationUses.TryGetValue(key, out var known))
            {
                return known;
            }
        }

        var found = ScanForUse(apis, cancellationToken);
        lock (_compilationUsesGate)
        {
            _compilationUses[key] = found;
        }

        return found;
    }

    private (Location Location, string Text)? ScanForUse(ImmutableArray<ApprovalApis.Api> apis, CancellationToken cancellationToken)
    {
        var members = apis.Where(api => Types.Get(api.Type) is not null).Select(api => api.Member).Distinct(StringComparer.Ordinal).ToArray();
        if (members.Length == 0)
        {
            return null; // none of these frameworks is referenced
        }

        foreach (var tree in Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Roslyn.SourceIndex.ContainsAny(tree, members, cancellationToken) || IsGenerated(tree, cancellationToken))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is IdentifierNameSyntax identifier && Array.IndexOf(members, identifier.Identifier.ValueText) >= 0)
                {
                    model ??= GetSemanticModel(tree);
                    var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
                    if (symbol is not null && IsApi(symbol, apis))
                    {
                        return (identifier.GetLocation(), symbol.ContainingType.Name + "." + symbol.Name);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="symbol"/> (a method, reduced extension, property or field) is one of <paramref name="apis"/>.</summary>
    private bool IsApi(ISymbol symbol, ImmutableArray<ApprovalApis.Api> apis)
    {
        if (symbol is IMethodSymbol { ReducedFrom: { } reduced })
        {
            symbol = reduced;
        }

        var containing = symbol.ContainingType?.OriginalDefinition;
        if (containing is null)
        {
            return false;
        }

        foreach (var api in apis)
        {
            if (api.Member == symbol.Name && Types.Get(api.Type) is { } type && SymbolEqualityComparer.Default.Equals(type, containing))
            {
                return true;
            }
        }

        return false;
    }
}
