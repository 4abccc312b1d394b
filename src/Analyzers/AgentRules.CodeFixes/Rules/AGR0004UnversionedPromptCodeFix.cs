using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AgentRules.CodeFixes.Rules;

/// <summary>
/// AGR0004: declares the text as a prompt. Inline constant text (a literal, a constant concatenation) is extracted
/// into a <c>[Prompt(id, Version = 1)] private const string</c> in the containing type and the site uses it; text
/// held by a constant, readonly field, get-only property or helper method gets <c>[Prompt]</c> on that member.
/// Ids are "&lt;type&gt;.&lt;what&gt;" in snake case — "support_conversation.system" for a system message extracted
/// in SupportConversation, "prompts.narrator" for the constant Prompts.Narrator — made unique in the project.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AGR0004UnversionedPromptCodeFix)), Shared]
public sealed class AGR0004UnversionedPromptCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "AgentRules.DeclarePrompt";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnversionedPrompt);

    public override FixAllProvider GetFixAllProvider() => DeclareAllProvider.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var compilation = await context.Document.Project.GetCompilationAsync(context.CancellationToken).ConfigureAwait(false);
        if (compilation is null || new KnownTypes(compilation).Get(MetadataNames.PromptAttribute) is null)
        {
            return; // without the AgentRules runtime the attribute would not compile
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var plan = await PlanAsync(context.Document.Project.Solution, new[] { diagnostic }, context.CancellationToken).ConfigureAwait(false);
            if (plan.Edits.Count != 1)
            {
                continue;
            }

            var edit = plan.Edits[0];
            var title = edit.Kind == EditKind.Annotate
                ? $"Declare '{edit.MemberName}' as prompt '{edit.Id}'"
                : $"Declare the text as prompt '{edit.Id}'";
            context.RegisterCodeFix(CodeAction.Create(title, ct => ApplyAsync(context.Document.Project.Solution, new[] { diagnostic }, ct), EquivalenceKey), diagnostic);
        }
    }

    internal static async Task<Solution> ApplyAsync(Solution solution, IReadOnlyList<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(solution, diagnostics, cancellationToken).ConfigureAwait(false);
        foreach (var group in plan.Edits.GroupBy(e => e.Document.Id))
        {
            // Edits hold nodes of the original trees: edit the original document, then put its new root in the solution.
            var editor = await DocumentEditor.CreateAsync(group.First().Document, cancellationToken).ConfigureAwait(false);
            var generator = editor.Generator;
            var newMembers = new Dictionary<TypeDeclarationSyntax, List<SyntaxNode>>();
            foreach (var edit in group)
            {
                var attribute = generator.Attribute(
                    generator.TypeExpression(plan.PromptAttribute).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation),
                    new[]
                    {
                        generator.AttributeArgument(generator.LiteralExpression(edit.Id)),
                        generator.AttributeArgument("Version", generator.LiteralExpression(1)),
                    });

                if (edit.Kind == EditKind.Annotate)
                {
                    // The attribute goes first, after the member's leading trivia (blank lines and comments stay above it).
                    editor.ReplaceNode(edit.Node, (current, _) =>
                    {
                        var member = (MemberDeclarationSyntax)current;
                        var list = ((AttributeListSyntax)attribute).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
                        return member.WithoutLeadingTrivia()
                            .WithAttributeLists(member.AttributeLists.Insert(0, list))
                            .WithLeadingTrivia(member.GetLeadingTrivia())
                            .WithAdditionalAnnotations(Formatter.Annotation);
                    });
                    continue;
                }

                var text = (ExpressionSyntax)edit.Node;
                var field = generator.FieldDeclaration(
                    edit.MemberName,
                    generator.TypeExpression(SpecialType.System_String),
                    Accessibility.Private,
                    DeclarationModifiers.Const,
                    text.WithoutTrivia());
                field = generator.AddAttributes(field, attribute).WithAdditionalAnnotations(Formatter.Annotation);
                editor.ReplaceNode(text, SyntaxFactory.IdentifierName(edit.MemberName).WithTriviaFrom(text));
                if (!newMembers.TryGetValue(edit.Type!, out var list))
                {
                    newMembers[edit.Type!] = list = new List<SyntaxNode>();
                }

                list.Add(field);
            }

            foreach (var pair in newMembers)
            {
                var index = 0;
                for (var i = 0; i < pair.Key.Members.Count; i++)
                {
                    if (pair.Key.Members[i] is FieldDeclarationSyntax existing && existing.Modifiers.Any(SyntaxKind.ConstKeyword))
                    {
                        index = i + 1;
                    }
                }

                editor.InsertMembers(pair.Key, index, pair.Value);
            }

            solution = solution.WithDocumentSyntaxRoot(group.Key, editor.GetChangedRoot());
        }

        return solution;
    }

    private enum EditKind
    {
        Extract,
        Annotate,
    }

    /// <param name="Node">Extract: the text expression. Annotate: the member declaration (a field declaration for a field).</param>
    private sealed record Edit(EditKind Kind, Document Document, SyntaxNode Node, TypeDeclarationSyntax? Type, string MemberName, string Id);

    private sealed record Plan(INamedTypeSymbol PromptAttribute, List<Edit> Edits);

    /// <summary>What each diagnostic's fix does: the same origin is declared once; ids and names are unique.</summary>
    private static async Task<Plan> PlanAsync(Solution solution, IReadOnlyList<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var edits = new List<Edit>();
        INamedTypeSymbol? promptAttribute = null;
        HashSet<string>? ids = null;
        var names = new Dictionary<INamedTypeSymbol, HashSet<string>>(SymbolEqualityComparer.Default);
        var seen = new HashSet<(DocumentId, Microsoft.CodeAnalysis.Text.TextSpan)>();

        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
        {
            if (!diagnostic.Properties.TryGetValue(AGR0004UnversionedPromptAnalyzer.FixProperty, out var fix) || diagnostic.AdditionalLocations.Count == 0
                || diagnostic.AdditionalLocations[0].SourceTree is not { } originTree
                || solution.GetDocument(originTree) is not { } document)
            {
                continue;
            }

            var span = diagnostic.AdditionalLocations[0].SourceSpan;
            if (!seen.Add((document.Id, span)))
            {
                continue;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                continue;
            }

            promptAttribute ??= new KnownTypes(model.Compilation).Get(MetadataNames.PromptAttribute);
            if (promptAttribute is null)
            {
                break;
            }

            ids ??= await ExistingIdsAsync(document.Project, cancellationToken).ConfigureAwait(false);
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            diagnostic.Properties.TryGetValue(AGR0004UnversionedPromptAnalyzer.SiteKindProperty, out var kindText);
            var kind = Enum.TryParse<PromptSiteKind>(kindText, out var parsedKind) ? parsedKind : PromptSiteKind.ConfiguredSink;

            if (fix == AGR0004UnversionedPromptAnalyzer.AnnotateFix)
            {
                var declaration = node.FirstAncestorOrSelf<SyntaxNode>(n => n is VariableDeclaratorSyntax or PropertyDeclarationSyntax or MethodDeclarationSyntax);
                var member = declaration is null ? null : model.GetDeclaredSymbol(declaration, cancellationToken);
                SyntaxNode? target = declaration is VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax fieldDeclaration } && fieldDeclaration.Declaration.Variables.Count == 1
                    ? fieldDeclaration
                    : declaration is VariableDeclaratorSyntax ? null : declaration;
                if (member is null || target is null || member.ContainingType is null)
                {
                    continue;
                }

                var id = Unique(PromptNames.ToSnakeCase(member.ContainingType.Name) + "." + MemberPart(member.Name), ids);
                edits.Add(new Edit(EditKind.Annotate, document, target, null, member.Name, id));
            }
            else if (fix == AGR0004UnversionedPromptAnalyzer.ExtractFix && node is ExpressionSyntax text)
            {
                var type = text.FirstAncestorOrSelf<TypeDeclarationSyntax>(t => t is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax);
                if (type is null || model.GetDeclaredSymbol(type, cancellationToken) is not { } typeSymbol)
                {
                    continue; // top-level statements have no type to hold the constant
                }

                var method = text.FirstAncestorOrSelf<MethodDeclarationSyntax>();
                var suffix = kind == PromptSiteKind.McpPrompt && method is not null
                    ? PromptNames.ToSnakeCase(method.Identifier.ValueText)
                    : PromptSiteKinds.IdSuffix(kind);
                var id = Unique(PromptNames.ToSnakeCase(typeSymbol.Name) + "." + suffix, ids);

                if (!names.TryGetValue(typeSymbol, out var taken))
                {
                    names[typeSymbol] = taken = new HashSet<string>(typeSymbol.MemberNames, StringComparer.Ordinal);
                }

                var name = ConstantName(kind, method);
                var candidate = name;
                for (var i = 2; taken.Contains(candidate) || model.LookupSymbols(text.SpanStart, name: candidate).Length > 0; i++)
                {
                    candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                taken.Add(candidate);
                edits.Add(new Edit(EditKind.Extract, document, text, type, candidate, id));
            }
        }

        return new Plan(promptAttribute!, edits);
    }

    private static string ConstantName(PromptSiteKind kind, MethodDeclarationSyntax? method) => kind switch
    {
        PromptSiteKind.SystemMessage => "SystemPrompt",
        PromptSiteKind.DeveloperMessage => "DeveloperPrompt",
        PromptSiteKind.AgentInstructions or PromptSiteKind.ChatInstructions => "Instructions",
        PromptSiteKind.PromptTemplate => "PromptTemplate",
        PromptSiteKind.McpPrompt when method is not null => method.Identifier.ValueText + "Prompt",
        PromptSiteKind.McpServerInstructions => "ServerInstructions",
        PromptSiteKind.FeedbackMessage => "FeedbackPrompt",
        _ => "Prompt",
    };

    /// <summary>"_systemPrompt" → "system_prompt", "s_reviewer" → "reviewer", "SYSTEM_PROMPT" → "system_prompt".</summary>
    private static string MemberPart(string name)
    {
        if (name.Length > 2 && name[1] == '_' && name[0] is 's' or 'm' or 't')
        {
            name = name.Substring(2);
        }

        return PromptNames.ToSnakeCase(name.TrimStart('_'));
    }

    private static string Unique(string id, HashSet<string> ids)
    {
        var candidate = id;
        for (var i = 2; !ids.Add(candidate); i++)
        {
            candidate = id + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    /// <summary>The ids of the project's [Prompt] attributes, read from syntax (string literal first arguments).</summary>
    private static async Task<HashSet<string>> ExistingIdsAsync(Project project, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in project.Documents)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                continue;
            }

            foreach (var attribute in root.DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax)).OfType<AttributeSyntax>())
            {
                var name = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText : (attribute.Name as SimpleNameSyntax)?.Identifier.ValueText;
                if (name is "Prompt" or "PromptAttribute"
                    && attribute.ArgumentList?.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax { Token.Value: string id })
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    /// <summary>Fix All: every fixable AGR0004 in scope, planned together so ids and names stay unique.</summary>
    private sealed class DeclareAllProvider : FixAllProvider
    {
        public static readonly DeclareAllProvider Instance = new();

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var diagnostics = (await FixAllDiagnostics.GetAsync(fixAllContext).ConfigureAwait(false)).Select(pair => pair.Diagnostic).ToList();
            return diagnostics.Count == 0
                ? null
                : CodeAction.Create("Declare every unversioned prompt", ct => ApplyAsync(fixAllContext.Solution, diagnostics, ct), EquivalenceKey);
        }
    }
}
