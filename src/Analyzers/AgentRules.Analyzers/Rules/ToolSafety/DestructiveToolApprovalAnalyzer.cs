using System;
using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules.ToolSafety;

/// <summary>
/// AGR0008: a destructive tool with no human-approval gate: neither AgentRules <c>[RequiresApproval]</c> nor an
/// <c>ApprovalRequiredAIFunction</c> around it where it is registered in the same compilation. Silent when the
/// compilation gates tools in a way that cannot be traced to single tools (a wrapper over a whole tool list, a
/// Semantic Kernel invocation filter), and for OpenAI chat tools, whose invocation is the application's own code.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DestructiveToolApprovalAnalyzer : ToolSafetyAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DestructiveToolWithoutApproval);

    protected override void Analyze(ToolInfo tool, Action<Diagnostic> report)
    {
        if (tool.Effect.Effect == ToolEffect.Destructive && tool.Approval is null && tool.Form != ToolForm.OpenAIChatTool && tool.Effect.Deciding is { } evidence)
        {
            report(CreateDiagnostic(DiagnosticDescriptors.DestructiveToolWithoutApproval, tool, null, tool.Name, evidence.Text));
        }
    }
}
