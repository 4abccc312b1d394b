using System.Collections.Immutable;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Generators.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Generators.Prompts;

/// <summary>
/// Generates <c>AgentPrompts</c>: for every declared prompt — <c>[Prompt]</c> members and <c>&lt;AgentPrompt&gt;</c>
/// files — an <c>AgentRules.AgentPrompt</c> with its id, version, SHA-256 (computed here, at compile time) and text,
/// plus <c>All</c>, <c>Find(id)</c> and <c>TryGet(id, out prompt)</c>. The class is internal, in the project's root
/// namespace (<c>build_property.RootNamespace</c>), or <c>AgentRules.Generated</c> when it has none.
/// </summary>
/// <remarks>
/// Pipeline: <c>ForAttributeWithMetadataName</c> reads each [Prompt] member into a <see cref="PromptModel"/> (values
/// only); additional files with <c>AgentPromptId</c> metadata become models too; the root namespace comes from the
/// global options; one cheap <c>CompilationProvider</c> step checks two type names (the runtime's AgentPrompt and
/// NotNullWhen), only when there are prompts, and yields two booleans, equal across ordinary edits, so nothing
/// downstream reruns. Duplicates and name collisions are resolved as <see cref="AgentRules.Analyzers.Recognition.Prompts.PromptCatalog.DuplicateDiagnostics"/>
/// reports them (AGR0012, AGR0014). The generator itself reports only a RootNamespace that is no namespace (AGR0120).
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class PromptRegistryGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Keyed on syntax and the compilation's declarations (see ToolWrapperGenerator): an edit inside a body runs
        // nothing here; ForAttributeWithMetadataName would bind every [Prompt] member again on every compilation.
        // [Prompt] written by name, through a same-file alias or through a global using alias of any file.
        var promptMembers = new AttributedMembers("Prompt", static node => node switch
        {
            VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } => field.AttributeLists,
            PropertyDeclarationSyntax property => property.AttributeLists,
            MethodDeclarationSyntax method => method.AttributeLists,
            _ => null,
        });
        var candidates = promptMembers.Candidates(context.SyntaxProvider);
        var globalAliases = AttributedMembers.GlobalAliases(context.SyntaxProvider);

        // Keyed on what the remembered prompts were read from (see DependencyMemo.For): a declaration edit in a file
        // no prompt reads runs nothing below.
        var memo = new DependencyMemo<PromptModel>();
        var compilationDeclarations = context.CompilationProvider
            .Combine(candidates.Collect().Combine(globalAliases).Select((pair, _) => memo.CandidatesChanged(promptMembers.AnyQualifies(pair.Left, pair.Right))))
            .Select((pair, cancellationToken) => pair.Right ? memo.For(DeclarationFacts.Of(pair.Left, cancellationToken)) : null)
            .WithTrackingName(TrackingNames.CompilationDeclarations);

        var declarations = candidates
            .Combine(compilationDeclarations.Combine(globalAliases))
            .Select((pair, cancellationToken) => pair.Right.Left is { } facts && promptMembers.Qualifies(pair.Left, pair.Right.Right) ? Parser.FromCandidate(pair.Left, facts.Declarations, memo, cancellationToken) : null)
            .WithTrackingName(TrackingNames.Members)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Declarations);

        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => Parser.FromFile(pair.Left, pair.Right, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Files);

        var registryNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => Parser.RegistryNamespace(options.GlobalOptions))
            .WithTrackingName(TrackingNames.Namespace);

        var prompts = declarations.Collect().Combine(files.Collect());

        // Cheap: two lookups by metadata name, equal on nearly every edit, so the steps below stay cached. A project
        // without declared prompts skips them and touches no symbols at all.
        var runtime = prompts
            .Combine(context.CompilationProvider)
            .Select(static (input, _) => input.Left.Left.IsEmpty && input.Left.Right.IsEmpty ? null : Parser.Runtime(input.Right))
            .WithTrackingName(TrackingNames.Runtime);

        var registry = prompts
            .Combine(registryNamespace)
            .Combine(runtime)
            .Select(static (input, _) => Parser.Registry(input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.Registry);

        context.RegisterSourceOutput(registry, static (output, model) =>
        {
            if (model is { IsEmpty: false })
            {
                if (model.InvalidRootNamespace is { } invalid)
                {
                    output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidRootNamespace, Location.None, invalid, "the AgentPrompts registry", model.Namespace));
                }

                output.AddSource("AgentPrompts.g.cs", Emitter.Emit(model));
            }
        });
    }
}
