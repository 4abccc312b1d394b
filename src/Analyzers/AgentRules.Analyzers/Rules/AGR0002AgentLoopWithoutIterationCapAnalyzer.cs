using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0002, from two entry points over the same trees:
/// <list type="bullet">
/// <item>hand-written agent loops: <c>while</c>/<c>do</c>/<c>for</c>/<c>foreach</c> loops and methods calling themselves
/// whose iterations call a model (directly, or through lambdas, local functions and same-compilation methods) with no
/// counter, bound or step limit. Loops paced by a person and <c>await foreach</c> loops that only read one LLM stream are
/// not agent loops (<see cref="AgentLoopClassifier"/>);</item>
/// <item>framework settings that remove a cap: <c>MaximumIterationsPerRequest = int.MaxValue</c>, unlimited Semantic
/// Kernel orchestrations, Magentic workflows without a round limit, handoff autonomous mode
/// (<see cref="FunctionInvocationSiteRecognizer"/>).</item>
/// </list>
/// Loops and sites are found once per tree (<see cref="AgentLoopCatalog"/>) and shared with AGR0003, AGR0009 and the
/// process spec; this class only reports.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0002AgentLoopWithoutIterationCapAnalyzer : DiagnosticAnalyzer
{
    /// <summary>AGR0002: an agent loop, or a framework loop setting, with no iteration cap.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.AgentLoopWithoutIterationCap,
        title: "Agent loop has no iteration cap",
        messageFormat: "{0} has no iteration cap: {1}",
        DiagnosticCategories.AgentLoops,
        DiagnosticSeverity.Warning,
        description: "A loop (or a method calling itself) whose iterations call a model runs until the model decides to stop, so a confused model, two agents asking each other for clarification, or a tool that keeps failing run it forever. Count the iterations against a named limit and end the loop when it is reached (or use AgentStepLimit), and do not set framework caps such as MaximumIterationsPerRequest to int.MaxValue. Loops that wait for a person each iteration are not reported.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated files are still skipped; diagnostics in generated code are dropped by GeneratedCodeFilter (the
        // driver's own check walked every token of a file on the first report there, about a fifth of the loop rules' time).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var loops = AgentLoopContext.GetOrCreate(context.Compilation, context.Options.AnalyzerConfigOptionsProvider);
        var findLoops = loops?.HasLlmApis == true;
        var findSites = loops?.Sites.HasSiteTypes == true;
        if (loops is null || (!findLoops && !findSites))
        {
            return; // no LLM API and no framework loop type referenced: nothing registered
        }

        // One action per tree rather than operation actions: a tree that mentions nothing that can lead to an LLM call
        // is never bound (operation actions would build every method's operation tree), and in the others only the
        // loops and recursive calls that can are (AgentLoopCatalog.FindLoops). Sites likewise: only trees that spell a
        // site's name are read, and only the invocations, creations and assignments that do are bound (FindSites).
        context.RegisterSemanticModelAction(c =>
        {
            if (findLoops)
            {
                foreach (var loop in AgentLoopCatalog.FindLoops(loops, c.SemanticModel, c.CancellationToken))
                {
                    ReportLoop(d => GeneratedCodeFilter.Report(c, d), loop);
                }
            }

            if (findSites)
            {
                foreach (var site in AgentLoopCatalog.FindSites(loops, c.SemanticModel, c.CancellationToken))
                {
                    ReportSite(d => GeneratedCodeFilter.Report(c, d), site);
                }
            }
        });
    }

    private static void ReportLoop(System.Action<Diagnostic> report, AgentLoop loop)
    {
        if (loop.LacksIterationCap)
        {
            var subject = loop.Kind == AgentLoopKind.Recursion ? "Recursive agent method '" + loop.Method?.Name + "'" : "Agent loop calling '" + loop.LlmCall.Description + "'";
            var reason = loop.Kind == AgentLoopKind.Recursion
                ? "no depth parameter is checked against a limit"
                : "no counter, bound or step limit ends it";
            report(Diagnostic.Create(Rule, loop.Location, subject, reason));
        }
    }

    // Settings assigned in code (MaximumIterationsPerRequest = int.MaxValue) are reported at the assignment; the
    // creation or builder call they configure is not reported again (it leaves no default in force: AGR0009 is quiet).
    private static void ReportSite(System.Action<Diagnostic> report, FunctionInvocationSite site)
    {
        if (!site.LeavesDefaultCap
            && site.RemovesCap
            && (site.Kind is FunctionInvocationSiteKind.CapSetting or FunctionInvocationSiteKind.MagenticWorkflow or FunctionInvocationSiteKind.HandoffAutonomousMode
                || (site.Kind == FunctionInvocationSiteKind.SemanticKernelOrchestration && site.Cap is null)))
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(AGR0009FunctionInvocationDefaultCapAnalyzer.SiteKindProperty, site.Kind.ToString());
            report(Diagnostic.Create(Rule, site.Location, properties, site.Description, site.Detail));
        }
    }
}
