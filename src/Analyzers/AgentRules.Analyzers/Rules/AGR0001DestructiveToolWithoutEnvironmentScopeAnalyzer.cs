using System;
using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Tools;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0001: a destructive tool (declared, or inferred from its body, name or description) without an environment
/// scope: no <c>[EnvironmentScope]</c> on it, its type or its assembly, no early exit under an environment check, and
/// no registration that only runs under one.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer : ToolSafetyAnalyzer
{
    /// <summary>AGR0001: a tool that changes state outside the process can run in every environment.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.DestructiveToolWithoutEnvironmentScope,
        title: "Destructive tool has no environment scope",
        messageFormat: "Destructive tool '{0}' has no environment scope ({1})",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Warning,
        description: "A tool that deletes, writes, sends or otherwise changes state outside the process can be called by an agent in any environment it runs in. Declare where it may run with [EnvironmentScope(...)] on the method, its type or the assembly, or return early under an environment check.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rule);

    protected override void Analyze(ToolInfo tool, Action<Diagnostic> report)
    {
        if (tool.Effect.Effect == ToolEffect.Destructive && tool.Scope is null && tool.Effect.Deciding is { } evidence)
        {
            report(CreateDiagnostic(Rule, tool, null, tool.Name, evidence.Text));
        }
    }
}
