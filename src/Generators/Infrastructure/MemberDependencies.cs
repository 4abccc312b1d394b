using System;
using System.Collections.Generic;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Generators.Infrastructure;

/// <summary>
/// Syntax filters and dependency collection for the per-member steps that keep their models across compilations
/// (<see cref="DependencyMemo{T}"/>): which attributed members to look at, and which trees a member's model was read
/// from (its own, its types' declarations, the constants its defaults and attribute arguments use).
/// </summary>
internal sealed class MemberDependencies
{
    private const int MaxDepth = 6;

    private readonly Compilation _compilation;
    private readonly CompilationDeclarations _declarations;
    private readonly Dictionary<string, TreeDependency> _trees = new(StringComparer.Ordinal);
    private readonly HashSet<ISymbol> _visited = new(SymbolEqualityComparer.Default);
    private readonly CancellationToken _cancellationToken;
    private bool _everything;

    public MemberDependencies(Compilation compilation, CompilationDeclarations declarations, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _declarations = declarations;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The trees the model depends on, or null when it may depend on any declaration.</summary>
    public List<TreeDependency>? Result => _everything ? null : new List<TreeDependency>(_trees.Values);

    /// <summary>True when an attribute on <paramref name="lists"/> is named <paramref name="name"/> (with or without the Attribute suffix) or by an alias declared in the same file.</summary>
    public static bool HasAttributeNamed(SyntaxNode node, SyntaxList<AttributeListSyntax> lists, string name)
    {
        if (lists.Count == 0)
        {
            return false;
        }

        var withSuffix = name + "Attribute";
        HashSet<string>? aliases = null;
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                var simple = Rightmost(attribute.Name);
                if (simple == name || simple == withSuffix)
                {
                    return true;
                }

                if (attribute.Name is IdentifierNameSyntax)
                {
                    aliases ??= AliasesInScope(node);
                    if (aliases.Contains(simple))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static string Rightmost(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };

    private static HashSet<string> AliasesInScope(SyntaxNode node)
    {
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            var usings = current switch
            {
                CompilationUnitSyntax unit => unit.Usings,
                BaseNamespaceDeclarationSyntax ns => ns.Usings,
                _ => default,
            };
            foreach (var directive in usings)
            {
                if (directive.Alias is { } alias)
                {
                    aliases.Add(alias.Name.Identifier.ValueText);
                }
            }
        }

        return aliases;
    }

    /// <summary>Adds the trees that declare <paramref name="symbol"/>.</summary>
    public void AddDeclarations(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return;
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            AddTree(reference.SyntaxTree);
        }
    }

    public void AddTree(SyntaxTree tree)
    {
        if (!_trees.ContainsKey(tree.FilePath))
        {
            var facts = _declarations.TreeAt(tree.FilePath);
            if (facts is null)
            {
                _everything = true;
                return;
            }

            _trees.Add(tree.FilePath, new TreeDependency(tree.FilePath, facts.DeclarationHash));
        }
    }

    /// <summary>Depend on every declaration (for what cannot be traced to trees).</summary>
    public void AddEverything() => _everything = true;

    /// <summary>
    /// Adds the declarations of a type and of every type its shape is read from (type arguments, array elements,
    /// record members), and the constants their defaults and attribute arguments use.
    /// </summary>
    public void AddType(ITypeSymbol? type, int depth = 0)
    {
        if (type is null || depth > MaxDepth || _everything || !_visited.Add(type))
        {
            return;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                AddType(array.ElementType, depth + 1);
                return;
            case INamedTypeSymbol named:
                if (!named.DeclaringSyntaxReferences.IsEmpty)
                {
                    AddDeclarations(named);
                    AddAttributes(named);
                    foreach (var constructor in named.InstanceConstructors)
                    {
                        foreach (var parameter in constructor.Parameters)
                        {
                            AddParameter(parameter, depth + 1);
                        }
                    }

                    for (var outer = named.ContainingType; outer is not null; outer = outer.ContainingType)
                    {
                        AddDeclarations(outer);
                    }
                }

                foreach (var argument in named.TypeArguments)
                {
                    AddType(argument, depth + 1);
                }

                return;
        }
    }

    /// <summary>A parameter's type, its attributes and its default value.</summary>
    public void AddParameter(IParameterSymbol parameter, int depth = 0)
    {
        AddType(parameter.Type, depth);
        AddAttributes(parameter);
        foreach (var reference in parameter.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_cancellationToken) is ParameterSyntax { Default.Value: { } value } syntax)
            {
                AddExpression(syntax.SyntaxTree, value, depth);
            }
        }
    }

    /// <summary>The attribute classes on <paramref name="symbol"/> and the constants their arguments use.</summary>
    public void AddAttributes(ISymbol symbol, int depth = 0)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            AddDeclarations(attribute.AttributeClass);
            if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax { ArgumentList: { } arguments } syntax)
            {
                foreach (var argument in arguments.Arguments)
                {
                    AddExpression(syntax.SyntaxTree, argument.Expression, depth);
                }
            }
        }
    }

    /// <summary>The declarations the names in a constant expression refer to (and, for constants, their initializers).</summary>
    public void AddExpression(SyntaxTree tree, SyntaxNode expression, int depth)
    {
        if (_everything)
        {
            return;
        }

        SemanticModel? model = null;
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            if (node is not IdentifierNameSyntax identifier)
            {
                continue;
            }

            if (depth > MaxDepth || !_compilation.ContainsSyntaxTree(tree))
            {
                _everything = true;
                return;
            }

            // Binding the few names of a constant expression, once per changed member.
            model ??= SemanticModels.Create(_compilation, tree);
            var symbol = model.GetSymbolInfo(identifier, _cancellationToken).Symbol;
            if (symbol is null)
            {
                continue;
            }

            AddDeclarations(symbol);
            if (symbol is IFieldSymbol { IsConst: true } field && _visited.Add(field))
            {
                foreach (var reference in field.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer })
                    {
                        AddExpression(reference.SyntaxTree, initializer, depth + 1);
                    }
                    else if (reference.GetSyntax(_cancellationToken) is EnumMemberDeclarationSyntax { EqualsValue.Value: { } enumValue })
                    {
                        AddExpression(reference.SyntaxTree, enumValue, depth + 1);
                    }
                }
            }
        }
    }

    /// <summary>Documentation that links elsewhere (cref) can change with any declaration.</summary>
    public void AddDocumentation(ISymbol symbol)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(_cancellationToken);
            foreach (var trivia in syntax.GetLeadingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia)
                    || trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                {
                    if (trivia.ToFullString().IndexOf("cref", StringComparison.Ordinal) >= 0 || trivia.ToFullString().IndexOf("<include", StringComparison.Ordinal) >= 0)
                    {
                        _everything = true;
                        return;
                    }
                }
            }
        }
    }
}
