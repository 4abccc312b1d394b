using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Configuration;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// Everything the agent-loop rules resolve once per compilation: the LLM-call APIs present, configured in-house
/// clients and human-input methods, the AgentRules runtime types, and the call-graph searches built on them.
/// Create it with <see cref="Create"/> in a compilation-start action (or once per generator compilation) and share it;
/// it is thread-safe. <see cref="Loops"/> classifies loops and <see cref="Sites"/> framework function-invocation sites.
/// </summary>
public sealed class AgentLoopContext
{
    private readonly ImmutableArray<(INamedTypeSymbol Type, LlmApi Api)> _apis;
    private readonly HashSet<string> _llmMemberNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>?> _configuredLlmMethods = new(StringComparer.Ordinal);
    private readonly HashSet<string> _configuredWildcardTypeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _humanInput;
    private readonly HashSet<string> _humanInputNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _inputWaits;
    private readonly HashSet<string> _inputWaitNames = new(StringComparer.Ordinal);
    private readonly AnalyzerConfigOptionsProvider? _options;
    private readonly HashSet<string> _apiMemberNames = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<AgentLoop>> _loopsByTree = new();
    private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<FunctionInvocationSite>> _sitesByTree = new();
    private readonly Func<SyntaxTree, SemanticModel> _getModel;
    private readonly object _reachLock = new();
    private readonly ChatPayloads? _chatPayloads;
    private int _declaresChatPayload = -1;
    private volatile LlmReach? _reach;

    private AgentLoopContext(Compilation compilation, KnownTypes types, ImmutableArray<(INamedTypeSymbol, LlmApi)> apis, ImmutableArray<string> llmMethods, ImmutableArray<string> humanInputMethods, AnalyzerConfigOptionsProvider? options, Func<SyntaxTree, SemanticModel>? getModel)
    {
        Compilation = compilation;
        Types = types;
        _apis = apis;
        _options = options;
        foreach (var (_, api) in apis)
        {
            _llmMemberNames.UnionWith(api.Members);
            _apiMemberNames.UnionWith(api.Members);
        }

        HttpClient = types.Get("System.Net.Http.HttpClient");
        if (HttpClient is not null)
        {
            _llmMemberNames.UnionWith(AgentLoopApis.HttpPostMethods);
            _chatPayloads = new ChatPayloads();
        }

        foreach (var entry in llmMethods)
        {
            if (SplitMethodName(entry) is not (var type, var member))
            {
                continue;
            }

            if (member == "*")
            {
                _configuredLlmMethods[type] = null;
                _configuredWildcardTypeNames.Add(SimpleName(type));
            }
            else
            {
                if (!_configuredLlmMethods.TryGetValue(type, out var members))
                {
                    _configuredLlmMethods[type] = members = new HashSet<string>(StringComparer.Ordinal);
                }

                members?.Add(member);
                _llmMemberNames.Add(member);
                _apiMemberNames.Add(member);
            }
        }

        _humanInput = BuildMethodTable(AgentLoopApis.DefaultHumanInputMethods.AddRange(humanInputMethods), _humanInputNames);
        _inputWaits = BuildMethodTable(AgentLoopApis.InputWaitMethods, _inputWaitNames);

        CancellationToken = types.Get(AgentLoopApis.CancellationToken);
        CancellationTokenSource = types.Get(AgentLoopApis.CancellationTokenSource);
        KillSwitch = types.Get(AgentLoopApis.KillSwitch);
        AgentStepLimit = types.Get(AgentLoopApis.AgentStepLimit);
        RequestOptions = types.Get(AgentLoopApis.RequestOptions);

        // One semantic model per tree for all the searches of this context, and LLM searches that skip, by name,
        // the methods that cannot reach a model (see LlmReach).
        _getModel = getModel ?? (tree => _models.GetOrAdd(tree, CreateSemanticModel));
        LlmSearch = new CallGraphSearch<LlmCall>(compilation, op => GetLlmCall(op), maxDepth: CallGraphSearch<LlmCall>.Unbounded, followImplementations: true, getModel: _getModel, mayMatch: MayReachLlm);
        PacingSearch = new CallGraphSearch<PacingMatch>(compilation, GetPacing, maxDepth: 3, followImplementations: true, getModel: _getModel);
        Loops = new AgentLoopClassifier(this);
        Sites = new FunctionInvocationSiteRecognizer(this);
    }

    /// <summary>The compilation.</summary>
    public Compilation Compilation { get; }

    /// <summary>Its known types.</summary>
    public KnownTypes Types { get; }

    /// <summary>Classifies loops and recursive methods.</summary>
    public AgentLoopClassifier Loops { get; }

    /// <summary>Recognises framework function-invocation and orchestration sites.</summary>
    public FunctionInvocationSiteRecognizer Sites { get; }

    /// <summary>Finds LLM calls in a tree and in the same-compilation methods it calls.</summary>
    public CallGraphSearch<LlmCall> LlmSearch { get; }

    internal CallGraphSearch<PacingMatch> PacingSearch { get; }

    internal INamedTypeSymbol? CancellationToken { get; }

    internal INamedTypeSymbol? CancellationTokenSource { get; }

    internal INamedTypeSymbol? KillSwitch { get; }

    internal INamedTypeSymbol? AgentStepLimit { get; }

    internal INamedTypeSymbol? RequestOptions { get; }

    internal INamedTypeSymbol? HttpClient { get; }

    /// <summary>True when an agent framework the rules know, a configured in-house client, or HttpClient (for REST calls) is available.</summary>
    public bool HasLlmApis => !_apis.IsEmpty || _configuredLlmMethods.Count > 0 || HttpClient is not null;

    /// <summary>
    /// False when no loop or recursive method of the tree can call a model: the tree mentions no LLM API name and no
    /// name of a method or delegate of this compilation that reaches one within the search depth. Decided from the
    /// tree's text index and the syntax of the files that mention such names, without binding; true is only a maybe.
    /// </summary>
    public bool MayContainLoops(SyntaxTree tree, CancellationToken cancellationToken) =>
        HasLlmApis && GetReach(cancellationToken).IsCandidateTree(tree);

