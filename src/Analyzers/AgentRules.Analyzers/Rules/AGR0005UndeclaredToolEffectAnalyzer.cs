using System;
using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Tools;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0005: a tool declares neither read-only nor destructive. The message gives the inferred effect and its
/// evidence; the code fix declares it. OpenAI chat tools are left out: they have no declaration to add.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0005UndeclaredToolEffectAnalyzer : ToolSafetyAnalyzer
{
    /// <summary>AGR0005: a tool declares neither effect, so clients and reviewers must guess (MCP clients assume destructive).</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.UndeclaredToolEffect,
        title: "Tool does not declare its effect",
        messageFormat: "Tool '{0}' does not declare whether it is read-only or destructive ({1})",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Info,
        description: "Declare what a tool does to the world: [McpServerTool(ReadOnly = true)] or (Destructive = true) for MCP tools, AgentRules [ReadOnlyTool] or [DestructiveTool] otherwise. The declaration is what MCP clients show, what AGR0001 and AGR0008 act on, and what AGR0007 checks against the tool's body.");

    /// <summary>Diagnostic property: the inferred <see cref="ToolEffect"/>.</summary>
    public const string InferredEffectProperty = "InferredEffect";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rule);

    protected override void Analyze(ToolInfo tool, Action<Diagnostic> report)
    {
        if (tool.Effect.Declaration is not null || tool.Form == ToolForm.OpenAIChatTool)
        {
            return;
        }

        var inferred = tool.Effect.Inferred switch
        {
            ToolEffect.Destructive => "it looks destructive: " + tool.Effect.InferredDeciding!.Text,
            ToolEffect.ReadOnly => "it looks read-only: " + tool.Effect.InferredDeciding!.Text,
            _ when tool.Effect.IsConflicting => "the evidence conflicts",
            _ => "its effect could not be inferred",
        };

        var properties = ImmutableDictionary<string, string?>.Empty.Add(InferredEffectProperty, tool.Effect.Inferred.ToString());
        report(CreateDiagnostic(Rule, tool, properties, tool.Name, inferred));
    }
}
