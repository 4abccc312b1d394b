using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Generators.ProcessSpec;

/// <summary>
/// Composes the process spec in a command-line build from what the rules found in the same compilation, and hands it
/// to the package's build task through the compiler's SARIF log: one AGR0202 diagnostic, reported already suppressed
/// (the compiler writes suppressed diagnostics only to the log: never to the console, the IDE or the warning count),
/// whose properties carry the spec's JSON and Markdown. The task adds the build's findings and writes the files.
/// </summary>
/// <remarks>
/// <para>
/// Why an analyzer: a generator runs before the analyzers, on a compilation the compiler discards after adding the
/// generated code, so a spec computed there binds and classifies everything a second time. Here the tool-safety and
/// agent-loop contexts are the ones the rules use (per compilation, their answers cached), and semantic models come
/// from the compiler's shared cache.
/// </para>
/// <para>
/// It runs only when the build asks for it (<c>build_property.AgentRulesSpecCompute=true</c>, set by the package's
/// targets in command-line builds with the spec on, and not with <c>AgentRulesSpecEmbed=true</c>): in the IDE's
/// design-time settings it registers nothing and costs nothing. The diagnostic is always reported when it runs — with
/// empty documents for a project without agent code (unless <c>AgentRulesSpec=true</c> asks for a spec anyway) — so
/// the task can tell "nothing to write" from "the analyzers did not run".
/// </para>
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProcessSpecAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The property that carries the spec's JSON (without findings; empty when no spec is written).</summary>
    public const string JsonProperty = "json";

    /// <summary>The property that carries the spec's Markdown (without findings; empty when no spec is written).</summary>
    public const string MarkdownProperty = "markdown";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ProcessSpecFacts);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(static end =>
        {
            var global = end.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            if (!SpecSettings.AnalyzerComputes(global))
            {
                return;
            }

            var settings = SpecSettings.Read(global);
            var document = ProcessSpecBuilder.BuildFromAnalysis(end.Compilation, end.Options.AnalyzerConfigOptionsProvider, end.Options.AdditionalFiles, settings, end.CancellationToken);
            var write = !document.IsEmpty || settings.Always;
            end.ReportDiagnostic(Create(
                document.Project,
                write ? ProcessSpecEmitter.ToJson(document) : string.Empty,
                write ? ProcessSpecEmitter.ToMarkdown(document) : string.Empty));
        });
    }

    /// <summary>The AGR0202 diagnostic that carries a spec, suppressed as it is created.</summary>
    public static Diagnostic Create(string project, string json, string markdown)
    {
        var descriptor = DiagnosticDescriptors.ProcessSpecFacts;
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(JsonProperty, json)
            .Add(MarkdownProperty, markdown);
        return Diagnostic.Create(
            descriptor.Id,
            descriptor.Category,
            string.Format(System.Globalization.CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), project),
            descriptor.DefaultSeverity,
            descriptor.DefaultSeverity,
            isEnabledByDefault: true,
            warningLevel: 1,
            isSuppressed: true,
            title: descriptor.Title,
            description: descriptor.Description,
            helpLink: descriptor.HelpLinkUri,
            location: Location.None,
            additionalLocations: null,
            customTags: descriptor.CustomTags,
            properties: properties);
    }
}
