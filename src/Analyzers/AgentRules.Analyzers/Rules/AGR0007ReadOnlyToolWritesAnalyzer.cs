using System;
using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Tools;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0007: a tool declared read-only (MCP <c>ReadOnly = true</c>, AgentRules <c>[ReadOnlyTool]</c>, a configured
/// attribute's <c>ReadOnly = true</c>) whose body, or a same-compilation method it calls, calls a known writing API
/// (strong rows of <see cref="WritingApiTable"/>) or has an output binding.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0007ReadOnlyToolWritesAnalyzer : ToolSafetyAnalyzer
{
    /// <summary>AGR0007: a tool declared read-only calls a known writing API.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.ReadOnlyToolWrites,
        title: "Read-only tool calls a writing API",
        messageFormat: "Tool '{0}' is declared read-only but {1}",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Warning,
        description: "A tool declared read-only is trusted to change nothing: clients call it without asking, and AGR0001 does not ask for an environment scope. This one deletes, writes or sends through a known writing API, directly or through a method it calls. Remove the write, or declare the tool destructive.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rule);

    protected override void Analyze(ToolInfo tool, Action<Diagnostic> report)
    {
        if (tool.Effect.Declaration is { Effect: ToolEffect.ReadOnly } && tool.Effect.BodyWrite is { } write)
        {
            report(CreateDiagnostic(Rule, tool, null, tool.Name, write.Text));
        }
    }
}
