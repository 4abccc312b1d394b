using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Recognition.Configuration;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>
/// Recognises prompt sites in operations: creations, invocations, property assignments and the returns of
/// <c>[McpServerPrompt]</c> methods that put text into a model's prompt (see <see cref="PromptSiteTable"/> for the
/// APIs). Create one per compilation with <see cref="Create"/>; it is null when the compilation references none of
/// the frameworks and configures no sinks. <see cref="GetSites(SemanticModel, bool, CancellationToken)"/> lists the
/// sites of one file, binding only candidate nodes of files that <see cref="MayContainSites"/> keeps.
/// </summary>
public sealed partial class PromptSiteRecognizer
{
    private static readonly WeakCache<Compilation, SharedRecognizer> s_shared = new();

    private readonly PromptSiteTable _table;
    private readonly Compilation _compilation;

    /// <summary>
    /// The sites each candidate node makes, with the member that holds them, computed once per recognizer: the prompt
    /// rule and the process spec of the same compilation look at the same nodes (the spec second), and only the first
    /// look binds and recognises.
    /// </summary>
    private readonly ConcurrentDictionary<SyntaxNode, NodeSites> _nodeSites = new();

    private PromptSiteRecognizer(PromptSiteTable table, PromptTextClassifier classifier, Compilation compilation)
    {
        _table = table;
        Classifier = classifier;
        _compilation = compilation;
    }

    /// <summary>The classifier for the text at the sites this recognizer finds (same compilation).</summary>
    public PromptTextClassifier Classifier { get; }

    /// <summary>
    /// The recognizer of a compilation shared by everything that analyses it with the same options (created on first
    /// use): the AGR0004 analyzer fills its per-node answers and the classifier's, and the process
    /// spec's catalogue (<see cref="PromptCatalog"/>) reads them instead of recognising the sites again. A call with
    /// other options gets a recognizer of its own.
    /// </summary>
    public static PromptSiteRecognizer GetOrCreate(Compilation compilation, AnalyzerConfigOptionsProvider options)
    {
        var holder = s_shared.GetValue(compilation, static _ => new SharedRecognizer());
        lock (holder)
        {
            if (holder.Recognizer is { } existing && ReferenceEquals(holder.Options, options))
            {
                return existing;
            }

            var created = Create(new KnownTypes(compilation), options.GetListForCompilation(compilation, OptionKeys.PromptSinks))!;
            if (holder.Recognizer is null)
            {
                (holder.Options, holder.Recognizer) = (options, created);
            }

            return created;
        }
    }

    /// <param name="types">The compilation's types.</param>
    /// <param name="configuredSinks">The entries of <c>agentrules.prompt_sinks</c>.</param>
    public static PromptSiteRecognizer? Create(KnownTypes types, ImmutableArray<string> configuredSinks)
    {
        var table = PromptSiteTable.Create(types, configuredSinks);
        return new PromptSiteRecognizer(table, new PromptTextClassifier(types), types.Compilation);
    }

