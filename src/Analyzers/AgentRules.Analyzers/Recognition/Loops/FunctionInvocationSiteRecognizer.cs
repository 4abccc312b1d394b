using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Enforcement;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// Recognises the places where code hands a loop to a framework and the cap that applies there:
/// <c>UseFunctionInvocation(...)</c> and <c>new FunctionInvokingChatClient(...)</c> (MEAI, default 40), Agent Framework
/// <c>ChatClientAgent</c>s with tools (which add their own function invocation), Semantic Kernel
/// <c>FunctionChoiceBehavior.Auto()</c> and <c>ToolCallBehavior.AutoInvokeKernelFunctions</c> (128, not configurable),
/// Semantic Kernel orchestration managers (unlimited unless <c>MaximumInvocationCount</c> is set), Agent Framework
/// Magentic workflows (unlimited unless <c>WithMaxRounds(n)</c>), AgentRules' <c>UseAgentRules()</c> chat pipeline
/// (which brings its own <c>FunctionInvokingChatClient</c>), Agent Framework Harness agents (their own function loop,
/// default 40, unless <c>HarnessAgentOptions.MaximumIterationsPerRequest</c> is set), and assignments to framework cap
/// settings.
/// </summary>
public sealed class FunctionInvocationSiteRecognizer
{
    private const string MaximumIterationsPerRequest = "MaximumIterationsPerRequest";
    private readonly AgentLoopContext _context;
    private readonly Lazy<bool> _mentionsFunctionInvocation;
    private readonly Lazy<string?> _terminatingFilter;
    private readonly HashSet<string> _capSettingNames = new(StringComparer.Ordinal);
    private readonly object _namesLock = new();
    private readonly ConcurrentDictionary<SyntaxTree, bool> _candidateTrees = new();
    private volatile SiteNames? _names;

    internal FunctionInvocationSiteRecognizer(AgentLoopContext context)
    {
        _context = context;
        _mentionsFunctionInvocation = new Lazy<bool>(FindFunctionInvocationMention, LazyThreadSafetyMode.ExecutionAndPublication);
        _terminatingFilter = new Lazy<string?>(FindTerminatingFilter, LazyThreadSafetyMode.ExecutionAndPublication);
        foreach (var setting in AgentLoopApis.CapSettings)
        {
            _capSettingNames.Add(setting.Property);
        }
    }

    /// <summary>The framework types this recognizer needs are present.</summary>
    /// <summary>
    /// Every word a file must spell for <see cref="MayContain"/> to keep it, except the names of subclasses and
    /// factories read from referenced assemblies and global aliases (declared with one of these names): the fixed
    /// invocations, the framework types' simple names, the cap settings and <c>AutoInvokeKernelFunctions</c>. A subclass
    /// declared in source spells its base's name.
    /// </summary>
    public static ImmutableArray<string> SpellingWords { get; } = ImmutableArray.CreateRange(
        new HashSet<string>(
            SiteNames.FixedInvocations
                .Concat(new[]
                {
                    AgentLoopApis.FunctionInvokingChatClient, AgentLoopApis.FunctionInvokingRealtimeClient, AgentLoopApis.ToolApprovalAgent,
                    AgentLoopApis.ChatClientAgent, AgentLoopApis.HarnessAgent, AgentLoopApis.SemanticKernelGroupChatManager,
                    AgentLoopApis.SemanticKernelMagenticManager, AgentLoopApis.FunctionChoiceBehavior, AgentLoopApis.ToolCallBehavior,
                }.Select(static name => name.Substring(name.LastIndexOf('.') + 1)))
                .Concat(AgentLoopApis.CapSettings.Select(static setting => setting.Property))
                .Concat(new[] { "MagenticWorkflowBuilder", "FunctionChoiceBehavior", "ToolCallBehavior", "AutoInvokeKernelFunctions" }),
            StringComparer.Ordinal));

    public bool HasSiteTypes => _context.Types.AnyExists(
        AgentLoopApis.FunctionInvokingChatClient,
        AgentLoopApis.FunctionInvokingRealtimeClient,
        AgentLoopApis.HandoffWorkflowBuilderCore,
        AgentLoopApis.ToolApprovalAgent,
        AgentLoopApis.FunctionChoiceBehavior,
        AgentLoopApis.ToolCallBehavior,
        AgentLoopApis.ChatClientAgent,
        AgentLoopApis.HarnessAgent,
        AgentLoopApis.MagenticWorkflowBuilder,
        AgentLoopApis.SemanticKernelGroupChatManager,
        AgentLoopApis.SemanticKernelMagenticManager);

    /// <summary>
    /// False when a tree can contain no site: it spells none of the names a site is written with (the methods and
    /// settings above, the framework types and their subclasses in references and in source, the framework's
    /// methods that return an agent). A text-index check, cached per tree; true is only a maybe.
    /// </summary>
    public bool MayContain(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (_candidateTrees.TryGetValue(tree, out var candidate))
        {
            return candidate;
        }

        var names = GetNames(cancellationToken);
        return _candidateTrees.GetOrAdd(tree, AgentLoopSyntax.MentionsAny(tree, names.Words, cancellationToken));
    }

