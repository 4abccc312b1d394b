using AgentRules.Generators.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Generators.ProcessSpec;

/// <summary>
/// The build's settings for the process spec, from MSBuild properties the package makes visible to the compiler
/// (build/AgentRules.targets).
/// </summary>
/// <param name="Compute">False in the IDE's design-time builds and when <c>AgentRulesSpec</c> is false.</param>
/// <param name="Namespace">Where the generated class goes: the project's root namespace, escaped for C#.</param>
/// <param name="ProjectDirectory">Locations in the spec are relative to it.</param>
/// <param name="InvalidRootNamespace">The project's RootNamespace when it is not a valid namespace, else null.</param>
public sealed record SpecSettings(bool Compute, string? Namespace, string? ProjectDirectory, string? InvalidRootNamespace = null)
{
    public const string ComputeProperty = "build_property.AgentRulesSpecCompute";
    public const string RootNamespaceProperty = "build_property.RootNamespace";
    public const string ProjectDirectoryProperty = "build_property.ProjectDir";

    public static SpecSettings Read(AnalyzerConfigOptions options)
    {
        // Absent (a build without the package's targets, e.g. a unit test): compute.
        var compute = !options.TryGetValue(ComputeProperty, out var raw) || !string.Equals(raw?.Trim(), "false", System.StringComparison.OrdinalIgnoreCase);
        options.TryGetValue(RootNamespaceProperty, out var ns);
        options.TryGetValue(ProjectDirectoryProperty, out var directory);
        var rootNamespace = RootNamespace.Parse(ns);
        return new SpecSettings(compute, rootNamespace.Namespace, Clean(directory), rootNamespace.Invalid);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
