using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Loops;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules.AgentLoops;

/// <summary>
/// AGR0009 on function-invocation sites left at the framework's default cap (MEAI <c>UseFunctionInvocation()</c> and
/// <c>FunctionInvokingChatClient</c>, Agent Framework agents with tools, Semantic Kernel auto-invocation), and AGR0002
/// on framework settings that remove a cap (<c>MaximumIterationsPerRequest = int.MaxValue</c>, unlimited Semantic
/// Kernel orchestrations, Magentic workflows without a round limit). Recognition is
/// <see cref="FunctionInvocationSiteRecognizer"/>'s; this class only reports.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FunctionInvocationCapAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the <see cref="FunctionInvocationSiteKind"/> of the site.</summary>
    public const string SiteKindProperty = "SiteKind";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.AgentLoopWithoutIterationCap,
        DiagnosticDescriptors.FunctionInvocationDefaultCap);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var loops = AgentLoopContext.GetOrCreate(context.Compilation, context.Options.AnalyzerConfigOptionsProvider);
        if (loops is null || !loops.Sites.HasSiteTypes)
        {
            return; // no framework with a function-invocation loop: nothing registered
        }

        // One action per tree: only trees that spell a site's name are read, and only the invocations, creations
        // and assignments that do are bound (AgentLoopCatalog.FindSites).
        context.RegisterSemanticModelAction(c =>
        {
            foreach (var site in AgentLoopCatalog.FindSites(loops, c.SemanticModel, c.CancellationToken))
            {
                Report(c.ReportDiagnostic, site);
            }
        });
    }

    // Settings assigned in code (MaximumIterationsPerRequest = int.MaxValue) are reported at the assignment; the
    // creation or builder call they configure is not reported again.
    private static void Report(System.Action<Diagnostic> report, FunctionInvocationSite site)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(SiteKindProperty, site.Kind.ToString());
        if (site.LeavesDefaultCap)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.FunctionInvocationDefaultCap, site.Location, properties, site.Description, site.Detail));
        }
        else if (site.RemovesCap && (site.Kind is FunctionInvocationSiteKind.CapSetting or FunctionInvocationSiteKind.MagenticWorkflow or FunctionInvocationSiteKind.HandoffAutonomousMode
            || (site.Kind == FunctionInvocationSiteKind.SemanticKernelOrchestration && site.Cap is null)))
        {
            report(Diagnostic.Create(DiagnosticDescriptors.AgentLoopWithoutIterationCap, site.Location, properties, site.Description, site.Detail));
        }
    }
}
