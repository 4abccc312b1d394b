using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Enforcement;
using AgentRules.Analyzers.Recognition.Tools;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0016: a tool declares a control (<c>[EnvironmentScope]</c>, <c>[RequiresApproval]</c>, <c>[ToolBudget]</c>)
/// that nothing enforces at run time. <c>[AgentTool]</c> methods are enforced by their generated wrappers; MCP server
/// tools, kernel functions and <c>AIFunctionFactory</c> tools only where the compilation registers the AgentRules guard
/// of their framework. Without it the declaration silences AGR0001/AGR0008 while the tool still runs everywhere.
/// The registration may be in any file: the compilation's registrations are found once, by name, then bound.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0016ToolControlNotEnforcedAnalyzer : DiagnosticAnalyzer
{
    /// <summary>AGR0016: a declared tool control that nothing enforces at run time.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.ToolControlNotEnforced,
        title: "Declared tool control is not enforced at run time",
        messageFormat: "Tool '{0}' declares {1}, but nothing enforces it at run time: {2}",
        DiagnosticCategories.ToolSafety,
        DiagnosticSeverity.Warning,
        description: "[EnvironmentScope], [RequiresApproval] and [ToolBudget] are declarations. On [AgentTool] methods the generated wrappers enforce them; on MCP server tools, kernel functions and AIFunctionFactory tools only the AgentRules guard registered in that framework's pipeline does (WithAgentRules() on the MCP server builder, AddAgentRules() on the kernel builder, UseAgentRules() on the chat client or agent builder). Without it the declaration satisfies reviewers and AGR0001 while the tool still runs in every environment.");

    /// <summary>Diagnostic property: the <see cref="GuardedPipelines"/> value that would enforce the control (for the code fix).</summary>
    public const string PipelineProperty = "Pipeline";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var tools = ToolSafetyContext.GetOrCreate(context.Compilation, context.Options.AnalyzerConfigOptionsProvider);
        if (tools is null)
        {
            return; // no tool form referenced
        }

        // Which pipelines are guarded is a question about the whole compilation, answered once, the first time a tool
        // with a declared control asks; the diagnostics stay local to the tool's file (the IDE shows them live, and
        // the code fix can offer the registration).
        var compilation = context.Compilation;
        var guarded = new Lazy<GuardedPipelines>(() => GuardRegistrations.Scan(compilation, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
        context.RegisterSemanticModelAction(c =>
        {
            foreach (var tool in tools.GetToolsReportedIn(c.SemanticModel, c.CancellationToken))
            {
                if (Needs(tool) is { } pipelines && DeclaredControls(tool) is { Length: > 0 } controls
                    && (guarded.Value & pipelines) == GuardedPipelines.None)
                {
                    var first = FirstOf(pipelines);
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(PipelineProperty, first.ToString());
                    c.ReportDiagnostic(Diagnostic.Create(
                        Rule, tool.Location, properties, tool.Name, controls, GuardRegistrations.HowToGuard(first)));
                }
            }
        });
    }

    /// <summary>The pipelines whose guard would enforce a tool's declarations; null where AgentRules has none (or needs none).</summary>
    private static GuardedPipelines? Needs(ToolInfo tool) => GuardRegistrations.PipelinesFor(tool.Form);

    private static string DeclaredControls(ToolInfo tool)
    {
        var controls = new List<string>(3);
        if (tool.Scope is { Kind: ToolScopeKind.Declared } scope)
        {
            controls.Add(scope.Environments.IsDefaultOrEmpty ? "[EnvironmentScope]" : "[EnvironmentScope(" + string.Join(", ", scope.Environments) + ")]");
        }

        if (tool.Approval is { Kind: ToolApprovalKind.RequiresApprovalAttribute })
        {
            controls.Add("[RequiresApproval]");
        }

        if (tool.Budget is not null)
        {
            controls.Add("[ToolBudget]");
        }

        return string.Join(", ", controls);
    }

    private static GuardedPipelines FirstOf(GuardedPipelines pipelines) =>
        (pipelines & GuardedPipelines.McpServer) != 0 && pipelines == GuardedPipelines.McpServer ? GuardedPipelines.McpServer
        : (pipelines & GuardedPipelines.SemanticKernel) != 0 ? GuardedPipelines.SemanticKernel
        : GuardedPipelines.ChatClient;
}
