using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>One factory call that creates a tool.</summary>
internal sealed class FactoryRegistration(ToolForm form, IInvocationOperation invocation)
{
    public ToolForm Form { get; } = form;

    public IInvocationOperation Invocation { get; } = invocation;

    /// <summary>The named method (method group, local function, or <c>typeof(T).GetMethod("M")</c>).</summary>
    public IMethodSymbol? Method { get; set; }

    /// <summary>The lambda or anonymous method.</summary>
    public IAnonymousFunctionOperation? Lambda { get; set; }

    public string? Name { get; set; }

    public SyntaxNode? NameSyntax { get; set; }

    public string? Description { get; set; }

    public IObjectCreationOperation? Options { get; set; }

    public bool WrappedInApproval { get; set; }

    public bool UnderEnvironmentCheck { get; set; }

    /// <summary>The methods a reflected <c>MethodInfo</c> argument stands for (<c>GetMethods</c> in a <c>Select</c> or <c>foreach</c>).</summary>
    public ImmutableArray<IMethodSymbol> Reflected { get; set; }

    /// <summary>The app's own helper whose parameter is the callable this factory call registers, and that parameter.</summary>
    public IParameterSymbol? ForwardedCallable { get; set; }

    /// <summary>The helper parameter that is the tool's name (<c>name: name</c>, or <c>Name = name</c> in the options).</summary>
    public IParameterSymbol? ForwardedName { get; set; }

    /// <summary>The helper parameter that is the tool's description.</summary>
    public IParameterSymbol? ForwardedDescription { get; set; }

    /// <summary>This registration for one of its reflected methods.</summary>
    public FactoryRegistration ForMethod(IMethodSymbol method) =>
        new(Form, Invocation)
        {
            Method = method,
            Options = Options,
            WrappedInApproval = WrappedInApproval,
            UnderEnvironmentCheck = UnderEnvironmentCheck,
        };
}

/// <summary>
/// Every tool registration of a compilation, found once by a syntax walk (filtered by name before binding): factory
/// calls, tool and plugin types registered with MCP and Semantic Kernel, approval wrappers and invocation filters.
/// </summary>
internal sealed class ToolRegistrationIndex
{
    private readonly Dictionary<IMethodSymbol, ImmutableArray<FactoryRegistration>> _byMethod;
    private readonly Dictionary<SyntaxNode, ImmutableArray<FactoryRegistration>> _byLambda;
    private readonly Dictionary<INamedTypeSymbol, (int Gated, int Ungated)> _types;
    private readonly HashSet<SyntaxTree> _registeredMethodTrees = new();

    public ToolRegistrationIndex(
        ImmutableArray<FactoryRegistration> registrations,
        Dictionary<INamedTypeSymbol, (int Gated, int Ungated)> types,
        bool ungatedAssemblyScan,
        bool untracedApprovalWrapping,
        ImmutableArray<string> helperNames = default)
    {
        Registrations = registrations;
        HelperNames = helperNames.IsDefault ? ImmutableArray<string>.Empty : helperNames;
        _types = types;
        UngatedAssemblyScan = ungatedAssemblyScan;
        UntracedApprovalWrapping = untracedApprovalWrapping;

        var byMethod = new Dictionary<IMethodSymbol, ImmutableArray<FactoryRegistration>.Builder>(SymbolEqualityComparer.Default);
        var byLambda = new Dictionary<SyntaxNode, ImmutableArray<FactoryRegistration>.Builder>();
        foreach (var registration in registrations)
        {
            if (registration.Method is { } method)
            {
                Add(byMethod, method.OriginalDefinition, registration);
            }
            else if (registration.Lambda is { } lambda)
            {
                Add(byLambda, lambda.Syntax, registration);
            }
        }

        _byMethod = new Dictionary<IMethodSymbol, ImmutableArray<FactoryRegistration>>(SymbolEqualityComparer.Default);
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var pair in byMethod)
        {
            _byMethod[pair.Key] = pair.Value.ToImmutable();
            names.Add(pair.Key.Name);
            AddTrees(pair.Key);
            if (pair.Key.PartialImplementationPart is { } implementation)
            {
                AddTrees(implementation);
            }
        }

        RegisteredMethodNames = names.ToImmutable();

