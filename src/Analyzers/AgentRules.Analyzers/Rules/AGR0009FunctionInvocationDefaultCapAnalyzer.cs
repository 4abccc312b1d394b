using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0009 on function-invocation sites left at the framework's default cap (MEAI <c>UseFunctionInvocation()</c> and
/// <c>FunctionInvokingChatClient</c>, Agent Framework agents with tools, Semantic Kernel auto-invocation). Sites are
/// <see cref="FunctionInvocationSiteRecognizer"/>'s, found once per tree (<see cref="AgentLoopCatalog.FindSites"/>) and
/// shared with AGR0002, which reports the settings that remove a cap; this class only reports.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0009FunctionInvocationDefaultCapAnalyzer : DiagnosticAnalyzer
{
    /// <summary>AGR0009: a function-invocation site that leaves the framework's implicit default cap in force.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.FunctionInvocationDefaultCap,
        title: "Function-invocation loop relies on the framework's default cap",
        messageFormat: "{0} leaves the framework's default iteration cap in force: {1}",
        DiagnosticCategories.AgentLoops,
        DiagnosticSeverity.Info,
        description: "Frameworks cap their tool-calling loops with defaults that differ (Microsoft.Extensions.AI 40, 10 before 9.8; Semantic Kernel 128 and not configurable) and drift between releases. State the cap in code: set FunctionInvokingChatClient.MaximumIterationsPerRequest, or for Semantic Kernel add an IAutoFunctionInvocationFilter that sets context.Terminate.");

    /// <summary>Diagnostic property (AGR0009 and AGR0002 on sites): the <see cref="FunctionInvocationSiteKind"/> of the site.</summary>
    public const string SiteKindProperty = "SiteKind";

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
        if (loops is null || !loops.Sites.HasSiteTypes)
        {
            return; // no framework with a function-invocation loop: nothing registered
        }

        // One action per tree: only trees that spell a site's name are read, and only the invocations, creations
        // and assignments that do are bound (AgentLoopCatalog.FindSites, shared with AGR0002).
        context.RegisterSemanticModelAction(c =>
        {
            foreach (var site in AgentLoopCatalog.FindSites(loops, c.SemanticModel, c.CancellationToken))
            {
                if (site.LeavesDefaultCap)
                {
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(SiteKindProperty, site.Kind.ToString());
                    GeneratedCodeFilter.Report(c, Diagnostic.Create(Rule, site.Location, properties, site.Description, site.Detail));
                }
            }
        });
    }
}
