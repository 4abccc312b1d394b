// Stand-in for the Semantic Kernel agent packages (Microsoft.SemanticKernel.Agents.Abstractions, .Core and
// .Orchestration 1.82.0-preview / 1.82.0), which the registry here does not serve. Compiled at test time against the
// REAL Microsoft.SemanticKernel 1.82.0 (Kernel, KernelArguments, ChatHistory, ChatMessageContent come from there).
// Public surface as read from microsoft/semantic-kernel dotnet/src/Agents; only what AgentRules recognises, plus what
// realistic agent code needs to compile. Bodies are never run.
#nullable enable
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Microsoft.SemanticKernel.Agents
{
    public abstract class AgentThread
    {
        public virtual string? Id { get; protected set; }
        public virtual Task DeleteAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    public sealed class ChatHistoryAgentThread : AgentThread
    {
        public ChatHistoryAgentThread() { }
        public ChatHistoryAgentThread(ChatCompletion.ChatHistory chatHistory, string? id = null) { }
    }

    public class AgentInvokeOptions
    {
        public KernelArguments? KernelArguments { get; init; }
        public Kernel? Kernel { get; init; }
        public string AdditionalInstructions { get; init; } = string.Empty;
    }

    public class AgentResponseItem<TMessage>
    {
        public AgentResponseItem(TMessage message, AgentThread thread) { Message = message; Thread = thread; }
        public TMessage Message { get; }
        public AgentThread Thread { get; }
        public static implicit operator TMessage(AgentResponseItem<TMessage> responseItem) => responseItem.Message;
    }

    public abstract class Agent
    {
        public string? Description { get; init; }
        public string Id { get; init; } = string.Empty;
        public string? Name { get; init; }
        public string? Instructions { get; init; }
        public Kernel Kernel { get; init; } = new();
        public KernelArguments? Arguments { get; init; }
        public ILoggerFactory? LoggerFactory { get; init; }
        public virtual IAsyncEnumerable<AgentResponseItem<ChatMessageContent>> InvokeAsync(AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public virtual IAsyncEnumerable<AgentResponseItem<ChatMessageContent>> InvokeAsync(string message, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public virtual IAsyncEnumerable<AgentResponseItem<ChatMessageContent>> InvokeAsync(ChatMessageContent message, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public abstract IAsyncEnumerable<AgentResponseItem<ChatMessageContent>> InvokeAsync(ICollection<ChatMessageContent> messages, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default);
        public virtual IAsyncEnumerable<AgentResponseItem<StreamingChatMessageContent>> InvokeStreamingAsync(string message, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public abstract IAsyncEnumerable<AgentResponseItem<StreamingChatMessageContent>> InvokeStreamingAsync(ICollection<ChatMessageContent> messages, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default);
    }

    public abstract class ChatHistoryAgent : Agent
    {
    }

    public sealed class ChatCompletionAgent : ChatHistoryAgent
    {
        public ChatCompletionAgent() { }
        public ChatCompletionAgent(PromptTemplateConfig templateConfig, object templateFactory) { }
        public override IAsyncEnumerable<AgentResponseItem<ChatMessageContent>> InvokeAsync(ICollection<ChatMessageContent> messages, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
        public override IAsyncEnumerable<AgentResponseItem<StreamingChatMessageContent>> InvokeStreamingAsync(ICollection<ChatMessageContent> messages, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) => throw null!;
    }

    public abstract class AgentChat
    {
        public abstract IReadOnlyList<Agent> Agents { get; }
        public void AddChatMessage(ChatMessageContent message) { }
        public abstract IAsyncEnumerable<ChatMessageContent> InvokeAsync(CancellationToken cancellationToken = default);
    }

    public sealed class AgentGroupChat : AgentChat
    {
        public AgentGroupChat(params Agent[] agents) { }
        public bool IsComplete { get; set; }
        public Chat.AgentGroupChatSettings ExecutionSettings { get; set; } = new();
        public override IReadOnlyList<Agent> Agents => throw null!;
        public void AddAgent(Agent agent) { }
        public override IAsyncEnumerable<ChatMessageContent> InvokeAsync(CancellationToken cancellationToken = default) => throw null!;
        public IAsyncEnumerable<ChatMessageContent> InvokeAsync(Agent agent, CancellationToken cancellationToken = default) => throw null!;
    }
}

namespace Microsoft.SemanticKernel.Agents.Chat
{
    public abstract class TerminationStrategy
    {
        public const int DefaultMaximumIterations = 99;
        public int MaximumIterations { get; set; } = DefaultMaximumIterations;
        public bool AutomaticReset { get; set; }
        public IReadOnlyList<Agent>? Agents { get; set; }
        protected abstract Task<bool> ShouldAgentTerminateAsync(Agent agent, IReadOnlyList<ChatMessageContent> history, CancellationToken cancellationToken);
    }

    public abstract class SelectionStrategy
    {
    }

    public class AgentGroupChatSettings
    {
        public TerminationStrategy TerminationStrategy { get; init; } = null!;
        public SelectionStrategy SelectionStrategy { get; init; } = null!;
    }
}

namespace Microsoft.SemanticKernel.Agents.Orchestration.GroupChat
{
    // Microsoft.SemanticKernel.Agents.Orchestration: MaximumInvocationCount defaults to int.MaxValue (no cap).
    public abstract class GroupChatManager
    {
        protected GroupChatManager() { }
        public int InvocationCount => 0;
        public int MaximumInvocationCount { get; init; } = int.MaxValue;
    }

    public class RoundRobinGroupChatManager : GroupChatManager
    {
    }
}

namespace Microsoft.SemanticKernel.Agents.Magentic
{
    public abstract class MagenticManager
    {
        protected MagenticManager() { }
        public int MaximumInvocationCount { get; init; } = int.MaxValue;
        public int MaximumResetCount { get; init; } = 3;
        public int MaximumStallCount { get; init; } = 3;
    }

    public sealed class StandardMagenticManager : MagenticManager
    {
        public StandardMagenticManager(Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService service, PromptExecutionSettings executionSettings) { }
    }
}
