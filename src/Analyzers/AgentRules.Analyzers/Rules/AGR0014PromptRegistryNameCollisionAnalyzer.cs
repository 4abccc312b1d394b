using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Prompts;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0014: prompt ids whose generated registry member name an earlier id (in ordinal order) already took. Judged at
/// the end of the compilation, the way the prompt registry generator resolves them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0014PromptRegistryNameCollisionAnalyzer : PromptVersionAnalyzer
{
    /// <summary>AGR0014: two prompt ids produce the same registry member name.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.PromptRegistryNameCollision,
        title: "Prompt ids collide in the generated registry",
        messageFormat: "Prompt id '{0}' maps to AgentPrompts.{1}, already taken by '{2}'; read it with AgentPrompts.Find(\"{0}\")",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Warning,
        description: "The generated AgentPrompts class names a member after each prompt id. Ids that differ only in punctuation or case map to the same name; the prompt is still available through AgentPrompts.Find and AgentPrompts.All.",
        WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    protected override void Register(CompilationStartAnalysisContext context, PromptVersionContext prompts)
    {
        // Every declaration of the compilation (each tree's read once for all the prompt rules), judged at the end.
        var declarations = new ConcurrentBag<PromptDeclaration>();
        if (prompts.PromptAttribute is not null)
        {
            context.RegisterSemanticModelAction(c =>
            {
                foreach (var declaration in prompts.DeclarationsIn(c.SemanticModel, c.CancellationToken))
                {
                    declarations.Add(declaration);
                }
            });
        }

        context.RegisterCompilationEndAction(c =>
        {
            var all = new List<PromptDeclaration>(declarations);
            all.AddRange(prompts.Files.Values);
            foreach (var diagnostic in PromptCatalog.DuplicateDiagnostics(all, duplicateId: null, nameCollision: Rule))
            {
                c.ReportDiagnostic(diagnostic);
            }
        });
    }
}
