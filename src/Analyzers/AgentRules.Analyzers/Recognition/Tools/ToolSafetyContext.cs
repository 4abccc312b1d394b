using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Configuration;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// The tool recognition engine for one compilation: which methods, lambdas, classes and registrations are tools an
/// agent can call, in every framework form, and for each its name, description, parameters, effect (with
/// evidence), environment scope, approval gate and budget.
/// </summary>
/// <remarks>
/// <para>
/// Get one with <see cref="GetOrCreate"/> (shared by every analyzer of the compilation, so the tool-safety rules
/// classify each tool once) or <see cref="Create"/>. Then ask <see cref="GetTool(ISymbol, CancellationToken)"/> for a
/// method, local function or class, <see cref="GetRegisteredTool"/> for a factory call,
/// <see cref="GetToolsReportedIn"/> for the tools whose diagnostics belong in one file, or <see cref="GetAllTools"/>
/// for every tool of the compilation. Files that <see cref="MayContainTools"/> rules out are never bound. Results are
/// cached; everything is thread-safe.
/// </para>
/// <para>
/// Framework types are resolved once. <see cref="Create"/> returns null when the compilation references no tool form
/// at all, so projects without agent code pay nothing.
/// </para>
/// </remarks>
public sealed partial class ToolSafetyContext
{
    private static readonly WeakCache<Compilation, Holder> s_contexts = new();

    private readonly ConcurrentDictionary<ISymbol, Once> _symbolTools = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxNode, Once> _registeredTools = new();
    private readonly object _indexGate = new();
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly CallGraphSearch<WriteEvidence> _strongWrites;
    private readonly CallGraphSearch<string> _guards;
    private readonly ImmutableArray<WritingApi> _configuredApis;
    private WritingApiMatcher? _writes;
    private volatile ToolRegistrationIndex? _index;
    private SyntaxTree[]? _scanTrees;
    private int[]? _scanFound;
    private int _scanNext;
    private ToolRegistrationIndex? _completeIndex;
    private readonly object _kernelFiltersGate = new();
    private volatile int _kernelFilters = -1;

    private ToolSafetyContext(Compilation compilation, KnownTypes types, ToolVerbs verbs, ImmutableArray<INamedTypeSymbol> configuredAttributes, ImmutableArray<WritingApi> configuredApis)
    {
        Compilation = compilation;
        Types = types;
        Verbs = verbs;
        ConfiguredAttributes = configuredAttributes;

        AgentTool = types.Get(ToolMetadataNames.AgentToolAttribute);
        ReadOnlyAttribute = types.Get(ToolMetadataNames.ReadOnlyAttribute);
        DestructiveAttribute = types.Get(ToolMetadataNames.DestructiveAttribute);
        EnvironmentScope = types.Get(MetadataNames.EnvironmentScopeAttribute);
        RequiresApproval = types.Get(ToolMetadataNames.RequiresApprovalAttribute);
        ToolBudgetAttribute = types.Get(ToolMetadataNames.ToolBudgetAttribute);
        McpTool = types.Get(MetadataNames.McpServerToolAttribute);
        McpServerToolType = types.Get(ToolMetadataNames.McpServerTool);
        McpCreateOptions = types.Get(ToolMetadataNames.McpServerToolCreateOptions);
        McpBuilderExtensions = types.Get(ToolMetadataNames.McpServerBuilderExtensions);
        KernelFunction = types.Get(ToolMetadataNames.KernelFunctionAttribute);
        KernelFunctionFactory = types.Get(ToolMetadataNames.KernelFunctionFactory);
        KernelExtensions = types.Get(ToolMetadataNames.KernelExtensions);
        KernelPluginFactory = types.Get(ToolMetadataNames.KernelPluginFactory);
        FunctionInvocationFilter = types.Get(ToolMetadataNames.FunctionInvocationFilter);
        AutoFunctionInvocationFilter = types.Get(ToolMetadataNames.AutoFunctionInvocationFilter);
        AIFunctionFactory = types.Get(ToolMetadataNames.AIFunctionFactory);
        AIFunctionFactoryOptions = types.Get(ToolMetadataNames.AIFunctionFactoryOptions);
        AIFunctionName = types.Get(ToolMetadataNames.AIFunctionNameAttribute);
        ApprovalRequiredAIFunction = types.Get(ToolMetadataNames.ApprovalRequiredAIFunction);
        ChatTool = types.Get(ToolMetadataNames.ChatTool);
        McpToolTrigger = types.Get(ToolMetadataNames.McpToolTriggerAttribute);
        McpToolProperty = types.Get(ToolMetadataNames.McpToolPropertyAttribute);
        OutputBinding = types.Get(ToolMetadataNames.OutputBindingAttribute);
        DescriptionAttribute = types.Get(ToolMetadataNames.DescriptionAttribute);
        SystemType = types.Get(ToolMetadataNames.Type);

        // The writing-API table resolves dozens of types: only once a tool's effect is asked for (an edit in a file
        // with no tool, in the IDE, never needs it).
        _configuredApis = configuredApis;
        _strongWrites = new CallGraphSearch<WriteEvidence>(compilation, operation => Writes.MatchStrong(operation), maxDepth: 3, follow: FollowForWrites, getModel: GetSemanticModel);
        Environments = new EnvironmentChecks(types, WritesDirectlyOrThroughHelpers);
        _guards = new CallGraphSearch<string>(compilation, Environments.MatchGuard, maxDepth: 1, getModel: GetSemanticModel);

        HasAttributeForms = AgentTool is not null || McpTool is not null || KernelFunction is not null || McpToolTrigger is not null || !configuredAttributes.IsEmpty;
        HasFactoryForms = AIFunctionFactory is not null || KernelFunctionFactory is not null || KernelExtensions is not null || ChatTool is not null || McpServerToolType is not null;
    }

