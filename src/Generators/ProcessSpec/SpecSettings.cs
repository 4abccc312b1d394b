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
/// <param name="Embed">
/// <c>AgentRulesSpecEmbed=true</c>: the generator computes the spec and compiles it into the assembly (the
/// <c>AgentProcessSpec</c> constants), at the cost of a second analysis of the compilation. Otherwise the spec is
/// composed by <see cref="ProcessSpecAnalyzer"/> from what the rules found, and the constants are empty.
/// </param>
/// <param name="Always">
/// <c>AgentRulesSpec=true</c> set explicitly: write a spec even for a project with no tools, prompts or agent loops.
/// </param>
public sealed record SpecSettings(bool Compute, string? Namespace, string? ProjectDirectory, string? InvalidRootNamespace = null, bool Embed = false, bool Always = false)
{
    public const string ComputeProperty = "build_property.AgentRulesSpecCompute";
    public const string EmbedProperty = "build_property.AgentRulesSpecEmbed";
    public const string AlwaysProperty = "build_property.AgentRulesSpec";
    public const string RootNamespaceProperty = "build_property.RootNamespace";
    public const string ProjectDirectoryProperty = "build_property.ProjectDir";

    public static SpecSettings Read(AnalyzerConfigOptions options)
    {
        // Absent (a build without the package's targets, e.g. a unit test): compute, and embed (the generator's
        // documents are what such a caller looks at).
        var compute = !options.TryGetValue(ComputeProperty, out var raw) || !IsFalse(raw);
        var embed = !options.TryGetValue(EmbedProperty, out var rawEmbed) ? raw is null : IsTrue(rawEmbed);
        var always = options.TryGetValue(AlwaysProperty, out var rawAlways) && IsTrue(rawAlways);
        options.TryGetValue(RootNamespaceProperty, out var ns);
        options.TryGetValue(ProjectDirectoryProperty, out var directory);
        var rootNamespace = RootNamespace.Parse(ns);
        return new SpecSettings(compute, rootNamespace.Namespace, Clean(directory), rootNamespace.Invalid, embed, always);
    }

    /// <summary>
    /// True when the build asked for the spec from the analyzers: a command-line build with the package's targets
    /// (<c>AgentRulesSpecCompute=true</c> set explicitly) that does not embed it. The IDE (design-time settings), unit
    /// tests of other analyzers and builds with the spec off never run the spec's analysis.
    /// </summary>
    public static bool AnalyzerComputes(AnalyzerConfigOptions options) =>
        options.TryGetValue(ComputeProperty, out var raw) && IsTrue(raw)
        && !(options.TryGetValue(EmbedProperty, out var embed) && IsTrue(embed));

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);

    private static bool IsFalse(string? value) => string.Equals(value?.Trim(), "false", System.StringComparison.OrdinalIgnoreCase);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
