using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace AgentRules.CodeFixes.ToolSafety;

/// <summary>
/// AGR0001: adds <c>[EnvironmentScope(...)]</c> to the tool method, with the environments configured in
/// <c>agentrules.default_environments</c> (default "Development, Staging"), and the <c>using AgentRules;</c> it needs.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddEnvironmentScopeCodeFix)), Shared]
public sealed class AddEnvironmentScopeCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "AgentRules.AddEnvironmentScope";

    internal static readonly ImmutableArray<string> DefaultEnvironments = ImmutableArray.Create("Development", "Staging");

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.DestructiveToolWithoutEnvironmentScope);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var attributeType = semanticModel is null ? null : new KnownTypes(semanticModel.Compilation).Get(MetadataNames.EnvironmentScopeAttribute);
        if (root is null || attributeType is null)
        {
            return; // without the AgentRules runtime the attribute would not compile
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var declaration = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (declaration is not (MethodDeclarationSyntax or TypeDeclarationSyntax))
            {
                continue;
            }

            var environments = GetEnvironments(context.Document, root.SyntaxTree);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add [EnvironmentScope({string.Join(", ", environments.Select(e => "\"" + e + "\""))})]",
                    ct => AddAttributeAsync(context.Document, declaration, attributeType, environments, ct),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static ImmutableArray<string> GetEnvironments(Document document, SyntaxTree tree)
    {
        var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree);
        var configured = options.GetList(OptionKeys.DefaultEnvironments, DefaultEnvironments);
        return configured.IsEmpty ? DefaultEnvironments : configured;
    }

    private static async Task<Document> AddAttributeAsync(Document document, MemberDeclarationSyntax declaration, INamedTypeSymbol attributeType, ImmutableArray<string> environments, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var generator = editor.Generator;
        var attribute = generator.Attribute(
                generator.TypeExpression(attributeType).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation),
                environments.Select(e => generator.AttributeArgument(generator.LiteralExpression(e))));

        editor.AddAttribute(declaration, attribute);
        return editor.GetChangedDocument();
    }
}
