using System;
using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// The shared shape of the tool-safety analyzers (AGR0001, AGR0005, AGR0007, AGR0008): find every tool once per
/// compilation through the shared <see cref="ToolSafetyContext"/>, and let each rule decide what to report about it.
/// Tools declared as methods or classes are reported at their declaration; lambdas, local functions and OpenAI
/// chat tools at their (first) registration.
/// </summary>
public abstract class ToolSafetyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: <see cref="ToolTarget"/> of the tool (for code fixes).</summary>
    public const string TargetProperty = "ToolTarget";

    /// <summary>Diagnostic property: <see cref="ToolForm"/> of the tool (for code fixes).</summary>
    public const string FormProperty = "ToolForm";

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Not run on generated files, as with None; but the driver does not check each reported diagnostic: the rules
        // drop those in generated code themselves (GeneratedCodeFilter: the driver's check walked every token of each
        // file a tool rule reported in first, about 40% of AGR0001's time on agent-dense code).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    /// <summary>Reports what the rule says about one tool.</summary>
    protected abstract void Analyze(ToolInfo tool, Action<Diagnostic> report);

    /// <summary>Builds a diagnostic at the tool, with the properties code fixes need.</summary>
    protected static Diagnostic CreateDiagnostic(DiagnosticDescriptor descriptor, ToolInfo tool, ImmutableDictionary<string, string?>? properties, params object[] messageArguments)
    {
        var all = (properties ?? ImmutableDictionary<string, string?>.Empty)
            .SetItem(TargetProperty, tool.Target.ToString())
            .SetItem(FormProperty, tool.Form.ToString());
        return Diagnostic.Create(descriptor, tool.Location, all, messageArguments);
    }

    /// <summary>For rules that also look at framework settings rather than tools (called for every compilation, <paramref name="tools"/> null when no tool form is referenced).</summary>
#pragma warning disable RS1012 // the overriding rule registers its actions
    protected virtual void OnCompilationStart(CompilationStartAnalysisContext context, ToolSafetyContext? tools)
    {
    }
#pragma warning restore RS1012

    private void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var tools = ToolSafetyContext.GetOrCreate(context.Compilation, context.Options.AnalyzerConfigOptionsProvider);
        OnCompilationStart(context, tools);
        if (tools is null)
        {
            return; // no tool form referenced: nothing registered
        }

        // One action per file, not per method or call: files that spell no tool API cost a filter lookup, and only
        // candidate declarations and calls in the others are bound (no operation trees for every method body).
        context.RegisterSemanticModelAction(c => AnalyzeTree(c, tools));
    }

    private void AnalyzeTree(SemanticModelAnalysisContext context, ToolSafetyContext tools)
    {
        foreach (var tool in tools.GetToolsReportedIn(context.SemanticModel, context.CancellationToken))
        {
            Analyze(tool, diagnostic => GeneratedCodeFilter.Report(context, diagnostic));
        }
    }
}
