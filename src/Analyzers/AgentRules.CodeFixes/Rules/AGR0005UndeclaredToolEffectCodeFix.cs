using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace AgentRules.CodeFixes.Rules;

/// <summary>
/// AGR0005: declares a tool's effect. MCP tools get the <c>ReadOnly = true</c> / <c>Destructive = true</c> named
/// argument on their <c>[McpServerTool]</c> (what MCP clients see); other tools get AgentRules <c>[ReadOnlyTool]</c> /
/// <c>[DestructiveTool]</c>. The first action declares the inferred effect, and Fix All declares each tool's own inferred effect;
/// the other actions declare one effect explicitly.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AGR0005UndeclaredToolEffectCodeFix)), Shared]
public sealed class AGR0005UndeclaredToolEffectCodeFix : CodeFixProvider
{
    public const string InferredEquivalenceKey = "AgentRules.DeclareToolEffect.Inferred";
    public const string ReadOnlyEquivalenceKey = "AgentRules.DeclareToolEffect.ReadOnly";
    public const string DestructiveEquivalenceKey = "AgentRules.DeclareToolEffect.Destructive";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UndeclaredToolEffect);

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
            if (await ComputeEditAsync(context.Document, root, diagnostic, ReadOnlyEquivalenceKey, context.CancellationToken).ConfigureAwait(false) is null)
            {
                continue; // nothing this fix can edit
            }

            var inferred = Inferred(diagnostic);
            if (inferred != ToolEffect.Unknown)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(inferred == ToolEffect.ReadOnly ? "Declare the tool read-only" : "Declare the tool destructive", ct => ApplyAsync(context.Document, diagnostic, InferredEquivalenceKey, ct), InferredEquivalenceKey),
                    diagnostic);
            }

            if (inferred != ToolEffect.ReadOnly)
            {
                context.RegisterCodeFix(CodeAction.Create("Declare the tool read-only", ct => ApplyAsync(context.Document, diagnostic, ReadOnlyEquivalenceKey, ct), ReadOnlyEquivalenceKey), diagnostic);
            }

            if (inferred != ToolEffect.Destructive)
            {
                context.RegisterCodeFix(CodeAction.Create("Declare the tool destructive", ct => ApplyAsync(context.Document, diagnostic, DestructiveEquivalenceKey, ct), DestructiveEquivalenceKey), diagnostic);
            }
        }
    }

    private static ToolEffect Inferred(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(AGR0005UndeclaredToolEffectAnalyzer.InferredEffectProperty, out var value) && System.Enum.TryParse<ToolEffect>(value, out var effect) ? effect : ToolEffect.Unknown;

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, string key, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is not null && await ComputeEditAsync(document, root, diagnostic, key, cancellationToken).ConfigureAwait(false) is { } edit
            ? await ToolDeclarationEditor.ReplaceAsync(document, edit.Target, edit.Replacement, cancellationToken).ConfigureAwait(false)
            : document;
    }

    private static async Task<(SyntaxNode Target, SyntaxNode Replacement)?> ComputeEditAsync(Document document, SyntaxNode root, Diagnostic diagnostic, string? key, CancellationToken cancellationToken)
    {
        var effect = key switch
        {
            ReadOnlyEquivalenceKey => ToolEffect.ReadOnly,
            DestructiveEquivalenceKey => ToolEffect.Destructive,
            _ => Inferred(diagnostic),
        };

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (effect == ToolEffect.Unknown || model is null || ToolDeclarationEditor.FindTarget(root, diagnostic) is not { } target || target is BaseMethodDeclarationSyntax && diagnostic.Properties.TryGetValue(ToolSafetyAnalyzer.TargetProperty, out var kind) && kind == nameof(ToolTarget.Registration))
        {
            return null;
        }

        var types = new KnownTypes(model.Compilation);

        // MCP: the named argument clients see.
        if (ToolDeclarationEditor.FindAttributes(target, model, types.Get(MetadataNames.McpServerToolAttribute), cancellationToken).FirstOrDefault() is { } mcp)
        {
            var argument = SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(effect == ToolEffect.ReadOnly ? "ReadOnly" : "Destructive"),
                null,
                SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));
            var arguments = mcp.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
            return (mcp, mcp.WithArgumentList(arguments.AddArguments(argument)));
        }

        var attributeType = types.Get(effect == ToolEffect.ReadOnly ? ToolMetadataNames.ReadOnlyAttribute : ToolMetadataNames.DestructiveAttribute);
        if (attributeType is null || !ToolDeclarationEditor.CanAddAttribute(target))
        {
            return null;
        }

        return (target, ToolDeclarationEditor.AddAttribute(SyntaxGenerator.GetGenerator(document), target, ToolDeclarationEditor.CreateAttribute(SyntaxGenerator.GetGenerator(document), attributeType, Enumerable.Empty<ExpressionSyntax>())));
    }
}
