using System;
using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Tools;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules.ToolSafety;

/// <summary>
/// AGR0007: a tool declared read-only (MCP <c>ReadOnly = true</c>, AgentRules <c>[ReadOnlyTool]</c>, a configured
/// attribute's <c>ReadOnly = true</c>) whose body, or a same-compilation method it calls, calls a known writing API
/// (strong rows of <see cref="WritingApiTable"/>) or has an output binding.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReadOnlyToolWritesAnalyzer : ToolSafetyAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ReadOnlyToolWrites);

    protected override void Analyze(ToolInfo tool, Action<Diagnostic> report)
    {
        if (tool.Effect.Declaration is { Effect: ToolEffect.ReadOnly } && tool.Effect.BodyWrite is { } write)
        {
            report(CreateDiagnostic(DiagnosticDescriptors.ReadOnlyToolWrites, tool, null, tool.Name, write.Text));
        }
    }
}
