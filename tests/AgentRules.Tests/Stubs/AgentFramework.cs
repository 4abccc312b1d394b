// Microsoft Agent Framework (.NET 1.17: Microsoft.Agents.AI, .Abstractions, .Workflows, .OpenAI), which the registry
// here does not serve. Names after the 2026 renames: AgentSession (was AgentThread), AgentResponse (was
// AgentRunResponse), AsAIAgent (was CreateAIAgent, also declared for code written against older previews).
#nullable enable
using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Microsoft.Agents.AI
{
    public abstract class AgentSession
    {
        public virtual object? GetService(Type serviceType, object? serviceKey = null) => null;
    }

    public class AgentRunOptions
    {
        public bool? AllowBackgroundResponses { get; set; }
        public AdditionalPropertiesDictionary? AdditionalProperties { get; set; }
    }

    public class AgentResponse
    {
        public IList<ChatMessage> Messages { get; set; } = new List<ChatMessage>();
        public string Text => string.Empty;
        public UsageDetails? Usage { get; set; }
    }

    public class AgentResponse<T> : AgentResponse
    {
        public virtual T Result => throw null!;
    }

    public class AgentResponseUpdate
    {
        public string Text => string.Empty;
        public IList<AIContent> Contents { get; set; } = new List<AIContent>();
    }

    public abstract class AIAgent
    {
        public string Id => string.Empty;
        public virtual string? Name => null;
        public virtual string? Description => null;
        public ValueTask<AgentSession> CreateSessionAsync(CancellationToken cancellationToken = default) => throw null!;
        public Task<AgentResponse> RunAsync(AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public Task<AgentResponse> RunAsync(string message, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public Task<AgentResponse> RunAsync(ChatMessage message, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public Task<AgentResponse> RunAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public IAsyncEnumerable<AgentResponseUpdate> RunStreamingAsync(AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public IAsyncEnumerable<AgentResponseUpdate> RunStreamingAsync(string message, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public IAsyncEnumerable<AgentResponseUpdate> RunStreamingAsync(ChatMessage message, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public IAsyncEnumerable<AgentResponseUpdate> RunStreamingAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public Task<AgentResponse<T>> RunAsync<T>(string message, AgentSession? session = null, JsonSerializerOptions? serializerOptions = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        protected abstract Task<AgentResponse> RunCoreAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default);
        protected abstract IAsyncEnumerable<AgentResponseUpdate> RunCoreStreamingAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default);
    }

    public abstract class DelegatingAIAgent : AIAgent
    {
        protected DelegatingAIAgent(AIAgent innerAgent) { }
    }

    public sealed class ChatClientAgentOptions
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public ChatOptions? ChatOptions { get; set; }
        public bool UseProvidedChatClientAsIs { get; set; }
    }

    public sealed class AIContext
    {
        public string? Instructions { get; set; }
        public IList<ChatMessage>? Messages { get; set; }
        public IList<AITool>? Tools { get; set; }
    }

    public abstract class AIContextProvider
    {
        public abstract System.Threading.Tasks.ValueTask<AIContext> InvokingAsync(IEnumerable<ChatMessage> newMessages, CancellationToken cancellationToken = default);
    }

    public sealed class ChatClientAgentRunOptions : AgentRunOptions
    {
        public ChatClientAgentRunOptions(ChatOptions? chatOptions = null) { }
        public ChatOptions? ChatOptions { get; set; }
    }

    public sealed class ChatClientAgent : AIAgent
    {
        public ChatClientAgent(IChatClient chatClient, string? instructions = null, string? name = null, string? description = null, IList<AITool>? tools = null, ILoggerFactory? loggerFactory = null, IServiceProvider? services = null) { }
        public ChatClientAgent(IChatClient chatClient, ChatClientAgentOptions? options, ILoggerFactory? loggerFactory = null, IServiceProvider? services = null) { }
        public IChatClient ChatClient => throw null!;
        public string? Instructions => null;
        protected override Task<AgentResponse> RunCoreAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        protected override IAsyncEnumerable<AgentResponseUpdate> RunCoreStreamingAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
    }

    public abstract class LoopEvaluator
    {
    }

    public sealed class LoopAgentOptions
    {
        public int? MaxIterations { get; set; }
        public bool FreshContextPerIteration { get; set; }
    }

    public sealed class HarnessAgentOptions
    {
        public int? MaximumIterationsPerRequest { get; set; }
    }

    public sealed class ToolApprovalAgentOptions
    {
        public int? MaxAutoApprovalIterations { get; set; }
    }

    public sealed class LoopAgent : DelegatingAIAgent
    {
        public const int DefaultMaxIterations = 10;
        public LoopAgent(AIAgent innerAgent, LoopEvaluator evaluator, LoopAgentOptions? options = null, ILoggerFactory? loggerFactory = null) : base(innerAgent) { }
        protected override Task<AgentResponse> RunCoreAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        protected override IAsyncEnumerable<AgentResponseUpdate> RunCoreStreamingAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
    }
}

namespace Microsoft.Agents.AI.Workflows
{
    public sealed class Workflow
    {
    }

    public abstract class GroupChatManager
    {
        public int IterationCount { get; internal set; }
        public int MaximumIterationCount { get; set; } = 40;
    }

    public class RoundRobinGroupChatManager : GroupChatManager
    {
        public RoundRobinGroupChatManager(IReadOnlyList<AIAgent> agents, Func<RoundRobinGroupChatManager, IEnumerable<ChatMessage>, CancellationToken, ValueTask<bool>>? shouldTerminateFunc = null) { }
    }

    public class MagenticWorkflowBuilder
    {
        public MagenticWorkflowBuilder(AIAgent managerAgent) { }
        public MagenticWorkflowBuilder WithMaxRounds(int? maxRounds = null) => this;
        public MagenticWorkflowBuilder WithMaxResets(int? maxResets = null) => this;
        public MagenticWorkflowBuilder AddParticipants(params IEnumerable<AIAgent> agents) => this;
        public Workflow Build() => throw null!;
    }

    public static class AgentWorkflowBuilder
    {
        public static MagenticWorkflowBuilder CreateMagenticBuilderWith(AIAgent managerAgent) => throw null!;
    }
}

namespace Microsoft.Extensions.AI
{
    // The Agent Framework's extension class shares its metadata name with one in Microsoft.Extensions.AI.Abstractions:
    // a real build sees two 'Microsoft.Extensions.AI.ChatClientExtensions', so rules must match AsAIAgent by member,
    // not by resolving the type name.
    public static class ChatClientExtensions
    {
        public static Microsoft.Agents.AI.ChatClientAgent AsAIAgent(this IChatClient chatClient, string? instructions = null, string? name = null, string? description = null, IList<AITool>? tools = null, ILoggerFactory? loggerFactory = null, IServiceProvider? services = null) => throw null!;
        public static Microsoft.Agents.AI.ChatClientAgent AsAIAgent(this IChatClient chatClient, Microsoft.Agents.AI.ChatClientAgentOptions? options, ILoggerFactory? loggerFactory = null, IServiceProvider? services = null) => throw null!;

        // Older previews (before the AsAIAgent rename); code written against them still exists.
        public static Microsoft.Agents.AI.ChatClientAgent CreateAIAgent(this IChatClient chatClient, string? instructions = null, string? name = null, string? description = null, IList<AITool>? tools = null, ILoggerFactory? loggerFactory = null, IServiceProvider? services = null) => throw null!;
    }

    public static class ChatClientBuilderExtensions
    {
        public static Microsoft.Agents.AI.ChatClientAgent BuildAIAgent(this ChatClientBuilder builder, string? instructions = null, string? name = null, string? description = null, IList<AITool>? tools = null, ILoggerFactory? loggerFactory = null, IServiceProvider? services = null) => throw null!;
    }
}

namespace OpenAI.Chat
{
    // Microsoft.Agents.AI.OpenAI
    public static class OpenAIChatClientExtensions
    {
        public static Microsoft.Agents.AI.ChatClientAgent AsAIAgent(this ChatClient client, string? instructions = null, string? name = null, string? description = null, IList<Microsoft.Extensions.AI.AITool>? tools = null, Func<Microsoft.Extensions.AI.IChatClient, Microsoft.Extensions.AI.IChatClient>? clientFactory = null, ILoggerFactory? loggerFactory = null, IServiceProvider? services = null) => throw null!;
    }
}

namespace Microsoft.Agents.AI.Hosting
{
    // Microsoft.Agents.AI.Hosting: agents registered with the host.
    public interface IHostedAgentBuilder
    {
        string Name { get; }
    }

    public static class HostApplicationBuilderAgentExtensions
    {
        public static IHostedAgentBuilder AddAIAgent(this Microsoft.Extensions.Hosting.IHostApplicationBuilder builder, string name, string? instructions) => throw null!;
        public static IHostedAgentBuilder AddAIAgent(this Microsoft.Extensions.Hosting.IHostApplicationBuilder builder, string name, string? instructions, string? description, object? chatClientServiceKey) => throw null!;
    }
}