    /// <summary>
    /// The prompt sites an operation makes: usually none or one (a system message with several text contents makes
    /// several). <paramref name="containingSymbol"/> is the member whose body holds the operation, when known.
    /// </summary>
    public ImmutableArray<PromptSite> GetSites(IOperation operation, ISymbol? containingSymbol, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IObjectCreationOperation creation when creation.Constructor is { } constructor:
                return FromCall(creation, constructor, creation.Arguments, containingSymbol);
            case IInvocationOperation invocation:
                return FromCall(invocation, invocation.TargetMethod, invocation.Arguments, containingSymbol);
            case ISimpleAssignmentOperation assignment:
                return FromAssignment(assignment, containingSymbol);
            case IReturnOperation { ReturnedValue: { } value } @return when @return.Kind == OperationKind.Return:
                return FromReturn(@return, value, containingSymbol);
            case IInvalidOperation invalid:
                return FromUnboundAgentFactory(invalid);
            default:
                return ImmutableArray<PromptSite>.Empty;
        }
    }

    private ImmutableArray<PromptSite> FromCall(IOperation call, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, ISymbol? containingSymbol)
    {
        if (_table.Match(method, arguments, out var match))
        {
            var kind = match.Kind;
            if (match.RoleParameter is { } roleParameter)
            {
                var role = RoleLabel(ArgumentFor(arguments, roleParameter));
                kind = role switch
                {
                    "system" => PromptSiteKind.SystemMessage,
                    "developer" => PromptSiteKind.DeveloperMessage,
                    _ => (PromptSiteKind)(-1),
                };

                if ((int)kind < 0)
                {
                    // Not a system message: in an [McpServerPrompt] method every message is part of the prompt; a
                    // user or assistant message a loop feeds back to the model is a feedback message.
                    if (match.IsMessage && IsInMcpPrompt(call, containingSymbol))
                    {
                        kind = PromptSiteKind.McpPrompt;
                    }
                    else if (role is "user" or "assistant" && FeedbackLoops.IsFedBack(call))
                    {
                        kind = PromptSiteKind.FeedbackMessage;
                    }
                    else
                    {
                        return ImmutableArray<PromptSite>.Empty;
                    }
                }
                else if (match.IsMessage && IsInMcpPrompt(call, containingSymbol))
                {
                    kind = PromptSiteKind.McpPrompt;
                }
            }

            if (kind == PromptSiteKind.FeedbackMessage && match.RoleParameter is null && !FeedbackLoops.IsFedBack(call))
            {
                return ImmutableArray<PromptSite>.Empty;
            }

            var text = ArgumentFor(arguments, match.TextParameter);
            if (kind == PromptSiteKind.FeedbackMessage && (text is null || !FeedbackLoops.IsWrittenAtSite(text)))
            {
                return ImmutableArray<PromptSite>.Empty;
            }

            if (text is not null)
            {
                return ImmutableArray.Create(new PromptSite(kind, match.Api, call, text));
            }

            // ChatMessage(role, IList<AIContent> contents): each TextContent in the list is part of the message.
            if (match.ContentsParameter is { } contentsParameter && ArgumentFor(arguments, contentsParameter) is { } contents)
            {
                var sites = ImmutableArray.CreateBuilder<PromptSite>();
                foreach (var descendant in contents.DescendantsAndSelf())
                {
                    if (descendant is IObjectCreationOperation { Constructor: { } textContent } creation
                        && SymbolEqualityComparer.Default.Equals(textContent.ContainingType, _table.TextContent)
                        && creation.Arguments.Length > 0
                        && creation.Arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String)
                    {
                        sites.Add(new PromptSite(kind, match.Api, call, creation.Arguments[0].Value));
                    }
                }

                return sites.ToImmutable();
            }

            return ImmutableArray<PromptSite>.Empty;
        }

        // new TextContent("...") anywhere in an [McpServerPrompt] method.
        if (_table.TextContent is not null
            && method.MethodKind == MethodKind.Constructor
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, _table.TextContent)
            && !(call.Parent is IArgumentOperation { Parent: IObjectCreationOperation or IInvocationOperation } || IsInsideMessageContents(call))
            && arguments.Length > 0
            && IsInMcpPrompt(call, containingSymbol))
        {
            return ImmutableArray.Create(new PromptSite(PromptSiteKind.McpPrompt, "Microsoft.Extensions.AI.TextContent", call, arguments[0].Value));
        }

        return ImmutableArray<PromptSite>.Empty;
    }

    /// <summary>
    /// Code that does not fully compile (a provider's client type missing): an Agent Framework factory call that did
    /// not bind — <c>AsAIAgent</c>, <c>CreateAIAgent(Async)</c>, <c>BuildAIAgent</c>, <c>new ChatClientAgent</c> — is
    /// still recognised by its name and a named <c>instructions:</c> argument, which nothing else spells that way.
    /// </summary>
    private ImmutableArray<PromptSite> FromUnboundAgentFactory(IInvalidOperation invalid)
    {
        var (name, arguments) = invalid.Syntax switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call => (member.Name.Identifier.ValueText, call.ArgumentList),
            InvocationExpressionSyntax { Expression: SimpleNameSyntax simple } call => (simple.Identifier.ValueText, call.ArgumentList),
            ObjectCreationExpressionSyntax { Type: var type } creation => ((type as SimpleNameSyntax ?? (type as QualifiedNameSyntax)?.Right)?.Identifier.ValueText, creation.ArgumentList),
            ImplicitObjectCreationExpressionSyntax creation when invalid.Type.IsOrDerivesFrom(_table.AIAgent) => ("ChatClientAgent", creation.ArgumentList),
            _ => (null, null),
        };

        if (arguments is null)
        {
            return ImmutableArray<PromptSite>.Empty;
        }

        // Semantic Kernel prompt functions: the template is the first argument (or 'promptTemplate:'), when it is text.
        // Their YAML forms (Microsoft.SemanticKernel.Yaml, often not referenced where the code is read): the YAML text.
        if (name is "InvokePromptAsync" or "InvokePromptStreamingAsync" or "CreateFunctionFromPrompt" or "CreateFromPrompt" or "CreateFunctionFromPrompty"
            or "FromPromptYaml" or "ToPromptTemplateConfig" or "CreateFunctionFromPromptYaml")
        {
            var template = arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText is "promptTemplate" or "text")
                ?? arguments.Arguments.FirstOrDefault(a => a.NameColon is null);
            return template is not null && ArgumentValue(invalid, template) is { Type.SpecialType: SpecialType.System_String } text
                ? ImmutableArray.Create(new PromptSite(PromptSiteKind.PromptTemplate, name, invalid, text))
                : ImmutableArray<PromptSite>.Empty;
        }

        // Agent factories: Agent Framework's, and any Create…Agent(…) helper, with an 'instructions:' argument.
        var isAgentFactory = name is "AsAIAgent" or "BuildAIAgent" or "AddAIAgent" or "ChatClientAgent" or "CreateAssistant" or "CreateAssistantAsync"
            || (name is not null && name.StartsWith("Create", StringComparison.Ordinal) && (name.EndsWith("Agent", StringComparison.Ordinal) || name.EndsWith("AgentAsync", StringComparison.Ordinal)));
        if (!isAgentFactory)
        {
            return ImmutableArray<PromptSite>.Empty;
        }

        var instructions = arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "instructions")
            ?? PositionalChatClientInstructions(invalid, name!, arguments);
        return instructions is not null && ArgumentValue(invalid, instructions) is { } value
            ? ImmutableArray.Create(new PromptSite(PromptSiteKind.AgentInstructions, name!, invalid, value))
            : ImmutableArray<PromptSite>.Empty;
    }

    /// <summary>
    /// <c>azureClient.GetChatClient("gpt-4.1").AsAIAgent("You are …")</c> where the provider's client does not bind:
    /// on a chat client (<c>OpenAI.Chat.ChatClient</c>, <c>IChatClient</c>) the first parameter after the receiver is
    /// <c>instructions</c>. Only a receiver that is visibly a chat client — a <c>GetChatClient(…)</c> or
    /// <c>AsIChatClient()</c> call — is read this way (a responses client takes the model first).
    /// </summary>
    private static ArgumentSyntax? PositionalChatClientInstructions(IInvalidOperation invalid, string name, ArgumentListSyntax arguments)
    {
        if (name != "AsAIAgent"
            || invalid.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax receiver } }
            || SyntaxNames.InvokedName(receiver) is not ("GetChatClient" or "AsIChatClient" or "AsChatClient")
            || arguments.Arguments.Count == 0
            || arguments.Arguments[0].NameColon is not null)
        {
            return null;
        }

        return ArgumentValue(invalid, arguments.Arguments[0]) is { Type.SpecialType: SpecialType.System_String } ? arguments.Arguments[0] : null;
    }

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

    private ImmutableArray<PromptSite> FromAssignment(ISimpleAssignmentOperation assignment, ISymbol? containingSymbol)
    {
        if (assignment.Target is not IPropertyReferenceOperation { Property: { } property })
        {
            return FromUnboundInitializer(assignment);
        }

        if (!_table.Match(property, out var match))
        {
            return ImmutableArray<PromptSite>.Empty;
        }

        var kind = match.Kind;
        if (match.McpPromptOnly && !IsInMcpPrompt(assignment, containingSymbol))
        {
            return ImmutableArray<PromptSite>.Empty;
        }

        if (kind == PromptSiteKind.ChatInstructions && IsAgentChatOptions(assignment))
        {
            kind = PromptSiteKind.AgentInstructions;
        }

        return ImmutableArray.Create(new PromptSite(kind, match.Api, assignment, assignment.Value));
    }

    /// <summary>
    /// Code that does not fully compile: <c>Instructions = …</c> in the object initializer of an agent type the
    /// compilation cannot see (<c>new OpenAIResponseAgent(client) { Instructions = "…" }</c> without the package), or
    /// of Agent Framework's <c>ChatClientAgentOptions</c> in a version without that property; <c>Template = …</c> of an
    /// unresolved <c>PromptTemplateConfig</c>.
    /// </summary>
    private static ImmutableArray<PromptSite> FromUnboundInitializer(ISimpleAssignmentOperation assignment)
    {
        if (assignment.Syntax is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax member }
            || assignment.Parent is not IObjectOrCollectionInitializerOperation initializer)
        {
            return ImmutableArray<PromptSite>.Empty;
        }

        // new(...) { ... } whose target type does not resolve: the type the context converts it to still has its name.
        var type = (initializer.Type ?? initializer.Parent?.Type) as INamedTypeSymbol;
        if (type is null && initializer.Parent?.Syntax is ImplicitObjectCreationExpressionSyntax creation && initializer.SemanticModel is { } model)
        {
            type = model.GetTypeInfo(creation).ConvertedType as INamedTypeSymbol;
        }

        var typeName = type is { Name.Length: > 0 } ? type.Name : TargetTypeName(initializer.Parent?.Syntax);
        if (typeName is null)
        {
            return ImmutableArray<PromptSite>.Empty;
        }

        var name = member.Identifier.ValueText;
        var unresolved = type is null or IErrorTypeSymbol;
        PromptSiteKind? kind = name switch
        {
            "Instructions" when PromptSiteTable.IsAgentFrameworkNamespace(type) && typeName == "ChatClientAgentOptions" => PromptSiteKind.AgentInstructions,
            "Instructions" when unresolved && (typeName.EndsWith("Agent", StringComparison.Ordinal) || typeName.EndsWith("AgentOptions", StringComparison.Ordinal) || typeName.EndsWith("AgentDefinition", StringComparison.Ordinal)) => PromptSiteKind.AgentInstructions,
            "Instructions" when unresolved && typeName == "ChatOptions" => PromptSiteKind.ChatInstructions,
            "Template" when unresolved && typeName == "PromptTemplateConfig" => PromptSiteKind.PromptTemplate,
            "ChatSystemPrompt" when unresolved && typeName.EndsWith("PromptExecutionSettings", StringComparison.Ordinal) => PromptSiteKind.SystemMessage,
            "ChatDeveloperPrompt" when unresolved && typeName.EndsWith("PromptExecutionSettings", StringComparison.Ordinal) => PromptSiteKind.DeveloperMessage,
            _ => null,
        };

        return kind is { } found
            ? ImmutableArray.Create(new PromptSite(found, typeName + "." + name, assignment, assignment.Value))
            : ImmutableArray<PromptSite>.Empty;
    }

    private static string? InvokedName(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The type a target-typed <c>new(...)</c> is written for, from the declaration around it (by name only).</summary>
    private static string? TargetTypeName(SyntaxNode? creation)
    {
        if (creation is not ImplicitObjectCreationExpressionSyntax)
        {
            return null;
        }

        var type = creation.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } => declaration.Type,
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
            ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method } => method.ReturnType,
            ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
            ReturnStatementSyntax @return => @return.FirstAncestorOrSelf<MethodDeclarationSyntax>()?.ReturnType,
            ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } when InvokedName(call) is "CreateFunctionFromPrompt" or "CreateFromPrompt" =>
                SyntaxFactory.IdentifierName("PromptTemplateConfig"),
            _ => null,
        };

        return type switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            NullableTypeSyntax { ElementType: SimpleNameSyntax element } => element.Identifier.ValueText,
            _ => null,
        };
    }

    private ImmutableArray<PromptSite> FromReturn(IReturnOperation @return, IOperation value, ISymbol? containingSymbol)
    {
        if (!_table.HasMcpPrompts)
        {
            return ImmutableArray<PromptSite>.Empty;
        }

        var method = EnclosingMember(@return, containingSymbol, stopAtFunctions: true) as IMethodSymbol;
        if (method is null || _table.McpPromptApi(method) is not { } api || !ReturnsText(method.ReturnType))
        {
            return ImmutableArray<PromptSite>.Empty;
        }

        return ImmutableArray.Create(new PromptSite(PromptSiteKind.McpPrompt, api, @return, value));
    }

    /// <summary>
    /// The label of a MEAI <c>ChatRole</c> or SK <c>AuthorRole</c> value: "system", "user", ... — from the static
    /// property (<c>ChatRole.System</c>) or a constructor with a constant (<c>new ChatRole("system")</c>); null otherwise.
    /// </summary>
    private string? RoleLabel(IOperation? role)
    {
        role = PromptTextClassifier.Unwrap(role);
        switch (role)
        {
            case IPropertyReferenceOperation { Property: { IsStatic: true } property } when _table.IsRoleType(property.ContainingType):
                return property.Name.ToLowerInvariant();
            case IObjectCreationOperation creation when creation.Type is INamedTypeSymbol type && _table.IsRoleType(type) && creation.Arguments.Length == 1:
                return (creation.Arguments[0].Value.ConstantValue.Value as string)?.Trim().ToLowerInvariant();
            case ILocalReferenceOperation local when local.Local.Type is INamedTypeSymbol localType && _table.IsRoleType(localType):
                string? label = null;
                foreach (var descendant in PromptTextClassifier.Root(local).DescendantsAndSelf())
                {
                    var written = descendant switch
                    {
                        IVariableDeclaratorOperation d when SymbolEqualityComparer.Default.Equals(d.Symbol, local.Local) => d.Initializer?.Value,
                        ISimpleAssignmentOperation a when a.Target is ILocalReferenceOperation t && SymbolEqualityComparer.Default.Equals(t.Local, local.Local) => a.Value,
                        _ => null,
                    };

                    if (written is null)
                    {
                        continue;
                    }

                    var writtenLabel = written is ILocalReferenceOperation ? null : RoleLabel(written);
                    if (writtenLabel is null || (label is not null && label != writtenLabel))
                    {
                        return null;
                    }

                    label = writtenLabel;
                }

                return label;
            default:
                return null;
        }
    }

    /// <summary>True when a ChatOptions.Instructions assignment configures an agent (<c>ChatClientAgentOptions.ChatOptions</c>, agent run options).</summary>
    private bool IsAgentChatOptions(ISimpleAssignmentOperation assignment)
    {
        if (_table.AIAgent is null || assignment.Parent is not IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation options })
        {
            return false;
        }

        IOperation? parent = options.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent; // target-typed new()
        }

        return parent switch
        {
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } => PromptSiteTable.IsAgentFrameworkNamespace(property.ContainingType),
            IArgumentOperation { Parent: IObjectCreationOperation { Type: { } created } } => PromptSiteTable.IsAgentFrameworkNamespace(created),
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { } method } } => _table.IsAgentFactory(method),
            _ => false,
        };
    }

    private bool IsInMcpPrompt(IOperation operation, ISymbol? containingSymbol) =>
        _table.HasMcpPrompts
        && EnclosingMember(operation, containingSymbol, stopAtFunctions: false) is IMethodSymbol method
        && _table.McpPromptApi(method) is not null;

    private bool IsInsideMessageContents(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IObjectCreationOperation { Constructor: { } constructor } && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, _table.ChatMessage))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The method whose body holds the operation (lambdas and local functions are part of their method unless <paramref name="stopAtFunctions"/>).</summary>
    private static ISymbol? EnclosingMember(IOperation operation, ISymbol? containingSymbol, bool stopAtFunctions)
    {
        if (stopAtFunctions)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }
            }
        }

        var symbol = containingSymbol ?? operation.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol;
    }

    private static bool ReturnsText(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return true;
        }

        return type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && named.Name is "Task" or "ValueTask"
            && named.TypeArguments[0].SpecialType == SpecialType.System_String;
    }

    private static IOperation? ArgumentFor(ImmutableArray<IArgumentOperation> arguments, IParameterSymbol? parameter)
    {
        if (parameter is null)
        {
            return null;
        }

        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } p && p.Ordinal == parameter.Ordinal)
            {
                return argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;
            }
        }

        return null;
    }

    private sealed class SharedRecognizer
    {
        public AnalyzerConfigOptionsProvider? Options;
        public PromptSiteRecognizer? Recognizer;
    }

    private sealed record NodeSites(ImmutableArray<PromptSite> Sites, ISymbol? Containing);
}
