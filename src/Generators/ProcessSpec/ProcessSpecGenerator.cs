using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Generators.ProcessSpec;

/// <summary>
/// Generates the <c>AgentProcessSpec</c> class of a project that builds agents: <c>FormatVersion</c>, and with
/// <c>AgentRulesSpecEmbed=true</c> the spec itself (<c>Json</c>, <c>Markdown</c>, <c>Sha256</c>) as constants.
/// </summary>
/// <remarks>
/// By default the spec files are composed from what the analyzers found (<see cref="ProcessSpecAnalyzer"/>, read by
/// the build task from the compiler's SARIF log), so every fact is computed once per build, and this generator only
/// emits the class with empty documents: a generator runs before the analyzers, on a compilation the compiler then
/// discards, so computing the spec here would analyse the project a second time. <c>AgentRulesSpecEmbed=true</c> pays
/// that second analysis to compile the spec into the assembly. In the IDE's design-time builds
/// (AgentRulesSpecCompute=false) nothing is computed either way.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class ProcessSpecGenerator : IIncrementalGenerator
{
    public const string SettingsStep = "ProcessSpec.Settings";
    public const string SpecStep = "ProcessSpec.Spec";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var settings = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => SpecSettings.Read(provider.GlobalOptions))
            .WithTrackingName(SettingsStep);

        var spec = context.CompilationProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(context.AdditionalTextsProvider.Collect())
            .Combine(settings)
            .Select(static (input, cancellationToken) =>
            {
                var (((compilation, options), additionalTexts), specSettings) = input;
                return Produce(compilation, options, additionalTexts, specSettings, cancellationToken);
            })
            .WithTrackingName(SpecStep);

        context.RegisterSourceOutput(spec.Combine(settings), static (output, input) =>
        {
            var (source, specSettings) = input;
            if (source is not null)
            {
                if (specSettings.InvalidRootNamespace is { } invalid)
                {
                    output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidRootNamespace, Location.None, invalid, "the AgentProcessSpec class", specSettings.Namespace));
                }

                output.AddSource("AgentProcessSpec.g.cs", SourceText.From(source, System.Text.Encoding.UTF8));
            }
        });
    }

    /// <summary>The generated source, or null when the project has no agent code and references no agent framework.</summary>
    public static string? Produce(Compilation compilation, AnalyzerConfigOptionsProvider options, ImmutableArray<AdditionalText> additionalTexts, SpecSettings settings, CancellationToken cancellationToken)
    {
        var referencesFramework = ProcessSpecBuilder.ReferencesAgentFramework(compilation);
        if (!settings.Compute || !settings.Embed)
        {
            return referencesFramework ? ProcessSpecEmitter.ToSource(settings.Namespace, string.Empty, string.Empty, designTime: true) : null;
        }

        var document = ProcessSpecBuilder.Build(compilation, options, additionalTexts, settings, cancellationToken);
        if (document.IsEmpty && !referencesFramework)
        {
            return null;
        }

        return ProcessSpecEmitter.ToSource(settings.Namespace, ProcessSpecEmitter.ToMarkdown(document), ProcessSpecEmitter.ToJson(document), designTime: false);
    }
}
