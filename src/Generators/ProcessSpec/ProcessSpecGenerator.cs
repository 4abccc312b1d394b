using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Generators.ProcessSpec;

/// <summary>
/// Generates the <c>AgentProcessSpec</c> class of a project that builds agents: the process spec (<c>Json</c>,
/// <c>Markdown</c>, <c>Sha256</c>) as constants, which the build task writes to AgentProcessSpec.md/.json.
/// </summary>
/// <remarks>
/// The spec describes the whole compilation, so it is computed in one step over the compilation, once per command-line
/// build, by the same recognition code the analyzers use. In the IDE's design-time builds (AgentRulesSpecCompute=false)
/// it does no analysis and emits the class with empty documents. By default (<c>AgentRulesSpecEmbed=false</c>) the spec
/// is composed by <see cref="ProcessSpecAnalyzer"/> from the analyzers' results instead, and this generator only emits
/// the class with empty documents; <c>AgentRulesSpecEmbed=true</c> computes it here.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class ProcessSpecGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var settings = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => SpecSettings.Read(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Settings);

        var spec = context.CompilationProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(context.AdditionalTextsProvider.Collect())
            .Combine(settings)
            .Select(static (input, cancellationToken) =>
            {
                var (((compilation, options), additionalTexts), specSettings) = input;
                return Produce(compilation, options, additionalTexts, specSettings, cancellationToken);
            })
            .WithTrackingName(TrackingNames.Spec);

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
        var referencesFramework = Parser.ReferencesAgentFramework(compilation);
        if (!settings.Compute || !settings.Embed)
        {
            return referencesFramework ? Emitter.ToSource(settings.Namespace, string.Empty, string.Empty, designTime: true) : null;
        }

        var document = Parser.Build(compilation, options, additionalTexts, settings, cancellationToken);
        if (document.IsEmpty && !settings.Always)
        {
            // No tools, prompts, loops or agents: no spec (AgentRulesSpec=true asks for one anyway); the class stays for
            // code that reads it.
            return referencesFramework ? Emitter.ToSource(settings.Namespace, string.Empty, string.Empty, designTime: true) : null;
        }

        return Emitter.ToSource(settings.Namespace, Emitter.ToMarkdown(document), Emitter.ToJson(document), designTime: false);
    }
}