    /// <summary>The compilation.</summary>
    public Compilation Compilation { get; }

    /// <summary>The compilation's resolved types.</summary>
    public KnownTypes Types { get; }

    /// <summary>The verb lexicon, with the project's <c>agentrules.destructive_verbs</c>/<c>readonly_verbs</c> applied.</summary>
    public ToolVerbs Verbs { get; }

    /// <summary>The writing-API table, with the project's <c>agentrules.writing_apis</c>.</summary>
    public WritingApiMatcher Writes => _writes ?? CreateWrites();

    /// <summary>Environment checks.</summary>
    public EnvironmentChecks Environments { get; }

    /// <summary>The in-house tool attributes listed in <c>agentrules.tool_attributes</c> that resolve.</summary>
    public ImmutableArray<INamedTypeSymbol> ConfiguredAttributes { get; }

    /// <summary>True when methods can be tools by an attribute ([AgentTool], [McpServerTool], [KernelFunction], [McpToolTrigger], configured).</summary>
    public bool HasAttributeForms { get; }

    /// <summary>True when tools can be created by a factory call (AIFunctionFactory, KernelFunctionFactory, McpServerTool.Create, ChatTool).</summary>
    public bool HasFactoryForms { get; }

    internal INamedTypeSymbol? AgentTool { get; }
    internal INamedTypeSymbol? ReadOnlyAttribute { get; }
    internal INamedTypeSymbol? DestructiveAttribute { get; }
    internal INamedTypeSymbol? EnvironmentScope { get; }
    internal INamedTypeSymbol? RequiresApproval { get; }
    internal INamedTypeSymbol? ToolBudgetAttribute { get; }
    internal INamedTypeSymbol? McpTool { get; }
    internal INamedTypeSymbol? McpServerToolType { get; }
    internal INamedTypeSymbol? McpCreateOptions { get; }
    internal INamedTypeSymbol? McpBuilderExtensions { get; }
    internal INamedTypeSymbol? KernelFunction { get; }
    internal INamedTypeSymbol? KernelFunctionFactory { get; }
    internal INamedTypeSymbol? KernelExtensions { get; }
    internal INamedTypeSymbol? KernelPluginFactory { get; }
    internal INamedTypeSymbol? FunctionInvocationFilter { get; }
    internal INamedTypeSymbol? AutoFunctionInvocationFilter { get; }
    internal INamedTypeSymbol? AIFunctionFactory { get; }
    internal INamedTypeSymbol? AIFunctionFactoryOptions { get; }
    internal INamedTypeSymbol? AIFunctionName { get; }
    internal INamedTypeSymbol? ApprovalRequiredAIFunction { get; }
    internal INamedTypeSymbol? ChatTool { get; }
    internal INamedTypeSymbol? McpToolTrigger { get; }
    internal INamedTypeSymbol? McpToolProperty { get; }
    internal INamedTypeSymbol? OutputBinding { get; }
    internal INamedTypeSymbol? DescriptionAttribute { get; }
    internal INamedTypeSymbol? SystemType { get; }

