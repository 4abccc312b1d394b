using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AgentRules.CodeFixes.Helpers;

/// <summary>
/// Shared by the tool-safety code fixes: finds the declaration a tool diagnostic is about (method, local function,
/// lambda, class, or the member that registers an OpenAI chat tool) and adds attributes to it, with the usings they
/// need and fully qualified names where a simple name would be ambiguous (another library's attribute of the same
/// name in scope).
/// </summary>
internal static class ToolDeclarationEditor
{
    /// <summary>The node attributes go on for this diagnostic, or null when there is none to edit.</summary>
    public static SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        diagnostic.Properties.TryGetValue(ToolSafetyAnalyzer.TargetProperty, out var target);
        return target switch
        {
            nameof(ToolTarget.Lambda) => node.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>(),
            nameof(ToolTarget.LocalFunction) => node.FirstAncestorOrSelf<LocalFunctionStatementSyntax>(),
            nameof(ToolTarget.Type) => node.FirstAncestorOrSelf<TypeDeclarationSyntax>(),
            nameof(ToolTarget.Registration) => node.FirstAncestorOrSelf<MemberDeclarationSyntax>() as BaseMethodDeclarationSyntax,
            _ => (SyntaxNode?)node.FirstAncestorOrSelf<MethodDeclarationSyntax>() ?? node.FirstAncestorOrSelf<TypeDeclarationSyntax>(),
        };
    }

    /// <summary>True when an attribute can be written on the node (lambda attributes need C# 10).</summary>
    public static bool CanAddAttribute(SyntaxNode target) =>
        target is not AnonymousFunctionExpressionSyntax
        || (target is LambdaExpressionSyntax && target.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp10 });

    /// <summary>
    /// An attribute for <paramref name="type"/>: the IDE's cleanup adds the using and shortens the name, and keeps it
    /// qualified where the short name would be ambiguous (another imported namespace has a type of the same name).
    /// </summary>
    public static AttributeSyntax CreateAttribute(SyntaxGenerator generator, INamedTypeSymbol type, IEnumerable<ExpressionSyntax> arguments)
    {
        var name = (NameSyntax)generator.TypeExpression(type).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation);
        var list = arguments.Select(SyntaxFactory.AttributeArgument).ToList();
        return SyntaxFactory.Attribute(name, list.Count == 0 ? null : SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(list)));
    }

    /// <summary>A type name for an existing attribute, cleaned up like <see cref="CreateAttribute"/>.</summary>
    public static NameSyntax CreateName(SyntaxGenerator generator, INamedTypeSymbol type) =>
        (NameSyntax)generator.TypeExpression(type).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation);

    /// <summary>Adds the attribute to a method, local function, lambda or type.</summary>
    public static SyntaxNode AddAttribute(SyntaxGenerator generator, SyntaxNode target, AttributeSyntax attribute)
    {
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute)).WithTrailingTrivia(SyntaxFactory.Space);
        switch (target)
        {
            case SimpleLambdaExpressionSyntax simple:
                // "[X] p => ..." is not valid C#: the parameter needs parentheses.
                return SyntaxFactory.ParenthesizedLambdaExpression(
                        simple.Modifiers,
                        SyntaxFactory.ParameterList(SyntaxFactory.SingletonSeparatedList(simple.Parameter.WithoutTrivia())).WithTrailingTrivia(simple.Parameter.GetTrailingTrivia()),
                        simple.ArrowToken,
                        simple.Block,
                        simple.ExpressionBody)
                    .WithAttributeLists(SyntaxFactory.SingletonList(list))
                    .WithLeadingTrivia(simple.GetLeadingTrivia());
            case LambdaExpressionSyntax lambda:
                return lambda.WithoutLeadingTrivia()
                    .WithAttributeLists(lambda.AttributeLists.Add(list))
                    .WithLeadingTrivia(lambda.GetLeadingTrivia());
            case LocalFunctionStatementSyntax local:
            {
                // On its own line, like a method's attributes.
                var first = local.GetFirstToken();
                var moved = local.ReplaceToken(first, first.WithLeadingTrivia(SyntaxFactory.ElasticMarker));
                var own = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
                    .WithLeadingTrivia(first.LeadingTrivia)
                    .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
                return moved.WithAttributeLists(local.AttributeLists.Count == 0 ? SyntaxFactory.SingletonList(own) : moved.AttributeLists.Add(own.WithLeadingTrivia(SyntaxFactory.ElasticMarker)));
            }

            default:
                return generator.AddAttributes(target, attribute);
        }
    }

    /// <summary>Replaces a node in a document, with the IDE's cleanup (usings, simplification, formatting).</summary>
    public static async Task<Document> ReplaceAsync(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        return document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode.WithAdditionalAnnotations(Formatter.Annotation)));
    }

    /// <summary>
    /// A Fix All that edits each document once: every diagnostic's target node is computed first, duplicates (two
    /// tools of one class getting a class-level attribute) are edited once, then all edits are applied together.
    /// </summary>
    public static FixAllProvider CreateFixAll(Func<Document, SyntaxNode, Diagnostic, string?, CancellationToken, Task<(SyntaxNode Target, SyntaxNode Replacement)?>> edit) =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var edits = new Dictionary<SyntaxNode, SyntaxNode>();
            foreach (var diagnostic in diagnostics)
            {
                if (await edit(document, root, diagnostic, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false) is { } change
                    && !edits.ContainsKey(change.Target)
                    && !edits.Keys.Any(k => k.Contains(change.Target) || change.Target.Contains(k)))
                {
                    edits[change.Target] = change.Replacement.WithAdditionalAnnotations(Formatter.Annotation);
                }
            }

            return edits.Count == 0 ? document : document.WithSyntaxRoot(root.ReplaceNodes(edits.Keys, (original, _) => edits[original]));
        });

    /// <summary>The attributes applied to a declaration whose class is <paramref name="type"/>.</summary>
    public static IEnumerable<AttributeSyntax> FindAttributes(SyntaxNode declaration, SemanticModel model, INamedTypeSymbol? type, CancellationToken cancellationToken)
    {
        if (type is null)
        {
            yield break;
        }

        var lists = declaration switch
        {
            MemberDeclarationSyntax member => member.AttributeLists,
            LocalFunctionStatementSyntax local => local.AttributeLists,
            LambdaExpressionSyntax lambda => lambda.AttributeLists,
            _ => default,
        };

        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (model.GetSymbolInfo(attribute, cancellationToken).Symbol is IMethodSymbol { ContainingType: { } attributeType }
                    && SymbolEqualityComparer.Default.Equals(attributeType, type))
                {
                    yield return attribute;
                }
            }
        }
    }

    /// <summary>The environments listed in <c>agentrules.default_environments</c> (default Development, Staging).</summary>
    public static ImmutableArray<string> DefaultEnvironments(Document document, SyntaxTree tree, ImmutableArray<string> fallback)
    {
        var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree);
        var configured = Analyzers.Roslyn.EditorConfigOptions.GetList(options, Analyzers.Recognition.Configuration.OptionKeys.DefaultEnvironments, fallback);
        return configured.IsEmpty ? fallback : configured;
    }
}
