using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Analyzers.Roslyn;

/// <summary>
/// Keeps deeply nested code from taking the compiler down. <c>SemanticModel.GetOperation</c> builds the operation
/// tree of the whole enclosing member recursively, with no stack guard, and the walks of the rules recurse over that
/// tree too: a member with thousands of nested <c>if</c>s overflows the stack of the compiler's analyzer threads, which
/// kills the compiler process (a stack overflow cannot be caught). Every operation the analyzers and generators look at
/// comes through <see cref="GetOperationWithinLimits"/>, which returns null — the rules then stay quiet, as on code they
/// do not understand — for a node whose enclosing member nests deeper than <see cref="MaxSyntaxDepth"/>.
/// </summary>
/// <remarks>
/// The depth of a member is measured once, iteratively, and cached (top-level statements count as one member, the
/// file). Ordinary code nests a few dozen levels deep; the limit leaves room for ten times that.
/// </remarks>
public static class OperationGuard
{
    /// <summary>The deepest member (in syntax nodes, root to leaf) whose operations are built and walked.</summary>
    public const int MaxSyntaxDepth = 600;

    private static readonly ConditionalWeakTable<SyntaxNode, object> s_tooDeep = new();
    private static readonly object s_yes = new();
    private static readonly object s_no = new();

    /// <summary><c>model.GetOperation(node)</c>, or null when the node's member nests too deeply to analyze safely.</summary>
    public static IOperation? GetOperationWithinLimits(this SemanticModel model, SyntaxNode node, CancellationToken cancellationToken = default) =>
        IsTooDeep(node) ? null : model.GetOperation(node, cancellationToken);

    /// <summary>True when the member (or top-level code) that contains <paramref name="node"/> nests deeper than <see cref="MaxSyntaxDepth"/>.</summary>
    public static bool IsTooDeep(SyntaxNode node) =>
        // Only the member is measured, not the whole file first: a member nests no deeper than its file, so the answer
        // is the same, and a file of which one member is bound (most agent files) is not walked node by node (walking
        // every file the rules bind anything in was a tenth of the prompt rule's time on the Azure MCP server).
        Measure(OutermostMember(node) ?? node.SyntaxTree.GetRoot());

    private static SyntaxNode? OutermostMember(SyntaxNode node)
    {
        SyntaxNode? member = null;
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current is GlobalStatementSyntax)
            {
                return null; // top-level statements form one body: the compilation unit
            }

            if (current is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax and not DelegateDeclarationSyntax)
            {
                member = current;
            }
        }

        return member;
    }

    private static bool Measure(SyntaxNode node)
    {
        if (s_tooDeep.TryGetValue(node, out var known))
        {
            return ReferenceEquals(known, s_yes);
        }

        var tooDeep = DeeperThan(node, MaxSyntaxDepth);
        try
        {
            s_tooDeep.Add(node, tooDeep ? s_yes : s_no);
        }
        catch (System.ArgumentException)
        {
            // measured concurrently by another thread: same answer
        }

        return tooDeep;
    }

    // One stack per thread, reused: a member is measured once, but every member the rules bind is, and a new stack
    // grown from empty for each was a third of the measuring.
    [System.ThreadStatic]
    private static Stack<(SyntaxNode Node, int Depth)>? t_pending;

    private static bool DeeperThan(SyntaxNode root, int limit)
    {
        var pending = t_pending ?? new Stack<(SyntaxNode Node, int Depth)>();
        t_pending = null; // a reentrant call (none today) gets a stack of its own
        try
        {
            pending.Push((root, 1));
            while (pending.Count > 0)
            {
                var (node, depth) = pending.Pop();
                if (depth > limit)
                {
                    return true;
                }

                // ChildNodesAndTokens enumerates without allocating, unlike ChildNodes().
                foreach (var child in node.ChildNodesAndTokens())
                {
                    if (child.AsNode() is { } childNode)
                    {
                        pending.Push((childNode, depth + 1));
                    }
                }
            }

            return false;
        }
        finally
        {
            pending.Clear();
            t_pending = pending;
        }
    }
}
