using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Analyzers.Roslyn;

/// <summary>
/// Syntax-only name checks that pick candidate nodes before any semantic query: the name an invocation calls, the
/// type a creation names, the member an assignment writes, an attribute's name; and the using aliases that can stand
/// for a name (<c>using Tool = ModelContextProtocol.Server.McpServerToolAttribute;</c>).
/// </summary>
/// <remarks>
/// Rules filter with these before binding: "is this invocation named <c>CreateFunctionTool</c>?" costs a string
/// comparison, binding it costs a method body. The checks never allocate. A name may stand for an API through an
/// alias, so a rule's candidate set is its API names plus <see cref="AliasesOf"/> those names.
/// </remarks>
public static class SyntaxNames
{
    private static readonly ConditionalWeakTable<SyntaxTree, AliasList> s_treeAliases = new();
    private static readonly ConditionalWeakTable<Compilation, AliasList> s_globalAliases = new();
    private static readonly ConditionalWeakTable<SyntaxTree, AliasList> s_treeGlobalAliases = new();

    /// <summary>The simple name an invocation calls (<c>Create</c> in <c>AIFunctionFactory.Create&lt;T&gt;(...)</c>), or null.</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation) =>
        invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

    /// <summary>The rightmost name of an invocation's receiver (<c>AIFunctionFactory</c> in <c>Microsoft.Extensions.AI.AIFunctionFactory.Create(...)</c>), or null.</summary>
    public static string? ReceiverName(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver }
            ? receiver switch
            {
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                MemberAccessExpressionSyntax qualified => qualified.Name.Identifier.ValueText,
                AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                _ => null,
            }
            : null;