        _byLambda = new Dictionary<SyntaxNode, ImmutableArray<FactoryRegistration>>();
        foreach (var pair in byLambda)
        {
            _byLambda[pair.Key] = pair.Value.ToImmutable();
        }
    }

    public ImmutableArray<FactoryRegistration> Registrations { get; }

    /// <summary>The names of the methods factories register (a cheap filter before binding a declaration).</summary>
    public ImmutableHashSet<string> RegisteredMethodNames { get; }

    /// <summary><c>WithToolsFromAssembly()</c> runs outside any environment check.</summary>
    public bool UngatedAssemblyScan { get; }

    /// <summary>An <c>ApprovalRequiredAIFunction</c> wraps tools this index cannot trace (a whole tool list, a plugin's functions).</summary>
    public bool UntracedApprovalWrapping { get; }

    /// <summary>True when a method that a factory registers is declared in <paramref name="tree"/>.</summary>
    public bool DeclaresRegisteredMethod(SyntaxTree tree) => _registeredMethodTrees.Contains(tree);

    /// <summary>The trees that declare a method a factory registers.</summary>
    public IReadOnlyCollection<SyntaxTree> RegisteredMethodTrees => _registeredMethodTrees;

    /// <summary>The names of the app's own helpers that forward a callable to a factory: files that call one register tools.</summary>
    public ImmutableArray<string> HelperNames { get; }

    public ImmutableArray<FactoryRegistration> ForMethod(IMethodSymbol method) =>
        _byMethod.TryGetValue(method.OriginalDefinition, out var found) ? found : ImmutableArray<FactoryRegistration>.Empty;

    public ImmutableArray<FactoryRegistration> ForSyntax(SyntaxNode? lambdaOrCall, FactoryRegistration fallback) =>
        lambdaOrCall is not null && _byLambda.TryGetValue(lambdaOrCall, out var found) ? found : ImmutableArray.Create(fallback);

    /// <summary>The type is registered as a tool or plugin type, and only ever under an environment check.</summary>
    public bool IsTypeRegisteredOnlyUnderCheck(INamedTypeSymbol type, bool isMcpToolType) =>
        _types.TryGetValue(type.OriginalDefinition, out var counts) && counts.Gated > 0 && counts.Ungated == 0 && !(isMcpToolType && UngatedAssemblyScan);

    private void AddTrees(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            _registeredMethodTrees.Add(reference.SyntaxTree);
        }
    }

    private static void Add<TKey>(Dictionary<TKey, ImmutableArray<FactoryRegistration>.Builder> map, TKey key, FactoryRegistration registration)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = ImmutableArray.CreateBuilder<FactoryRegistration>();
        }

        list.Add(registration);
    }
}

