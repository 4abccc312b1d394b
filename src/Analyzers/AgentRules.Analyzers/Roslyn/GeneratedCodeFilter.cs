using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Roslyn;

/// <summary>
/// The analyzer driver's "is this diagnostic in generated code?" test, done by the analyzer that reports, for analyzers
/// that configure <see cref="GeneratedCodeAnalysisFlags.ReportDiagnostics"/> (and not
/// <see cref="GeneratedCodeAnalysisFlags.Analyze"/>): the driver then still skips generated files, but no longer checks
/// each reported diagnostic, and <see cref="Report"/> drops exactly the diagnostics the driver would have suppressed.
/// </summary>
/// <remarks>
/// <para>
/// Why: with <see cref="GeneratedCodeAnalysisFlags.None"/> the driver checks every diagnostic an analyzer reports, and
/// the first check in a file walks every token of the file looking for a <c>GeneratedCode</c> identifier (to find
/// members marked <c>[GeneratedCode]</c>). The analyzer that reports first in a file pays for that walk inside its
/// own callback: on the 50-file agent-dense bench it was about 40% of AGR0001's time. Here the same question costs
/// a look-up in the file's word index (<see cref="SourceIndex"/>), which the tool rules have built already.
/// </para>
/// <para>
/// The driver suppresses a diagnostic when its location is in a generated file (by name, by an
/// <c>&lt;auto-generated&gt;</c> comment at the top, or by <c>generated_code = true</c> in .editorconfig), in a
/// <c>#line hidden</c> region (in a file that has one, the lines before its first <c>#line</c> count as hidden), or inside a declaration (namespace, type, member, accessor, field or enum member)
/// that is, or whose containing symbols are, marked <c>[GeneratedCode]</c> (a symbol declared in more than one place
/// — a partial type — is judged by its containers only). The same rules are applied here; the word index only decides
/// when the declarations need to be looked at (a file that spells neither <c>GeneratedCode</c> nor an escape sequence
/// that could spell it has no such attribute).
/// </para>
/// </remarks>
public static class GeneratedCodeFilter
{
    private const string AttributeMetadataName = "System.CodeDom.Compiler.GeneratedCodeAttribute";
    private static readonly char[] s_separators = { '/', '\\' };
    private static readonly string[] s_attributeWords = { "GeneratedCode", "GeneratedCodeAttribute" };
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<bool>> s_spellsAttribute = new();

