using System.Collections.Generic;
using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Analyzers.Recognition.Prompts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0004: a prompt site (system message, agent instructions, prompt template, MCP prompt, ...) fed by text that is
/// not a declared prompt. Sites come from <see cref="PromptSiteRecognizer"/>, the text's origin from
/// <see cref="PromptTextClassifier"/>; only text the code shows to be unversioned is reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0004UnversionedPromptAnalyzer : DiagnosticAnalyzer
{
    /// <summary>AGR0004: a prompt site is fed by text that is not a declared prompt.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.UnversionedPrompt,
        title: "Prompt is not versioned",
        messageFormat: "Unversioned {0}: {1} is not a declared prompt",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Warning,
        description: "Text that reaches a model as a system message, agent instructions, a prompt template or an MCP prompt should come from a declared prompt ([Prompt(\"id\", Version = n)] or an <AgentPrompt> file), so every answer can be traced to the exact prompt version that produced it. A string literal, an interpolated or concatenated string, a constant without [Prompt] or a file read at run time changes silently.");

    /// <summary>Diagnostic property: the <see cref="PromptSiteKind"/> of the site.</summary>
    public const string SiteKindProperty = "SiteKind";

    /// <summary>Diagnostic property: what the code fix can do — <see cref="ExtractFix"/>, <see cref="AnnotateFix"/> or nothing.</summary>
    public const string FixProperty = "Fix";

    /// <summary>The text is a constant expression at the additional location: extract it into a [Prompt] const.</summary>
    public const string ExtractFix = "Extract";

    /// <summary>The text is held by the member declared at the additional location: add [Prompt] to it.</summary>
    public const string AnnotateFix = "Annotate";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated files are still skipped; diagnostics in generated code are dropped by GeneratedCodeFilter, as the
        // tool and loop rules do (the driver's own check walks every token of a file on the first report there, and
        // once those rules filter their own reports, the prompt rule reporting first in a file would pay it).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        // The compilation's shared recognizer: the process spec's catalogue (AgentRulesSpecEmbed=false) reads the sites
        // and classifications this rule computes instead of computing them again.
        var recognizer = PromptSiteRecognizer.GetOrCreate(context.Compilation, context.Options.AnalyzerConfigOptionsProvider);

        // One action per file, not per operation: registering operation actions would make the driver build operation
        // trees for every method body. Files that spell no prompt API cost a filter lookup; in the others only
        // candidate nodes are bound.
        context.RegisterSemanticModelAction(c => Analyze(c, recognizer));
    }

    private static void Analyze(SemanticModelAnalysisContext context, PromptSiteRecognizer recognizer)
    {
        HashSet<SyntaxNode>? reportedDefaults = null;
        foreach (var (site, containingSymbol) in recognizer.GetSites(context.SemanticModel, includeConstructorInitializers: true, context.CancellationToken))
        {
            if (recognizer.Classifier.GetDeclaredPrompt(containingSymbol) is null)
            {
                Report(context, recognizer, site, ref reportedDefaults);
            }
        }
    }

    private static void Report(SemanticModelAnalysisContext context, PromptSiteRecognizer recognizer, PromptSite site, ref HashSet<SyntaxNode>? reportedDefaults)
    {
        var text = recognizer.Classifier.Classify(site.Text, context.CancellationToken);
        if (text.Source != PromptTextSource.Unversioned)
        {
            return;
        }

        if (text.UnversionedKind == UnversionedTextKind.PropertyDefault && text.Origin is { } defaultText
            && defaultText.SyntaxTree == context.SemanticModel.SyntaxTree)
        {
            // A settable property's default (an options class's SystemPrompt = "You are …") is reported once, at the
            // literal, however many sites in this file read it. A site in another file reports at the site.
            if ((reportedDefaults ??= new HashSet<SyntaxNode>()).Add(defaultText))
            {
                GeneratedCodeFilter.Report(context, Diagnostic.Create(
                    Rule,
                    defaultText.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(SiteKindProperty, site.Kind.ToString()),
                    site.KindDisplay,
                    text.Description));
            }

            return;
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[SiteKindProperty] = site.Kind.ToString();
        var additional = ImmutableArray<Location>.Empty;
        if (text.Origin is { } origin && origin.SyntaxTree is not null && context.SemanticModel.Compilation.ContainsSyntaxTree(origin.SyntaxTree))
        {
            if (text.OriginMember is not null && origin is VariableDeclaratorSyntax or PropertyDeclarationSyntax or MethodDeclarationSyntax)
            {
                properties[FixProperty] = AnnotateFix;
                additional = ImmutableArray.Create(origin.GetLocation());
            }
            else if (text.IsConstantText && origin is ExpressionSyntax)
            {
                properties[FixProperty] = ExtractFix;
                additional = ImmutableArray.Create(origin.GetLocation());
            }
        }

        GeneratedCodeFilter.Report(context, Diagnostic.Create(
            Rule,
            site.Location,
            additional,
            properties.ToImmutable(),
            site.KindDisplay,
            text.Description));
    }
}
