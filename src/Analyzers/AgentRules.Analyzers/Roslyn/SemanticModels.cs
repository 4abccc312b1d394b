using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Roslyn;

/// <summary>
/// The one place that creates semantic models. The analyzer driver gives each action the model of its own file; a
/// compilation-wide question (which registrations wrap this tool, does this loop reach an LLM through a helper in
/// another file, what does the process spec contain) needs the models of other files. Each caller creates a tree's
/// model at most once per compilation and keeps it (in a per-compilation context or memo), and binds only candidates
/// a text or syntax filter let through. The banned-API list forbids <c>Compilation.GetSemanticModel</c> everywhere
/// else, so every such use is a call to <see cref="Create"/> that a search finds.
/// </summary>
public static class SemanticModels
{
    /// <summary>A semantic model for <paramref name="tree"/>, a tree of <paramref name="compilation"/>.</summary>
    /// <remarks>RS1030 warns against this in analyzers because a model per call defeats the driver's sharing; callers
    /// here create one per tree and compilation (see the class remarks).</remarks>
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
    public static SemanticModel Create(Compilation compilation, SyntaxTree tree) => compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
}
