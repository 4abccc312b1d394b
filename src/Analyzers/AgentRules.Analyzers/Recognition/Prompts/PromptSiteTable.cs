using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>
/// The framework APIs that take prompt text (the rows of <see cref="PromptApis"/>), resolved once per compilation.
/// Types are matched by metadata name; Agent Framework's agent factories (<c>AsAIAgent</c>, <c>CreateAIAgent</c>, the
/// <c>ChatClientAgent</c> constructor, provider-specific variants) are matched by shape instead — a string parameter
/// named <c>instructions</c> on a method that creates an <c>AIAgent</c> — because their extension classes share
/// metadata names with other packages and move between releases.
/// </summary>
public sealed class PromptSiteTable
{
    private readonly Dictionary<INamedTypeSymbol, List<CallRule>> _constructors = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, List<CallRule>> _methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PropertyRule>> _properties = new(StringComparer.Ordinal);
    private readonly List<INamedTypeSymbol> _roleTypes = new();

    private PromptSiteTable()
    {
    }

    public INamedTypeSymbol? ChatMessage { get; private set; }

    public INamedTypeSymbol? TextContent { get; private set; }

    public INamedTypeSymbol? AIAgent { get; private set; }

    public INamedTypeSymbol? McpServerPrompt { get; private set; }

    /// <summary>Azure Functions MCP <c>[McpPromptTrigger]</c> (on a parameter of the prompt function).</summary>
    public INamedTypeSymbol? McpPromptTrigger { get; private set; }

    /// <summary>Whether MCP prompts can be written in this compilation (MCP SDK or Azure Functions MCP prompts).</summary>
    public bool HasMcpPrompts => McpServerPrompt is not null || McpPromptTrigger is not null;