    /// <summary>
    /// The shared context of a compilation (created on first use, then reused by every analyzer and caller), or null
    /// when the compilation references no tool form.
    /// </summary>
    public static ToolSafetyContext? GetOrCreate(Compilation compilation, AnalyzerConfigOptionsProvider? options)
    {
        if (s_contexts.TryGetValue(compilation, out var holder))
        {
            return holder.Context;
        }

        // The four analyzers start on the same compilation at once: create the context (types, tables) only once.
        lock (s_contexts)
        {
            return s_contexts.GetValue(compilation, c => new Holder(Create(c, options))).Context;
        }
    }

    /// <summary>A new context for a compilation, or null when it references no tool form.</summary>
    /// <param name="compilation">The compilation.</param>
    /// <param name="options">The <c>.editorconfig</c> options; null for the defaults.</param>
    public static ToolSafetyContext? Create(Compilation compilation, AnalyzerConfigOptionsProvider? options)
    {
        var types = new KnownTypes(compilation);
        var configured = ImmutableArray<INamedTypeSymbol>.Empty;
        var destructive = ImmutableArray<string>.Empty;
        var readOnly = ImmutableArray<string>.Empty;
        var apis = ImmutableArray<WritingApi>.Empty;
        if (options is not null)
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var name in options.GetListForCompilation(compilation, OptionKeys.ToolAttributes))
            {
                if (types.Get(name) is { } attribute)
                {
                    builder.Add(attribute);
                }
            }

