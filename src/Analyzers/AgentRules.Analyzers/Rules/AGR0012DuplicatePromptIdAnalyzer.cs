using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Prompts;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0012: every declaration of a prompt id declared before (in source order: file path, then position), members and
/// prompt files alike. Judged at the end of the compilation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0012DuplicatePromptIdAnalyzer : PromptVersionAnalyzer
{
    /// <summary>AGR0012: two prompts share an id.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.DuplicatePromptId,
        title: "Duplicate prompt id",
        messageFormat: "Prompt id '{0}' is already declared by {1}",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Warning,
        description: "A prompt id names one prompt in the project: logs, traces and the lock file use it to tell prompts apart. Give each prompt its own id.",
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
            foreach (var diagnostic in PromptCatalog.DuplicateDiagnostics(all, duplicateId: Rule, nameCollision: null))
            {
                c.ReportDiagnostic(diagnostic);
            }
        });
    }
}
