using System;
using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Infrastructure;
using AgentRules.Analyzers.Rules.AgentLoops;
using AgentRules.Analyzers.Rules.Prompts;
using AgentRules.Analyzers.Rules.ToolSafety;
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
/// Each engine's gate is its own (<see cref="ToolSafetyContext.MayContainTools"/>,
/// <see cref="PromptDeclarationReader.MayDeclarePrompts"/>, <see cref="PromptSiteRecognizer.MayContainSites"/>,
/// <see cref="AgentLoopContext.MayContainSites"/>, <see cref="AgentLoopContext.MayContainLoops"/>), so the exit never
/// disagrees with them. The cheap gates run over every file first; the loop gate, which needs the compilation's LLM
/// reach (computed once and shared with the loop rules), runs only when all the others said no.
/// </remarks>
public static class SpecCandidates
{
    /// <summary>
    /// The names <see cref="AgentInventory"/> reads: the creations and calls it binds (agents, ToolGuard options,
    /// MCP client transports, tools registered from other assemblies) and the approval bypasses. An alias of one of
    /// these types is declared with its name, so some file spells it. <c>AgentName</c> stands for a target-typed
    /// <c>new() { AgentName = ... }</c> of <c>ToolGuardOptions</c>, which the inventory requires.
    /// </summary>
    private static readonly ImmutableArray<string> s_inventoryWords = ImmutableArray.Create(
        "ChatClientAgent",
        "HarnessAgent",
        "ToolGuardOptions",
        "AgentName",
        "StdioClientTransport",
        "HttpClientTransport",
        "SseClientTransport",
        "AsAIAgent",
        "CreateAIAgent",
        "AsHarnessAgent",
        "WithTools",
        "WithToolsFromAssembly",
        "AllToolsAutoApprovalRule",
        "CreateAlwaysApproveToolResponse",
        "DisableWriteToolApproval",
        "DisableRunSkillScriptApproval",
        "NeverRequire");

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
        foreach (var file in additionalTexts)
        {
            var fileOptions = options.GetOptions(file);
            if (fileOptions.TryGetValue(PromptDeclarationReader.IdMetadataKey, out _) || fileOptions.TryGetValue(PromptDeclarationReader.MarkerMetadataKey, out _))
            {
                return true; // an <AgentPrompt> file
            }
        }

        var promptAttribute = new KnownTypes(compilation).Get(MetadataNames.PromptAttribute);
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (include is not null && !include(tree))
            {
                continue;
            }

            if (SourceIndex.ContainsAny(tree, s_inventoryWords, cancellationToken)
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
}
