using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0003 on hand-written agent loops that nothing outside can stop: no iteration passes a live token to its own LLM
/// call, checks one or checks a KillSwitch. The loops are <see cref="AgentLoopCatalog.FindLoops"/>'s, classified once
/// per tree and shared with AGR0002 (<see cref="AGR0002AgentLoopWithoutIterationCapAnalyzer"/>) and the process spec;
/// this class only reports.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0003AgentLoopWithoutStopSignalAnalyzer : DiagnosticAnalyzer
{
    /// <summary>AGR0003: an agent loop that observes no kill switch or cancellation.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.AgentLoopWithoutStopSignal,
        title: "Agent loop does not observe a kill switch or cancellation",
        messageFormat: "{0} does not observe a kill switch or cancellation: {1}",
        DiagnosticCategories.AgentLoops,
        DiagnosticSeverity.Warning,
        description: "Nothing outside an agent loop can stop it: no iteration passes a live CancellationToken to its LLM call, checks IsCancellationRequested, or checks an AgentRules KillSwitch. Pass the token in scope (or KillSwitch.Global.Token) to the LLM call, so that stopping the agent aborts the call in flight.");

    /// <summary>Diagnostic property: "true" when the LLM call lacking a token is made by the loop itself (not through a helper).</summary>
    public const string CallInLoopProperty = "CallInLoop";

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
        if (loops is null || !loops.HasLlmApis)
        {
            return; // no LLM API referenced: nothing registered
        }

        // One action per tree (see AGR0002): the loops are found and classified once per tree for both rules.
        context.RegisterSemanticModelAction(c =>
        {
            foreach (var loop in AgentLoopCatalog.FindLoops(loops, c.SemanticModel, c.CancellationToken))
            {
                Report(d => GeneratedCodeFilter.Report(c, d), loop);
            }
        });
    }

    private static void Report(System.Action<Diagnostic> report, AgentLoop loop)
    {
        if (loop.LacksStopSignal && loop.OwnLlmCall is { } own)
        {
            var what = loop.Kind == AgentLoopKind.Recursion ? "Recursive agent method '" + loop.Method?.Name + "'" : "Agent loop";
            var subject = loop.Kind == AgentLoopKind.Recursion ? what : what + " calling '" + own.Description + "'";
            var properties = ImmutableDictionary<string, string?>.Empty.Add(CallInLoopProperty, own.Via is null ? "true" : "false");
            report(Diagnostic.Create(
                Rule,
                loop.Location,
                additionalLocations: new[] { own.Call.Operation.Syntax.GetLocation() },
                properties,
                subject,
                DescribeMissingStop(own, loop.Stop)));
        }
    }

    private static string DescribeMissingStop(LlmCallEvidence evidence, StopSignal stop)
    {
        const string NoCheck = " and nothing checks one or a KillSwitch";
        var call = evidence.Call;
        if (stop.Description.Length > 0)
        {
            // A token reaches the call, but a catch-all around it swallows the cancellation and the loop goes on.
            return "the cancellation of '" + call.Method.Name + "' is " + stop.Description + ", which goes on with the loop, and nothing else checks a token or a KillSwitch";
        }

        if (evidence.Via is { } via)
        {
            return "no CancellationToken reaches '" + call.Method.Name + "' through '" + via.Name + "'" + NoCheck;
        }

        return call.Token switch
        {
            TokenUse.Default => "'default' is passed to '" + call.Method.Name + "' as its CancellationToken" + NoCheck,
            TokenUse.None => "CancellationToken.None is passed to '" + call.Method.Name + "'" + NoCheck,
            TokenUse.NotAccepted => "'" + call.Method.Name + "' takes no CancellationToken" + NoCheck,
            _ => "no CancellationToken is passed to '" + call.Method.Name + "'" + NoCheck,
        };
    }
}
