using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Infrastructure;
using AgentRules.Generators.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Generators.ProcessSpec;

/// <summary>Collects a project's process spec with the rules' recognition engines.</summary>
public static class ProcessSpecBuilder
{
    /// <summary>Types whose presence means the project builds agents (AgentRules' own runtime does not count).</summary>
    private static readonly string[] AgentFrameworkTypes =
    [
        "Microsoft.Extensions.AI.IChatClient",
        "Microsoft.Extensions.AI.AIFunction",
        MetadataNames.McpServerToolAttribute,
        "Microsoft.SemanticKernel.Kernel",
        "Microsoft.Agents.AI.AIAgent",
        "OpenAI.Chat.ChatClient",
    ];

    public static bool ReferencesAgentFramework(Compilation compilation) =>
        new KnownTypes(compilation).AnyExists(AgentFrameworkTypes);

    public static ProcessSpecDocument Build(Compilation compilation, AnalyzerConfigOptionsProvider options, ImmutableArray<AdditionalText> additionalTexts, SpecSettings settings, CancellationToken cancellationToken)
    {
        var paths = SpecPaths.For(compilation, settings.ProjectDirectory);
        var types = new KnownTypes(compilation);
        var tools = CollectTools(compilation, types, paths, cancellationToken);

        return new ProcessSpecDocument(
            compilation.AssemblyName ?? "project",
            tools.ToEquatableArray(),
            default,
            default,
            default,
            default,
            default);
    }

    private static List<SpecTool> CollectTools(Compilation compilation, KnownTypes types, SpecPaths paths, CancellationToken cancellationToken)
    {
        var result = new List<SpecTool>();
        var mcpTool = types.Get(MetadataNames.McpServerToolAttribute);
        if (mcpTool is null)
        {
            return result;
        }

        foreach (var method in SourceMethods(compilation.Assembly.GlobalNamespace, cancellationToken))
        {
            if (method.GetAttribute(mcpTool) is not { } attribute)
            {
                continue;
            }

            var destructive = attribute.GetNamedBoolean("Destructive");
            var readOnly = attribute.GetNamedBoolean("ReadOnly");
            var effect = readOnly == true ? "read-only" : destructive == true ? "destructive" : "unknown";
            var evidence = readOnly == true ? "declared ReadOnly = true" : destructive == true ? "declared Destructive = true" : null;
            var scope = method.GetAttributeFromSymbolTypeOrAssembly(types.Get(MetadataNames.EnvironmentScopeAttribute));
            var environments = scope is { ConstructorArguments.Length: > 0 } ? scope.ConstructorArguments[0].Values.Select(v => v.Value as string).OfType<string>().ToEquatableArray() : default;

            result.Add(new SpecTool(
                attribute.GetNamedString("Name") ?? method.Name,
                "MCP",
                method.ContainingType.ToDisplayString() + "." + method.Name,
                paths.Of(method.Locations[0]),
                Description(method),
                effect,
                evidence,
                environments,
                scope is null ? "none" : "attribute",
                null,
                null,
                null,
                method.Parameters.Where(p => p.Type.Name != "CancellationToken").Select(p => new SpecParameter(p.Name, p.Type.ToDisplayString(), Description(p))).ToEquatableArray()));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : SpecLocation.Compare(a.Location, b.Location));
        return result;
    }

    private static string? Description(ISymbol symbol) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.ComponentModel.DescriptionAttribute") is { ConstructorArguments.Length: 1 } d
            ? d.ConstructorArguments[0].Value as string
            : null;

    private static IEnumerable<IMethodSymbol> SourceMethods(INamespaceSymbol ns, CancellationToken cancellationToken)
    {
        foreach (var member in ns.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is INamespaceSymbol child)
            {
                foreach (var method in SourceMethods(child, cancellationToken))
                {
                    yield return method;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                foreach (var method in TypeMethods(type))
                {
                    yield return method;
                }
            }
        }
    }

    private static IEnumerable<IMethodSymbol> TypeMethods(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                yield return method;
            }
            else if (member is INamedTypeSymbol nested)
            {
                foreach (var inner in TypeMethods(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