    /// <summary>
    /// False when the tree can contain no framework function-invocation or orchestration site and no cap setting
    /// (it mentions none of their names); true is only a maybe.
    /// </summary>
    public bool MayContainSites(SyntaxTree tree, CancellationToken cancellationToken) =>
        Sites.HasSiteTypes && Sites.MayContain(tree, cancellationToken);

    /// <summary>The semantic model of a tree of the compilation, shared by this context's searches.</summary>
    internal SemanticModel GetModel(SyntaxTree tree) => _getModel(tree);

    /// <summary>
    /// A tree's classified loops (or sites), computed once per context: the analyzers and the process spec of the
    /// same compilation ask for the same trees, and whoever asks second gets the first answer. A cancelled
    /// computation caches nothing.
    /// </summary>
    internal ImmutableArray<AgentLoop> LoopsOf(SyntaxTree tree, Func<SyntaxTree, ImmutableArray<AgentLoop>> compute) =>
        _loopsByTree.TryGetValue(tree, out var loops) ? loops : _loopsByTree.GetOrAdd(tree, compute(tree));

    /// <inheritdoc cref="LoopsOf"/>
    internal ImmutableArray<FunctionInvocationSite> SitesOf(SyntaxTree tree, Func<SyntaxTree, ImmutableArray<FunctionInvocationSite>> compute) =>
        _sitesByTree.TryGetValue(tree, out var sites) ? sites : _sitesByTree.GetOrAdd(tree, compute(tree));

    internal Func<SyntaxTree, SemanticModel> ModelProvider => _getModel;

    /// <summary>The names that can lead to an LLM call, computed on first use (a cancelled computation is not kept).</summary>
    internal LlmReach GetReach(CancellationToken cancellationToken)
    {
        if (_reach is { } reach)
        {
            return reach;
        }

        lock (_reachLock)
        {
            return _reach ??= ComputeReach(cancellationToken);
        }
    }

    private LlmReach ComputeReach(CancellationToken cancellationToken)
    {
        // GetLlmCall matches an invocation only by these names: the APIs' and configured members, HttpClient posts
        // when some file spells an LLM endpoint (PostsToLlmEndpoint reads the URL from source text), and every
        // method of a type configured with a wildcard.
        var seeds = new HashSet<string>(_apiMemberNames, StringComparer.Ordinal);
        var ungated = new HashSet<string>(StringComparer.Ordinal); // seeds for a reason other than a framework API
        var everything = false;
        foreach (var entry in _configuredLlmMethods)
        {
            if (entry.Value is not null)
            {
                continue;
            }

            if (Types.Get(entry.Key) is not { } wildcardType)
            {
                everything = true; // a type the rules cannot resolve: any method name may be one of its
                break;
            }

            foreach (var member in wildcardType.GetMembers())
            {
                if (member is IMethodSymbol)
                {
                    var dot = member.Name.LastIndexOf('.');
                    var name = dot < 0 ? member.Name : member.Name.Substring(dot + 1);
                    seeds.Add(name);
                    ungated.Add(name);
                }
            }
        }

        // A compilation that declares a chat request (ChatPayloads): any post may send one, which GetLlmCall decides
        // from the body's type.
        if (DeclaresChatPayload(cancellationToken))
        {
            seeds.UnionWith(AgentLoopApis.HttpPostMethods);
            ungated.UnionWith(AgentLoopApis.HttpPostMethods);
        }

        // The names depend on syntax alone: a new compilation that differs by trees with the same facts (an edit
        // inside a body, in the IDE) gets the previous compilation's names without reading every file again.
        // Framework members are seeds only in files that can refer to a framework (LlmFrameworkEvidence); members
        // configured by name or through a wildcard type, and HttpClient posts when chat requests are declared, are
        // seeds everywhere.
        var gated = new HashSet<string>(StringComparer.Ordinal);
        var apiTypeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (type, api) in _apis)
        {
            gated.UnionWith(api.Members);
            apiTypeNames.Add(type.Name);
        }

        foreach (var members in _configuredLlmMethods.Values)
        {
            if (members is not null)
            {
                ungated.UnionWith(members);
            }
        }

        gated.ExceptWith(ungated);

