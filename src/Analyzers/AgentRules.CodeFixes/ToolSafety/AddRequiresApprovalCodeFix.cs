using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Infrastructure;
using AgentRules.Analyzers.Rules.ToolSafety;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AgentRules.CodeFixes.ToolSafety;

/// <summary>
/// AGR0008: adds AgentRules <c>[RequiresApproval]</c> to the tool (method, local function, lambda or class), and the
/// <c>using AgentRules;</c> it needs.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRequiresApprovalCodeFix)), Shared]
public sealed class AddRequiresApprovalCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "AgentRules.AddRequiresApproval";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DestructiveToolWithoutApproval);

    public override FixAllProvider GetFixAllProvider() => ToolDeclarationEditor.CreateFixAll(ComputeEditAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (await ComputeEditAsync(context.Document, root, diagnostic, EquivalenceKey, context.CancellationToken).ConfigureAwait(false) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Add [RequiresApproval]", async ct =>
                    {
                        var edit = await ComputeEditAsync(context.Document, root, diagnostic, EquivalenceKey, ct).ConfigureAwait(false);
                        return edit is { } e ? await ToolDeclarationEditor.ReplaceAsync(context.Document, e.Target, e.Replacement, ct).ConfigureAwait(false) : context.Document;
                    }, EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<(SyntaxNode Target, SyntaxNode Replacement)?> ComputeEditAsync(Document document, SyntaxNode root, Diagnostic diagnostic, string? key, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null
            || new KnownTypes(model.Compilation).Get(ToolMetadataNames.RequiresApprovalAttribute) is not { } attributeType
            || ToolDeclarationEditor.FindTarget(root, diagnostic) is not { } target
            || !ToolDeclarationEditor.CanAddAttribute(target))
        {
            return null;
        }

        return (target, ToolDeclarationEditor.AddAttribute(SyntaxGenerator.GetGenerator(document), target, ToolDeclarationEditor.CreateAttribute(SyntaxGenerator.GetGenerator(document), attributeType, Enumerable.Empty<ExpressionSyntax>())));
    }
}
