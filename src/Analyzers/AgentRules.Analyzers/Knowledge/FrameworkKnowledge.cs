using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace AgentRules.Analyzers.Knowledge;

/// <summary>
/// Why a name in the rules' framework tables may not resolve in the packages AgentRules is verified against
/// (Microsoft.Extensions.AI 11.0.0, Microsoft.Agents.AI 1.28.0 with its Harness 1.19.0, Semantic Kernel 1.82.0, ModelContextProtocol 2.4.0,
/// OpenAI 2.15.0, OllamaSharp 5.5.2, EF Core 10, Dapper, Azure ServiceBus/Blobs, .NET 10; see docs/frameworks.md): an older spelling kept so older framework
/// versions stay recognised, a framework the package registry used for verification does not serve, or a library
/// outside the agent frameworks that the knowledge test does not load. The knowledge test resolves every other name
/// in the real assemblies, and fails when a mark hides a name that resolves.
/// </summary>
public static class FrameworkKnowledge
{
    /// <summary>Why a name is allowed not to resolve.</summary>
    public enum MarkKind
    {
        /// <summary>A name of an older version of a framework that is verified (it must not resolve in today's version).</summary>
        OlderSpelling,

        /// <summary>A framework the registry does not serve: its tests use a stand-in.</summary>
        NotServed,

        /// <summary>A library that is not an agent framework and is not loaded by the knowledge test.</summary>
        NotLoaded,
    }

    /// <summary>A mark: why a name may not resolve.</summary>
    /// <param name="Kind">Which kind of exception it is.</param>
    /// <param name="Reason">The version it belongs to, or the package.</param>
    public sealed record Mark(MarkKind Kind, string Reason)
    {
        /// <summary>True for <see cref="MarkKind.OlderSpelling"/>.</summary>
        public bool IsOlderSpelling => Kind == MarkKind.OlderSpelling;
    }

    /// <summary>Exact names (a type's metadata name, or <c>Type.Member</c>) of older versions of verified frameworks.</summary>
    public static ImmutableDictionary<string, string> OlderSpellings { get; } = Create(
        ("OpenAI.Responses.OpenAIResponseClient", "OpenAI SDK 2.x before the Responses client was renamed ResponsesClient (gone in 2.15)"),
        ("OpenAI.Responses.ResponseCreationOptions", "OpenAI SDK 2.x before CreateResponseOptions (gone in 2.15)"),
        ("OpenAI.Realtime.ConversationSessionOptions", "OpenAI SDK 2.1-2.x realtime previews (RealtimeConversationSessionOptions in 2.15)"),
        ("OpenAI.Realtime.RealtimeSessionOptions.Instructions", "OpenAI SDK realtime previews; in 2.15 Instructions moved to RealtimeConversationSessionOptions (which derives from it)"),
        ("Microsoft.Agents.AI.ChatClientAgentOptions.Instructions", "Agent Framework previews before 1.0 (instructions are in ChatOptions now)"),
        ("Azure.AI.OpenAI.OpenAIClient", "Azure.AI.OpenAI 1.0 betas (2.x wraps the OpenAI SDK's clients)"),
        ("Azure.AI.OpenAI.ChatMessage", "Azure.AI.OpenAI 1.0 betas up to beta.8 (2.x uses the OpenAI SDK's message types)"));

    /// <summary>Namespace or type prefixes of frameworks the registry used for verification does not serve.</summary>
    public static ImmutableDictionary<string, string> NotServed { get; } = Create(
        ("Microsoft.SemanticKernel.Agents", "Semantic Kernel agent packages (Microsoft.SemanticKernel.Agents.*), not served; names from source 1.80"),
        ("Microsoft.SemanticKernel.KernelFunctionYaml", "Microsoft.SemanticKernel.Yaml, not served"),
        ("Microsoft.SemanticKernel.PromptYamlKernelExtensions", "Microsoft.SemanticKernel.Yaml, not served"),
        ("Microsoft.SemanticKernel.PromptyKernelExtensions", "Microsoft.SemanticKernel.Prompty, not served"),
        ("Microsoft.Azure.Functions.Worker.Extensions.Mcp", "Azure Functions MCP extension, not served"),
        ("Microsoft.Azure.Functions.Worker.Extensions.Abstractions", "Azure Functions worker extensions, not served"),
        ("Azure.AI.Agents.Persistent", "Azure.AI.Agents.Persistent, not served"),
        ("Anthropic.SDK", "Anthropic.SDK, not served"),
        ("Sharprompt", "Sharprompt, not served"));

    /// <summary>Prefixes of libraries outside the agent frameworks that the knowledge test does not load.</summary>
    public static ImmutableDictionary<string, string> NotLoaded { get; } = Create(
        ("Azure.AI.Inference", "Azure.AI.Inference (served only as a beta): not loaded"),
        ("Azure.Storage.Queues", "Azure.Storage.Queues: not loaded"),
        ("Microsoft.Azure.Cosmos", "Microsoft.Azure.Cosmos: not loaded"),
        ("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", "Microsoft.EntityFrameworkCore.Relational: not loaded (EF Core 7-8 spelling of ExecuteDelete/ExecuteUpdate; stand-in in tests/Stubs/EntityFrameworkCore8.cs)"),
        ("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "Microsoft.EntityFrameworkCore.Relational: not loaded"),
        ("Microsoft.Graph", "Microsoft Graph SDK: not loaded"),
        ("MailKit", "MailKit: not loaded"),
        ("SendGrid", "SendGrid: not loaded"),
        ("Twilio", "Twilio: not loaded"),
        ("Amazon", "AWS SDK: not loaded; stand-in in tests/Stubs/CloudSdks.cs"),
        ("Google.Cloud", "Google Cloud SDKs: not loaded"),
        ("MongoDB.Driver", "MongoDB driver: not loaded"),
        ("Stripe", "Stripe.net: not loaded"),
        ("Octokit", "Octokit: not loaded"),
        ("k8s", "KubernetesClient: not loaded"),
        ("Docker.DotNet", "Docker.DotNet: not loaded"),
        ("LibGit2Sharp", "LibGit2Sharp: not loaded"),
        ("Spectre.Console", "Spectre.Console: not loaded"),
        ("System.Windows", "WPF and Windows Forms (Windows Desktop reference pack): not on the build machine"));

    /// <summary>The mark for a type (and member), or null when the name must resolve.</summary>
    public static Mark? MarkFor(string type, string? member)
    {
        if (member is not null && OlderSpellings.TryGetValue(type + "." + member, out var olderMember))
        {
            return new Mark(MarkKind.OlderSpelling, olderMember);
        }

        if (OlderSpellings.TryGetValue(type, out var older))
        {
            return new Mark(MarkKind.OlderSpelling, older);
        }

        return Prefix(NotServed, type, MarkKind.NotServed) ?? Prefix(NotLoaded, type, MarkKind.NotLoaded);
    }

    private static Mark? Prefix(ImmutableDictionary<string, string> marks, string type, MarkKind kind)
    {
        foreach (var pair in marks)
        {
            if (type == pair.Key || type.StartsWith(pair.Key + ".", StringComparison.Ordinal))
            {
                return new Mark(kind, pair.Value);
            }
        }

        return null;
    }

    private static ImmutableDictionary<string, string> Create(params (string Name, string Reason)[] entries)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, reason) in entries)
        {
            builder.Add(name, reason);
        }

        return builder.ToImmutable();
    }
}