            configured = builder.ToImmutable();
            destructive = options.GetListForCompilation(compilation, OptionKeys.DestructiveVerbs);
            readOnly = options.GetListForCompilation(compilation, OptionKeys.ReadOnlyVerbs);
            apis = WritingApiTable.ParseConfigured(options.GetListForCompilation(compilation, OptionKeys.WritingApis));
        }

        var context = new ToolSafetyContext(
            compilation,
            types,
            destructive.IsEmpty && readOnly.IsEmpty ? ToolVerbs.Default : new ToolVerbs(destructive, readOnly),
            configured,
            apis);
        return context.HasAttributeForms || context.HasFactoryForms ? context : null;
    }

    /// <summary>
    /// The tool a method, local function or class is, or null when it is none. A method registered with a factory
    /// (<c>AIFunctionFactory.Create(DeleteFile)</c>) is a tool here, at its declaration.
    /// </summary>
    public ToolInfo? GetTool(ISymbol symbol, CancellationToken cancellationToken)
    {
        symbol = symbol.OriginalDefinition;
        return _symbolTools.GetOrAdd(symbol, static _ => new Once()).Get(() => symbol switch
        {
            IMethodSymbol method => RecognizeMethod(method, cancellationToken),
            INamedTypeSymbol type => RecognizeType(type, cancellationToken),
            _ => null,
        });
    }

    /// <summary>
    /// The tool a factory call creates (<c>AIFunctionFactory.Create(...)</c>, <c>KernelFunctionFactory.CreateFromMethod(...)</c>,
    /// <c>McpServerTool.Create(...)</c>, <c>ChatTool.CreateFunctionTool(...)</c>), or null when the call is none of
    /// these or its tool cannot be traced.
    /// </summary>
    public ToolInfo? GetRegisteredTool(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        if (AnalyzeRegistration(invocation) is not { } registration)
        {
            return GetHelperCallTool(invocation, cancellationToken); // a call of the app's own helper around a factory
        }

        if (IsNamedByHelperCaller(registration))
        {
            return null; // inside the helper: each call of the helper names its own tool
        }

        if (registration.Method is { } method)
        {
            return GetTool(method, cancellationToken);
        }

        var key = (SyntaxNode?)registration.Lambda?.Syntax ?? invocation.Syntax;
        return _registeredTools.GetOrAdd(key, static _ => new Once()).Get(() =>
            registration.Lambda is not null || registration.Form == ToolForm.OpenAIChatTool
                ? BuildRegisteredTool(registration, cancellationToken)
                : null);
    }

    /// <summary>
    /// True when <paramref name="invocation"/> is where diagnostics about <paramref name="tool"/> belong, for tools
    /// without a declaration of their own in a type (lambdas, local functions, OpenAI chat tools): the first
    /// registration. Tools declared as methods or classes are reported at their declaration instead.
    /// </summary>
    public static bool IsReportedAtRegistration(ToolInfo tool, IInvocationOperation invocation)
    {
        if (tool.Target is ToolTarget.Method or ToolTarget.Type)
        {
            return false;
        }

        return tool.Registrations.IsEmpty
            || (tool.Registrations[0].Location.SourceTree == invocation.Syntax.SyntaxTree && tool.Registrations[0].Location.SourceSpan == invocation.Syntax.Span);
    }

    /// <summary>Every tool of the compilation, in source order: declared methods and classes, and factory registrations.</summary>
    public ImmutableArray<ToolInfo> GetAllTools(CancellationToken cancellationToken)
    {
        var tools = new List<ToolInfo>();
        var seen = new HashSet<ToolInfo>();
        foreach (var tree in Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!MayContainTools(tree, cancellationToken))
            {
                continue;
            }

            foreach (var symbol in DeclaredCandidates(tree, GetSemanticModel(tree), cancellationToken))
            {
                if (GetTool(symbol, cancellationToken) is { } tool && seen.Add(tool))
                {
                    tools.Add(tool);
                }
            }
        }

        foreach (var registration in GetCompleteRegistrationIndex(cancellationToken).Registrations)
        {
            if (GetRegisteredTool(registration.Invocation, cancellationToken) is { } tool && seen.Add(tool))
            {
                tools.Add(tool);
            }
        }

        tools.Sort(static (a, b) =>
        {
            var byFile = string.CompareOrdinal(a.Location.SourceTree?.FilePath, b.Location.SourceTree?.FilePath);
            return byFile != 0 ? byFile : a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start);
        });
        return tools.ToImmutableArray();
    }

    private WritingApiMatcher CreateWrites()
    {
        var writes = new WritingApiMatcher(Types, _configuredApis);
        return Interlocked.CompareExchange(ref _writes, writes, null) ?? writes;
    }

    /// <summary>Callees worth following for writes: not constructors, initializers, logging or readers ("GetCustomer").</summary>
    private bool FollowForWrites(IMethodSymbol method)
    {
        if (method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor)
        {
            return false;
        }

        var words = ToolVerbs.SplitWords(method.Name);
        if (words.Count > 0 && SkippedHelperWords.Contains(words[0].ToLowerInvariant()))
        {
            return false;
        }

        return Verbs.ClassifyName(method.Name).Effect != ToolEffect.ReadOnly;
    }

    private static readonly ImmutableHashSet<string> SkippedHelperWords = ImmutableHashSet.Create(
        StringComparer.Ordinal, "ensure", "init", "initialize", "initialise", "configure", "migrate", "log", "trace", "audit", "track", "cache", "emit", "metric", "metrics", "telemetry", "record", "report", "dispose");

    private bool WritesDirectlyOrThroughHelpers(IOperation operation)
    {
        if (Writes.MatchStrong(operation) is not null)
        {
            return true;
        }

        return operation is IInvocationOperation invocation
            && invocation.TargetMethod.DeclaringSyntaxReferences.Length > 0
            && _strongWrites.Find(invocation.TargetMethod, CancellationToken.None) is not null;
    }

    internal CallGraphMatch<WriteEvidence>? FindStrongWrite(IMethodSymbol method, CancellationToken cancellationToken) => _strongWrites.Find(method, cancellationToken);

    internal IOperation? GetBody(IMethodSymbol method, CancellationToken cancellationToken) => _strongWrites.GetBody(method, cancellationToken);

    internal CallGraphMatch<WriteEvidence>? FindStrongWrite(IOperation body, CancellationToken cancellationToken) => _strongWrites.Find(body, cancellationToken);

    // The registration index and guard helpers read other files of the compilation; each tree's model is created once
    // per compilation (the same reason CallGraphSearch does).
    private SemanticModel GetSemanticModel(SyntaxTree tree) => _models.GetOrAdd(tree, t => SemanticModels.Create(Compilation, t));

    /// <summary>
    /// A value computed once however many analyzers ask at the same time (the four tool-safety analyzers analyse the
    /// same symbols concurrently). A cancelled computation leaves it unset for the next caller.
    /// </summary>
    private sealed class Once
    {
        private readonly object _gate = new();
        private bool _done;
        private ToolInfo? _value;

        public ToolInfo? Get(Func<ToolInfo?> compute)
        {
            lock (_gate)
            {
                if (!_done)
                {
                    _value = compute();
                    _done = true;
                }

                return _value;
            }
        }
    }

    private sealed class Holder(ToolSafetyContext? context)
    {
        public ToolSafetyContext? Context { get; } = context;
    }
}