        var reach = LlmReachCache.GetOrCompute(Compilation, seeds, gated, apiTypeNames, everything, HttpClient is not null, (out List<string> members) => FindEndpointNames(cancellationToken, out members), cancellationToken, out var reused);
        ReachReused = reused;
        return reach;
    }

    /// <summary>Whether HttpClient is referenced and some file declares a chat request (<see cref="ChatPayloads.DeclaredIn"/>), computed once.</summary>
    private bool DeclaresChatPayload(CancellationToken cancellationToken)
    {
        if (_chatPayloads is null)
        {
            return false;
        }

        if (_declaresChatPayload < 0)
        {
            _declaresChatPayload = ChatPayloads.DeclaredIn(Compilation, cancellationToken) ? 1 : 0;
        }

        return _declaresChatPayload == 1;
    }

    /// <summary>Whether this context's <see cref="GetReach"/> came from a previous compilation's (see <see cref="LlmReachCache"/>); tests read it.</summary>
    internal bool ReachReused { get; private set; }

    private bool MayReachLlm(IMethodSymbol method) => GetReach(default).MayReach(method);

    private static readonly SourceIndex.WordSet s_httpPostWords = SourceIndex.CreateWordSet(AgentLoopApis.HttpPostMethods);

    /// <summary>
    /// For HttpClient posts: the names of the variables, fields and properties passed to a post whose declaration
    /// spells an LLM endpoint (what <c>PostsToLlmEndpoint</c> reads besides the arguments themselves). Null when no
    /// post can be an LLM call: none spells an endpoint in its arguments and none passes such a name.
    /// </summary>
    /// <remarks>
    /// Only the files that mention a post method are read (a local or a field of the same file); for fields and
    /// properties of other files, only files that spell a passed name are scanned for an endpoint (the declaration
    /// table's name lookups would build a set of every member name of the compilation).
    /// </remarks>
    private HashSet<string>? FindEndpointNames(CancellationToken cancellationToken, out List<string> members)
    {
        var arguments = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var spelled = false;
        // Backwards, as LlmReach reads: the other rules' compilation-start actions index the trees front to back at
        // the same time, and starting from the other end builds each tree's index once instead of racing for it.
        var trees = Compilation.SyntaxTrees as IReadOnlyList<SyntaxTree> ?? new List<SyntaxTree>(Compilation.SyntaxTrees);
        for (var t = trees.Count - 1; t >= 0; t--)
        {
            var tree = trees[t];
            if (!AgentLoopSyntax.MentionsAny(tree, s_httpPostWords, cancellationToken))
            {
                continue;
            }

            var facts = AgentLoopSyntax.GetFacts(tree, cancellationToken);
            spelled |= facts.PostsEndpointText;
            if (facts.PostArguments.Length > 0)
            {
                arguments.UnionWith(facts.PostArguments);
                if (LlmEndpointText.Mentions(tree, cancellationToken))
                {
                    names.UnionWith(AgentLoopSyntax.GetEndpointNames(tree, cancellationToken));
                }
            }
        }

        // Fields and properties declared in other files: only files that spell a passed name and an endpoint.
        members = new List<string>();
        foreach (var argument in arguments)
        {
            if (!names.Contains(argument))
            {
                members.Add(argument);
            }
        }

        if (members.Count > 0)
        {
            var memberWords = SourceIndex.CreateWordSet(members);
            foreach (var tree in Compilation.SyntaxTrees)
            {
                if (AgentLoopSyntax.MentionsAny(tree, memberWords, cancellationToken) && LlmEndpointText.Mentions(tree, cancellationToken))
                {
                    names.UnionWith(AgentLoopSyntax.GetEndpointNames(tree, cancellationToken));
                }
            }
        }

        names.IntersectWith(arguments);
        return spelled || names.Count > 0 ? names : null;
    }

    private static readonly WeakCache<Compilation, Holder> s_contexts = new();

    /// <summary>
    /// The context of a compilation, shared by the analyzers that analyse it (created on first use; null when there
    /// is nothing to analyse, see <see cref="Create"/>). A call with different options gets a context of its own.
    /// </summary>
    public static AgentLoopContext? GetOrCreate(Compilation compilation, AnalyzerConfigOptionsProvider? options)
    {
        var holder = s_contexts.GetValue(compilation, _ => new Holder());
        lock (holder)
        {
            if (holder.Created && ReferenceEquals(holder.Options, options))
            {
                return holder.Context;
            }

            var context = Create(compilation, options);
            if (!holder.Created)
            {
                (holder.Created, holder.Options, holder.Context) = (true, options, context);
            }

            return context;
        }
    }

    private sealed class Holder
    {
        public bool Created;
        public AnalyzerConfigOptionsProvider? Options;
        public AgentLoopContext? Context;
    }

    /// <summary>
    /// Creates the context, or returns null when the compilation references no LLM API the rules know and no
    /// <c>agentrules.llm_methods</c> are configured: then there is nothing to analyse.
    /// </summary>
    /// <param name="compilation">The compilation.</param>
    /// <param name="options">Its analyzer options (for <c>agentrules.*</c> keys), or null.</param>
    /// <param name="getModel">
    /// Where the searches get semantic models (default: one per tree from <see cref="Compilation.GetSemanticModel"/>,
    /// cached by this context); a caller that has its own cache (the process-spec builder) passes it so trees are
    /// bound once. Must be thread-safe.
    /// </param>
    public static AgentLoopContext? Create(Compilation compilation, AnalyzerConfigOptionsProvider? options, Func<SyntaxTree, SemanticModel>? getModel = null)
    {
        var types = new KnownTypes(compilation);
        var apis = ImmutableArray.CreateBuilder<(INamedTypeSymbol, LlmApi)>();
        foreach (var api in AgentLoopApis.LlmApis)
        {
            if (types.Get(api.TypeMetadataName) is { } type)
            {
                apis.Add((type, api));
            }
        }

        var llmMethods = options?.GetListForCompilation(compilation, OptionKeys.LlmMethods) ?? ImmutableArray<string>.Empty;
        var siteTypesPresent = types.AnyExists(
            AgentLoopApis.FunctionInvokingChatClient,
            AgentLoopApis.FunctionChoiceBehavior,
            AgentLoopApis.ToolCallBehavior,
            AgentLoopApis.ChatClientAgent,
            AgentLoopApis.MagenticWorkflowBuilder,
            AgentLoopApis.SemanticKernelGroupChatManager);
        if (apis.Count == 0 && llmMethods.IsEmpty && !siteTypesPresent && !MentionsLlmEndpoint(compilation, types) && !DeclaresChatPayload(compilation, types))
        {
            return null;
        }

        var humanInput = options?.GetListForCompilation(compilation, OptionKeys.HumanInputMethods) ?? ImmutableArray<string>.Empty;
        return new AgentLoopContext(compilation, types, apis.ToImmutable(), llmMethods, humanInput, options, getModel);
    }

    /// <summary>
    /// Whether a project that references no LLM SDK calls an LLM REST endpoint itself (community agents often post to
    /// <c>/v1/chat/completions</c> with HttpClient). Only checked when no SDK is referenced.
    /// </summary>
    private static bool MentionsLlmEndpoint(Compilation compilation, KnownTypes types) =>
        types.Get("System.Net.Http.HttpClient") is not null && MentionsLlmEndpoint(compilation, default(System.Threading.CancellationToken));

    /// <summary>Whether a project that references no LLM SDK and spells no endpoint posts chat requests it declares (<see cref="ChatPayloads"/>).</summary>
    private static bool DeclaresChatPayload(Compilation compilation, KnownTypes types) =>
        types.Get("System.Net.Http.HttpClient") is not null && ChatPayloads.DeclaredIn(compilation, default);

    /// <summary>Whether some file spells an LLM REST endpoint (<see cref="LlmEndpointText"/>, cached per tree).</summary>
    private static bool MentionsLlmEndpoint(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (LlmEndpointText.Mentions(tree, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    // Following calls into other files needs their semantic models: one per tree, shared by the searches.
    private SemanticModel CreateSemanticModel(SyntaxTree tree) => SemanticModels.Create(Compilation, tree);

    /// <summary>The <c>agentrules.max_iterations_ceiling</c> for a file (default 100).</summary>
    public int GetMaxIterationsCeiling(SyntaxTree? tree)
    {
        if (_options is null || tree is null)
        {
            return AgentLoopApis.DefaultMaxIterationsCeiling;
        }

        var value = _options.GetOptions(tree).GetInt(OptionKeys.MaxIterationsCeiling, AgentLoopApis.DefaultMaxIterationsCeiling);
        return value > 0 ? value : AgentLoopApis.DefaultMaxIterationsCeiling;
    }

    /// <summary>The LLM call an operation is, or null.</summary>
    public LlmCall? GetLlmCall(IOperation operation)
    {
        if (operation is not IInvocationOperation invocation)
        {
            return operation is IInvalidOperation invalid ? GetUnresolvedLlmCall(invalid) : null;
        }

        var method = invocation.TargetMethod;
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            return GetDelegateLlmCall(invocation);
        }

        if (HttpClient is not null && GetHelperPost(invocation, method) is { } helperPost)
        {
            return helperPost;
        }

        if (!_llmMemberNames.Contains(method.Name) && (_configuredWildcardTypeNames.Count == 0 || !_configuredWildcardTypeNames.Contains(method.ContainingType?.Name ?? string.Empty)))
        {
            return null;
        }

        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        var receiverType = definition.IsExtensionMethod && definition.Parameters.Length > 0 ? definition.Parameters[0].Type : definition.ContainingType;
        foreach (var (type, api) in _apis)
        {
            if (api.Members.Contains(method.Name) && IsOrInherits(receiverType, type))
            {
                return CreateCall(invocation, method, api.DisplayType + "." + method.Name, api.Kind);
            }
        }

        if (HttpClient is not null && IsOrInherits(receiverType, HttpClient))
        {
            if (PostsToLlmEndpoint(invocation))
            {
                return CreateCall(invocation, method, "HttpClient." + method.Name, LlmCallKind.Model);
            }

            // The URL says nothing (configuration, a relative path), but the body is a chat-completion request.
            if (Array.IndexOf(HttpPostNames, method.Name) >= 0 && DeclaresChatPayload(default) && _chatPayloads!.Find(invocation) is { } payload)
            {
                return CreateCall(invocation, method, "HttpClient." + method.Name + "(" + payload + ")", LlmCallKind.Model);
            }
        }

        if (_configuredLlmMethods.Count > 0)
        {
            for (var current = definition; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
            {
                if (current.ContainingType is { } containing
                    && _configuredLlmMethods.TryGetValue(FullName(containing), out var members)
                    && (members is null || members.Contains(method.Name)))
                {
                    return CreateCall(invocation, method, containing.Name + "." + method.Name, LlmCallKind.Configured);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A call of a framework's model member whose arguments fit none of its overloads: code written against another
    /// version of the SDK (Azure.AI.OpenAI's later 1.0 betas moved the deployment name into
    /// <c>ChatCompletionsOptions</c>, so <c>GetChatCompletionsAsync(options)</c> has no overload in beta.6), or an edit
    /// in progress. The receiver and the member are bound; when every candidate overload is a model call of one kind
    /// of one API row, the call is that member. Anything else that does not bind stays unknown.
    /// </summary>
    private LlmCall? GetUnresolvedLlmCall(IInvalidOperation invalid)
    {
        // Only a call: a method group that converts to no delegate fails overload resolution too, and calls nothing.
        if (invalid.Syntax is not InvocationExpressionSyntax invocation || invalid.SemanticModel is not { } model || IsInExpressionTree(invalid))
        {
            return null;
        }

        // Every candidate below must be an ordinary method named like a model member, and the candidates of a call
        // that names its method (x.Name(...), Name<T>(...)) are methods of that name: when the name is none of the
        // members, no candidate can pass, and asking the model for them (which builds the candidates' symbols) is skipped.
        if (AgentLoopSyntax.RightmostName(invocation.Expression) is { } calledName && !_llmMemberNames.Contains(calledName))
        {
            return null;
        }

        var info = model.GetSymbolInfo(invalid.Syntax);
        if (info.CandidateReason != CandidateReason.OverloadResolutionFailure || info.CandidateSymbols.IsEmpty)
        {
            return null;
        }

        LlmApi? matched = null;
        foreach (var candidate in info.CandidateSymbols)
        {
            if (candidate is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method || !_llmMemberNames.Contains(method.Name))
            {
                return null;
            }

            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            var receiverType = definition.IsExtensionMethod && definition.Parameters.Length > 0 ? definition.Parameters[0].Type : definition.ContainingType;
            LlmApi? row = null;
            foreach (var (type, api) in _apis)
            {
                if (api.Members.Contains(method.Name) && IsOrInherits(receiverType, type))
                {
                    row = api;
                    break;
                }
            }

            if (row is null || (matched is not null && !ReferenceEquals(matched, row)))
            {
                return null;
            }

            matched = row;
        }

        var target = (IMethodSymbol)info.CandidateSymbols[0];

        // The token: an argument of type CancellationToken, else none passed (the candidates that take one leave it out).
        IParameterSymbol? tokenParameter = null;
        foreach (var candidate in info.CandidateSymbols)
        {
            foreach (var parameter in ((IMethodSymbol)candidate).Parameters)
            {
                if (CancellationToken is not null && SymbolEqualityComparer.Default.Equals(parameter.Type, CancellationToken))
                {
                    tokenParameter ??= parameter;
                }
            }
        }

        var token = GetUnresolvedTokenArgument(invalid) is { } argument ? ClassifyToken(argument)
            : tokenParameter is null ? TokenUse.NotAccepted
            : TokenUse.Missing;
        return new LlmCall(invalid, target, matched!.DisplayType + "." + target.Name, matched.Kind, token, tokenParameter);
    }

    /// <summary>The argument of type <c>CancellationToken</c> of a call that binds to no overload, if it has one.</summary>
    internal IOperation? GetUnresolvedTokenArgument(IInvalidOperation invalid)
    {
        if (CancellationToken is null)
        {
            return null;
        }

        foreach (var child in invalid.ChildOperations)
        {
            if (SymbolEqualityComparer.Default.Equals(Unwrap(child).Type, CancellationToken))
            {
                return Unwrap(child);
            }
        }

        return null;
    }

    /// <summary>
    /// A call through a delegate field or local whose lambda (assigned in this compilation) calls a model:
    /// <c>_ask = prompt =&gt; chatClient.GetResponseAsync(prompt)</c> ... <c>await _ask(text)</c>.
    /// </summary>
    private LlmCall? GetDelegateLlmCall(IInvocationOperation invocation)
    {
        if (invocation.Instance is not { } instance)
        {
            return null;
        }

        ISymbol? target = Unwrap(instance) switch
        {
            IFieldReferenceOperation field => field.Field,
            ILocalReferenceOperation local => local.Local,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        if (target is null || !GetReach(default).IsDelegateName(target.Name) || !s_resolving.Add(target))
        {
            return null; // unknown delegate, one assigned nothing that reaches a model, or a delegate that calls itself
        }

        try
        {
            foreach (var lambda in FindAssignedLambdas(target, instance))
            {
                if (LlmSearch.Find(lambda, default) is { Value: var inner })
                {
                    return new LlmCall(invocation, invocation.TargetMethod, target.Name + " → " + inner.Name, inner.Kind, GetTokenUse(invocation, out var parameter, out _), parameter);
                }
            }
        }
        finally
        {
            s_resolving.Remove(target);
        }

        return null;
    }

    [ThreadStatic]
    private static HashSet<ISymbol>? t_resolving;

    private static HashSet<ISymbol> s_resolving => t_resolving ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);

    /// <summary>The lambdas and method groups assigned to a delegate field, property or local in this compilation.</summary>
    private IEnumerable<IOperation> FindAssignedLambdas(ISymbol target, IOperation use)
    {
        var bodies = new List<IOperation>();
        if (target is ILocalSymbol)
        {
            for (var current = use.Parent; current is not null; current = current.Parent)
            {
                if (current.Parent is null || current is IMethodBodyOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    bodies.Add(current);
                    break;
                }
            }
        }
        else if (target.ContainingType is { } type && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, Compilation.Assembly))
        {
            foreach (var constructor in type.InstanceConstructors.AddRange(type.StaticConstructors))
            {
                if (LlmSearch.GetBody(constructor, default) is { } body)
                {
                    bodies.Add(body);
                }
            }

            foreach (var reference in target.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                    && Compilation.ContainsSyntaxTree(initializer.SyntaxTree)
                    && use.SemanticModel?.SyntaxTree == initializer.SyntaxTree
                    && use.SemanticModel.GetOperationWithinLimits(initializer) is { } value)
                {
                    bodies.Add(value);
                }
            }
        }

        foreach (var body in bodies)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                IOperation? value = operation switch
                {
                    ISimpleAssignmentOperation assignment when Refers(assignment.Target, target) => assignment.Value,
                    IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, target) => declarator.Initializer?.Value,
                    _ when body == operation && target is IFieldSymbol or IPropertySymbol && body is not IBlockOperation => operation,
                    _ => null,
                };

                if (value is not null && Unwrap(value) is IDelegateCreationOperation { Target: var lambda })
                {
                    yield return lambda;
                }
                else if (value is not null && Unwrap(value) is IAnonymousFunctionOperation anonymous)
                {
                    yield return anonymous;
                }
            }
        }
    }

    private static bool Refers(IOperation reference, ISymbol symbol) => Unwrap(reference) switch
    {
        IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field, symbol),
        IPropertyReferenceOperation property => SymbolEqualityComparer.Default.Equals(property.Property, symbol),
        ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, symbol),
        _ => false,
    };

    /// <summary>
    /// An HttpClient post or send whose URL is (or whose request was built in this method with) an LLM endpoint:
    /// <c>http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body)</c>. The URL is read from the argument's
    /// text, a local's initializer, or a field's declaration.
    /// </summary>
    private static bool PostsToLlmEndpoint(IInvocationOperation invocation)
    {
        if (Array.IndexOf(HttpPostNames, invocation.TargetMethod.Name) < 0 || invocation.Arguments.Length == 0)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit)
            {
                continue;
            }

            var value = Unwrap(argument.Value);
            var text = value.Syntax.ToString();
            if (value is ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation)
            {
                var symbol = value switch
                {
                    ILocalReferenceOperation local => (ISymbol)local.Local,
                    IFieldReferenceOperation field => field.Field,
                    IPropertyReferenceOperation property => property.Property,
                    _ => null,
                };

                foreach (var reference in symbol?.DeclaringSyntaxReferences ?? ImmutableArray<SyntaxReference>.Empty)
                {
                    text += " " + reference.GetSyntax().ToString();
                }

                if (value is ILocalReferenceOperation { Local: var requestLocal } && RequestInitializer(invocation, requestLocal) is { } initialized)
                {
                    text += " " + PostedSettingText(initialized);
                }
            }
            else if (value is IObjectCreationOperation { Type.Name: "HttpRequestMessage" } request)
            {
                text = request.Syntax.ToString() + " " + PostedSettingText(request);
            }

            foreach (var fragment in AgentLoopApis.LlmEndpointFragments)
            {
                if (text.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static readonly string[] HttpPostNames = [.. AgentLoopApis.HttpPostMethods];

    /// <summary>The <c>HttpRequestMessage</c> a local sent by a post was initialised with in the same body, or null.</summary>
    private static IObjectCreationOperation? RequestInitializer(IOperation post, ILocalSymbol local)
    {
        if (local.Type is not INamedTypeSymbol { Name: "HttpRequestMessage" })
        {
            return null;
        }

        var root = post;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IVariableDeclaratorOperation { Initializer.Value: { } initializer } declarator
                && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                return Unwrap(initializer) is IObjectCreationOperation { Type.Name: "HttpRequestMessage" } request ? request : null;
            }
        }

        return null;
    }

    /// <summary>
    /// For <c>new HttpRequestMessage(HttpMethod.Post, BaseUrl)</c>: the declaration of the field or property the URL
    /// names (its initializer, perhaps in another file of a partial class or a settings class), where a URL kept as a
    /// setting is spelled. Empty for any other method or URL.
    /// </summary>
    private static string PostedSettingText(IObjectCreationOperation request)
    {
        if (request.Arguments.Length != 2
            || Unwrap(request.Arguments[0].Value) is not IPropertyReferenceOperation { Property: { Name: "Post", ContainingType.Name: "HttpMethod" } })
        {
            return string.Empty;
        }

        ISymbol? member = Unwrap(request.Arguments[1].Value) switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        var text = string.Empty;
        foreach (var reference in member?.DeclaringSyntaxReferences ?? ImmutableArray<SyntaxReference>.Empty)
        {
            text += " " + reference.GetSyntax().ToString();
        }

        return text;
    }

    private readonly ConcurrentDictionary<IMethodSymbol, (IParameterSymbol? Parameter, string Post)> _urlHelpers = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// A call of the app's own HTTP helper — a source method that posts with an HttpClient to a URL one of its
    /// parameters gives (<c>Http.PostAsync(string url, object body)</c>) — whose argument for that parameter spells an
    /// LLM endpoint, or names a variable, field or property whose declaration does: the endpoint is written at the
    /// helper's caller, so the helper's own body cannot tell. The path names the helper and the post it makes.
    /// </summary>
    private LlmCall? GetHelperPost(IInvocationOperation invocation, IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary
            || invocation.Arguments.Length == 0
            || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, Compilation.Assembly)
            || !GetReach(default).MayReach(method))
        {
            return null;
        }

        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        var (parameter, post) = _urlHelpers.GetOrAdd(definition, FindForwardedUrl);
        foreach (var argument in parameter is null ? ImmutableArray<IArgumentOperation>.Empty : invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit
                && argument.Parameter is { } target
                && target.Ordinal == parameter!.Ordinal
                && SpellsEndpoint(argument.Value))
            {
                return CreateCall(invocation, method, method.ContainingType.Name + "." + method.Name + " → HttpClient." + post, LlmCallKind.Model);
            }
        }

        return DeclaresChatPayload(default) ? GetHelperPayloadPost(invocation, method, definition) : null;
    }

    private readonly ConcurrentDictionary<IMethodSymbol, (List<IParameterSymbol> Parameters, string Post)> _bodyHelpers = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// A call of the app's own HTTP helper that sends what its caller passes (<c>PostJsonAsync(url, object body)</c>)
    /// with a chat request as that argument: the body is built at the caller, so the helper's own post cannot tell.
    /// </summary>
    private LlmCall? GetHelperPayloadPost(IInvocationOperation invocation, IMethodSymbol method, IMethodSymbol definition)
    {
        var (parameters, post) = _bodyHelpers.GetOrAdd(definition, FindForwardedBody);
        foreach (var argument in parameters.Count == 0 ? ImmutableArray<IArgumentOperation>.Empty : invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit
                && argument.Parameter is { } target
                && parameters.Exists(p => p.Ordinal == target.Ordinal)
                && _chatPayloads!.FindIn(argument.Value) is { } payload)
            {
                return CreateCall(invocation, method, method.ContainingType.Name + "." + method.Name + " → HttpClient." + post + "(" + payload + ")", LlmCallKind.Model);
            }
        }

        return null;
    }

    /// <summary>The parameters a source method's HttpClient post sends (see <see cref="ChatPayloads.ForwardedParameters"/>), and the post's name.</summary>
    private (List<IParameterSymbol> Parameters, string Post) FindForwardedBody(IMethodSymbol method)
    {
        if (LlmSearch.GetBody(method, default) is { } body)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod: var post } postCall
                    && Array.IndexOf(HttpPostNames, post.Name) >= 0
                    && post.ContainingType is { } type
                    && (IsOrInherits(type, HttpClient!) || ((post.ReducedFrom ?? post).Parameters is { Length: > 0 } parameters && IsOrInherits(parameters[0].Type, HttpClient!)))
                    && _chatPayloads!.ForwardedParameters(postCall, method) is { Count: > 0 } forwarded)
                {
                    return (forwarded, post.Name);
                }
            }
        }

        return (new List<IParameterSymbol>(), string.Empty);
    }

    /// <summary>The string or <c>Uri</c> parameter a source method hands to an HttpClient post as its URL (directly, or in the <c>HttpRequestMessage</c> it sends).</summary>
    private (IParameterSymbol? Parameter, string Post) FindForwardedUrl(IMethodSymbol method)
    {
        if (LlmSearch.GetBody(method, default) is not { } body)
        {
            return (null, string.Empty);
        }

        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is not IInvocationOperation { TargetMethod: var post } postCall
                || Array.IndexOf(HttpPostNames, post.Name) < 0
                || post.ContainingType is not { } type
                || !IsOrInherits(type, HttpClient!))
            {
                continue;
            }

            foreach (var argument in postCall.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && UrlParameter(Unwrap(argument.Value), body, method) is { } parameter)
                {
                    return (parameter, post.Name);
                }
            }
        }

        return (null, string.Empty);
    }

    /// <summary>The method's parameter a post's URL argument is: the parameter itself, or a request created (here or in a local's initializer) from it.</summary>
    private static IParameterSymbol? UrlParameter(IOperation value, IOperation body, IMethodSymbol method)
    {
        if (value is ILocalReferenceOperation { Local: var local })
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IVariableDeclaratorOperation { Initializer.Value: { } initializer } declarator
                    && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    return Unwrap(initializer) is IObjectCreationOperation { Type.Name: "HttpRequestMessage" } request ? ParameterIn(request, method) : null;
                }
            }

            return null;
        }

        return value switch
        {
            IParameterReferenceOperation { Parameter: var parameter } when IsUrlParameter(parameter, method) => parameter,
            IObjectCreationOperation { Type.Name: "HttpRequestMessage" } request => ParameterIn(request, method),
            _ => null,
        };
    }

    private static IParameterSymbol? ParameterIn(IObjectCreationOperation request, IMethodSymbol method)
    {
        foreach (var operation in request.DescendantsAndSelf())
        {
            if (operation is IParameterReferenceOperation { Parameter: var parameter } && IsUrlParameter(parameter, method))
            {
                return parameter;
            }
        }

        return null;
    }

    private static bool IsUrlParameter(IParameterSymbol parameter, IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
        && (parameter.Type.SpecialType == SpecialType.System_String || parameter.Type is INamedTypeSymbol { Name: "Uri", ContainingNamespace.Name: "System" });

    /// <summary>Whether a URL argument spells an LLM endpoint, or names a local, field or property whose declaration does.</summary>
    private static bool SpellsEndpoint(IOperation argumentValue)
    {
        var value = Unwrap(argumentValue);
        var text = value.Syntax.ToString();
        ISymbol? symbol = value switch
        {
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        foreach (var reference in symbol?.DeclaringSyntaxReferences ?? ImmutableArray<SyntaxReference>.Empty)
        {
            text += " " + reference.GetSyntax().ToString();
        }

        foreach (var fragment in AgentLoopApis.LlmEndpointFragments)
        {
            if (text.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How an invocation passes a cancellation token, and the argument that carries it.</summary>
    public TokenUse GetTokenUse(IInvocationOperation invocation, out IParameterSymbol? parameter, out IArgumentOperation? argument)
    {
        parameter = null;
        argument = null;
        if (CancellationToken is null)
        {
            return TokenUse.Unknown;
        }

        foreach (var candidate in invocation.Arguments)
        {
            if (candidate.Parameter is { } p && SymbolEqualityComparer.Default.Equals(p.Type, CancellationToken))
            {
                parameter = p;
                argument = candidate;
                return candidate.ArgumentKind == ArgumentKind.DefaultValue ? TokenUse.Missing : ClassifyToken(candidate.Value);
            }
        }

        var method = invocation.TargetMethod;
        foreach (var p in method.Parameters)
        {
            if (SymbolEqualityComparer.Default.Equals(p.Type, CancellationToken))
            {
                parameter = p;
                return TokenUse.Missing;
            }
        }

        if (RequestOptions is not null)
        {
            foreach (var candidate in invocation.Arguments)
            {
                if (candidate.Parameter is { } p && SymbolEqualityComparer.Default.Equals(p.Type, RequestOptions)
                    && candidate.ArgumentKind != ArgumentKind.DefaultValue && !IsNullOrDefault(candidate.Value))
                {
                    return TokenUse.Unknown; // protocol methods carry the token in RequestOptions.CancellationToken
                }
            }
        }

        return TokenUse.NotAccepted;
    }

    /// <summary>Whether a token expression can be cancelled: <c>default</c>, <c>CancellationToken.None</c> and <c>new CancellationToken()</c> cannot.</summary>
    public TokenUse ClassifyToken(IOperation value)
    {
        value = Unwrap(value);
        switch (value)
        {
            case IDefaultValueOperation:
            case ILiteralOperation { ConstantValue.HasValue: true }:
                return TokenUse.Default;
            case IPropertyReferenceOperation { Property.Name: "None", Property.IsStatic: true } none
                when SymbolEqualityComparer.Default.Equals(none.Property.ContainingType, CancellationToken):
                return TokenUse.None;
            case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, CancellationToken):
                return TokenUse.None;
            case IInvalidOperation:
                return TokenUse.Unknown;
            default:
                return TokenUse.Live;
        }
    }

    /// <summary>
    /// True for a bare reference to a parameter of a named method or local function: inside a callee, such a token
    /// is whatever its caller passed, which the caller's own analysis judges.
    /// </summary>
    internal static bool IsCallerSuppliedParameter(IOperation value) =>
        Unwrap(value) is IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: not MethodKind.AnonymousFunction } };

    /// <summary>Whether a type is, derives from, or implements another.</summary>
    public static bool IsOrInherits(ITypeSymbol? type, INamedTypeSymbol? baseOrInterface)
    {
        if (type is null || baseOrInterface is null)
        {
            return false;
        }

        if (type is ITypeParameterSymbol typeParameter)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                if (IsOrInherits(constraint, baseOrInterface))
                {
                    return true;
                }
            }

            return false;
        }

        return baseOrInterface.TypeKind == TypeKind.Interface ? type.IsOrImplements(baseOrInterface) : type.IsOrDerivesFrom(baseOrInterface);
    }

    /// <summary>Strips conversions and parentheses.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    internal static bool IsNullOrDefault(IOperation operation) =>
        Unwrap(operation) is IDefaultValueOperation or ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };

    /// <summary>"Namespace.Outer.Type" without type arguments.</summary>
    public static string FullName(INamedTypeSymbol type)
    {
        var builder = new StringBuilder();
        AppendFullName(builder, type);
        return builder.ToString();
    }

    /// <summary>Source text of an operation, shortened for messages.</summary>
    internal static string Text(IOperation operation) => Text(operation.Syntax);

    internal static string Text(SyntaxNode syntax) => TextFormatting.CollapseWhitespace(syntax.ToString(), maxLength: 80);

    internal PacingMatch? GetPacing(IOperation operation)
    {
        if (operation is not IInvocationOperation invocation)
        {
            return null;
        }

        var method = invocation.TargetMethod;
        var name = method.Name;
        if (_humanInputNames.Contains(name) && method.ContainingType is { } type && Matches(_humanInput, type, name))
        {
            return new PacingMatch(LoopPacing.HumanPaced, type.Name + "." + name);
        }

        if (Array.IndexOf(ConsoleInReadNames, name) >= 0
            && method.ContainingType?.Name == "TextReader"
            && Unwrap(invocation.Instance ?? invocation) is IPropertyReferenceOperation { Property: { Name: "In", ContainingType: { Name: "Console" } consoleType } }
            && FullName(consoleType) == "System.Console")
        {
            return new PacingMatch(LoopPacing.HumanPaced, "Console.In." + name);
        }

        if (_inputWaitNames.Contains(name) && method.ContainingType is { } waitType && Matches(_inputWaits, waitType, name))
        {
            return new PacingMatch(LoopPacing.InputPaced, waitType.Name + "." + name);
        }

        if (Array.IndexOf(InputWaitNames, name) >= 0 && GetLlmCall(invocation) is null)
        {
            return new PacingMatch(LoopPacing.InputPaced, (method.ContainingType?.Name ?? string.Empty) + "." + name);
        }

        // Input the rules cannot follow — an injected Func<string?> readInput, an interface implemented elsewhere —
        // counts by its name: ReadInput, GetUserInput, AskUser, PromptUser, ReadLine, and a request for a person's
        // approval (RequestApprovalAsync, WaitForApprovalAsync: a tool-approval coordinator the UI answers).
        var opaqueName = method.MethodKind == MethodKind.DelegateInvoke
            ? Unwrap(invocation.Instance ?? invocation) switch
            {
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IFieldReferenceOperation field => field.Field.Name,
                ILocalReferenceOperation local => local.Local.Name,
                IPropertyReferenceOperation property => property.Property.Name,
                _ => null,
            }
            : method.IsAbstract || method.ContainingType?.TypeKind == TypeKind.Interface ? name : null;
        if (opaqueName is not null && LooksLikeHumanInput(opaqueName))
        {
            return new PacingMatch(LoopPacing.HumanPaced, opaqueName);
        }

        return null;
    }

    private static bool LooksLikeHumanInput(string name)
    {
        var hasInput = name.IndexOf("Input", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("ReadLine", StringComparison.OrdinalIgnoreCase) >= 0;
        var hasPerson = name.IndexOf("User", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("Human", StringComparison.OrdinalIgnoreCase) >= 0;
        var isRead = name.StartsWith("Read", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Get", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Ask", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Prompt", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Wait", StringComparison.OrdinalIgnoreCase) || name.StartsWith("_read", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("_get", StringComparison.OrdinalIgnoreCase) || name.StartsWith("_ask", StringComparison.OrdinalIgnoreCase);
        return (isRead && (hasInput || hasPerson)) || IsApprovalRequest(name);
    }

    /// <summary>RequestApproval…, AskForApproval…, WaitForApproval…, AwaitApproval…, PromptForApproval…: a call that waits for a person's decision.</summary>
    private static bool IsApprovalRequest(string name)
    {
        var asks = name.StartsWith("Request", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Ask", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Wait", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Await", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Prompt", StringComparison.OrdinalIgnoreCase);
        return asks && name.IndexOf("Approval", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    private static readonly string[] ConsoleInReadNames = [.. AgentLoopApis.ConsoleInReads];
    private static readonly string[] InputWaitNames = [.. AgentLoopApis.InputWaitMethodNames];

    private LlmCall? CreateCall(IInvocationOperation invocation, IMethodSymbol method, string name, LlmCallKind kind) =>
        IsInExpressionTree(invocation) ? null : new(invocation, method, name, kind, GetTokenUse(invocation, out var parameter, out _), parameter);

    /// <summary>A call inside a lambda converted to an expression tree (a mock's <c>Setup(c =&gt; c.GetResponseAsync(...))</c>) never runs.</summary>
    private static bool IsInExpressionTree(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda)
            {
                var parent = lambda.Parent;
                while (parent is IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation)
                {
                    if (parent.Type is INamedTypeSymbol { Name: "Expression", Arity: 1 } expression
                        && expression.ContainingNamespace?.ToDisplayString() == "System.Linq.Expressions")
                    {
                        return true;
                    }

                    parent = parent.Parent;
                }
            }
        }

        return false;
    }

    private static bool Matches(Dictionary<string, HashSet<string>> table, INamedTypeSymbol type, string member)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (table.TryGetValue(FullName(current), out var members) && members.Contains(member))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, HashSet<string>> BuildMethodTable(ImmutableArray<string> entries, HashSet<string> names)
    {
        var table = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (SplitMethodName(entry) is not (var type, var member) || member == "*")
            {
                continue;
            }

            if (!table.TryGetValue(type, out var members))
            {
                table[type] = members = new HashSet<string>(StringComparer.Ordinal);
            }

            members.Add(member);
            names.Add(member);
        }

        return table;
    }

    private static (string Type, string Member)? SplitMethodName(string entry)
    {
        var trimmed = entry.Trim();
        var paren = trimmed.IndexOf('(');
        if (paren >= 0)
        {
            trimmed = trimmed.Substring(0, paren);
        }

        var dot = trimmed.LastIndexOf('.');
        if (dot <= 0 || dot == trimmed.Length - 1)
        {
            return null;
        }

        return (trimmed.Substring(0, dot), trimmed.Substring(dot + 1));
    }

    private static string SimpleName(string fullName)
    {
        var dot = fullName.LastIndexOf('.');
        return dot < 0 ? fullName : fullName.Substring(dot + 1);
    }

    private static void AppendFullName(StringBuilder builder, INamedTypeSymbol type)
    {
        if (type.ContainingType is { } outer)
        {
            AppendFullName(builder, outer);
            builder.Append('.');
        }
        else if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            builder.Append(ns.ToDisplayString());
            builder.Append('.');
        }

        builder.Append(type.Name);
    }
}

/// <summary>A call that paces a loop: a person's input or the next work item.</summary>
internal sealed record PacingMatch(LoopPacing Pacing, string Name);