public sealed partial class ToolSafetyContext
{
    private static readonly ImmutableHashSet<string> RegistrationMethodNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Create", "CreateFromMethod", "CreateFunctionFromMethod", "CreateFunctionTool", "WithTools", "WithToolsFromAssembly",
        "ImportPluginFromType", "AddFromType", "CreateFromType", "ImportPluginFromObject", "AddFromObject", "CreateFromObject");

    private readonly object _reusedGate = new();
    private bool _reusedTried;
    private ToolRegistrationCache.Snapshot? _reusedRegistrations;

    /// <summary>
    /// The registrations analyzers need: named methods registered with factories, tool and plugin types, approval
    /// wrappers. Lambdas and OpenAI chat tools are left out (analyzers see them in operation callbacks, which costs no
    /// extra binding); <see cref="GetCompleteRegistrationIndex"/> has them too.
    /// </summary>
    internal ToolRegistrationIndex GetRegistrationIndex(CancellationToken cancellationToken)
    {
        if (_index is { } index)
        {
            return index;
        }

        // Every file's analysis asks for the index at once, on several threads. Finding the files that spell a
        // registration API (a text scan of every file) is shared out between them; one thread then binds the few
        // candidate calls while the others wait. Built once; cancellation leaves it unbuilt.
        ScanForRegistrations(cancellationToken);
        lock (_indexGate)
        {
            if (_index is null)
            {
                _index = BuildIndex(complete: false, cancellationToken);

                // What "may this file hold a tool?" reads from the index, for the next compilations: the files that
                // declare a registered method or call a helper that registers a lambda or a chat tool, and the words
                // of the files the index read (registration APIs, the helpers' names).
                var helperCalls = GetHelperCalls(cancellationToken);
                var trees = new HashSet<SyntaxTree>(_index.RegisteredMethodTrees);
                trees.UnionWith(helperCalls.Trees);
                ToolRegistrationCache.Remember(Compilation, trees, IndexWords.AddRange(_index.HelperNames).AddRange(helperCalls.Names), _reusedRegistrations);
            }

            return _index;
        }
    }

    /// <summary>
    /// True when <paramref name="tree"/> declares a method that a factory registers or calls a helper that registers
    /// a lambda or a chat tool: from the compilation's index once built, else from a previous compilation's when the
    /// trees that differ cannot change the answer (<see cref="ToolRegistrationCache"/>: an edit in the IDE binds no
    /// registration to learn that the edited file holds no tool), else from the index, built now.
    /// </summary>
    private bool HoldsRegisteredTool(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (_index is null && ReusedRegistrations(cancellationToken) is { } snapshot)
        {
            return snapshot.Contains(tree);
        }

        return GetRegistrationIndex(cancellationToken).DeclaresRegisteredMethod(tree) || CallsToolHelper(tree, cancellationToken);
    }

    /// <summary>True when this compilation took which files declare registered methods from a previous compilation (for tests).</summary>
    internal bool RegistrationsReused => _reusedRegistrations is not null;

    private ToolRegistrationCache.Snapshot? ReusedRegistrations(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _reusedTried))
        {
            return _reusedRegistrations;
        }

        lock (_reusedGate)
        {
            if (!_reusedTried)
            {
                _reusedRegistrations = ToolRegistrationCache.TryReuse(Compilation, cancellationToken);
                Volatile.Write(ref _reusedTried, true);
            }

            return _reusedRegistrations;
        }
    }

    /// <summary>Checks every tree for the registration words, each tree by one of the threads that call it.</summary>
    private void ScanForRegistrations(CancellationToken cancellationToken)
    {
        if (_scanTrees is null)
        {
            var all = Compilation.SyntaxTrees.ToArray();
            Interlocked.CompareExchange(ref _scanFound, new int[all.Length], null);
            Interlocked.CompareExchange(ref _scanTrees, all, null);
        }

        var trees = _scanTrees;
        var found = _scanFound!; // 1: spells a registration API, -1: does not, 0: not known yet
        for (var i = Interlocked.Increment(ref _scanNext) - 1; i < trees.Length; i = Interlocked.Increment(ref _scanNext) - 1)
        {
            // Only projects with factory forms (an agent framework) scan: their files are indexed now, once.
            SourceIndex.Index(trees[i], cancellationToken);
            found[i] = SourceIndex.ContainsAny(trees[i], IndexWordSet, cancellationToken) ? 1 : -1;
        }
    }

    /// <summary>Every registration, lambdas and chat tools included: for <see cref="GetAllTools"/>.</summary>
    internal ToolRegistrationIndex GetCompleteRegistrationIndex(CancellationToken cancellationToken)
    {
        lock (_indexGate)
        {
            return _completeIndex ??= BuildIndex(complete: true, cancellationToken);
        }
    }

    /// <summary>What a factory call registers, or null when it is not a tool factory this engine knows.</summary>
    internal FactoryRegistration? AnalyzeRegistration(IInvocationOperation invocation)
    {
        // McpServerTool.Create(AIFunctionFactory.Create(m), options): one tool, registered by the outer call, whose
        // options (the MCP effect hints) win. The inner factory call stands for the outer one.
        if (McpWrapperOf(invocation) is { } wrapper)
        {
            invocation = wrapper;
        }

        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        var type = method.ContainingType;
        ToolForm form;
        if (Is(type, AIFunctionFactory) && method.Name == "Create")
        {
            form = ToolForm.AIFunctionFactory;
        }
        else if ((Is(type, KernelFunctionFactory) && method.Name == "CreateFromMethod") || (Is(type, KernelExtensions) && method.Name == "CreateFunctionFromMethod"))
        {
            form = ToolForm.KernelFunctionFactory;
        }
        else if (Is(type, McpServerToolType) && method.Name == "Create")
        {
            form = ToolForm.McpServerTool;
        }
        else if (Is(type, ChatTool) && method.Name == "CreateFunctionTool")
        {
            form = ToolForm.OpenAIChatTool;
        }
        else
        {
            return null;
        }

        var registration = new FactoryRegistration(form, invocation);
        IOperation? callable = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            switch (parameter.Name)
            {
                case "method":
                    callable = argument.Value;
                    ResolveCallable(argument.Value, registration, depth: 0);
                    break;
                case "name" or "functionName":
                    registration.Name = argument.Value.ConstantValue is { HasValue: true, Value: string name } ? name : null;
                    registration.NameSyntax = argument.Value.Syntax;
                    registration.ForwardedName = HelperParameter(argument.Value);
                    break;
                case "description" or "functionDescription":
                    registration.Description = argument.Value.ConstantValue is { HasValue: true, Value: string description } ? description : null;
                    registration.ForwardedDescription = HelperParameter(argument.Value);
                    break;
                case "options" when Unwrap(argument.Value) is IObjectCreationOperation options:
                    registration.Options = options;
                    // The options' name and description win over the wrapped AIFunction's, as in the MCP SDK.
                    registration.Name = ReadInitializer(options, "Name") as string ?? registration.Name;
                    registration.Description = ReadInitializer(options, "Description") as string ?? registration.Description;
                    registration.ForwardedName ??= HelperParameter(InitializerValue(options, "Name"));
                    registration.ForwardedDescription ??= HelperParameter(InitializerValue(options, "Description"));
                    break;
                case "function" when form == ToolForm.McpServerTool && WrappedFactoryCall(argument.Value) is { } inner
                    && AnalyzeFactoryArguments(inner) is { } wrapped:
                    // McpServerTool.Create(AIFunction, options) over AIFunctionFactory.Create(m, "name", "description").
                    registration.Method = wrapped.Method;
                    registration.Lambda = wrapped.Lambda;
                    // The AIFunction's name, as AIFunctionFactory gives it (not the MCP snake_case of a method).
                    registration.Name ??= wrapped.Name ?? (wrapped.Method is { } named
                        ? (named.GetAttribute(AIFunctionName) is { } attribute ? FirstStringArgument(attribute) : null) ?? WithoutAsyncSuffix(named)
                        : null);
                    registration.NameSyntax ??= wrapped.NameSyntax;
                    registration.Description ??= wrapped.Description;
                    break;
            }
        }

        if (form != ToolForm.OpenAIChatTool && registration.Method is null && registration.Lambda is null)
        {
            // typeof(T).GetMethods() handed over in a Select or a foreach: the methods it stands for.
            // The app's own helper (AIFunction Tool(Delegate impl, string name) => AIFunctionFactory.Create(impl, name)):
            // its callers register the tools (see AddHelperRegistrations).
            if (callable is not null && ReflectedMethods(callable) is { IsEmpty: false } reflected)
            {
                registration.Reflected = reflected;
            }
            else if (callable is not null && HelperParameter(callable) is { } forwarded)
            {
                registration.ForwardedCallable = forwarded;
            }
            else
            {
                return null; // a MethodInfo from a loop we cannot read, a delegate from a field: not traceable to one tool
            }
        }

        registration.WrappedInApproval = IsWrappedInApproval(invocation);
        registration.UnderEnvironmentCheck = Environments.IsUnderCheck(invocation);
        return registration;
    }

    /// <summary>
    /// A constant assigned in an object initializer (<c>new McpServerToolCreateOptions { ReadOnly = true }</c>). The MCP
    /// SDK 2.x declares the effect hints as <c>bool?</c>, so <c>ReadOnly = true</c> arrives wrapped in a conversion to
    /// <c>bool?</c> (implicit, or a <c>(bool?)true</c> cast) that carries no constant of its own: the constant is read
    /// through it. <c>ReadOnly = null</c> reads as no value, as the SDK sends nothing for it.
    /// </summary>
    internal static object? ReadInitializer(IObjectCreationOperation creation, string property)
    {
        if (creation.Initializer is null)
        {
            return null;
        }

        foreach (var initializer in creation.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                && target.Property.Name == property)
            {
                var value = assignment.Value;
                while (!value.ConstantValue.HasValue && value is IConversionOperation { Operand: var operand })
                {
                    value = operand;
                }

                if (value.ConstantValue.HasValue)
                {
                    return value.ConstantValue.Value;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The <c>McpServerTool.Create(AIFunction, options)</c> call whose <c>function</c> argument is
    /// <paramref name="invocation"/> (an <c>AIFunctionFactory.Create</c> call), or null.
    /// </summary>
    private IInvocationOperation? McpWrapperOf(IInvocationOperation invocation)
    {
        if (McpServerToolType is null || invocation.TargetMethod.Name != "Create" || !Is(invocation.TargetMethod.ContainingType, AIFunctionFactory))
        {
            return null;
        }

        var parent = invocation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parameter.Name: "function", Parent: IInvocationOperation outer }
            && outer.TargetMethod.Name == "Create" && Is(outer.TargetMethod.ContainingType, McpServerToolType)
            ? outer
            : null;
    }

    /// <summary>The <c>AIFunctionFactory.Create</c> call an AIFunction argument is (directly or through a local), or null.</summary>
    private IInvocationOperation? WrappedFactoryCall(IOperation value)
    {
        value = Unwrap(value);
        if (value is ILocalReferenceOperation local && EnvironmentChecks.FindLocalInitializer(value, local.Local) is { } initializer)
        {
            value = Unwrap(initializer);
        }

        return value is IInvocationOperation { TargetMethod.Name: "Create" } call && Is(call.TargetMethod.ContainingType, AIFunctionFactory) ? call : null;
    }

    /// <summary>The callable, name and description an <c>AIFunctionFactory.Create</c> call gives its function.</summary>
    private FactoryRegistration? AnalyzeFactoryArguments(IInvocationOperation invocation)
    {
        var registration = new FactoryRegistration(ToolForm.AIFunctionFactory, invocation);
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            switch (parameter.Name)
            {
                case "method":
                    ResolveCallable(argument.Value, registration, depth: 0);
                    break;
                case "name":
                    registration.Name = argument.Value.ConstantValue is { HasValue: true, Value: string name } ? name : null;
                    registration.NameSyntax = argument.Value.Syntax;
                    break;
                case "description":
                    registration.Description = argument.Value.ConstantValue is { HasValue: true, Value: string description } ? description : null;
                    break;
                case "options" when Unwrap(argument.Value) is IObjectCreationOperation options:
                    registration.Name ??= ReadInitializer(options, "Name") as string;
                    registration.Description ??= ReadInitializer(options, "Description") as string;
                    break;
            }
        }

        return registration.Method is null && registration.Lambda is null ? null : registration;
    }

    private void ResolveCallable(IOperation value, FactoryRegistration registration, int depth)
    {
        value = Unwrap(value);
        switch (value)
        {
            case IDelegateCreationOperation delegateCreation:
                ResolveCallable(delegateCreation.Target, registration, depth);
                break;
            case IAnonymousFunctionOperation lambda:
                registration.Lambda = lambda;
                break;
            case IMethodReferenceOperation reference:
                registration.Method = reference.Method.OriginalDefinition;
                break;
            case ILocalReferenceOperation local when depth == 0 && EnvironmentChecks.FindLocalInitializer(value, local.Local) is { } initializer:
                ResolveCallable(initializer, registration, depth + 1);
                break;
            case IPropertyReferenceOperation { Property.Name: "Method", Instance: { } instance } when depth < 2:
                ResolveCallable(instance, registration, depth + 1);
                break;
            case IInvocationOperation { TargetMethod.Name: "GetMethod" } getMethod when Is(getMethod.TargetMethod.ContainingType, SystemType) && getMethod.Arguments.Length > 0:
                if (getMethod.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name } && ReflectedType(getMethod.Instance) is { } type)
                {
                    foreach (var member in type.GetMembers(name))
                    {
                        if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                        {
                            registration.Method = method.OriginalDefinition;
                            break;
                        }
                    }
                }

                break;
        }
    }

    /// <summary>The type of <c>typeof(T)</c>, or of <c>GetType()</c> on this or on an instance.</summary>
    private static INamedTypeSymbol? ReflectedType(IOperation? instance) =>
        (instance is null ? null : Unwrap(instance)) switch
        {
            ITypeOfOperation typeOf => typeOf.TypeOperand as INamedTypeSymbol,
            IInvocationOperation { TargetMethod.Name: "GetType", Arguments.Length: 0, Instance: { } target } => target.Type as INamedTypeSymbol,
            _ => null,
        };

    private bool IsWrappedInApproval(IOperation registration)
    {
        if (ApprovalRequiredAIFunction is null)
        {
            return false;
        }

        var current = registration;
        while (current.Parent is IConversionOperation conversion)
        {
            current = conversion;
        }

        if (current.Parent is IArgumentOperation { Parent: IObjectCreationOperation creation } && Is(creation.Type, ApprovalRequiredAIFunction))
        {
            return true;
        }

        ILocalSymbol? local = current.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            _ => null,
        };

        if (local is null)
        {
            return false;
        }

        var root = registration;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is IObjectCreationOperation wrapper && Is(wrapper.Type, ApprovalRequiredAIFunction))
            {
                foreach (var argument in wrapper.Arguments)
                {
                    if (Unwrap(argument.Value) is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private ToolRegistrationIndex BuildIndex(bool complete, CancellationToken cancellationToken)
    {
        var registrations = ImmutableArray.CreateBuilder<FactoryRegistration>();
        var types = new Dictionary<INamedTypeSymbol, (int Gated, int Ungated)>(SymbolEqualityComparer.Default);
        var ungatedAssemblyScan = false;
        var untracedApproval = false;
        var helpers = new List<FactoryRegistration>();

        var scanned = _scanTrees;
        var index = -1;
        foreach (var tree in Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index++;
            var spellsApi = scanned is not null && index < scanned.Length && ReferenceEquals(scanned[index], tree) && _scanFound![index] != 0
                ? _scanFound[index] > 0
                : SourceIndex.ContainsAny(tree, IndexWordSet, cancellationToken);
            if (!spellsApi || IsGenerated(tree, cancellationToken))
            {
                continue; // a file that spells no registration API registers nothing
            }

            SemanticModel? model = null;
            foreach (var node in RegistrationCandidates(tree, cancellationToken))
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation when SyntaxNames.InvokedName(invocation) is { } name && RegistrationMethodNames.Contains(name) && MayRegister(invocation, name)
                        && (complete || RegistersNamedMethod(invocation, name)):
                        model ??= GetSemanticModel(tree);
                        if (model.GetOperationWithinLimits(invocation, cancellationToken) is IInvocationOperation operation
                            && McpWrapperOf(operation) is null) // the wrapping McpServerTool.Create call registers it
                        {
                            if (AnalyzeRegistration(operation) is { } registration)
                            {
                                if (!registration.Reflected.IsDefaultOrEmpty)
                                {
                                    foreach (var method in registration.Reflected)
                                    {
                                        registrations.Add(registration.ForMethod(method));
                                    }
                                }
                                else if (IsHelperFactory(registration))
                                {
                                    helpers.Add(registration);
                                }
                                else if (complete || registration.Form != ToolForm.OpenAIChatTool)
                                {
                                    registrations.Add(registration); // chat tools bound as possible helpers are seen where they are
                                }
                            }
                            else
                            {
                                RecordTypeRegistration(operation, types, ref ungatedAssemblyScan);
                            }
                        }

                        break;

                    case BaseObjectCreationExpressionSyntax creation when ApprovalRequiredAIFunction is not null && MayCreateApprovalWrapper(creation):
                        model ??= GetSemanticModel(tree);
                        if (model.GetOperationWithinLimits(creation, cancellationToken) is IObjectCreationOperation wrapper
                            && Is(wrapper.Type, ApprovalRequiredAIFunction)
                            && (wrapper.Arguments.Length == 0 || !IsTraceableTool(wrapper.Arguments[0].Value)))
                        {
                            untracedApproval = true;
                        }

                        break;
                }
            }
        }

        var helperNames = ImmutableArray<string>.Empty;
        if (helpers.Count > 0)
        {
            helperNames = AddHelperRegistrations(helpers, registrations, cancellationToken);
        }

        return new ToolRegistrationIndex(registrations.ToImmutable(), types, ungatedAssemblyScan, untracedApproval, helperNames);
    }

    private static readonly WeakCache<SyntaxTree, SyntaxNode[]> s_registrationCandidates = new();

    /// <summary>
    /// The nodes of a tree <see cref="BuildIndex"/> may bind, in source order: calls of a registration method's name
    /// that may register, and creations of the approval wrapper — decided from syntax alone, so kept with the tree and
    /// reused by every later compilation that shares it (every keystroke in the IDE is a new compilation; walking the
    /// files that spell a registration API again cost 90–300 ms per keystroke on the Azure MCP server).
    /// <see cref="BuildIndex"/> applies the same checks again, with its own conditions, to these few nodes.
    /// </summary>
    private static SyntaxNode[] RegistrationCandidates(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (s_registrationCandidates.TryGetValue(tree, out var cached))
        {
            return cached;
        }

        // The calls named like a registration method and the creations of the wrapper, found where the text spells
        // their names (NamedCallSites: the nodes a walk of every node would find, in its order).
        var found = new List<SyntaxNode>();
        foreach (var node in NamedCallSites.Find(tree, RegistrationMethodNames, "ApprovalRequiredAIFunction", cancellationToken))
        {
            if ((node is InvocationExpressionSyntax invocation && SyntaxNames.InvokedName(invocation) is { } name && RegistrationMethodNames.Contains(name) && MayRegister(invocation, name))
                || (node is BaseObjectCreationExpressionSyntax creation && MayCreateApprovalWrapper(creation)))
            {
                found.Add(node);
            }
        }

        var result = found.ToArray();
        return s_registrationCandidates.GetValue(tree, _ => result);
    }

    /// <summary>The words a file that registers tools spells: the registration methods, the factories <c>Create</c> is called on, the approval wrapper.</summary>
    private static readonly ImmutableArray<string> IndexWords = RegistrationMethodNames.Remove("Create").Union(new[] { "AIFunctionFactory", "McpServerTool", "ApprovalRequiredAIFunction" }).ToImmutableArray();

    /// <summary><see cref="IndexWords"/> hashed once: every file of the compilation is asked about them (an array passed as a sequence was boxed and hashed again for each file).</summary>
    private static readonly SourceIndex.WordSet IndexWordSet = SourceIndex.CreateWordSet(IndexWords);

    /// <summary>
    /// True when the compilation implements a Semantic Kernel function invocation filter (the SK way to ask a human):
    /// a class whose base list mentions "FunctionInvocationFilter" and that implements one of the filter interfaces.
    /// Computed once, on first need; files that do not contain the text are not parsed further.
    /// </summary>
    internal bool HasKernelInvocationFilters(CancellationToken cancellationToken)
    {
        if (_kernelFilters < 0)
        {
            lock (_kernelFiltersGate)
            {
                if (_kernelFilters < 0)
                {
                    _kernelFilters = FindKernelInvocationFilters(cancellationToken) ? 1 : 0;
                }
            }
        }

        return _kernelFilters == 1;
    }

    private bool FindKernelInvocationFilters(CancellationToken cancellationToken)
    {
        if (FunctionInvocationFilter is null && AutoFunctionInvocationFilter is null)
        {
            return false;
        }

        // Files that name the interfaces first (where filters almost always are), then any file whose text has the
        // substring (a class deriving from a library's "...FunctionInvocationFilter" base class).
        foreach (var tree in Compilation.SyntaxTrees)
        {
            if (SourceIndex.ContainsAny(tree, FilterInterfaceNames, cancellationToken) && DeclaresKernelFilter(tree, cancellationToken))
            {
                return true;
            }
        }

        foreach (var tree in Compilation.SyntaxTrees)
        {
            if (!SourceIndex.ContainsAny(tree, FilterInterfaceNames, cancellationToken) && DeclaresKernelFilter(tree, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] FilterInterfaceNames = { "IFunctionInvocationFilter", "IAutoFunctionInvocationFilter" };

    private bool DeclaresKernelFilter(SyntaxTree tree, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (tree.GetText(cancellationToken).ToString().IndexOf("FunctionInvocationFilter", StringComparison.Ordinal) < 0 || IsGenerated(tree, cancellationToken))
        {
            return false;
        }

        SemanticModel? model = null;
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is ClassDeclarationSyntax { BaseList: { } baseList } declaration && baseList.ToString().Contains("FunctionInvocationFilter"))
            {
                model ??= GetSemanticModel(tree);
                if (model.GetDeclaredSymbol(declaration, cancellationToken) is { } symbol
                    && (symbol.IsOrImplements(FunctionInvocationFilter) || symbol.IsOrImplements(AutoFunctionInvocationFilter))
                    && !OnlyObserves(symbol, cancellationToken))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when every filter method of the class only watches the call: it calls <c>next</c> unconditionally and
    /// neither asks anyone (console or dialog), nor returns or throws on a condition, nor sets the context's
    /// <c>Result</c> or <c>Terminate</c> (a logging filter). Such a filter gates nothing.
    /// </summary>
    private bool OnlyObserves(INamedTypeSymbol filter, CancellationToken cancellationToken)
    {
        var found = false;
        foreach (var member in filter.GetMembers())
        {
            if (member is not IMethodSymbol { Name: "OnFunctionInvocationAsync" or "OnAutoFunctionInvocationAsync", Parameters.Length: 2 } method)
            {
                continue;
            }

            found = true;
            if (GetBody(method, cancellationToken) is not { } body || !PassesThrough(body, method.Parameters[1]))
            {
                return false;
            }
        }

        return found;

        static bool PassesThrough(IOperation body, IParameterSymbol next)
        {
            var callsNext = false;
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation { Instance: IParameterReferenceOperation target } call when SymbolEqualityComparer.Default.Equals(target.Parameter, next):
                        for (var parent = call.Parent; parent is not null && !ReferenceEquals(parent, body); parent = parent.Parent)
                        {
                            if (parent is IConditionalOperation or ISwitchOperation or ILoopOperation or IAnonymousFunctionOperation)
                            {
                                return false;
                            }
                        }

                        callsNext = true;
                        break;
                    case IInvocationOperation { TargetMethod: { Name: "ReadLine" or "ReadKey" or "Confirm" or "Prompt" or "Show" or "ShowDialog" or "ElicitAsync" } }:
                        return false;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Result" or "Terminate" } }:
                        return false;
                    case IConditionalOperation conditional when ContainsExit(conditional.WhenTrue) || (conditional.WhenFalse is { } whenFalse && ContainsExit(whenFalse)):
                        return false;
                }
            }

            return callsNext;
        }

        static bool ContainsExit(IOperation branch)
        {
            foreach (var operation in branch.DescendantsAndSelf())
            {
                if (operation is IReturnOperation or IThrowOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private bool IsTraceableTool(IOperation value)
    {
        value = Unwrap(value);
        if (value is ILocalReferenceOperation local && EnvironmentChecks.FindLocalInitializer(value, local.Local) is { } initializer)
        {
            value = Unwrap(initializer);
        }

        return value is IInvocationOperation invocation && AnalyzeRegistration(invocation) is not null;
    }

    private void RecordTypeRegistration(IInvocationOperation invocation, Dictionary<INamedTypeSymbol, (int Gated, int Ungated)> types, ref bool ungatedAssemblyScan)
    {
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        var type = method.ContainingType;
        var isMcp = Is(type, McpBuilderExtensions);
        var isKernel = Is(type, KernelExtensions) || Is(type, KernelPluginFactory);
        if (!isMcp && !isKernel)
        {
            return;
        }

        var gated = Environments.IsUnderCheck(invocation);
        if (isMcp && method.Name == "WithToolsFromAssembly")
        {
            ungatedAssemblyScan |= !gated;
            return;
        }

        if (method.Name is "WithTools" or "ImportPluginFromType" or "AddFromType" or "CreateFromType")
        {
            if (invocation.TargetMethod.TypeArguments.Length == 1 && invocation.TargetMethod.TypeArguments[0] is INamedTypeSymbol generic)
            {
                Count(types, generic, gated);
            }

            foreach (var argument in invocation.Arguments)
            {
                var value = Unwrap(argument.Value);
                if (value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        if (Unwrap(element) is ITypeOfOperation { TypeOperand: INamedTypeSymbol listed })
                        {
                            Count(types, listed, gated);
                        }
                    }
                }
                else if (value is ITypeOfOperation { TypeOperand: INamedTypeSymbol single })
                {
                    Count(types, single, gated);
                }
                else if (value.Syntax is CollectionExpressionSyntax)
                {
                    // WithTools([typeof(A), typeof(B)]) (IEnumerable<Type>): Roslyn 4.8 has no collection-expression
                    // operation interface, but the elements are its children on every compiler version.
                    foreach (var element in value.ChildOperations)
                    {
                        if (Unwrap(element) is ITypeOfOperation { TypeOperand: INamedTypeSymbol listed })
                        {
                            Count(types, listed, gated);
                        }
                    }
                }
            }
        }
        else if (method.Name is "ImportPluginFromObject" or "AddFromObject" or "CreateFromObject")
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "target" && Unwrap(argument.Value).Type is INamedTypeSymbol target)
                {
                    Count(types, target, gated);
                }
            }
        }

        static void Count(Dictionary<INamedTypeSymbol, (int Gated, int Ungated)> types, INamedTypeSymbol type, bool gated)
        {
            types.TryGetValue(type.OriginalDefinition, out var counts);
            types[type.OriginalDefinition] = gated ? (counts.Gated + 1, counts.Ungated) : (counts.Gated, counts.Ungated + 1);
        }
    }

    /// <summary>
    /// False for factory calls that create a tool from a lambda or by name only (OpenAI): analyzers see those where they
    /// are, so the index need not bind them.
    /// </summary>
    private static bool RegistersNamedMethod(InvocationExpressionSyntax invocation, string name)
    {
        if (name == "CreateFunctionTool")
        {
            return MayBeChatToolHelper(invocation); // a name passed in by the app's own helper: its callers are the tools
        }

        if (name is not ("Create" or "CreateFromMethod" or "CreateFunctionFromMethod"))
        {
            return true; // type registrations
        }

        var arguments = invocation.ArgumentList.Arguments;
        var method = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "method") ?? arguments.FirstOrDefault();
        return method?.Expression is not AnonymousFunctionExpressionSyntax;
    }

    /// <summary>"Create" is everywhere: only <c>AIFunctionFactory.Create</c> and <c>McpServerTool.Create</c> are worth binding.</summary>
    private static bool MayRegister(InvocationExpressionSyntax invocation, string name) =>
        name != "Create" || SyntaxNames.ReceiverName(invocation) is "AIFunctionFactory" or "McpServerTool";

    private static bool MayCreateApprovalWrapper(BaseObjectCreationExpressionSyntax creation) =>
        creation switch
        {
            ObjectCreationExpressionSyntax explicitCreation => SyntaxNames.RightmostName(explicitCreation.Type) == "ApprovalRequiredAIFunction",
            _ => false,
        };

    /// <summary>Generated files (by name or an &lt;auto-generated&gt; header) are not where users register tools.</summary>
    private static bool IsGenerated(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var path = tree.FilePath;
        if (path.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".generated.cs", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".designer.cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".g.i.cs", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var trivia in tree.GetRoot(cancellationToken).GetLeadingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
            {
                if (trivia.ToString().IndexOf("<auto-generated", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    internal static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);
}
