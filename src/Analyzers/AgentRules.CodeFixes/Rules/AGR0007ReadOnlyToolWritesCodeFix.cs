using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace AgentRules.CodeFixes.Rules;

/// <summary>
/// AGR0007: makes the declaration tell the truth when a tool declared read-only writes: MCP <c>ReadOnly = true</c>
/// becomes <c>Destructive = true</c>; AgentRules <c>[ReadOnlyTool]</c> on the tool becomes <c>[DestructiveTool]</c> (on its
/// class, the tool gets its own <c>[DestructiveTool]</c>); a configured attribute's <c>ReadOnly = true</c> becomes
/// <c>ReadOnly = false</c>. (The other fix — removing the write — is the developer's call.)
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AGR0007ReadOnlyToolWritesCodeFix)), Shared]
public sealed class AGR0007ReadOnlyToolWritesCodeFix : SingleToolEditCodeFix
{
    public const string EquivalenceKey = "AgentRules.DeclareToolDestructive";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ReadOnlyToolWrites);

    protected override string Title => "Declare the tool destructive";

    protected override string Key => EquivalenceKey;

    protected override async Task<(SyntaxNode Target, SyntaxNode Replacement)?> ComputeEditAsync(Document document, SyntaxNode root, Diagnostic diagnostic, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || ToolDeclarationEditor.FindTarget(root, diagnostic) is not { } target)
        {
            return null;
        }

        // A named argument ReadOnly = true on the tool's own attribute: MCP or configured.
        foreach (var list in AttributeLists(target))
        {
            foreach (var attribute in list.Attributes)
            {
                var readOnly = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "ReadOnly" && a.Expression.IsKind(SyntaxKind.TrueLiteralExpression));
                if (readOnly is null)
                {
                    continue;
                }

                var isMcp = model.GetSymbolInfo(attribute, cancellationToken).Symbol is IMethodSymbol { ContainingType: { } type }
                    && type.ToDisplayString() == MetadataNames.McpServerToolAttribute;
                var replacement = isMcp
                    ? readOnly.WithNameEquals(SyntaxFactory.NameEquals("Destructive")).WithTriviaFrom(readOnly)
                    : readOnly.WithExpression(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression).WithTriviaFrom(readOnly.Expression));
                return (readOnly, replacement);
            }
        }

        var types = new KnownTypes(model.Compilation);
        var destructive = types.Get(ToolMetadataNames.DestructiveAttribute);
        if (destructive is null)
        {
            return null;
        }

        // AgentRules [ReadOnlyTool] on the tool itself: replaced. On its class: the tool declares its own effect.
        if (ToolDeclarationEditor.FindAttributes(target, model, types.Get(ToolMetadataNames.ReadOnlyAttribute), cancellationToken).FirstOrDefault() is { } own)
        {
            var name = ToolDeclarationEditor.CreateName(SyntaxGenerator.GetGenerator(document), destructive).WithTriviaFrom(own.Name);
            return (own, own.WithName(name));
        }

        return ToolDeclarationEditor.CanAddAttribute(target)
            ? (target, ToolDeclarationEditor.AddAttribute(SyntaxGenerator.GetGenerator(document), target, ToolDeclarationEditor.CreateAttribute(SyntaxGenerator.GetGenerator(document), destructive, Enumerable.Empty<ExpressionSyntax>())))
            : null;
    }

    private static SyntaxList<AttributeListSyntax> AttributeLists(SyntaxNode node) =>
        node switch
        {
            MemberDeclarationSyntax member => member.AttributeLists,
            LocalFunctionStatementSyntax local => local.AttributeLists,
            LambdaExpressionSyntax lambda => lambda.AttributeLists,
            _ => default,
        };
}
