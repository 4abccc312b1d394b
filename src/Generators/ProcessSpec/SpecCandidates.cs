using System;
using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Configuration;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Generators.ProcessSpec;

/// <summary>
/// The process spec's early exit: whether any file of a compilation can hold something the spec describes. Decided
/// without binding, by the same per-file gates the recognition engines apply before they bind a file (the words a
/// tool, prompt, prompt site, agent loop or framework site must be written with, looked up in each file's text
/// index, and the framework types the compilation references), plus the names the inventory reads. When no file
/// passes any gate the engines would find nothing, so the spec is empty and no file is bound.
/// </summary>
/// <remarks>
/// Two steps. <see cref="MaySpellAny"/> looks only at the files' words and the references' names, before any engine
/// is created (creating them resolves dozens of framework types by metadata name). Then each engine's gate is its own (<see cref="ToolSafetyContext.MayContainTools"/>,
/// <see cref="PromptDeclarationReader.MayDeclarePrompts"/>, <see cref="PromptSiteRecognizer.MayContainSites"/>,
/// <see cref="AgentLoopContext.MayContainSites"/>, <see cref="AgentLoopContext.MayContainLoops"/>), so the exit never
/// disagrees with them. The cheap gates run over every file first; the loop gate, which needs the compilation's LLM
/// reach (computed once and shared with the loop rules), runs only when all the others said no.
/// </remarks>
public static class SpecCandidates
{
    /// <summary>
    /// Referenced assemblies (by name prefix) whose metadata adds names the engines select files by: agent factories
    /// and framework subclasses (Agent Framework, Semantic Kernel), and the SDKs that make a project an agent project
    /// anyway. With one of them referenced, only <see cref="MayHaveAny"/> decides.
    /// </summary>
    private static readonly string[] s_frameworkAssemblyPrefixes =
    [
        "Microsoft.Agents.AI",
        "Microsoft.SemanticKernel",
        "ModelContextProtocol",
        "OpenAI",
        "Azure.AI.",
        "Anthropic",
        "OllamaSharp",
        "Microsoft.Azure.Functions.Worker.Extensions.Mcp",
    ];

    private static readonly Lazy<ImmutableArray<string>> s_spellingWords = new(static () =>
    {
        var words = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        words.UnionWith(ProcessSpecGenerator.Parser.InventoryWords);
        words.UnionWith(ToolSafetyContext.SpellingWords);
        words.UnionWith(PromptDeclarationReader.SpellingWords);
        words.UnionWith(FunctionInvocationSiteRecognizer.SpellingWords);
        foreach (var api in AgentLoopApis.LlmApis)
        {
            words.UnionWith(api.Members);
        }

        return ImmutableArray.CreateRange(words);
    });

    /// <summary>
    /// The first, syntax-only check, made before any engine is created: false when the compilation references none of
    /// <see cref="s_frameworkAssemblyPrefixes"/> (Microsoft.Extensions.AI alone, or no AI package), configures no
    /// names (<c>agentrules.llm_methods</c>, <c>prompt_sinks</c>, <c>tool_attributes</c>), has no <c>&lt;AgentPrompt&gt;</c>
    /// file, and no file spells any word the engines select files by (<see cref="ToolSafetyContext.SpellingWords"/>,
    /// <see cref="PromptSiteRecognizer.SpellingWords"/>, <see cref="FunctionInvocationSiteRecognizer.SpellingWords"/>,
    /// the LLM APIs' method names, the inventory's names) or an LLM endpoint. No symbol is looked up: what it costs is
    /// each file's text index, which the rules build anyway. True means "ask <see cref="MayHaveAny"/>".
    /// </summary>
    public static bool MaySpellAny(
        Compilation compilation,
        ImmutableArray<AdditionalText> additionalTexts,
        AnalyzerConfigOptionsProvider options,
        Func<SyntaxTree, bool>? include,
        CancellationToken cancellationToken)
    {
        if (HasPromptFile(additionalTexts, options))
        {
            return true;
        }

        foreach (var reference in compilation.References)
        {
            var name = reference switch
            {
                CompilationReference project => project.Compilation.AssemblyName,
                PortableExecutableReference { FilePath: { } path } => System.IO.Path.GetFileNameWithoutExtension(path),
                _ => null,
            };

            if (name is null)
            {
                return true; // a reference the check cannot name
            }

            foreach (var prefix in s_frameworkAssemblyPrefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        foreach (var key in new[] { OptionKeys.LlmMethods, OptionKeys.PromptSinks, OptionKeys.ToolAttributes })
        {
            if (!options.GetListForCompilation(compilation, key).IsEmpty)
            {
                return true;
            }
        }

        var words = s_spellingWords.Value;
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if ((include is null || include(tree))
                && (SourceIndex.ContainsAny(tree, words, cancellationToken) || PromptSiteRecognizer.MaySpellSites(tree, cancellationToken) || LlmEndpointText.Mentions(tree, cancellationToken)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when some file (of those <paramref name="include"/> admits) or additional file may hold a tool, prompt,
    /// prompt site, agent loop, framework site or inventory entry; false only when none can.
    /// </summary>
    public static bool MayHaveAny(
        Compilation compilation,
        ImmutableArray<AdditionalText> additionalTexts,
        AnalyzerConfigOptionsProvider options,
        ToolSafetyContext? tools,
        PromptSiteRecognizer? prompts,
        AgentLoopContext? loops,
        Func<SyntaxTree, bool>? include,
        CancellationToken cancellationToken)
    {
        if (HasPromptFile(additionalTexts, options))
        {
            return true;
        }

        var promptAttribute = new KnownTypes(compilation).Get(MetadataNames.PromptAttribute);
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (include is not null && !include(tree))
            {
                continue;
            }

            if (SourceIndex.ContainsAny(tree, ProcessSpecGenerator.Parser.InventoryWords, cancellationToken)
                || (tools is not null && tools.MayContainTools(tree, cancellationToken))
                || (promptAttribute is not null && PromptDeclarationReader.MayDeclarePrompts(tree, compilation, cancellationToken))
                || (prompts is not null && prompts.MayContainSites(tree, cancellationToken))
                || (loops is not null && loops.MayContainSites(tree, cancellationToken)))
            {
                return true;
            }
        }

        if (loops is null || !loops.HasLlmApis)
        {
            return false;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if ((include is null || include(tree)) && loops.MayContainLoops(tree, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasPromptFile(ImmutableArray<AdditionalText> additionalTexts, AnalyzerConfigOptionsProvider options)
    {
        foreach (var file in additionalTexts)
        {
            var fileOptions = options.GetOptions(file);
            if (fileOptions.TryGetValue(PromptDeclarationReader.IdMetadataKey, out _) || fileOptions.TryGetValue(PromptDeclarationReader.MarkerMetadataKey, out _))
            {
                return true; // an <AgentPrompt> file
            }
        }

        return false;
    }
}
