using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Loops;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules.AgentLoops;

/// <summary>
/// AGR0002 and AGR0003 on hand-written agent loops: <c>while</c>/<c>do</c>/<c>for</c>/<c>foreach</c> loops and methods
/// calling themselves whose iterations call a model (directly, or through lambdas, local functions and
/// same-compilation methods). Loops paced by a person and <c>await foreach</c> loops that only read one LLM stream are
/// not agent loops. The classification is <see cref="AgentLoopClassifier"/>'s; this class only reports.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AgentLoopAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: "true" when the LLM call lacking a token is made by the loop itself (not through a helper).</summary>
    public const string CallInLoopProperty = "CallInLoop";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.AgentLoopWithoutIterationCap,
        DiagnosticDescriptors.AgentLoopWithoutStopSignal);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var loops = AgentLoopContext.GetOrCreate(context.Compilation, context.Options.AnalyzerConfigOptionsProvider);
        if (loops is null || !loops.HasLlmApis)
        {
            return; // no LLM API referenced: nothing registered
        }

        // One action per tree rather than operation actions: a tree that mentions nothing that can lead to an LLM call
        // is never bound (operation actions would build every method's operation tree), and in the others only the
        // loops and recursive calls that can are (AgentLoopCatalog.FindLoops).
        context.RegisterSemanticModelAction(c =>
        {
            foreach (var loop in AgentLoopCatalog.FindLoops(loops, c.SemanticModel, c.CancellationToken))
            {
                Report(c.ReportDiagnostic, loop);
            }
        });
    }

    private static void Report(System.Action<Diagnostic> report, AgentLoop loop)
    {
        var what = loop.Kind == AgentLoopKind.Recursion ? "Recursive agent method '" + loop.Method?.Name + "'" : "Agent loop";
        if (loop.LacksIterationCap)
        {
            var subject = loop.Kind == AgentLoopKind.Recursion ? what : what + " calling '" + loop.LlmCall.Description + "'";
            var reason = loop.Kind == AgentLoopKind.Recursion
                ? "no depth parameter is checked against a limit"
                : "no counter, bound or step limit ends it";
            report(Diagnostic.Create(DiagnosticDescriptors.AgentLoopWithoutIterationCap, loop.Location, subject, reason));
        }

        if (loop.LacksStopSignal && loop.OwnLlmCall is { } own)
        {
            var subject = loop.Kind == AgentLoopKind.Recursion ? what : what + " calling '" + own.Description + "'";
            var properties = ImmutableDictionary<string, string?>.Empty.Add(CallInLoopProperty, own.Via is null ? "true" : "false");
            report(Diagnostic.Create(
                DiagnosticDescriptors.AgentLoopWithoutStopSignal,
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
