using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Analyzers.Recognition.Enforcement;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Analyzers.Rules;

/// <summary>
/// AGR0017 (Info): a chat pipeline or agent runs tools in a model loop (the sites AGR0009 knows: MEAI
/// <c>UseFunctionInvocation()</c> and <c>FunctionInvokingChatClient</c>, Agent Framework agents with tools and Harness agents, Semantic
/// Kernel auto-invocation, and AgentRules' own <c>UseAgentRules()</c>, which brings a function-invocation loop) and the
/// compilation sets no token or money limit anywhere: no
/// <c>RunBudgetOptions.MaxInputTokens/MaxOutputTokens/MaxTotalTokens/MaxCost</c>. An iteration cap bounds the number of
/// rounds, not what each round costs. Compilation-wide on purpose: one budget set anywhere silences every site (a miss
/// is cheaper than a false alarm). The question is answered once per compilation, by name first; the diagnostics stay
/// local to the site's file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AGR0017AgentRunWithoutBudgetAnalyzer : DiagnosticAnalyzer
{
    /// <summary>AGR0017: a pipeline or agent that runs tools with no token or money budget.</summary>
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        DiagnosticIds.AgentRunWithoutBudget,
        title: "Agent runs tools with no token or money budget",
        messageFormat: "{0} runs tools in a model loop with no token or money budget",
        DiagnosticCategories.AgentLoops,
        DiagnosticSeverity.Info,
        description: "An iteration cap bounds how many rounds a tool-calling loop runs, not what they cost: long tool results and growing histories make each round dearer. Give each run a token or money budget (RunBudgetOptions.MaxTotalTokens, MaxCost with a price table) through UseAgentRules() on the chat client or agent builder, so the run is refused with a reason when the budget is spent.");

    private const string RunBudgetOptions = "AgentRules.RunBudgetOptions";

    private static readonly SourceIndex.WordSet s_limitNames = SourceIndex.CreateWordSet(new[] { "MaxInputTokens", "MaxOutputTokens", "MaxTotalTokens", "MaxCost" });

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rule);

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
            return; // no framework that runs tools in a model loop
        }

        var compilation = context.Compilation;
        var types = loops.Types;
        var budgeted = new Lazy<bool>(() => SetsCostLimit(compilation, types, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
        context.RegisterSemanticModelAction(c =>
        {
            foreach (var site in AgentLoopCatalog.FindSites(loops, c.SemanticModel, c.CancellationToken))
            {
                if (RunsTools(site.Kind) && !budgeted.Value)
                {
                    GeneratedCodeFilter.Report(c, Diagnostic.Create(Rule, site.Location, site.Description));
                }
            }

            // UseAgentRules() on a chat client or agent builder brings its own function-invocation loop: a site too.
            var tree = c.SemanticModel.SyntaxTree;
            if (!SourceIndex.Contains(tree, "UseAgentRules", c.CancellationToken))
            {
                return;
            }

            foreach (var invocation in tree.GetRoot(c.CancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "UseAgentRules" } member
                    && GuardRegistrations.Classify(invocation, c.SemanticModel, c.CancellationToken) is GuardedPipelines.ChatClient or GuardedPipelines.Agent
                    && !budgeted.Value)
                {
                    GeneratedCodeFilter.Report(c, Diagnostic.Create(Rule, member.Name.GetLocation(), "UseAgentRules()"));
                }
            }
        });
    }

    private static bool RunsTools(FunctionInvocationSiteKind kind) => kind is FunctionInvocationSiteKind.UseFunctionInvocation
        or FunctionInvocationSiteKind.FunctionInvokingChatClient or FunctionInvocationSiteKind.ChatClientAgent
        or FunctionInvocationSiteKind.SemanticKernelAutoInvoke or FunctionInvocationSiteKind.SemanticKernelToolCallBehavior
        or FunctionInvocationSiteKind.HarnessAgent;

    // `options.MaxTotalTokens = …`, `o.Budget.MaxCost = …`, `new RunBudgetOptions { MaxOutputTokens = … }` anywhere in
    // the compilation: files that spell one of the names are read, and only those assignments are bound.
    // The budget type through the loop engine's KnownTypes: its answer from the references is carried to the next
    // compilation in the IDE, and a name two references define resolves to the one public definition.
    private static bool SetsCostLimit(Compilation compilation, KnownTypes types, CancellationToken cancellationToken)
    {
        if (types.Get(RunBudgetOptions) is not { } budgetType)
        {
            return false;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!SourceIndex.ContainsAny(tree, s_limitNames, cancellationToken))
            {
                continue;
            }

            // once per candidate file and compilation
            var model = SemanticModels.Create(compilation, tree);
            foreach (var assignment in tree.GetRoot(cancellationToken).DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                var name = assignment.Left switch
                {
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    _ => null,
                };
                if (name is "MaxInputTokens" or "MaxOutputTokens" or "MaxTotalTokens" or "MaxCost"
                    && model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is IPropertySymbol property
                    && SymbolEqualityComparer.Default.Equals(property.ContainingType, budgetType))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
