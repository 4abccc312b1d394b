using System.Collections.Immutable;
using System.Globalization;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Prompts;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0010: a declared prompt whose id and version the lock file does not record yet. The message gives the line to
/// record; the code fix records it (creating the lock file when the project has none).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0010PromptVersionNotRecordedAnalyzer : PromptVersionAnalyzer
{
    /// <summary>AGR0010: a declared prompt version is not in the lock file yet.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.PromptVersionNotRecorded,
        title: "Prompt version is not recorded in the lock file",
        messageFormat: "Prompt '{0}' version {1} is not recorded in AgentPrompts.lock (line: {2})",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Info,
        description: "Record each prompt version in AgentPrompts.lock (the 'Record prompt version' code fix does it), so a later change of its text without a version bump is caught (AGR0006).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    protected override void Register(CompilationStartAnalysisContext context, PromptVersionContext prompts) =>
        ForEachDeclaration(context, prompts, (declaration, report) =>
        {
            if (Versioned(declaration, prompts) is not { } versioned || prompts.Lock.Find(declaration.Id, declaration.Version) is not null)
            {
                return;
            }

            report(Diagnostic.Create(
                Rule,
                declaration.Location,
                versioned.Properties.ToImmutable(),
                declaration.Id,
                declaration.Version.ToString(CultureInfo.InvariantCulture),
                PromptLockFile.FormatLine(declaration.Id, declaration.Version, versioned.Sha256)));
        });
}
