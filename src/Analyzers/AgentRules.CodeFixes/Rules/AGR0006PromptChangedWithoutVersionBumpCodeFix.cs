using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AgentRules.CodeFixes.Rules;

/// <summary>
/// AGR0006: bumps the <c>Version</c> of a changed <c>[Prompt]</c> to one more than any version the lock file records
/// for its id (setting it when the attribute relies on the default). The new version is then reported as not
/// recorded (AGR0010) until it is recorded.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AGR0006PromptChangedWithoutVersionBumpCodeFix)), Shared]
public sealed class AGR0006PromptChangedWithoutVersionBumpCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "AgentRules.BumpPromptVersion";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.PromptChangedWithoutVersionBump);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Location.IsInSource
                || !diagnostic.Properties.TryGetValue(PromptVersionAnalyzer.NextVersionProperty, out var nextText)
                || !int.TryParse(nextText, NumberStyles.None, CultureInfo.InvariantCulture, out var next)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute)
            {
                continue;
            }

            diagnostic.Properties.TryGetValue(PromptVersionAnalyzer.IdProperty, out var id);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Bump prompt '{id}' to version {next.ToString(CultureInfo.InvariantCulture)}",
                    ct => BumpAsync(context.Document, attribute, next, ct),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> BumpAsync(Document document, AttributeSyntax attribute, int next, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var value = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(next));
        var existing = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Version");
        AttributeSyntax updated;
        if (existing is not null)
        {
            updated = attribute.ReplaceNode(existing.Expression, value.WithTriviaFrom(existing.Expression));
        }
        else
        {
            var argument = SyntaxFactory.AttributeArgument(SyntaxFactory.NameEquals("Version"), null, value);
            var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
            updated = attribute.WithArgumentList(list.AddArguments(argument));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(attribute, updated));
    }
}
