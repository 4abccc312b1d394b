using System;
using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Tools;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules.ToolSafety;

/// <summary>
/// AGR0005: a tool declares neither read-only nor destructive. The message gives the inferred effect and its
/// evidence; the code fix declares it. OpenAI chat tools are left out: they have no declaration to add.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UndeclaredToolEffectAnalyzer : ToolSafetyAnalyzer
{
    /// <summary>Diagnostic property: the inferred <see cref="ToolEffect"/>.</summary>
    public const string InferredEffectProperty = "InferredEffect";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UndeclaredToolEffect);

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
        report(CreateDiagnostic(DiagnosticDescriptors.UndeclaredToolEffect, tool, properties, tool.Name, inferred));
    }
}
