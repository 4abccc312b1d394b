using System;
using System.Collections.Generic;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// The calls of a tree whose invoked name (<see cref="SyntaxNames.InvokedName"/>) is one of a few words, and the
/// explicit creations of a type with a given rightmost name (<see cref="SyntaxNames.CreatedTypeName"/>), found from
/// where the tree's text spells those words instead of by walking every node: the same nodes, in the order
/// <c>DescendantNodes()</c> visits them.
/// </summary>
/// <remarks>
/// Each name token of such a call or creation is spelled in the text as the word (a verbatim <c>@Create</c> too), so
/// <see cref="SourceIndex.FindWord"/> finds it; the token at that position leads to the node. An identifier can also be
/// written with Unicode escapes (<c>Cr\u0065ate</c>), which the text search does not see: a tree whose text has
/// <c>\u</c> or <c>\U</c> anywhere is walked node by node instead. Nested nodes are ordered as a pre-order walk
/// visits them (a node before the nodes it contains).
/// </remarks>
internal static class NamedCallSites
{
    public static List<SyntaxNode> Find(SyntaxTree tree, IEnumerable<string> invokedNames, string? createdTypeName, CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken).ToString();
        var root = tree.GetRoot(cancellationToken);
        var found = new List<SyntaxNode>();
        if (text.IndexOf("\\u", StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", StringComparison.Ordinal) >= 0)
        {
            var names = new HashSet<string>(invokedNames, StringComparer.Ordinal);
            foreach (var node in root.DescendantNodes())
            {
                if ((node is InvocationExpressionSyntax invocation && SyntaxNames.InvokedName(invocation) is { } name && names.Contains(name))
                    || (createdTypeName is not null && node is BaseObjectCreationExpressionSyntax creation && SyntaxNames.CreatedTypeName(creation) == createdTypeName))
                {
                    found.Add(node);
                }
            }

            return found;
        }

        foreach (var word in invokedNames)
        {
            foreach (var position in SourceIndex.FindWord(tree, word, cancellationToken))
            {
                if (NameAt(root, position, word) is { } name && InvocationOf(name) is { } invocation)
                {
                    found.Add(invocation);
                }
            }
        }

        if (createdTypeName is not null)
        {
            foreach (var position in SourceIndex.FindWord(tree, createdTypeName, cancellationToken))
            {
                if (NameAt(root, position, createdTypeName) is { } name && CreationOf(name) is { } creation)
                {
                    found.Add(creation);
                }
            }
        }

        found.Sort(static (a, b) => a.SpanStart != b.SpanStart ? a.SpanStart.CompareTo(b.SpanStart) : b.Span.Length.CompareTo(a.Span.Length));
        return found;
    }

    /// <summary>The simple name whose identifier is the word at this position, or null (a comment, a string, another token).</summary>
    private static SimpleNameSyntax? NameAt(SyntaxNode root, int position, string word)
    {
        var token = root.FindToken(position);
        return token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(position) && token.ValueText == word && token.Parent is SimpleNameSyntax name && name.Identifier == token
            ? name
            : null;
    }

    /// <summary>The call whose invoked name is this name, as <see cref="SyntaxNames.InvokedName"/> reads it, or null.</summary>
    private static InvocationExpressionSyntax? InvocationOf(SimpleNameSyntax name) =>
        name.Parent switch
        {
            MemberAccessExpressionSyntax member when member.Name == name && member.Parent is InvocationExpressionSyntax invocation && invocation.Expression == member => invocation,
            MemberBindingExpressionSyntax binding when binding.Name == name && binding.Parent is InvocationExpressionSyntax invocation && invocation.Expression == binding => invocation,
            InvocationExpressionSyntax invocation when invocation.Expression == name => invocation,
            _ => null,
        };

    /// <summary>The explicit creation whose type's rightmost name (<see cref="SyntaxNames.RightmostName"/>) is this name, or null.</summary>
    private static ObjectCreationExpressionSyntax? CreationOf(SimpleNameSyntax name)
    {
        SyntaxNode type = name;
        while (true)
        {
            switch (type.Parent)
            {
                case QualifiedNameSyntax qualified when qualified.Right == type:
                case AliasQualifiedNameSyntax alias when alias.Name == type:
                case NullableTypeSyntax nullable when nullable.ElementType == type:
                    type = type.Parent;
                    continue;
            }

            break;
        }

        return type.Parent is ObjectCreationExpressionSyntax creation && creation.Type == type ? creation : null;
    }
}
