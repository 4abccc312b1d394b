using System.Collections.Immutable;
using System.Globalization;
using System;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Prompts;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0006: a declared prompt whose text no longer has the hash the lock file records for its version. The diagnostic
/// carries the version to bump to (past every recorded one) for the code fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0006PromptChangedWithoutVersionBumpAnalyzer : PromptVersionAnalyzer
{
    /// <summary>AGR0006: a declared prompt changed but kept the version recorded in the lock file.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.PromptChangedWithoutVersionBump,
        title: "Prompt changed without a version bump",
        messageFormat: "Prompt '{0}' changed but is still version {1}",
        DiagnosticCategories.Prompts,
        DiagnosticSeverity.Warning,
        description: "AgentPrompts.lock records the SHA-256 of every shipped prompt version. The text of this prompt no longer matches the hash recorded for its version: bump the version (and record the new one), or restore the text.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    protected override void Register(CompilationStartAnalysisContext context, PromptVersionContext prompts) =>
        ForEachDeclaration(context, prompts, (declaration, report) =>
        {
            if (Versioned(declaration, prompts) is not { } versioned
                || prompts.Lock.Find(declaration.Id, declaration.Version) is not { } recorded
                || string.Equals(recorded.Sha256, versioned.Sha256, StringComparison.Ordinal))
            {
                return;
            }

            var next = Math.Max(declaration.Version, prompts.Lock.MaxVersion(declaration.Id)) + 1;
            versioned.Properties[NextVersionProperty] = next.ToString(CultureInfo.InvariantCulture);
            report(Diagnostic.Create(
                Rule,
                declaration.Location,
                versioned.Properties.ToImmutable(),
                declaration.Id,
                declaration.Version.ToString(CultureInfo.InvariantCulture)));
        });
}