    /// <summary>Reports <paramref name="diagnostic"/> unless the driver would suppress it as generated code.</summary>
    public static void Report(SemanticModelAnalysisContext context, Diagnostic diagnostic)
    {
        if (!IsInGeneratedCode(diagnostic.Location, context.SemanticModel, context.Options, context.CancellationToken))
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    /// <summary>
    /// True when the driver would treat <paramref name="location"/> as generated code for an analyzer that does not
    /// report in generated code. <paramref name="analyzed"/> is the model of the file being analyzed (the driver does
    /// not run the analyzer on generated files, so that file itself is not generated).
    /// </summary>
    public static bool IsInGeneratedCode(Location location, SemanticModel analyzed, AnalyzerOptions? options, CancellationToken cancellationToken)
    {
        if (!location.IsInSource || location.SourceTree is not { } tree)
        {
            return false;
        }

        if (tree != analyzed.SyntaxTree && IsGeneratedFile(tree, options, cancellationToken))
        {
            return true;
        }

        // As the compiler's IsHiddenPosition: in a file with hidden regions, the lines before the first #line are hidden too.
        if (tree.HasHiddenRegions() && tree.GetLineVisibility(location.SourceSpan.Start, cancellationToken) is LineVisibility.Hidden or LineVisibility.BeforeFirstLineDirective)
        {
            return true;
        }

        if (!SpellsAttribute(tree, cancellationToken)
            || analyzed.Compilation.GetTypeByMetadataName(AttributeMetadataName) is not { } attribute)
        {
            return false;
        }

        var model = tree == analyzed.SyntaxTree ? analyzed : SemanticModels.Create(analyzed.Compilation, tree);
        for (var node = tree.GetRoot(cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true); node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BaseFieldDeclarationSyntax field:
                    foreach (var variable in field.Declaration.Variables)
                    {
                        if (IsMarked(model.GetDeclaredSymbol(variable, cancellationToken), attribute))
                        {
                            return true;
                        }
                    }

                    break;

                case VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax }:
                    break; // its field declaration, next, asks about it

                case BaseNamespaceDeclarationSyntax or BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or EnumMemberDeclarationSyntax
                    or BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or AccessorDeclarationSyntax:
                    if (IsMarked(model.GetDeclaredSymbol(node, cancellationToken), attribute))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>The symbol, or a symbol containing it, carries the attribute (a symbol with several declarations is skipped, not its containers).</summary>
    private static bool IsMarked(ISymbol? symbol, INamedTypeSymbol attribute)
    {
        for (var current = symbol; current is not null; current = current.ContainingSymbol)
        {
            if (current.Kind == SymbolKind.Namespace || current.DeclaringSyntaxReferences.Length > 1)
            {
                continue;
            }

            foreach (var data in current.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute, data.AttributeClass))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when a token of the tree is spelled <c>GeneratedCode</c> or <c>GeneratedCodeAttribute</c> (the driver's own
    /// test). The word index rules most files out; a file that may spell one, or that has an escape sequence that
    /// could (<c>\u0047eneratedCode</c>), is walked as the driver walks it. Kept per tree.
    /// </summary>
    private static bool SpellsAttribute(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (s_spellsAttribute.TryGetValue(tree, out var known))
        {
            return known.Value;
        }

        var text = tree.GetText(cancellationToken).ToString();
        var spells = (SourceIndex.MayContainAny(tree, s_attributeWords, cancellationToken)
                || text.IndexOf("\\u", StringComparison.Ordinal) >= 0
                || text.IndexOf("\\U", StringComparison.Ordinal) >= 0
                || text.IndexOf("\\x", StringComparison.Ordinal) >= 0)
            && HasAttributeToken(tree.GetRoot(cancellationToken));
        return s_spellsAttribute.GetValue(tree, _ => new StrongBox<bool>(spells)).Value;
    }

    private static bool HasAttributeToken(SyntaxNode root)
    {
        foreach (var token in root.DescendantTokens())
        {
            var value = token.ValueText;
            if (string.Equals(value, "GeneratedCode", StringComparison.Ordinal) || string.Equals(value, "GeneratedCodeAttribute", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A generated file as the driver decides it: <c>generated_code</c> in .editorconfig, else its name or an auto-generated comment at the top.</summary>
    private static bool IsGeneratedFile(SyntaxTree tree, AnalyzerOptions? options, CancellationToken cancellationToken)
    {
        if (options?.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue("generated_code", out var value) == true && bool.TryParse(value, out var generated))
        {
            return generated;
        }

        if (IsGeneratedFileName(tree.FilePath))
        {
            return true;
        }

        var root = tree.GetRoot(cancellationToken);
        if (root.HasLeadingTrivia)
        {
            foreach (var trivia in root.GetLeadingTrivia())
            {
                if ((trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                    && trivia.ToString() is var comment
                    && (comment.IndexOf("<autogenerated", StringComparison.Ordinal) >= 0 || comment.IndexOf("<auto-generated", StringComparison.Ordinal) >= 0))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsGeneratedFileName(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        var fileName = path!.Substring(path.LastIndexOfAny(s_separators) + 1);
        if (fileName.StartsWith("TemporaryGeneratedFile_", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var dot = fileName.LastIndexOf('.');
        if (dot <= 0 || dot == fileName.Length - 1)
        {
            return false;
        }

        var stem = fileName.Substring(0, dot);
        return stem.EndsWith(".designer", StringComparison.OrdinalIgnoreCase) || stem.EndsWith(".generated", StringComparison.OrdinalIgnoreCase)
            || stem.EndsWith(".g", StringComparison.OrdinalIgnoreCase) || stem.EndsWith(".g.i", StringComparison.OrdinalIgnoreCase);
    }
}
