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
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace AgentRules.CodeFixes.Rules;

/// <summary>
/// AGR0008: adds AgentRules <c>[RequiresApproval]</c> to the tool (method, local function, lambda or class), and the
/// <c>using AgentRules;</c> it needs.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AGR0008DestructiveToolWithoutApprovalCodeFix)), Shared]
public sealed class AGR0008DestructiveToolWithoutApprovalCodeFix : SingleToolEditCodeFix
{
    public const string EquivalenceKey = "AgentRules.AddRequiresApproval";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DestructiveToolWithoutApproval);

    protected override string Title => "Add [RequiresApproval]";

    protected override string Key => EquivalenceKey;

    protected override async Task<(SyntaxNode Target, SyntaxNode Replacement)?> ComputeEditAsync(Document document, SyntaxNode root, Diagnostic diagnostic, string? equivalenceKey, CancellationToken cancellationToken)
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