    /// <summary>
    /// Whether a node of a tree that <see cref="MayContain"/> sites is worth binding for <see cref="Recognize"/>: an
    /// invocation or creation by one of the names, a target-typed <c>new(...)</c>, an assignment to a cap setting, or
    /// <c>AutoInvokeKernelFunctions</c>. Syntax only; allocates nothing.
    /// </summary>
    public bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case InvocationExpressionSyntax invocation:
                return AgentLoopSyntax.RightmostName(invocation.Expression) is { } invoked && GetNames(cancellationToken).Invocations.Contains(invoked);
            case ObjectCreationExpressionSyntax creation:
                return AgentLoopSyntax.RightmostName(creation.Type) is { } created && GetNames(cancellationToken).Types.Contains(created);
            case ImplicitObjectCreationExpressionSyntax:
                return true;
            case AssignmentExpressionSyntax assignment:
                return assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression)
                    && AgentLoopSyntax.RightmostName(assignment.Left) is { } assigned && _capSettingNames.Contains(assigned);
            case MemberAccessExpressionSyntax member:
                return member.Name.Identifier.ValueText == AutoInvokeKernelFunctions;
            case IdentifierNameSyntax identifier:
                return identifier.Identifier.ValueText == AutoInvokeKernelFunctions
                    && !(identifier.Parent is MemberAccessExpressionSyntax parent && parent.Name == identifier);
            default:
                return false;
        }
    }

    private const string AutoInvokeKernelFunctions = "AutoInvokeKernelFunctions";

    /// <summary>
    /// The <see cref="IsCandidate"/> nodes of a tree, in source order, found from the words they are written with (a
    /// search of the text, not a walk of the tree): each occurrence's enclosing invocation, creation, assignment or
    /// member access, and every target-typed <c>new(...)</c>.
    /// </summary>
    public List<SyntaxNode> FindCandidates(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var words = GetNames(cancellationToken).SearchWords;
        var text = tree.GetText(cancellationToken).ToString();
        var root = tree.GetRoot(cancellationToken);
        var tokens = new List<SyntaxToken>();
        for (var i = 0; i < words.Count; i++)
        {
            if (SourceIndex.MayContain(tree, words, i, cancellationToken))
            {
                AgentLoopSyntax.FindTokens(root, text, words.Words[i], root.FullSpan, tokens);
            }
        }

        var found = new HashSet<SyntaxNode>();
        foreach (var token in tokens)
        {
            // The candidate is the token's name, or at most a few levels up: x.Name, x.Name(...), new Ns.Name(...), x.Name = ...
            var depth = 0;
            for (var node = token.Parent; node is not null && depth < 5; node = node.Parent, depth++)
            {
                if (IsCandidate(node, cancellationToken))
                {
                    found.Add(node);
                }
            }
        }

        var result = new List<SyntaxNode>(found);
        result.Sort(static (a, b) => a.SpanStart != b.SpanStart ? a.SpanStart.CompareTo(b.SpanStart) : b.Span.Length.CompareTo(a.Span.Length));
        return result;
    }

    private SiteNames GetNames(CancellationToken cancellationToken)
    {
        if (_names is { } names)
        {
            return names;
        }

        lock (_namesLock)
        {
            return _names ??= SiteNames.Compute(_context, _capSettingNames, cancellationToken);
        }
    }

    /// <summary>The site an operation is (an invocation, object creation, property reference or assignment), or null.</summary>
    public FunctionInvocationSite? Recognize(IOperation operation, CancellationToken cancellationToken)
    {
        return operation switch
        {
            IInvocationOperation invocation => RecognizeInvocation(invocation, cancellationToken),
            IObjectCreationOperation creation => RecognizeCreation(creation, cancellationToken),
            IPropertyReferenceOperation property => RecognizeToolCallBehavior(property),
            ISimpleAssignmentOperation assignment => RecognizeCapSetting(assignment),
            IInvalidOperation invalid => RecognizeUnboundAgent(invalid),
            _ => null,
        };
    }

    /// <summary>
    /// Code that does not fully compile (the provider's Agent Framework package missing, as in an IDE before a
    /// restore): <c>azureClient.GetChatClient("gpt-4.1").AsAIAgent(instructions: "…", tools: [...])</c> did not bind,
    /// but a provider's chat client made by <c>GetChatClient(…)</c> has no function invocation of its own, so an agent
    /// given tools there runs them through the <c>FunctionInvokingChatClient</c> it adds, at the default cap. Read only
    /// when Agent Framework itself is referenced, the receiver is visibly a provider's chat client, and a named
    /// <c>tools:</c> argument is not empty or <c>ChatClientAgentOptions</c> created there give tools (<c>ChatOptions.Tools</c>,
    /// or a context provider that injects them). The receiver is visibly one when it is a <c>GetChatClient(…)</c> call, that
    /// call adapted with <c>.AsIChatClient()</c> (the adapter adds no function invocation), or a local initialised with
    /// either and never assigned again (<c>var chatClient = openAi.GetChatClient(model); … chatClient.AsAIAgent(…)</c>).
    /// </summary>
    private FunctionInvocationSite? RecognizeUnboundAgent(IInvalidOperation invalid)
    {
        if (_context.Types.Get(AgentLoopApis.ChatClientAgent) is null
            || invalid.Syntax is not InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsAIAgent" or "CreateAIAgent" } member,
                ArgumentList: var arguments,
            }
            || !IsProviderChatClient(member.Expression, invalid.SemanticModel))
        {
            return null;
        }

        IOperation? tools = null;
        string? name = null;
        var optionsGiveTools = false;
        foreach (var argument in arguments.Arguments)
        {
            switch (argument.NameColon?.Name.Identifier.ValueText)
            {
                case "tools":
                    tools = ArgumentValue(invalid, argument);
                    break;
                case "name":
                    name = ArgumentValue(invalid, argument)?.ConstantValue is { HasValue: true, Value: string agentName } ? agentName : null;
                    break;
                case null or "options" when ArgumentValue(invalid, argument) is IObjectCreationOperation options
                    && IsType(options.Type as INamedTypeSymbol, AgentLoopApis.ChatClientAgentOptions):
                    // AsAIAgent(new ChatClientAgentOptions { ... }): the options bind though the call does not.
                    if (FindAssignment(options, "UseProvidedChatClientAsIs", instance: null) is { Value.ConstantValue: { HasValue: true, Value: true } })
                    {
                        return null;
                    }

                    optionsGiveTools = (FindAssignment(options, "Tools", instance: null) is { Value: var optionTools } && !AgentLoopContext.IsNullOrDefault(optionTools) && !IsEmptyCollection(optionTools))
                        || (FindAssignment(options, "AIContextProviders", instance: null) is { Value: var providers } && ProvidersGiveTools(providers, default));
                    break;
            }
        }

        if (!optionsGiveTools && (tools is null || AgentLoopContext.IsNullOrDefault(tools) || IsEmptyCollection(tools)))
        {
            return null;
        }

        var cap = FunctionInvocationDefault();
        return new FunctionInvocationSite(FunctionInvocationSiteKind.ChatClientAgent, NameLocation(member), invalid,
            name is null ? member.Name.Identifier.ValueText + "(...)" : "Agent '" + name + "'", CapSource.FrameworkDefault, cap,
            "the agent runs its tools through a FunctionInvokingChatClient with MaximumIterationsPerRequest = " + cap.ToString(CultureInfo.InvariantCulture)
            + "; give it a chat client built with UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = ...)");
    }

    /// <summary>
    /// Whether an expression is visibly a provider's chat client, which has no function invocation of its own:
    /// <c>x.GetChatClient(…)</c>, <c>x.GetChatClient(…).AsIChatClient()</c>, or a local initialised with one of them
    /// that nothing assigns again in the member (or top-level program) that declares it.
    /// </summary>
    private static bool IsProviderChatClient(ExpressionSyntax expression, SemanticModel? model)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        if (IsProviderChatClientCall(expression))
        {
            return true;
        }

        if (expression is not IdentifierNameSyntax identifier
            || model?.GetSymbolInfo(identifier).Symbol is not ILocalSymbol local
            || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: var initializer } declarator
            || !IsProviderChatClientCall(initializer))
        {
            return false;
        }

        var scope = declarator.Ancestors().FirstOrDefault(static n => n is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? declarator.SyntaxTree.GetRoot();
        foreach (var node in scope.DescendantNodes())
        {
            if ((node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } && target.Identifier.ValueText == local.Name)
                || (node is ArgumentSyntax { RefKindKeyword.RawKind: not 0, Expression: IdentifierNameSyntax passed } && passed.Identifier.ValueText == local.Name))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsProviderChatClientCall(ExpressionSyntax expression) => expression switch
    {
        InvocationExpressionSyntax call when AgentLoopSyntax.RightmostName(call.Expression) == "GetChatClient" => true,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsIChatClient", Expression: InvocationExpressionSyntax inner }, ArgumentList.Arguments.Count: 0 }
            => AgentLoopSyntax.RightmostName(inner.Expression) == "GetChatClient",
        _ => false,
    };

    private static IOperation? ArgumentValue(IInvalidOperation invalid, ArgumentSyntax argument)
    {
        foreach (var child in invalid.ChildOperations)
        {
            var value = child is IArgumentOperation wrapped ? wrapped.Value : child;
            if (value.Syntax == argument.Expression)
            {
                return value;
            }
        }

        return null;
    }

    private FunctionInvocationSite? RecognizeInvocation(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "UseAgentRules" when GuardRegistrations.Classify(method) == GuardedPipelines.ChatClient:
                return RecognizeUseAgentRules(invocation, cancellationToken);
            case "UseFunctionInvocation" when IsType(method.ContainingType, AgentLoopApis.FunctionInvokingChatClientBuilderExtensions)
                || IsType(method.ContainingType, AgentLoopApis.FunctionInvokingRealtimeClientBuilderExtensions):
                return RecognizeUseFunctionInvocation(invocation, cancellationToken);
            case "WithMaxResets" when IsType(method.ContainingType, AgentLoopApis.MagenticWorkflowBuilder):
                return RecognizeWithMaxResets(invocation);
            case "WithAutonomousMode" when IsType(method.ContainingType?.OriginalDefinition, AgentLoopApis.HandoffWorkflowBuilderCore):
                return RecognizeAutonomousMode(invocation);
            case "UseToolApproval" when IsType(method.ContainingType, AgentLoopApis.ToolApprovalAgentBuilderExtensions):
                return RecognizeToolApproval(invocation, invocation.Arguments, invocation.Syntax is InvocationExpressionSyntax { Expression: var approvalCall } ? NameLocation(approvalCall) : invocation.Syntax.GetLocation(), "UseToolApproval()");
            case "Auto" when IsType(method.ContainingType, AgentLoopApis.FunctionChoiceBehavior):
                return RecognizeAutoInvoke(invocation);
            case "WithMaxRounds" when IsType(method.ContainingType, AgentLoopApis.MagenticWorkflowBuilder):
                return RecognizeWithMaxRounds(invocation);
            case "AsHarnessAgent" when IsType(method.ContainingType, AgentLoopApis.ChatClientHarnessExtensions):
                return RecognizeHarness(invocation, invocation.Arguments, invocation.Syntax is InvocationExpressionSyntax { Expression: var harnessCall } ? NameLocation(harnessCall) : invocation.Syntax.GetLocation(), "AsHarnessAgent(...)", cancellationToken);
            case "CreateMagenticBuilderWith" when IsType(method.ReturnType as INamedTypeSymbol, AgentLoopApis.MagenticWorkflowBuilder):
                return RecognizeMagenticBuilder(invocation, invocation.Syntax is InvocationExpressionSyntax { Expression: var e } ? NameLocation(e) : invocation.Syntax.GetLocation(), cancellationToken);
        }

        if (_context.Types.Get(AgentLoopApis.ChatClientAgent) is { } agentType
            && method.ReturnType.IsOrDerivesFrom(agentType)
            && !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _context.Compilation.Assembly))
        {
            return RecognizeAgent(invocation, invocation.Arguments, method, cancellationToken);
        }

        return null;
    }

    private FunctionInvocationSite? RecognizeCreation(IObjectCreationOperation creation, CancellationToken cancellationToken)
    {
        if (creation.Type is not INamedTypeSymbol type)
        {
            return null;
        }

        if ((_context.Types.Get(AgentLoopApis.FunctionInvokingChatClient) is { } ficc && type.IsOrDerivesFrom(ficc))
            || (_context.Types.Get(AgentLoopApis.FunctionInvokingRealtimeClient) is { } firc && type.IsOrDerivesFrom(firc)))
        {
            return RecognizeFunctionInvokingChatClient(creation, type, cancellationToken);
        }

        if (_context.Types.Get(AgentLoopApis.ToolApprovalAgent) is { } approvalAgent && type.IsOrDerivesFrom(approvalAgent))
        {
            return RecognizeToolApproval(creation, creation.Arguments, TypeLocation(creation), "new " + type.Name + "(...)");
        }

        if (_context.Types.Get(AgentLoopApis.HarnessAgent) is { } harness && type.IsOrDerivesFrom(harness))
        {
            return RecognizeHarness(creation, creation.Arguments, TypeLocation(creation), "new " + type.Name + "(...)", cancellationToken);
        }

        if (_context.Types.Get(AgentLoopApis.ChatClientAgent) is { } agent && type.IsOrDerivesFrom(agent) && creation.Constructor is { } constructor)
        {
            return RecognizeAgent(creation, creation.Arguments, constructor, cancellationToken);
        }

        if (type.IsOrDerivesFrom(_context.Types.Get(AgentLoopApis.SemanticKernelGroupChatManager))
            || type.IsOrDerivesFrom(_context.Types.Get(AgentLoopApis.SemanticKernelMagenticManager)))
        {
            return RecognizeOrchestrationManager(creation, type, cancellationToken);
        }

        if (IsType(type, AgentLoopApis.MagenticWorkflowBuilder))
        {
            return RecognizeMagenticBuilder(creation, TypeLocation(creation), cancellationToken);
        }

        return null;
    }

    private FunctionInvocationSite RecognizeUseFunctionInvocation(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        var location = invocation.Syntax is InvocationExpressionSyntax { Expression: var expression } ? NameLocation(expression) : invocation.Syntax.GetLocation();
        var configure = FindArgument(invocation.Arguments, "configure");
        var (source, cap) = configure is null || configure.ArgumentKind == ArgumentKind.DefaultValue || AgentLoopContext.IsNullOrDefault(configure.Value)
            ? (CapSource.FrameworkDefault, (int?)FunctionInvocationDefault())
            : FindConfiguredCap(configure.Value, invocation.Syntax.SyntaxTree, cancellationToken);
        return new FunctionInvocationSite(FunctionInvocationSiteKind.UseFunctionInvocation, location, invocation, "UseFunctionInvocation()", source, cap, DescribeMeai(source, cap));
    }

    /// <summary>
    /// <c>UseAgentRules(configure)</c> (AgentRules.Extensions.AI) installs its own <c>FunctionInvokingChatClient</c> in
    /// place of <c>UseFunctionInvocation()</c>. Its cap is <c>MaximumIterationsPerRequest</c> set in the options'
    /// <c>ConfigureFunctionInvocation</c>, or else the run budget's <c>Budget.MaxModelCalls</c> (every model call the
    /// loop makes is admitted by it); with neither the framework default applies.
    /// </summary>
    private FunctionInvocationSite RecognizeUseAgentRules(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        const string Description = "UseAgentRules()";
        var location = invocation.Syntax is InvocationExpressionSyntax { Expression: var expression } ? NameLocation(expression) : invocation.Syntax.GetLocation();
        var tree = invocation.Syntax.SyntaxTree;
        var configure = FindArgument(invocation.Arguments, "configure");
        IOperation? options = null;
        if (configure is not null && configure.ArgumentKind != ArgumentKind.DefaultValue && !AgentLoopContext.IsNullOrDefault(configure.Value))
        {
            options = BodyOf(configure.Value, cancellationToken);
            if (options is null)
            {
                return new FunctionInvocationSite(FunctionInvocationSiteKind.UseAgentRules, location, invocation, Description, CapSource.Unknown, null,
                    "the options are configured in code the rules cannot read");
            }
        }

        var (source, cap) = options is not null && FindAssignment(options, "ConfigureFunctionInvocation", instance: null) is { } loop
            ? FindConfiguredCap(loop.Value, tree, cancellationToken)
            : (CapSource.FrameworkDefault, (int?)FunctionInvocationDefault());
        if (source != CapSource.FrameworkDefault)
        {
            return new FunctionInvocationSite(FunctionInvocationSiteKind.UseAgentRules, location, invocation, Description, source, cap, DescribeMeai(source, cap));
        }

        // The loop keeps its default; a model-call budget the options set caps it all the same (its own RunBudget,
        // when given, replaces Budget and is built elsewhere).
        if (options is not null
            && FindAssignment(options, "RunBudget", instance: null) is null
            && FindAssignment(options, "MaxModelCalls", instance: null) is { } calls
            && !(AgentLoopContext.Unwrap(calls.Value).ConstantValue is { HasValue: true, Value: int and <= 0 }))
        {
            var (budgetSource, budgetCap) = ClassifyCapValue(calls.Value, tree, nullMeansUnlimited: false);
            return new FunctionInvocationSite(FunctionInvocationSiteKind.UseAgentRules, location, invocation, Description, budgetSource, budgetCap,
                "the run budget admits " + (budgetCap is { } n ? "at most " + FormatCap(n) : "a set number of") + " model calls (Budget.MaxModelCalls)");
        }

        var fallback = cap ?? FunctionInvocationDefault();
        return new FunctionInvocationSite(FunctionInvocationSiteKind.UseAgentRules, location, invocation, Description, CapSource.FrameworkDefault, fallback,
            "its FunctionInvokingChatClient keeps MaximumIterationsPerRequest = " + fallback.ToString(CultureInfo.InvariantCulture)
            + "; set ConfigureFunctionInvocation = c => c.MaximumIterationsPerRequest = ..., or cap the run with Budget.MaxModelCalls");
    }

    /// <summary>The body of a delegate argument: a lambda's, or the source method a method group names.</summary>
    private IOperation? BodyOf(IOperation value, CancellationToken cancellationToken)
    {
        value = AgentLoopContext.Unwrap(value);
        if (value is IDelegateCreationOperation delegateCreation)
        {
            value = delegateCreation.Target;
        }

        return value switch
        {
            IAnonymousFunctionOperation lambda => lambda.Body,
            IMethodReferenceOperation reference => _context.LlmSearch.GetBody(reference.Method, cancellationToken),
            _ => null,
        };
    }

    private FunctionInvocationSite RecognizeFunctionInvokingChatClient(IObjectCreationOperation creation, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var tree = creation.Syntax.SyntaxTree;
        (CapSource, int?)? found = null;
        if (creation.Initializer is { } initializer && FindAssignment(initializer, MaximumIterationsPerRequest, instance: null) is { } assigned)
        {
            found = ClassifyCapValue(assigned.Value, tree, nullMeansUnlimited: false);
        }
        else if (ConstructorsAssign(type, MaximumIterationsPerRequest, cancellationToken))
        {
            found = (CapSource.Explicit, null);
        }
        else if (GetAssignedSymbol(creation) is { } symbol && EnclosingBody(creation) is { } body
            && FindAssignment(body, MaximumIterationsPerRequest, symbol) is { } later)
        {
            found = ClassifyCapValue(later.Value, tree, nullMeansUnlimited: false);
        }

        var (source, cap) = found ?? (CapSource.FrameworkDefault, FunctionInvocationDefault());
        return new FunctionInvocationSite(FunctionInvocationSiteKind.FunctionInvokingChatClient, TypeLocation(creation), creation, "new " + type.Name + "(...)", source, cap, DescribeMeai(source, cap));
    }

    private FunctionInvocationSite? RecognizeAutoInvoke(IInvocationOperation invocation)
    {
        if (FindArgument(invocation.Arguments, "autoInvoke") is { ArgumentKind: not ArgumentKind.DefaultValue } autoInvoke
            && autoInvoke.Value.ConstantValue is { HasValue: true, Value: false })
        {
            return null; // the caller invokes the functions: a hand-written loop, judged as one
        }

        var location = invocation.Syntax is InvocationExpressionSyntax { Expression: var expression } ? NameLocation(expression) : invocation.Syntax.GetLocation();
        return SemanticKernelSite(FunctionInvocationSiteKind.SemanticKernelAutoInvoke, location, invocation, "FunctionChoiceBehavior.Auto()");
    }

    private FunctionInvocationSite? RecognizeToolCallBehavior(IPropertyReferenceOperation property)
    {
        if (property.Property.Name != "AutoInvokeKernelFunctions" || !IsType(property.Property.ContainingType, AgentLoopApis.ToolCallBehavior))
        {
            return null;
        }

        var location = property.Syntax is MemberAccessExpressionSyntax member ? member.Name.GetLocation() : property.Syntax.GetLocation();
        return SemanticKernelSite(FunctionInvocationSiteKind.SemanticKernelToolCallBehavior, location, property, "ToolCallBehavior.AutoInvokeKernelFunctions");
    }

    private FunctionInvocationSite SemanticKernelSite(FunctionInvocationSiteKind kind, Location location, IOperation operation, string description)
    {
        if (_terminatingFilter.Value is { } filter)
        {
            return new FunctionInvocationSite(kind, location, operation, description, CapSource.Explicit, null,
                "the IAutoFunctionInvocationFilter '" + filter + "' sets context.Terminate");
        }

        return new FunctionInvocationSite(kind, location, operation, description, CapSource.NotConfigurable, AgentLoopApis.SemanticKernelAutoInvokeLimit,
            "Semantic Kernel auto-invokes functions for up to 128 requests, an internal limit that cannot be configured; add an IAutoFunctionInvocationFilter that sets context.Terminate");
    }

    private FunctionInvocationSite? RecognizeAgent(IOperation operation, IEnumerable<IArgumentOperation> arguments, IMethodSymbol method, CancellationToken cancellationToken)
    {
        var toolsVisible = false;
        IOperation? client = null;
        IArgumentOperation? clientFactory = null;
        var chatClient = _context.Types.Get(AgentLoopApis.IChatClient);
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                continue;
            }

            if (parameter.Name == "tools" && argument.ArgumentKind != ArgumentKind.DefaultValue && !AgentLoopContext.IsNullOrDefault(argument.Value) && !IsEmptyCollection(argument.Value))
            {
                toolsVisible = true;
            }
            else if (IsType(parameter.Type as INamedTypeSymbol, AgentLoopApis.ChatClientAgentOptions) && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                if (FindAssignment(argument.Value, "UseProvidedChatClientAsIs", instance: null) is { Value.ConstantValue: { HasValue: true, Value: true } })
                {
                    return null; // the agent adds no function invocation of its own
                }

                toolsVisible |= FindAssignment(argument.Value, "Tools", instance: null) is { Value: var tools } && !AgentLoopContext.IsNullOrDefault(tools) && !IsEmptyCollection(tools);
                toolsVisible |= FindAssignment(argument.Value, "AIContextProviders", instance: null) is { Value: var providers } && ProvidersGiveTools(providers, cancellationToken);
            }
            else if (parameter.Name == "clientFactory" && argument.ArgumentKind != ArgumentKind.DefaultValue && !AgentLoopContext.IsNullOrDefault(argument.Value))
            {
                clientFactory = argument;
            }
            else if (client is null
                && ((chatClient is not null && SymbolEqualityComparer.Default.Equals(parameter.Type, chatClient)) || IsType(parameter.Type as INamedTypeSymbol, AgentLoopApis.ChatClientBuilder)))
            {
                client = argument.Value; // the chat client, or the builder that will make it (BuildAIAgent)
            }
        }

        if (!toolsVisible)
        {
            return null; // no tools given here: no function loop to cap
        }

        var hasFunctionInvocation = clientFactory is not null
            ? (ContainsFunctionInvocation(clientFactory.Value) ? Presence.Yes : Presence.Unknown)
            : client is null ? Presence.No : GetFunctionInvocation(client, 0, cancellationToken);
        if (hasFunctionInvocation == Presence.Yes || (hasFunctionInvocation == Presence.Unknown && _mentionsFunctionInvocation.Value))
        {
            return null; // the client's own function invocation decides (and is a site of its own)
        }

        var name = FindArgument(arguments, "name")?.Value.ConstantValue is { HasValue: true, Value: string agentName } ? agentName : null;
        var description = name is null ? (operation is IObjectCreationOperation ? "ChatClientAgent" : method.Name + "(...)") : "Agent '" + name + "'";
        var location = operation switch
        {
            IObjectCreationOperation creation => TypeLocation(creation),
            IInvocationOperation { Syntax: InvocationExpressionSyntax { Expression: var expression } } => NameLocation(expression),
            _ => operation.Syntax.GetLocation(),
        };
        var cap = FunctionInvocationDefault();
        return new FunctionInvocationSite(FunctionInvocationSiteKind.ChatClientAgent, location, operation, description, CapSource.FrameworkDefault, cap,
            "the agent runs its tools through a FunctionInvokingChatClient with MaximumIterationsPerRequest = " + cap.ToString(CultureInfo.InvariantCulture)
            + "; give it a chat client built with UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = ...)");
    }

    /// <summary>
    /// <c>new HarnessAgent(chatClient, options)</c> or <c>chatClient.AsHarnessAgent(options)</c> (Microsoft.Agents.AI.Harness
    /// 1.19): the harness always puts its own <c>FunctionInvokingChatClient</c> over the client — also over one that has
    /// function invocation already, which then runs inside it — and always has tools (web search and its context
    /// providers' tools unless disabled, plus <c>ChatOptions.Tools</c>). Its cap is
    /// <c>HarnessAgentOptions.MaximumIterationsPerRequest</c>, the function-invocation default (40) when null. Options
    /// built here (or in a local assigned once) are read: left unset or null, the default is in force; set to a value,
    /// the site is explicit (the assignment is a cap-setting site of its own, judged by AGR0002). Options from elsewhere
    /// cannot be read: the site's cap is unknown, and nothing is reported about it.
    /// </summary>
    private FunctionInvocationSite RecognizeHarness(IOperation operation, IEnumerable<IArgumentOperation> arguments, Location location, string description, CancellationToken cancellationToken)
    {
        var options = FindArgument(arguments, "options");
        CapSource source;
        string? name = null;
        if (options is null || options.ArgumentKind == ArgumentKind.DefaultValue || AgentLoopContext.IsNullOrDefault(options.Value))
        {
            source = CapSource.FrameworkDefault;
        }
        else
        {
            (source, name) = ReadHarnessOptions(options.Value, cancellationToken);
        }

        if (name is not null)
        {
            description = "Agent '" + name + "'";
        }

        var cap = FunctionInvocationDefault();
        var detail = source switch
        {
            CapSource.FrameworkDefault => "the harness runs its tools through its own FunctionInvokingChatClient (even over a client that has one) with MaximumIterationsPerRequest = "
                + cap.ToString(CultureInfo.InvariantCulture) + "; set HarnessAgentOptions.MaximumIterationsPerRequest",
            CapSource.Explicit => "HarnessAgentOptions.MaximumIterationsPerRequest is set",
            _ => "HarnessAgentOptions are built in code the rules cannot read",
        };
        return new FunctionInvocationSite(FunctionInvocationSiteKind.HarnessAgent, location, operation, description, source, source == CapSource.FrameworkDefault ? cap : null, detail);
    }

    /// <summary>Whether options handed to a harness set <c>MaximumIterationsPerRequest</c>, and the agent's name where it is a constant.</summary>
    private (CapSource Source, string? Name) ReadHarnessOptions(IOperation value, CancellationToken cancellationToken)
    {
        const string Setting = "MaximumIterationsPerRequest";
        value = AgentLoopContext.Unwrap(value);
        ISymbol? local = null;
        if (value is ILocalReferenceOperation reference)
        {
            local = reference.Local;
            if (FindLocalInitializer(reference, cancellationToken) is not { } initializer)
            {
                return (CapSource.Unknown, null);
            }

            value = AgentLoopContext.Unwrap(initializer);
        }

        if (value is not IObjectCreationOperation creation || !IsType(creation.Type as INamedTypeSymbol, AgentLoopApis.HarnessAgentOptions))
        {
            return (CapSource.Unknown, null); // a parameter, a field, a factory: built where the rules do not look
        }

        var name = creation.Initializer is { } named && FindAssignment(named, "Name", instance: null) is { Value.ConstantValue: { HasValue: true, Value: string agentName } } ? agentName : null;
        var assigned = creation.Initializer is { } initializer2 ? FindAssignment(initializer2, Setting, instance: null) : null;
        if (assigned is null && local is not null && EnclosingBody(creation) is { } body)
        {
            assigned = FindAssignment(body, Setting, local); // options.MaximumIterationsPerRequest = 8; after the initializer
        }

        return assigned is null || AgentLoopContext.IsNullOrDefault(assigned.Value)
            ? (CapSource.FrameworkDefault, name)
            : (CapSource.Explicit, name);
    }

    private FunctionInvocationSite RecognizeOrchestrationManager(IObjectCreationOperation creation, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        const string Setting = "MaximumInvocationCount";
        var tree = creation.Syntax.SyntaxTree;
        (CapSource Source, int? Cap) result;
        if (creation.Initializer is { } initializer && FindAssignment(initializer, Setting, instance: null) is { } assigned)
        {
            result = ClassifyCapValue(assigned.Value, tree, nullMeansUnlimited: false);
        }
        else if (ConstructorsAssign(type, Setting, cancellationToken))
        {
            result = (CapSource.Explicit, null);
        }
        else
        {
            result = (CapSource.Removed, null);
        }

        var detail = result.Source == CapSource.Removed
            ? (result.Cap is { } c ? Setting + " is " + FormatCap(c) + ", above agentrules.max_iterations_ceiling (" + Ceiling(tree) + ")" : type.Name + "." + Setting + " defaults to int.MaxValue")
            : Setting + " is set";
        return new FunctionInvocationSite(FunctionInvocationSiteKind.SemanticKernelOrchestration, TypeLocation(creation), creation, "The " + type.Name + " orchestration", result.Source, result.Cap, detail);
    }

    private FunctionInvocationSite? RecognizeWithMaxRounds(IInvocationOperation invocation)
    {
        var location = invocation.Syntax is InvocationExpressionSyntax { Expression: var expression } ? NameLocation(expression) : invocation.Syntax.GetLocation();
        var argument = FindArgument(invocation.Arguments, "maxRounds");
        var tree = invocation.Syntax.SyntaxTree;
        var (source, cap) = argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue
            ? (CapSource.Removed, (int?)null)
            : ClassifyCapValue(argument.Value, tree, nullMeansUnlimited: true);
        var detail = source != CapSource.Removed
            ? "WithMaxRounds(" + (cap?.ToString(CultureInfo.InvariantCulture) ?? "...") + ")"
            : cap is { } c ? "WithMaxRounds(" + FormatCap(c) + ") is above agentrules.max_iterations_ceiling (" + Ceiling(tree) + ")" : "WithMaxRounds(null) means unlimited rounds";
        return new FunctionInvocationSite(FunctionInvocationSiteKind.MagenticWorkflow, location, invocation, "The Magentic workflow", source, cap, detail);
    }

    /// <summary><c>WithMaxResets(n)</c>: null (the default argument) lets the Magentic manager reset its plan without limit.</summary>
    private FunctionInvocationSite? RecognizeWithMaxResets(IInvocationOperation invocation)
    {
        var location = invocation.Syntax is InvocationExpressionSyntax { Expression: var expression } ? NameLocation(expression) : invocation.Syntax.GetLocation();
        var argument = FindArgument(invocation.Arguments, "maxResets");
        var tree = invocation.Syntax.SyntaxTree;
        var (source, cap) = argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue
            ? (CapSource.Removed, (int?)null)
            : ClassifyCapValue(argument.Value, tree, nullMeansUnlimited: true);
        var detail = source != CapSource.Removed
            ? "WithMaxResets(" + (cap?.ToString(CultureInfo.InvariantCulture) ?? "...") + ")"
            : cap is { } c ? "WithMaxResets(" + FormatCap(c) + ") is above agentrules.max_iterations_ceiling (" + Ceiling(tree) + ")" : "WithMaxResets(null) means unlimited plan resets";
        return new FunctionInvocationSite(FunctionInvocationSiteKind.MagenticWorkflow, location, invocation, "The Magentic workflow", source, cap, detail);
    }

    /// <summary>
    /// <c>WithAutonomousMode(turnLimit, ...)</c> on a handoff workflow builder: agents keep going on their own for up
    /// to <c>turnLimit</c> turns, 50 when it is left null.
    /// </summary>
    private FunctionInvocationSite RecognizeAutonomousMode(IInvocationOperation invocation)
    {
        var location = invocation.Syntax is InvocationExpressionSyntax { Expression: var expression } ? NameLocation(expression) : invocation.Syntax.GetLocation();
        var argument = FindArgument(invocation.Arguments, "turnLimit");
        var tree = invocation.Syntax.SyntaxTree;
        var (source, cap) = argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue
            ? (CapSource.FrameworkDefault, (int?)AgentLoopApis.HandoffAutonomousTurnDefault)
            : ClassifyCapValue(argument.Value, tree, nullMeansUnlimited: false);
        if (source == CapSource.FrameworkDefault)
        {
            cap = AgentLoopApis.HandoffAutonomousTurnDefault;
        }

        var detail = source switch
        {
            CapSource.FrameworkDefault => "turnLimit defaults to " + AgentLoopApis.HandoffAutonomousTurnDefault.ToString(CultureInfo.InvariantCulture) + " turns; pass turnLimit explicitly",
            CapSource.Removed => "turnLimit is " + (cap is { } c ? FormatCap(c) + ", above agentrules.max_iterations_ceiling (" + Ceiling(tree) + ")" : "unlimited"),
            _ => "turnLimit is set",
        };
        return new FunctionInvocationSite(FunctionInvocationSiteKind.HandoffAutonomousMode, location, invocation, "The handoff workflow's autonomous mode", source, cap, detail);
    }

    /// <summary>
    /// <c>UseToolApproval(options)</c> or <c>new ToolApprovalAgent(agent, options)</c>: the agent re-runs itself for
    /// auto-approved tool calls up to <c>MaxAutoApprovalIterations</c> times (40 when null or not set). Options that
    /// are not created here cannot be read: no site. A value assigned here is judged as a cap setting.
    /// </summary>
    private static FunctionInvocationSite? RecognizeToolApproval(IOperation operation, IEnumerable<IArgumentOperation> arguments, Location location, string description)
    {
        const string Setting = "MaxAutoApprovalIterations";
        var options = FindArgument(arguments, "options");
        if (options is not null && options.ArgumentKind != ArgumentKind.DefaultValue && !AgentLoopContext.IsNullOrDefault(options.Value))
        {
            if (AgentLoopContext.Unwrap(options.Value) is not IObjectCreationOperation creation)
            {
                return null; // options built elsewhere
            }

            if (creation.Initializer is { } initializer && FindAssignment(initializer, Setting, instance: null) is { } assigned
                && !(AgentLoopContext.IsNullOrDefault(assigned.Value) && !assigned.Value.Type.IsValueTypeNotNullable()))
            {
                return null; // set here: the assignment is a cap-setting site of its own
            }
        }

        var cap = AgentLoopApis.ToolApprovalIterationsDefault;
        return new FunctionInvocationSite(FunctionInvocationSiteKind.ToolApprovalAgent, location, operation, description, CapSource.FrameworkDefault, cap,
            "ToolApprovalAgentOptions.MaxAutoApprovalIterations defaults to " + cap.ToString(CultureInfo.InvariantCulture) + "; set it explicitly");
    }

    private FunctionInvocationSite? RecognizeMagenticBuilder(IOperation creation, Location location, CancellationToken cancellationToken)
    {
        // A fluent chain: new MagenticWorkflowBuilder(manager).AddParticipants(...).WithMaxRounds(10).Build()
        for (var current = creation.Parent; current is not null; current = current.Parent)
        {
            if (current is IInvocationOperation { TargetMethod.Name: "WithMaxRounds" } withMaxRounds && IsType(withMaxRounds.TargetMethod.ContainingType, AgentLoopApis.MagenticWorkflowBuilder))
            {
                return null; // judged at WithMaxRounds
            }

            if (current is IBlockOperation or IExpressionStatementOperation or IVariableDeclaratorOperation or IReturnOperation)
            {
                break;
            }
        }

        // Or a builder kept in a variable and configured later.
        if (GetAssignedSymbol(creation) is { } symbol && EnclosingBody(creation) is { } body)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is IInvocationOperation { TargetMethod.Name: "WithMaxRounds" } later && ReceiverChainReferences(later.Instance, symbol))
                {
                    return null;
                }
            }
        }
        else if (GetAssignedSymbol(creation) is not null || creation.Parent is IArgumentOperation or IReturnOperation)
        {
            return null; // handed elsewhere: cannot tell
        }

        return new FunctionInvocationSite(FunctionInvocationSiteKind.MagenticWorkflow, location, creation, "The Magentic workflow", CapSource.Removed, null,
            "rounds are unlimited unless WithMaxRounds(n) is called");
    }

    private FunctionInvocationSite? RecognizeCapSetting(ISimpleAssignmentOperation assignment)
    {
        if (AgentLoopContext.Unwrap(assignment.Target) is not IPropertyReferenceOperation { Property: var property } || !_capSettingNames.Contains(property.Name))
        {
            return null;
        }

        foreach (var setting in AgentLoopApis.CapSettings)
        {
            if (setting.Property != property.Name || _context.Types.Get(setting.TypeMetadataName) is not { } type || !property.ContainingType.IsOrDerivesFrom(type))
            {
                continue;
            }

            var tree = assignment.Syntax.SyntaxTree;
            var (source, cap) = ClassifyCapValue(assignment.Value, tree, setting.NullMeansUnlimited);
            var detail = source == CapSource.Removed
                ? property.ContainingType.Name + "." + property.Name + " is set to " + (cap is { } c ? FormatCap(c) + ", above agentrules.max_iterations_ceiling (" + Ceiling(tree) + ")" : "unlimited")
                : property.ContainingType.Name + "." + property.Name + " is set (framework default " + setting.Default + ")";
            var location = assignment.Target.Syntax switch
            {
                MemberAccessExpressionSyntax member => member.Name.GetLocation(),
                _ => assignment.Target.Syntax.GetLocation(),
            };
            return new FunctionInvocationSite(FunctionInvocationSiteKind.CapSetting, location, assignment, Describe(setting), source, cap, detail);
        }

        return null;
    }

    private static string Describe(CapSetting setting) => setting.Property switch
    {
        "MaximumIterationsPerRequest" => "The function-invocation loop",
        "MaximumIterations" => "The agent group chat",
        "MaximumInvocationCount" => "The group chat orchestration",
        "MaximumIterationCount" => "The group chat workflow",
        "MaxIterations" => "The loop agent",
        "MaxAutoApprovalIterations" => "The tool-approval loop",
        _ => "The agent loop",
    };

    private (CapSource, int?) FindConfiguredCap(IOperation configure, SyntaxTree tree, CancellationToken cancellationToken)
    {
        var value = AgentLoopContext.Unwrap(configure);
        if (value is IDelegateCreationOperation delegateCreation)
        {
            value = delegateCreation.Target;
        }

        IOperation? body = value switch
        {
            IAnonymousFunctionOperation lambda => lambda.Body,
            IMethodReferenceOperation reference => _context.LlmSearch.GetBody(reference.Method, cancellationToken),
            _ => null,
        };

        if (body is null)
        {
            return (CapSource.Unknown, null);
        }

        return FindAssignment(body, MaximumIterationsPerRequest, instance: null) is { } assigned
            ? ClassifyCapValue(assigned.Value, tree, nullMeansUnlimited: false)
            : (CapSource.FrameworkDefault, FunctionInvocationDefault());
    }

    private (CapSource, int?) ClassifyCapValue(IOperation value, SyntaxTree tree, bool nullMeansUnlimited)
    {
        if (AgentLoopContext.IsNullOrDefault(value) && !value.Type.IsValueTypeNotNullable())
        {
            return nullMeansUnlimited ? (CapSource.Removed, null) : (CapSource.FrameworkDefault, null);
        }

        if (IterationCapRecognizer.IsUnbounded(value))
        {
            return (CapSource.Removed, int.MaxValue);
        }

        if (AgentLoopContext.Unwrap(value).ConstantValue is { HasValue: true, Value: int constant })
        {
            return constant > Ceiling(tree) ? (CapSource.Removed, constant) : (CapSource.Explicit, constant);
        }

        return (CapSource.Explicit, null);
    }

    private int Ceiling(SyntaxTree tree) => _context.GetMaxIterationsCeiling(tree);

    private static string FormatCap(int cap) => cap == int.MaxValue ? "int.MaxValue" : cap.ToString(CultureInfo.InvariantCulture);

    private static string DescribeMeai(CapSource source, int? cap) => source switch
    {
        CapSource.FrameworkDefault => "MaximumIterationsPerRequest defaults to " + (cap ?? AgentLoopApis.FunctionInvocationDefault).ToString(CultureInfo.InvariantCulture) + "; set it explicitly",
        CapSource.Removed => "MaximumIterationsPerRequest is set to " + (cap is { } c ? FormatCap(c) : "unlimited"),
        CapSource.Explicit => "MaximumIterationsPerRequest is set" + (cap is { } e ? " to " + e.ToString(CultureInfo.InvariantCulture) : string.Empty),
        _ => "MaximumIterationsPerRequest is configured in code the rules cannot read",
    };

    /// <summary>40, or 10 when the referenced Microsoft.Extensions.AI is older than 9.8.</summary>
    private int FunctionInvocationDefault() =>
        FunctionInvocationDefaultFor(_context.Types.Get(AgentLoopApis.FunctionInvokingChatClient)?.ContainingAssembly.Identity);

    /// <summary>
    /// The default <c>MaximumIterationsPerRequest</c> of the Microsoft.Extensions.AI assembly that declares
    /// <c>FunctionInvokingChatClient</c>: 10 before 9.8, 40 from 9.8 on (and for any other or unknown assembly).
    /// </summary>
    public static int FunctionInvocationDefaultFor(AssemblyIdentity? declaringAssembly)
    {
        if (declaringAssembly is { Name: "Microsoft.Extensions.AI", Version: var version }
            && version.Major >= 1
            && (version.Major < 9 || (version.Major == 9 && version.Minor < 8)))
        {
            return AgentLoopApis.FunctionInvocationLegacyDefault;
        }

        return AgentLoopApis.FunctionInvocationDefault;
    }

    private bool IsType(INamedTypeSymbol? type, string metadataName) =>
        type is not null && _context.Types.Get(metadataName) is { } expected && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    private enum Presence
    {
        No,
        Yes,
        Unknown,
    }

    /// <summary>Whether the chat client an expression produces has function invocation: follows builder chains and locals.</summary>
    private Presence GetFunctionInvocation(IOperation expression, int depth, CancellationToken cancellationToken)
    {
        if (depth > 8)
        {
            return Presence.Unknown;
        }

        expression = AgentLoopContext.Unwrap(expression);
        if (expression.Type is { } type && !IsChatClientOrBuilder(type))
        {
            return Presence.No; // an OpenAI ChatClient, an endpoint, a key: no function invocation can hide in it
        }

        switch (expression)
        {
            case IInvocationOperation invocation:
                if (invocation.TargetMethod.Name == "UseFunctionInvocation"
                    || (invocation.TargetMethod.Name == "UseAgentRules" && GuardRegistrations.Classify(invocation.TargetMethod) == GuardedPipelines.ChatClient))
                {
                    return Presence.Yes; // UseAgentRules() brings its own loop, and the agent finds it
                }

                if (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingAssembly, _context.Compilation.Assembly))
                {
                    return Presence.Unknown; // a factory method of the application
                }

                if (invocation.TargetMethod.Name is "GetRequiredService" or "GetService" or "GetRequiredKeyedService" or "GetKeyedService")
                {
                    return Presence.Unknown;
                }

                var receiver = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                return receiver is null ? Presence.No : GetFunctionInvocation(receiver, depth + 1, cancellationToken);
            case IObjectCreationOperation creation:
                if (_context.Types.Get(AgentLoopApis.FunctionInvokingChatClient) is { } ficc && creation.Type.IsOrDerivesFrom(ficc))
                {
                    return Presence.Yes;
                }

                if (creation.Type is INamedTypeSymbol created && SymbolEqualityComparer.Default.Equals(created.ContainingAssembly, _context.Compilation.Assembly))
                {
                    return Presence.Unknown; // the application's own client
                }

                foreach (var argument in creation.Arguments)
                {
                    if (GetFunctionInvocation(argument.Value, depth + 1, cancellationToken) == Presence.Yes)
                    {
                        return Presence.Yes;
                    }
                }

                return Presence.No;
            case ILocalReferenceOperation local:
                return FindLocalInitializer(local, cancellationToken) is { } initializer ? GetFunctionInvocation(initializer, depth + 1, cancellationToken) : Presence.Unknown;
            default:
                return Presence.Unknown;
        }
    }

    private bool IsChatClientOrBuilder(ITypeSymbol type) =>
        type.TypeKind is TypeKind.Error or TypeKind.TypeParameter or TypeKind.Dynamic
        || type.SpecialType == SpecialType.System_Object
        || AgentLoopContext.IsOrInherits(type, _context.Types.Get(AgentLoopApis.IChatClient))
        || AgentLoopContext.IsOrInherits(type, _context.Types.Get(AgentLoopApis.ChatClientBuilder));

    private static IOperation? FindLocalInitializer(ILocalReferenceOperation local, CancellationToken cancellationToken)
    {
        if (EnclosingBody(local) is not { } body)
        {
            return null;
        }

        IOperation? initializer = null;
        foreach (var operation in body.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local):
                    initializer = declarator.Initializer?.Value ?? initializer;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local.Local):
                    if (initializer is not null)
                    {
                        return null; // assigned more than once: cannot tell which
                    }

                    initializer = assignment.Value;
                    break;
            }
        }

        return initializer;
    }

    private static bool ContainsFunctionInvocation(IOperation operation)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IInvocationOperation { TargetMethod.Name: "UseFunctionInvocation" or "UseAgentRules" }
                || (descendant is IObjectCreationOperation { Type.Name: var name } && name.IndexOf("FunctionInvoking", StringComparison.Ordinal) >= 0))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEmptyCollection(IOperation operation) => AgentLoopContext.Unwrap(operation) switch
    {
        { Syntax: CollectionExpressionSyntax { Elements.Count: 0 } } => true,
        IArrayCreationOperation { Initializer: { ElementValues.IsEmpty: true } } => true,
        _ => false,
    };

    private static IArgumentOperation? FindArgument(IEnumerable<IArgumentOperation> arguments, string parameterName)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>An assignment to a property with this name in the tree (on <paramref name="instance"/> when given).</summary>
    private static ISimpleAssignmentOperation? FindAssignment(IOperation root, string propertyName, ISymbol? instance)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                && target.Property.Name == propertyName
                && (instance is null || (target.Instance is { } i && SymbolEqualityComparer.Default.Equals(GetReferencedSymbol(i), instance))))
            {
                return assignment;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether an agent's <c>AIContextProviders</c> include one of this compilation's providers that hands the agent
    /// tools at run time (<c>new AIContext { Tools = … }</c> in one of its methods): the agent then runs them through
    /// its own function invocation, though no tool is written where it is built. Providers that only add instructions
    /// or messages (memory, retrieval) give no tools.
    /// </summary>
    private bool ProvidersGiveTools(IOperation providers, CancellationToken cancellationToken)
    {
        if (_context.Types.Get(AgentLoopApis.AIContextProvider) is not { } providerType || _context.Types.Get(AgentLoopApis.AIContext) is not { } contextType)
        {
            return false;
        }

        foreach (var operation in providers.DescendantsAndSelf())
        {
            if (operation is not IObjectCreationOperation { Type: INamedTypeSymbol created } || !created.IsOrDerivesFrom(providerType))
            {
                continue;
            }

            for (var current = created; current is not null && SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, _context.Compilation.Assembly); current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is not IMethodSymbol method || _context.LlmSearch.GetBody(method, cancellationToken) is not { } body)
                    {
                        continue;
                    }

                    foreach (var descendant in body.Descendants())
                    {
                        if (descendant is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "Tools" } property }, Value: var tools }
                            && SymbolEqualityComparer.Default.Equals(property.ContainingType, contextType)
                            && !AgentLoopContext.IsNullOrDefault(tools) && !IsEmptyCollection(tools))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    private bool ConstructorsAssign(INamedTypeSymbol type, string propertyName, CancellationToken cancellationToken)
    {
        for (var current = type; current is not null && SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, _context.Compilation.Assembly); current = current.BaseType)
        {
            foreach (var constructor in current.InstanceConstructors)
            {
                if (_context.LlmSearch.GetBody(constructor, cancellationToken) is { } body && FindAssignment(body, propertyName, instance: null) is not null)
                {
                    return true;
                }
            }

            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                // Property initializers in the derived type: public MyManager() { } with MaximumInvocationCount = 5 in an init.
                if (reference.GetSyntax(cancellationToken).ToString().IndexOf(propertyName + " =", StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ISymbol? GetAssignedSymbol(IOperation creation)
    {
        var parent = creation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation assignment => GetReferencedSymbol(assignment.Target),
            _ => null,
        };
    }

    private static ISymbol? GetReferencedSymbol(IOperation operation) => AgentLoopContext.Unwrap(operation) switch
    {
        ILocalReferenceOperation local => local.Local,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    private static bool ReceiverChainReferences(IOperation? receiver, ISymbol symbol)
    {
        for (var current = receiver; current is not null;)
        {
            current = AgentLoopContext.Unwrap(current);
            if (SymbolEqualityComparer.Default.Equals(GetReferencedSymbol(current), symbol))
            {
                return true;
            }

            current = current is IInvocationOperation invocation ? invocation.Instance : null;
        }

        return false;
    }

    private static IOperation? EnclosingBody(IOperation operation)
    {
        IOperation? body = null;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IMethodBodyOperation or IConstructorBodyOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }

            body = current;
        }

        return body; // top-level statements and field initializers: the outermost operation
    }

    private static Location NameLocation(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.GetLocation(),
        MemberBindingExpressionSyntax binding => binding.Name.GetLocation(),
        _ => expression.GetLocation(),
    };

    private static Location TypeLocation(IObjectCreationOperation creation) => creation.Syntax switch
    {
        ObjectCreationExpressionSyntax { Type: var type } => type.GetLocation(),
        _ => creation.Syntax.GetLocation(),
    };

    private bool FindFunctionInvocationMention()
    {
        foreach (var tree in _context.Compilation.SyntaxTrees)
        {
            if (!s_mentionsFunctionInvocation.TryGetValue(tree, out var mentions))
            {
                var text = tree.GetText().ToString();
                var found = text.IndexOf("UseFunctionInvocation", StringComparison.Ordinal) >= 0 || text.IndexOf("FunctionInvokingChatClient", StringComparison.Ordinal) >= 0
                    || text.IndexOf("UseAgentRules", StringComparison.Ordinal) >= 0;
                mentions = s_mentionsFunctionInvocation.GetValue(tree, _ => found ? s_true : s_false);
            }

            if ((bool)mentions)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly WeakCache<SyntaxTree, object> s_mentionsFunctionInvocation = new();
    private static readonly object s_true = true;
    private static readonly object s_false = false;

    /// <summary>An <c>IAutoFunctionInvocationFilter</c> in this compilation that sets <c>context.Terminate</c>: the application caps the loop itself.</summary>
    private string? FindTerminatingFilter()
    {
        if (_context.Types.Get(AgentLoopApis.IAutoFunctionInvocationFilter) is not { } filterType)
        {
            return null;
        }

        foreach (var symbol in _context.Compilation.GetSymbolsWithName("OnAutoFunctionInvocationAsync", SymbolFilter.Member))
        {
            if (symbol is not IMethodSymbol { ContainingType: { } type } method || !type.IsOrImplements(filterType))
            {
                continue;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    if (node is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Terminate" }, Right: var right }
                        && !right.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.FalseLiteralExpression))
                    {
                        return type.Name;
                    }
                }
            }
        }

        return null;
    }
}

internal static class TypeSymbolExtensions
{
    /// <summary>True for value types that cannot be null (so a null-looking default is the type's default, not null).</summary>
    public static bool IsValueTypeNotNullable(this ITypeSymbol? type) =>
        type is { IsValueType: true } && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;
}