    /// <summary>
    /// The attribute that makes <paramref name="method"/> an MCP prompt: <c>[McpServerPrompt]</c> on the method, or
    /// <c>[McpPromptTrigger]</c> on one of its parameters (an Azure Functions prompt function). Null when it is not one.
    /// </summary>
    public string? McpPromptApi(IMethodSymbol method)
    {
        if (McpServerPrompt is not null && method.GetAttribute(McpServerPrompt) is not null)
        {
            return MetadataNames.McpServerPromptAttribute;
        }

        if (McpPromptTrigger is not null)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.GetAttribute(McpPromptTrigger) is not null)
                {
                    return MetadataNames.McpPromptTriggerAttribute;
                }
            }
        }

        return null;
    }

    public INamedTypeSymbol? SemanticKernelAgent { get; private set; }

    /// <summary>A matched call: what kind of site, which parameter has the text, which the role.</summary>
    public readonly record struct CallMatch(PromptSiteKind Kind, string Api, IParameterSymbol? TextParameter, IParameterSymbol? RoleParameter, IParameterSymbol? ContentsParameter, bool IsMessage);

    /// <summary>A matched property.</summary>
    public readonly record struct PropertyMatch(PromptSiteKind Kind, string Api, bool McpPromptOnly);

    private sealed record CallRule(INamedTypeSymbol Type, string Text, string? Role, string? Contents, PromptSiteKind Kind, bool IsMessage, string Api, bool FirstStringParameter);

    private sealed record PropertyRule(INamedTypeSymbol Type, PromptSiteKind Kind, string Api, bool McpPromptOnly);

    /// <summary>The table for a compilation (see <see cref="HasFrameworkSites"/>).</summary>
    public static PromptSiteTable Create(KnownTypes types, ImmutableArray<string> configuredSinks)
    {
        var table = new PromptSiteTable
        {
            ChatMessage = types.Get("Microsoft.Extensions.AI.ChatMessage"),
            TextContent = types.Get("Microsoft.Extensions.AI.TextContent"),
            AIAgent = types.Get("Microsoft.Agents.AI.AIAgent"),
            McpServerPrompt = types.Get(MetadataNames.McpServerPromptAttribute),
            McpPromptTrigger = types.Get(MetadataNames.McpPromptTriggerAttribute),
            SemanticKernelAgent = types.Get("Microsoft.SemanticKernel.Agents.Agent"),
        };

        foreach (var roleType in new[] { "Microsoft.Extensions.AI.ChatRole", "Microsoft.SemanticKernel.ChatCompletion.AuthorRole", "Azure.AI.OpenAI.ChatRole" })
        {
            if (types.Get(roleType) is { } resolved)
            {
                table._roleTypes.Add(resolved);
            }
        }

        foreach (var (typeName, method, text, role, contents, kind, isMessage) in PromptApis.Calls)
        {
            if (types.Get(typeName) is { } type)
            {
                table.AddCall(type, method, new CallRule(type, text, role, contents, kind, isMessage, method is null ? typeName : typeName + "." + method, FirstStringParameter: false));
            }
        }

        foreach (var (typeName, propertyName, kind, mcpOnly) in PromptApis.Properties)
        {
            if (types.Get(typeName) is { } type)
            {
                table.AddProperty(propertyName, new PropertyRule(type, kind, typeName + "." + propertyName, mcpOnly));
            }
        }

        foreach (var sink in configuredSinks)
        {
            table.AddSink(types, sink);
        }

        // Without a framework or sink the table is empty, and only the app's own role-tagged messages
        // (RoleTaggedMessages) can be prompt sites: code that calls a model over raw HTTP.
        table.HasFrameworkSites = table._constructors.Count > 0 || table._methods.Count > 0 || table._properties.Count > 0 || table.AIAgent is not null || table.HasMcpPrompts;
        return table;
    }

    /// <summary>Whether the compilation references a framework with prompt sites, or configures sinks.</summary>
    public bool HasFrameworkSites { get; private set; }

    /// <summary>The simple names of the types whose constructors take prompt text (table rows and configured sinks).</summary>
    public IEnumerable<string> ConstructorTypeNames
    {
        get
        {
            foreach (var type in _constructors.Keys)
            {
                yield return type.Name;
            }
        }
    }

    /// <summary>The names of the methods that take prompt text (table rows and configured sinks).</summary>
    public IEnumerable<string> MethodNames => _methods.Keys;

    /// <summary>The names of the properties that take prompt text when assigned, and whether each counts only inside an MCP prompt.</summary>
    public IEnumerable<(string Name, bool McpPromptOnly)> PropertyNames
    {
        get
        {
            foreach (var pair in _properties)
            {
                var mcpOnly = true;
                foreach (var rule in pair.Value)
                {
                    mcpOnly &= rule.McpPromptOnly;
                }

                yield return (pair.Key, mcpOnly);
            }
        }
    }

    /// <summary>True for MEAI <c>ChatRole</c>, SK <c>AuthorRole</c> and Azure.AI.OpenAI 1.0's <c>ChatRole</c>.</summary>
    public bool IsRoleType(INamedTypeSymbol? type)
    {
        foreach (var roleType in _roleTypes)
        {
            if (SymbolEqualityComparer.Default.Equals(type, roleType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for a method or constructor that creates an agent: Agent Framework API (its namespaces), or anything
    /// whose result is (or awaits to) an Agent Framework <c>AIAgent</c> or a Semantic Kernel <c>Agent</c> — which
    /// includes a project's own <c>CreateAgent(string instructions, ...)</c> helpers.
    /// </summary>
    public bool IsAgentFactory(IMethodSymbol method)
    {
        if (AIAgent is null && SemanticKernelAgent is null)
        {
            return false;
        }

        if (method.MethodKind == MethodKind.Constructor)
        {
            return IsAgent(method.ContainingType) || IsAgentFrameworkNamespace(method.ContainingType);
        }

        var returned = method.ReturnType;
        if (returned is INamedTypeSymbol { IsGenericType: true, Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task)
        {
            returned = task.TypeArguments[0];
        }

        return IsAgent(returned) || IsAgentFrameworkNamespace(method.ContainingType);
    }

    private bool IsAgent(ITypeSymbol? type) =>
        type.IsOrDerivesFrom(AIAgent) || type.IsOrDerivesFrom(SemanticKernelAgent)
        || (type is IErrorTypeSymbol && type.Name.EndsWith("Agent", StringComparison.Ordinal)); // an agent type this compilation cannot see

    public bool Match(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, out CallMatch match)
    {
        match = default;
        List<CallRule>? rules = null;
        if (method.MethodKind == MethodKind.Constructor)
        {
            _constructors.TryGetValue(method.ContainingType.OriginalDefinition, out rules);
        }
        else if (_methods.TryGetValue(method.Name, out var byName))
        {
            var containing = (method.ReducedFrom ?? method).ContainingType.OriginalDefinition;
            foreach (var rule in byName)
            {
                if (SymbolEqualityComparer.Default.Equals(rule.Type, containing))
                {
                    (rules ??= new List<CallRule>()).Add(rule);
                }
            }
        }

        if (rules is not null)
        {
            var parameters = (method.ReducedFrom ?? method).Parameters;
            foreach (var rule in rules)
            {
                var text = rule.FirstStringParameter ? FirstString(parameters) : Parameter(parameters, rule.Text);
                var contents = rule.Contents is null ? null : Parameter(parameters, rule.Contents);
                var role = rule.Role is null ? null : Parameter(parameters, rule.Role);
                if ((text is null && contents is null) || (rule.Role is not null && role is null) || (text is not null && text.Type.SpecialType != SpecialType.System_String))
                {
                    continue;
                }

                match = new CallMatch(rule.Kind, rule.Api, text, role, contents, rule.IsMessage);
                return true;
            }
        }

        // A string 'instructions' parameter of anything that creates an agent.
        if ((AIAgent is not null || SemanticKernelAgent is not null) && Parameter((method.ReducedFrom ?? method).Parameters, "instructions") is { Type.SpecialType: SpecialType.System_String } instructions && IsAgentFactory(method))
        {
            var name = method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;
            match = new CallMatch(PromptSiteKind.AgentInstructions, name, instructions, null, null, false);
            return true;
        }

        return false;
    }

    public bool Match(IPropertySymbol property, out PropertyMatch match)
    {
        match = default;
        if (!_properties.TryGetValue(property.Name, out var rules))
        {
            return false;
        }

        foreach (var rule in rules)
        {
            if (property.ContainingType.IsOrDerivesFrom(rule.Type))
            {
                match = new PropertyMatch(rule.Kind, rule.Api, rule.McpPromptOnly);
                return true;
            }
        }

        return false;
    }

    private void AddCall(INamedTypeSymbol type, string? method, CallRule rule)
    {
        if (method is null)
        {
            if (!_constructors.TryGetValue(type, out var list))
            {
                _constructors[type] = list = new List<CallRule>();
            }

            list.Add(rule);
        }
        else
        {
            if (!_methods.TryGetValue(method, out var list))
            {
                _methods[method] = list = new List<CallRule>();
            }

            list.Add(rule);
        }
    }

    private void AddProperty(string name, PropertyRule rule)
    {
        if (!_properties.TryGetValue(name, out var list))
        {
            _properties[name] = list = new List<PropertyRule>();
        }

        list.Add(rule);
    }

    /// <summary>
    /// Reads one <c>agentrules.prompt_sinks</c> entry: <c>Namespace.Type.Member</c> (a property, or a method's first
    /// string parameter), <c>Namespace.Type.Method(parameter)</c>, <c>Namespace.Type.ctor(parameter)</c>.
    /// Entries whose type the compilation cannot see are ignored.
    /// </summary>
    private void AddSink(KnownTypes types, string sink)
    {
        var entry = sink.Trim();
        string? parameter = null;
        var open = entry.IndexOf('(');
        if (open > 0 && entry.EndsWith(")", StringComparison.Ordinal))
        {
            parameter = entry.Substring(open + 1, entry.Length - open - 2).Trim();
            entry = entry.Substring(0, open).Trim();
            if (parameter.Length == 0)
            {
                parameter = null;
            }
        }

        var dot = entry.LastIndexOf('.');
        if (dot <= 0 || dot == entry.Length - 1)
        {
            return;
        }

        var member = entry.Substring(dot + 1);
        var typeName = entry.Substring(0, dot);
        if (member is "ctor" or "#ctor" && typeName.EndsWith(".", StringComparison.Ordinal))
        {
            typeName = typeName.TrimEnd('.'); // Namespace.Type..ctor
        }

        if (types.Get(typeName) is not { } type)
        {
            return;
        }

        var api = typeName + "." + member;
        if (member is "ctor" or "#ctor" or ".ctor")
        {
            AddCall(type, null, new CallRule(type, parameter ?? string.Empty, null, null, PromptSiteKind.ConfiguredSink, false, api, FirstStringParameter: parameter is null));
            return;
        }

        foreach (var candidate in type.GetMembers(member))
        {
            if (candidate is IPropertySymbol && parameter is null)
            {
                AddProperty(member, new PropertyRule(type, PromptSiteKind.ConfiguredSink, api, false));
                return;
            }

            if (candidate is IMethodSymbol)
            {
                AddCall(type, member, new CallRule(type, parameter ?? string.Empty, null, null, PromptSiteKind.ConfiguredSink, false, api, FirstStringParameter: parameter is null));
                return;
            }
        }
    }

    /// <summary>True for types in Microsoft.Agents.AI and its sub-namespaces.</summary>
    internal static bool IsAgentFrameworkNamespace(ITypeSymbol? type) =>
        type?.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "Microsoft.Agents.AI" || ns.StartsWith("Microsoft.Agents.AI.", StringComparison.Ordinal));

    private static IParameterSymbol? Parameter(ImmutableArray<IParameterSymbol> parameters, string name)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.Name == name)
            {
                return parameter;
            }
        }

        return null;
    }

    private static IParameterSymbol? FirstString(ImmutableArray<IParameterSymbol> parameters)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_String && !parameter.IsThis)
            {
                return parameter;
            }
        }

        return null;
    }
}
