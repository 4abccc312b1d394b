using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Generators.Infrastructure;

/// <summary>
/// The syntax half of finding attributed members, for pipelines keyed on syntax (see <see cref="DependencyMemo{T}"/>):
/// members whose attribute is written by its name (<c>[AgentTool]</c>, <c>[AgentToolAttribute]</c>,
/// <c>[AgentRules.AgentTool]</c>), through an alias of the same file, or through a <c>global using</c> alias declared
/// in any file of the compilation (what <c>ForAttributeWithMetadataName</c> also sees). The semantic check that the
/// attribute really is AgentRules' comes later, in the parser; this only has to miss nothing.
/// </summary>
/// <remarks>
/// Candidates are every member with an attribute that is the name or may be an alias (a bare identifier); the
/// compilation's global aliases are a separate value, equal across ordinary edits. A pipeline checks
/// <see cref="Qualifies"/> inside its per-member step, so members whose attributes are no alias cost one syntax check.
/// (Filtering the candidates with <c>Combine(aliases).Where(…)</c> before that step lost nodes in the generator
/// driver after one file was replaced and another added: GlobalAliasTests keeps that sequence covered.)
/// </remarks>
internal sealed class AttributedMembers
{
    private readonly string _name;
    private readonly Func<SyntaxNode, SyntaxList<AttributeListSyntax>?> _attributeLists;

    /// <param name="name">The attribute's name without the Attribute suffix.</param>
    /// <param name="attributeLists">The attribute lists of a member of interest; null for any other node.</param>
    public AttributedMembers(string name, Func<SyntaxNode, SyntaxList<AttributeListSyntax>?> attributeLists)
    {
        _name = name;
        _attributeLists = attributeLists;
    }

    /// <summary>Members with an attribute that is the name or could be a global alias of it.</summary>
    public IncrementalValuesProvider<SyntaxNode> Candidates(SyntaxValueProvider syntax) =>
        syntax.CreateSyntaxProvider(
            (node, _) => _attributeLists(node) is { Count: > 0 } lists && (HasSimpleName(lists) || MemberDependencies.HasAttributeNamed(node, lists, _name)),
            static (context, _) => context.Node);

    /// <summary>
    /// The names of the compilation's <c>global using X = …;</c> aliases, sorted. Found per tree by a syntax provider
    /// (so only edited trees are looked at again; reading every tree's root on each compilation would reload evicted
    /// trees in the IDE), and equal across ordinary edits, so nothing downstream reruns.
    /// </summary>
    public static IncrementalValueProvider<EquatableArray<string>> GlobalAliases(SyntaxValueProvider syntax) =>
        syntax
            .CreateSyntaxProvider(
                static (node, _) => node is UsingDirectiveSyntax { Alias: not null } directive && directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword),
                static (context, _) => ((UsingDirectiveSyntax)context.Node).Alias!.Name.Identifier.ValueText)
            .Collect()
            .Select(static (names, _) => names.IsEmpty ? default : names.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray());

    /// <summary>True when a candidate's attribute is the name, a same-file alias, or one of <paramref name="globalAliases"/>.</summary>
    public bool Qualifies(SyntaxNode candidate, EquatableArray<string> globalAliases)
    {
        if (_attributeLists(candidate) is not { Count: > 0 } lists)
        {
            return false;
        }

        if (MemberDependencies.HasAttributeNamed(candidate, lists, _name))
        {
            return true;
        }

        if (globalAliases.IsEmpty)
        {
            return false;
        }

        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (attribute.Name is IdentifierNameSyntax identifier && globalAliases.Contains(identifier.Identifier.ValueText))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when any candidate qualifies: the generator has something to read.</summary>
    public bool AnyQualifies(ImmutableArray<SyntaxNode> candidates, EquatableArray<string> globalAliases)
    {
        foreach (var candidate in candidates)
        {
            if (Qualifies(candidate, globalAliases))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasSimpleName(SyntaxList<AttributeListSyntax> lists)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (attribute.Name is IdentifierNameSyntax)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
