using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Rules.AgentLoops;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules.Enforcement;

/// <summary>
/// AGR0017 (Info): a chat pipeline or agent runs tools in a model loop (the sites AGR0009 knows: MEAI
/// <c>UseFunctionInvocation()</c> and <c>FunctionInvokingChatClient</c>, Agent Framework agents with tools, Semantic
/// Kernel auto-invocation, and AgentRules' own <c>UseAgentRules()</c>, which brings a function-invocation loop) and the
/// compilation sets no token or money limit anywhere: no
/// <c>RunBudgetOptions.MaxInputTokens/MaxOutputTokens/MaxTotalTokens/MaxCost</c>. An iteration cap bounds the number of
/// rounds, not what each round costs. Compilation-wide on purpose: one budget set anywhere silences every site (a miss
/// is cheaper than a false alarm), and it is reported at the end of the compilation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingRunBudgetAnalyzer : DiagnosticAnalyzer
{
    private const string RunBudgetOptions = "AgentRules.RunBudgetOptions";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.AgentRunWithoutBudget);

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
            return; // no framework that runs tools in a model loop
        }

        var budgetType = context.Compilation.GetTypeByMetadataName(RunBudgetOptions);
        var sites = new ConcurrentQueue<(Location Location, string Description)>();
        var budgeted = 0;
        if (budgetType is not null)
        {
            context.RegisterSyntaxNodeAction(
                c =>
                {
                    if (Volatile.Read(ref budgeted) == 0 && SetsCostLimit((AssignmentExpressionSyntax)c.Node, c.SemanticModel, budgetType, c.CancellationToken))
                    {
                        Volatile.Write(ref budgeted, 1);
                    }
                },
                SyntaxKind.SimpleAssignmentExpression);
        }

        context.RegisterSemanticModelAction(c =>
        {
            foreach (var site in AgentLoopCatalog.FindSites(loops, c.SemanticModel, c.CancellationToken))
            {
                if (RunsTools(site.Kind))
                {
                    sites.Enqueue((site.Location, site.Description));
                }
            }
        });
        // UseAgentRules() on a chat client or agent builder brings its own function-invocation loop: a site too.
        context.RegisterSyntaxNodeAction(
            c =>
            {
                var invocation = (InvocationExpressionSyntax)c.Node;
                if (invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "UseAgentRules" } member
                    && GuardRegistrations.Classify(invocation, c.SemanticModel, c.CancellationToken) is GuardedPipelines.ChatClient or GuardedPipelines.Agent)
                {
                    sites.Enqueue((member.Name.GetLocation(), "UseAgentRules()"));
                }
            },
            SyntaxKind.InvocationExpression);

        context.RegisterCompilationEndAction(c =>
        {
            if (Volatile.Read(ref budgeted) != 0)
            {
                return;
            }

            foreach (var site in sites)
            {
                c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AgentRunWithoutBudget, site.Location, site.Description));
            }
        });
    }

    private static bool RunsTools(FunctionInvocationSiteKind kind) => kind is FunctionInvocationSiteKind.UseFunctionInvocation
        or FunctionInvocationSiteKind.FunctionInvokingChatClient or FunctionInvocationSiteKind.ChatClientAgent
        or FunctionInvocationSiteKind.SemanticKernelAutoInvoke or FunctionInvocationSiteKind.SemanticKernelToolCallBehavior;

    // `options.MaxTotalTokens = …`, `o.Budget.MaxCost = …`, `new RunBudgetOptions { MaxOutputTokens = … }`: the name
    // is checked first, and only those assignments are bound.
    private static bool SetsCostLimit(AssignmentExpressionSyntax assignment, SemanticModel model, INamedTypeSymbol budgetType, CancellationToken cancellationToken)
    {
        var name = assignment.Left switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };
        if (name is not ("MaxInputTokens" or "MaxOutputTokens" or "MaxTotalTokens" or "MaxCost"))
        {
            return false;
        }

        return model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is IPropertySymbol property
            && SymbolEqualityComparer.Default.Equals(property.ContainingType, budgetType);
    }
}
