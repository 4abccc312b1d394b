using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Analyzers.Roslyn;

/// <summary>
/// What differs between two compilations of the same project in the IDE, where every keystroke makes a new compilation
/// that shares every tree but the edited one: the changed trees, paired by position and path, and whether a changed
/// tree still declares exactly the same things. The caches that carry an answer from one compilation to the next
/// (<see cref="KnownTypes"/>, the tool rules' registrations) decide with these whether the answer can have changed.
/// </summary>
public static class TreeDelta
{
    private static readonly Func<SyntaxNode, bool> s_outsideBodies = static node => !IsMemberBody(node);

    /// <summary>
    /// The trees of <paramref name="current"/> that are not those of <paramref name="previous"/> at the same position,
    /// each with the tree it replaces (same path), or null when the two lists cannot be paired that way: another count,
    /// a changed path, more than <paramref name="max"/> changed trees, or no tree shared at all (another project, or the
    /// same sources parsed again). <c>Compilation.ReplaceSyntaxTree</c>, which is how an edit makes the next
    /// compilation, keeps the order of the trees.
    /// </summary>
    public static List<(SyntaxTree Previous, SyntaxTree Current)>? PairChanged(IReadOnlyList<SyntaxTree> previous, IReadOnlyList<SyntaxTree> current, int max)
    {
        if (previous.Count != current.Count)
        {
            return null;
        }

        var changed = new List<(SyntaxTree, SyntaxTree)>();
        for (var i = 0; i < current.Count; i++)
        {
            if (ReferenceEquals(previous[i], current[i]))
            {
                continue;
            }

            if (changed.Count == max || !string.Equals(previous[i].FilePath, current[i].FilePath, StringComparison.Ordinal))
            {
                return null;
            }

            changed.Add((previous[i], current[i]));
        }

        return changed.Count == current.Count && current.Count > 0 ? null : changed;
    }

    /// <summary>
    /// True when two trees have the same tokens outside member bodies (the bodies of methods, constructors, operators,
    /// accessors and expression-bodied properties may differ; trivia may differ): they declare the same types, members,
    /// attributes, usings and aliases.
    /// </summary>
    public static bool SameDeclarations(SyntaxTree previous, SyntaxTree current, CancellationToken cancellationToken)
    {
        using var before = previous.GetRoot(cancellationToken).DescendantTokens(s_outsideBodies).GetEnumerator();
        using var after = current.GetRoot(cancellationToken).DescendantTokens(s_outsideBodies).GetEnumerator();
        while (true)
        {
            var more = before.MoveNext();
            if (more != after.MoveNext())
            {
                return false;
            }

            if (!more)
            {
                return true;
            }

            if (before.Current.RawKind != after.Current.RawKind || !string.Equals(before.Current.ValueText, after.Current.ValueText, StringComparison.Ordinal))
            {
                return false;
            }
        }
    }

    /// <summary>The block or expression body of a method, constructor, operator, accessor or expression-bodied property.</summary>
    private static bool IsMemberBody(SyntaxNode node) =>
        node is BlockSyntax or ArrowExpressionClauseSyntax
        && node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax;
}
