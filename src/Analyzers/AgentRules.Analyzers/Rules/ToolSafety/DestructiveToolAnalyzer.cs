using System;
using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Tools;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules.ToolSafety;

/// <summary>
/// AGR0001: a destructive tool (declared, or inferred from its body, name or description) without an environment
/// scope: no <c>[EnvironmentScope]</c> on it, its type or its assembly, no early exit under an environment check, and
/// no registration that only runs under one.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DestructiveToolAnalyzer : ToolSafetyAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DestructiveToolWithoutEnvironmentScope);

    protected override void Analyze(ToolInfo tool, Action<Diagnostic> report)
    {
        if (tool.Effect.Effect == ToolEffect.Destructive && tool.Scope is null && tool.Effect.Deciding is { } evidence)
        {
            report(CreateDiagnostic(DiagnosticDescriptors.DestructiveToolWithoutEnvironmentScope, tool, null, tool.Name, evidence.Text));
        }
    }
}
