using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Generators.ProcessSpec;

/// <summary>
/// Generates the process spec: every tool, prompt, agent loop and function-invocation site of the project, with
/// versions, limits and the open AgentRules findings, as Markdown and JSON constants of an <c>AgentProcessSpec</c>
/// class. The package's build task writes them to AgentProcessSpec.md/.json after compilation.
/// </summary>
/// <remarks>
/// The spec describes the whole compilation, so it is computed in one step over the compilation, once per
/// command-line build, by the same recognition code the analyzers use. That step would be expensive on every
/// keystroke, so in the IDE's design-time builds (AgentRulesSpecCompute=false) it does no analysis and emits the
/// class with empty documents, which keeps code that reads <c>AgentProcessSpec</c> compiling.
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
        if (!settings.Compute)
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
