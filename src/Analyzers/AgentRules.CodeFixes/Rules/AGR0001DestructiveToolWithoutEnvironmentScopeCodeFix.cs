using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using AgentRules.CodeFixes.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace AgentRules.CodeFixes.Rules;

/// <summary>
/// AGR0001: adds <c>[EnvironmentScope(...)]</c> with the environments configured in
/// <c>agentrules.default_environments</c> (default "Development, Staging"), and the <c>using AgentRules;</c> it needs:
/// on the tool (method, local function, lambda or class), or — second action — on the type that declares it, which
/// scopes every tool in that type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix)), Shared]
public sealed class AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "AgentRules.AddEnvironmentScope";

    public const string TypeEquivalenceKey = "AgentRules.AddEnvironmentScope.Type";

    internal static readonly ImmutableArray<string> DefaultEnvironments = ImmutableArray.Create("Development", "Staging");

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.DestructiveToolWithoutEnvironmentScope);

    public override FixAllProvider GetFixAllProvider() => ToolDeclarationEditor.CreateFixAll(ComputeEditAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null || new KnownTypes(semanticModel.Compilation).Get(MetadataNames.EnvironmentScopeAttribute) is null)
        {
            return; // without the AgentRules runtime the attribute would not compile
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var environments = ToolDeclarationEditor.DefaultEnvironments(context.Document, root.SyntaxTree, DefaultEnvironments);
            var arguments = string.Join(", ", environments.Select(e => "\"" + e + "\""));

            if (ToolDeclarationEditor.FindTarget(root, diagnostic) is { } target && ToolDeclarationEditor.CanAddAttribute(target))
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Add [EnvironmentScope({arguments})]", ct => ApplyAsync(context.Document, diagnostic, EquivalenceKey, ct), EquivalenceKey),
                    diagnostic);
            }

            if (ContainingType(root, diagnostic) is { } type)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Add [EnvironmentScope({arguments})] to '{type.Identifier.ValueText}'", ct => ApplyAsync(context.Document, diagnostic, TypeEquivalenceKey, ct), TypeEquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, string key, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is not null && await ComputeEditAsync(document, root, diagnostic, key, cancellationToken).ConfigureAwait(false) is { } edit
            ? await ToolDeclarationEditor.ReplaceAsync(document, edit.Target, edit.Replacement, cancellationToken).ConfigureAwait(false)
            : document;
    }

    private static async Task<(SyntaxNode Target, SyntaxNode Replacement)?> ComputeEditAsync(Document document, SyntaxNode root, Diagnostic diagnostic, string? key, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || new KnownTypes(model.Compilation).Get(MetadataNames.EnvironmentScopeAttribute) is not { } attributeType)
        {
            return null;
        }

        SyntaxNode? target = key == TypeEquivalenceKey ? ContainingType(root, diagnostic) : ToolDeclarationEditor.FindTarget(root, diagnostic);
        if (target is null || !ToolDeclarationEditor.CanAddAttribute(target))
        {
            return null;
        }

        var environments = ToolDeclarationEditor.DefaultEnvironments(document, root.SyntaxTree, DefaultEnvironments);
        var attribute = ToolDeclarationEditor.CreateAttribute(
            SyntaxGenerator.GetGenerator(document),
            attributeType,
            environments.Select(e => (ExpressionSyntax)SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(e))));
        return (target, ToolDeclarationEditor.AddAttribute(SyntaxGenerator.GetGenerator(document), target, attribute));
    }

    /// <summary>The class or struct that declares (or registers) the tool; not for class tools, which are scoped on themselves.</summary>
    private static TypeDeclarationSyntax? ContainingType(SyntaxNode root, Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(Analyzers.Rules.ToolSafetyAnalyzer.TargetProperty, out var target) && target == nameof(Analyzers.Recognition.Tools.ToolTarget.Type)
            ? null
            : root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<TypeDeclarationSyntax>();
}
