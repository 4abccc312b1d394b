using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Prompts;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0013: a prompt declaration that cannot be versioned as written (bad id or version, wrong member kind, text read
/// at run time), in source or in a prompt file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0013InvalidPromptDeclarationAnalyzer : PromptVersionAnalyzer
{
    /// <summary>AGR0013: a prompt declaration cannot be versioned as written.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.InvalidPromptDeclaration,
        title: "Invalid prompt declaration",
        messageFormat: "Prompt '{0}' cannot be versioned: {1}",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Warning,
        description: "A prompt needs a non-empty id without whitespace, a version of 1 or more, and text known at compile time: a const or readonly string, a get-only string property, a template method, or an <AgentPrompt> file.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    protected override void Register(CompilationStartAnalysisContext context, PromptVersionContext prompts) =>
        ForEachDeclaration(context, prompts, (declaration, report) =>
        {
            if (declaration.Problem is { } problem)
            {
                report(Diagnostic.Create(Rule, declaration.Location, declaration.Id, problem));
            }
        });
}