    /// <summary>The rightmost identifier of a type or name (<c>ChatMessage</c> in <c>global::Microsoft.Extensions.AI.ChatMessage?</c>), or null.</summary>
    public static string? RightmostName(TypeSyntax? type) =>
        type switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            NullableTypeSyntax nullable => RightmostName(nullable.ElementType),
            _ => null,
        };

    /// <summary>The type name an explicit creation names (<c>new ChatMessage(...)</c>); null for target-typed <c>new(...)</c>.</summary>
    public static string? CreatedTypeName(BaseObjectCreationExpressionSyntax creation) =>
        creation is ObjectCreationExpressionSyntax explicitCreation ? RightmostName(explicitCreation.Type) : null;

    /// <summary>The member an assignment writes (<c>Instructions</c> in <c>options.Instructions = ...</c> or an initializer's <c>Instructions = ...</c>), or null.</summary>
    public static string? AssignedMemberName(AssignmentExpressionSyntax assignment) =>
        assignment.Left switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

    /// <summary>
    /// True when one of the attributes in <paramref name="lists"/> is written with one of <paramref name="names"/>
    /// (give both forms, <c>McpServerTool</c> and <c>McpServerToolAttribute</c>), or with an alias in
    /// <paramref name="aliases"/>.
    /// </summary>
    public static bool HasAttributeNamed(SyntaxList<AttributeListSyntax> lists, ImmutableHashSet<string> names, ImmutableHashSet<string>? aliases = null)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                var name = RightmostName(attribute.Name);
                if (name is not null && (names.Contains(name) || (aliases is not null && aliases.Contains(name))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The names that may stand for any of <paramref name="names"/> in <paramref name="tree"/>: the names themselves,
    /// the tree's using aliases of them, and the compilation's global using aliases of them.
    /// </summary>
    public static ImmutableHashSet<string> AliasesOf(ImmutableHashSet<string> names, SyntaxTree tree, Compilation? compilation, CancellationToken cancellationToken)
    {
        var local = GetTreeAliases(tree, cancellationToken);
        var global = compilation is null ? AliasList.Empty : GetGlobalAliases(compilation, cancellationToken);
        if (!local.Targets(names) && !global.Targets(names))
        {
            return names;
        }

        var builder = names.ToBuilder();
        local.AddAliasesOf(names, builder);
        global.AddAliasesOf(names, builder);
        return builder.ToImmutable();
    }

    /// <summary>
    /// The global using aliases of the compilation (<c>global using Tool = ...McpServerToolAttribute;</c> in any file)
    /// that stand for one of <paramref name="names"/>: a file that uses one need not spell the name itself, so rules
    /// add these to the words they look for with <see cref="SourceIndex"/>.
    /// </summary>
    public static ImmutableArray<string> GlobalAliasesOf(Compilation compilation, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var global = GetGlobalAliases(compilation, cancellationToken);
        if (global.Aliases.IsEmpty)
        {
            return ImmutableArray<string>.Empty;
        }

        var set = names as ISet<string> ?? new HashSet<string>(names, StringComparer.Ordinal);
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var (alias, target) in global.Aliases)
        {
            if (set.Contains(target))
            {
                builder.Add(alias);
            }
        }

        return builder.ToImmutable();
    }

    private static AliasList GetTreeGlobalAliases(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (s_treeGlobalAliases.TryGetValue(tree, out var cached))
        {
            return cached;
        }

        var builder = ImmutableArray.CreateBuilder<(string, string)>();
        if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax root)
        {
            AddAliases(root.Usings, globalOnly: true, builder);
        }

        var list = builder.Count == 0 ? AliasList.Empty : new AliasList(builder.ToImmutable());
        return s_treeGlobalAliases.GetValue(tree, _ => list);
    }

    private static AliasList GetTreeAliases(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (s_treeAliases.TryGetValue(tree, out var cached))
        {
            return cached;
        }

        var builder = ImmutableArray.CreateBuilder<(string, string)>();
        if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax root)
        {
            AddAliases(root.Usings, globalOnly: false, builder);
            AddNamespaceAliases(root.Members, builder);
        }

        var list = builder.Count == 0 ? AliasList.Empty : new AliasList(builder.ToImmutable());
        return s_treeAliases.GetValue(tree, _ => list);
    }

    private static AliasList GetGlobalAliases(Compilation compilation, CancellationToken cancellationToken)
    {
        if (s_globalAliases.TryGetValue(compilation, out var cached))
        {
            return cached;
        }

        lock (s_globalAliases)
        {
            // Every file's first question arrives at once on several threads: compute once.
            return s_globalAliases.TryGetValue(compilation, out cached) ? cached : ComputeGlobalAliases(compilation, cancellationToken);
        }
    }

    private static AliasList ComputeGlobalAliases(Compilation compilation, CancellationToken cancellationToken)
    {
        // Each file's global aliases are kept with the file: a new compilation (every keystroke in the IDE) reads only
        // the edited file's usings again.
        var builder = ImmutableArray.CreateBuilder<(string, string)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            builder.AddRange(GetTreeGlobalAliases(tree, cancellationToken).Aliases);
        }

        var list = builder.Count == 0 ? AliasList.Empty : new AliasList(builder.ToImmutable());
        return s_globalAliases.GetValue(compilation, _ => list);
    }

    private static void AddNamespaceAliases(SyntaxList<MemberDeclarationSyntax> members, ImmutableArray<(string, string)>.Builder builder)
    {
        foreach (var member in members)
        {
            if (member is BaseNamespaceDeclarationSyntax ns)
            {
                AddAliases(ns.Usings, globalOnly: false, builder);
                AddNamespaceAliases(ns.Members, builder);
            }
        }
    }

    private static void AddAliases(SyntaxList<UsingDirectiveSyntax> usings, bool globalOnly, ImmutableArray<(string, string)>.Builder builder)
    {
        foreach (var directive in usings)
        {
            if (directive.Alias is { } alias && (!globalOnly || directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                && RightmostName(directive.Name) is { } target)
            {
                builder.Add((alias.Name.Identifier.ValueText, target));
            }
        }
    }

    private sealed class AliasList(ImmutableArray<(string Alias, string Target)> aliases)
    {
        public static readonly AliasList Empty = new(ImmutableArray<(string, string)>.Empty);

        public ImmutableArray<(string Alias, string Target)> Aliases { get; } = aliases;

        public bool Targets(ImmutableHashSet<string> names)
        {
            foreach (var (_, target) in Aliases)
            {
                if (names.Contains(target))
                {
                    return true;
                }
            }

            return false;
        }

        public void AddAliasesOf(ImmutableHashSet<string> names, ImmutableHashSet<string>.Builder builder)
        {
            foreach (var (alias, target) in Aliases)
            {
                if (names.Contains(target))
                {
                    builder.Add(alias);
                }
            }
        }
    }
}
