using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AgentRules.CodeFixes.Helpers;

/// <summary>
/// A tool-safety fix that offers one action: one syntax edit of the tool's declaration, computed by
/// <see cref="ComputeEditAsync"/>, with a Fix All that applies every diagnostic's edit to a document at once.
/// </summary>
public abstract class SingleToolEditCodeFix : CodeFixProvider
{
    /// <summary>The action's title, as the light bulb shows it.</summary>
    protected abstract string Title { get; }

    /// <summary>The action's equivalence key (Fix All groups by it).</summary>
    protected abstract string Key { get; }

    public sealed override FixAllProvider GetFixAllProvider() => ToolDeclarationEditor.CreateFixAll(ComputeEditAsync);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (await ComputeEditAsync(context.Document, root, diagnostic, Key, context.CancellationToken).ConfigureAwait(false) is null)
            {
                continue; // nothing this fix can edit
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, async ct =>
                {
                    var edit = await ComputeEditAsync(context.Document, root, diagnostic, Key, ct).ConfigureAwait(false);
                    return edit is { } e ? await ToolDeclarationEditor.ReplaceAsync(context.Document, e.Target, e.Replacement, ct).ConfigureAwait(false) : context.Document;
                }, Key),
                diagnostic);
        }
    }

    /// <summary>The node to replace and its replacement, or null when this diagnostic offers nothing to edit.</summary>
    protected abstract Task<(SyntaxNode Target, SyntaxNode Replacement)?> ComputeEditAsync(Document document, SyntaxNode root, Diagnostic diagnostic, string? equivalenceKey, CancellationToken cancellationToken);
}
