// Semantic Kernel (1.80: Microsoft.SemanticKernel.Abstractions, .Core, .Connectors.OpenAI, .Agents.*), which the
// registry here does not serve. Public surface as read from microsoft/semantic-kernel dotnet/src; only what
// AgentRules recognises, plus what realistic plugin and chat code needs to compile. Bodies are never run.
#nullable enable
using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.SemanticKernel
{
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class KernelFunctionAttribute : Attribute
    {
        public KernelFunctionAttribute() { }
        public KernelFunctionAttribute(string? name) { Name = name; }
        public string? Name { get; }
    }

    public sealed class KernelArguments : Dictionary<string, object?>
    {
        public KernelArguments() { }
        public KernelArguments(PromptExecutionSettings? executionSettings) { }
    }

    public class FunctionResult
    {
        public object? GetValue<T>() => null;
        public override string ToString() => string.Empty;
    }

    public abstract class FullyQualifiedAIFunction : Microsoft.Extensions.AI.AIFunction
    {
        internal FullyQualifiedAIFunction() { }
    }

    public abstract class KernelFunction : FullyQualifiedAIFunction
    {
        internal KernelFunction() { }
        public new virtual string Name => string.Empty;
        public virtual string? PluginName => null;
        public Task<FunctionResult> InvokeAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default) => throw null!;
        public Task<TResult?> InvokeAsync<TResult>(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default) => throw null!;
        public IAsyncEnumerable<StreamingKernelContent> InvokeStreamingAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default) => throw null!;
    }

    public abstract class KernelPlugin : IEnumerable<KernelFunction>
    {
        public IEnumerator<KernelFunction> GetEnumerator() => throw null!;
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public sealed class KernelPluginCollection : ICollection<KernelPlugin>
    {
        public int Count => 0;
        public bool IsReadOnly => false;
        public void Add(KernelPlugin item) { }
        public void Clear() { }
        public bool Contains(KernelPlugin item) => false;
        public void CopyTo(KernelPlugin[] array, int arrayIndex) { }
        public bool Remove(KernelPlugin item) => false;
        public IEnumerator<KernelPlugin> GetEnumerator() => throw null!;
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public interface IKernelBuilderPlugins
    {
        IServiceCollection Services { get; }
    }

    public interface IKernelBuilder
    {
        IServiceCollection Services { get; }
        IKernelBuilderPlugins Plugins { get; }
    }

    public interface IFunctionInvocationFilter { }

    public interface IPromptRenderFilter { }

    public sealed class Kernel
    {
        public Kernel(IServiceProvider? services = null, KernelPluginCollection? plugins = null) { }
        public static IKernelBuilder CreateBuilder() => throw null!;
        public KernelPluginCollection Plugins => throw null!;
        public IList<IFunctionInvocationFilter> FunctionInvocationFilters => throw null!;
        public IList<IPromptRenderFilter> PromptRenderFilters => throw null!;
        public IList<IAutoFunctionInvocationFilter> AutoFunctionInvocationFilters => throw null!;
        public IServiceProvider Services => throw null!;
        public T GetRequiredService<T>(object? serviceKey = null) where T : class => throw null!;
        public Task<FunctionResult> InvokeAsync(KernelFunction function, KernelArguments? arguments = null, CancellationToken cancellationToken = default) => throw null!;
        public Task<FunctionResult> InvokeAsync(string? pluginName, string functionName, KernelArguments? arguments = null, CancellationToken cancellationToken = default) => throw null!;
        public Task<TResult?> InvokeAsync<TResult>(KernelFunction function, KernelArguments? arguments = null, CancellationToken cancellationToken = default) => throw null!;
        public IAsyncEnumerable<StreamingKernelContent> InvokeStreamingAsync(KernelFunction function, KernelArguments? arguments = null, CancellationToken cancellationToken = default) => throw null!;
    }

    public static class KernelFunctionFactory
    {
        public static KernelFunction CreateFromMethod(Delegate method, string? functionName = null, string? description = null, IEnumerable<object>? parameters = null, object? returnParameter = null, ILoggerFactory? loggerFactory = null) => throw null!;
        public static KernelFunction CreateFromMethod(MethodInfo method, object? target = null, string? functionName = null, string? description = null, IEnumerable<object>? parameters = null, object? returnParameter = null, ILoggerFactory? loggerFactory = null) => throw null!;
        public static KernelFunction CreateFromPrompt(string promptTemplate, PromptExecutionSettings? executionSettings = null, string? functionName = null, string? description = null, string? templateFormat = null, object? promptTemplateFactory = null, ILoggerFactory? loggerFactory = null) => throw null!;
        public static KernelFunction CreateFromPrompt(PromptTemplateConfig promptConfig, object? promptTemplateFactory = null, ILoggerFactory? loggerFactory = null) => throw null!;
    }

    public static partial class KernelPluginFactory
    {
        public static KernelPlugin CreateFromType<T>(string? pluginName = null, IServiceProvider? serviceProvider = null) => throw null!;
        public static KernelPlugin CreateFromObject(object target, string? pluginName = null, ILoggerFactory? loggerFactory = null) => throw null!;
        public static KernelPlugin CreateFromFunctions(string pluginName, string? description = null, IEnumerable<KernelFunction>? functions = null) => throw null!;
    }

    // Microsoft.SemanticKernel.Prompty
    public static class PromptyKernelExtensions
    {
        public static KernelFunction CreateFunctionFromPrompty(this Kernel kernel, string promptyTemplate, object? promptTemplateFactory = null) => throw null!;
        public static KernelFunction CreateFunctionFromPromptyFile(this Kernel kernel, string promptyFilePath, object? promptTemplateFactory = null) => throw null!;
    }

    // Microsoft.SemanticKernel.Yaml
    public static class KernelFunctionYaml
    {
        public static KernelFunction FromPromptYaml(string text, object? promptTemplateFactory = null, ILoggerFactory? loggerFactory = null) => throw null!;
        public static PromptTemplateConfig ToPromptTemplateConfig(string text) => throw null!;
    }

    // Microsoft.SemanticKernel.Yaml
    public static class PromptYamlKernelExtensions
    {
        public static KernelFunction CreateFunctionFromPromptYaml(this Kernel kernel, string text, object? promptTemplateFactory = null) => throw null!;
    }

    public static class KernelExtensions
    {
        public static KernelFunction CreateFunctionFromPrompt(this Kernel kernel, string promptTemplate, PromptExecutionSettings? executionSettings = null, string? functionName = null, string? description = null, string? templateFormat = null, object? promptTemplateFactory = null) => throw null!;
        public static KernelFunction CreateFunctionFromPrompt(this Kernel kernel, PromptTemplateConfig promptConfig, object? promptTemplateFactory = null) => throw null!;
        public static KernelFunction CreateFunctionFromMethod(this Kernel kernel, Delegate method, string? functionName = null, string? description = null) => throw null!;
        public static KernelPlugin ImportPluginFromType<T>(this Kernel kernel, string? pluginName = null) => throw null!;
        public static KernelPlugin ImportPluginFromObject(this Kernel kernel, object target, string? pluginName = null) => throw null!;
        public static KernelPlugin ImportPluginFromFunctions(this Kernel kernel, string pluginName, string? description = null, IEnumerable<KernelFunction>? functions = null) => throw null!;
        public static KernelPlugin AddFromType<T>(this ICollection<KernelPlugin> plugins, string? pluginName = null, IServiceProvider? serviceProvider = null) => throw null!;
        public static KernelPlugin AddFromObject(this ICollection<KernelPlugin> plugins, object target, string? pluginName = null, IServiceProvider? serviceProvider = null) => throw null!;
        public static KernelPlugin AddFromFunctions(this ICollection<KernelPlugin> plugins, string pluginName, string? description = null, IEnumerable<KernelFunction>? functions = null) => throw null!;
        public static IKernelBuilderPlugins AddFromType<T>(this IKernelBuilderPlugins plugins, string? pluginName = null) => plugins;
        public static IKernelBuilderPlugins AddFromObject(this IKernelBuilderPlugins plugins, object target, string? pluginName = null) => plugins;
        public static Task<FunctionResult> InvokePromptAsync(this Kernel kernel, string promptTemplate, KernelArguments? arguments = null, string? templateFormat = null, object? promptTemplateFactory = null, PromptTemplateConfig? promptTemplateConfig = null, CancellationToken cancellationToken = default) => throw null!;
        public static Task<T?> InvokePromptAsync<T>(this Kernel kernel, string promptTemplate, KernelArguments? arguments = null, string? templateFormat = null, object? promptTemplateFactory = null, PromptTemplateConfig? promptTemplateConfig = null, CancellationToken cancellationToken = default) => throw null!;
        public static IAsyncEnumerable<StreamingKernelContent> InvokePromptStreamingAsync(this Kernel kernel, string promptTemplate, KernelArguments? arguments = null, string? templateFormat = null, object? promptTemplateFactory = null, PromptTemplateConfig? promptTemplateConfig = null, CancellationToken cancellationToken = default) => throw null!;
        public static Kernel Build(this IKernelBuilder builder) => throw null!;
    }

    // Microsoft.SemanticKernel.Connectors.OpenAI puts its builder extensions in this namespace.
    public static class OpenAIKernelBuilderExtensions
    {
        public static IKernelBuilder AddOpenAIChatCompletion(this IKernelBuilder builder, string modelId, string apiKey, string? orgId = null, string? serviceId = null) => builder;
    }

    public abstract class KernelContent
    {
        public string? ModelId { get; set; }
    }

    public abstract class StreamingKernelContent
    {
    }

    public class ChatMessageContent : KernelContent
    {
        public ChatMessageContent() { }
        public ChatMessageContent(ChatCompletion.AuthorRole role, string? content, string? modelId = null, object? innerContent = null, Encoding? encoding = null, IReadOnlyDictionary<string, object?>? metadata = null) { }
        public string? AuthorName { get; set; }
        public ChatCompletion.AuthorRole Role { get; set; }
        public string? Content { get; set; }
        public ChatCompletion.ChatMessageContentItemCollection Items { get; set; } = new();
        public override string ToString() => Content ?? string.Empty;
    }

    public class StreamingChatMessageContent : StreamingKernelContent
    {
        public string? Content { get; set; }
        public ChatCompletion.AuthorRole? Role { get; set; }
    }

    public class PromptExecutionSettings
    {
        public string? ServiceId { get; set; }
        public string? ModelId { get; set; }
        public FunctionChoiceBehavior? FunctionChoiceBehavior { get; set; }
        public IDictionary<string, object>? ExtensionData { get; set; }
    }

    public sealed class FunctionChoiceBehaviorOptions
    {
        public bool? AllowParallelCalls { get; set; }
        public bool AllowConcurrentInvocation { get; set; }
        public bool AllowStrictSchemaAdherence { get; set; }
    }

    public abstract class FunctionChoiceBehavior
    {
        internal FunctionChoiceBehavior() { }
        public static FunctionChoiceBehavior Auto(IEnumerable<KernelFunction>? functions = null, bool autoInvoke = true, FunctionChoiceBehaviorOptions? options = null) => throw null!;
        public static FunctionChoiceBehavior Required(IEnumerable<KernelFunction>? functions = null, bool autoInvoke = true, FunctionChoiceBehaviorOptions? options = null) => throw null!;
        public static FunctionChoiceBehavior None(IEnumerable<KernelFunction>? functions = null, FunctionChoiceBehaviorOptions? options = null) => throw null!;
    }

    public interface IAutoFunctionInvocationFilter
    {
        Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next);
    }

    // Terminate, Iteration and FunctionCount are inherited from Microsoft.Extensions.AI.FunctionInvocationContext.
    public class AutoFunctionInvocationContext : Microsoft.Extensions.AI.FunctionInvocationContext
    {
        public AutoFunctionInvocationContext(Kernel kernel, KernelFunction function, FunctionResult result, ChatCompletion.ChatHistory chatHistory, ChatMessageContent chatMessageContent) { }
        public CancellationToken CancellationToken { get; init; }
        public new KernelArguments? Arguments { get; init; }
        public int RequestSequenceIndex { get; init; }
        public int FunctionSequenceIndex { get; init; }
        public ChatCompletion.ChatHistory ChatHistory => throw null!;
        public new KernelFunction Function => throw null!;
        public Kernel Kernel => throw null!;
        public FunctionResult Result { get; set; } = null!;
    }

    public sealed class FunctionCallContent : KernelContent
    {
        public FunctionCallContent(string functionName, string? pluginName = null, string? id = null, KernelArguments? arguments = null) { FunctionName = functionName; }
        public string FunctionName { get; }
        public string? Id { get; }
        public static IEnumerable<FunctionCallContent> GetFunctionCalls(ChatMessageContent messageContent) => throw null!;
        public Task<FunctionResultContent> InvokeAsync(Kernel kernel, CancellationToken cancellationToken = default) => throw null!;
    }

    public sealed class FunctionResultContent : KernelContent
    {
        public ChatMessageContent ToChatMessage() => throw null!;
    }

    // Microsoft.SemanticKernel.Process.Abstractions: process steps use [KernelFunction] too, but are not agent tools.
    public class KernelProcessStepState
    {
        public string? Name { get; init; }
    }

    public class KernelProcessStep
    {
        public virtual ValueTask ActivateAsync(KernelProcessStepState state) => default;
    }

    public class KernelProcessStep<TState> : KernelProcessStep where TState : class, new()
    {
    }

    public sealed class KernelProcessStepContext
    {
        public ValueTask EmitEventAsync(string eventId, object? data = null) => default;
    }

    public sealed class PromptTemplateConfig
    {
        public PromptTemplateConfig() { }
        public PromptTemplateConfig(string template) { Template = template; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string TemplateFormat { get; set; } = "semantic-kernel";
        public string Template { get; set; } = string.Empty;
    }
}

namespace Microsoft.SemanticKernel.Services
{
    public interface IAIService
    {
        IReadOnlyDictionary<string, object?> Attributes { get; }
    }
}

namespace Microsoft.SemanticKernel.ChatCompletion
{
    public readonly struct AuthorRole : IEquatable<AuthorRole>
    {
        public AuthorRole(string label) { Label = label; }
        public static AuthorRole Developer { get; } = new("developer");
        public static AuthorRole System { get; } = new("system");
        public static AuthorRole Assistant { get; } = new("assistant");
        public static AuthorRole User { get; } = new("user");
        public static AuthorRole Tool { get; } = new("tool");
        public string Label { get; }
        public bool Equals(AuthorRole other) => string.Equals(Label, other.Label, StringComparison.OrdinalIgnoreCase);
        public override bool Equals(object? obj) => obj is AuthorRole other && Equals(other);
        public override int GetHashCode() => 0;
        public static bool operator ==(AuthorRole left, AuthorRole right) => left.Equals(right);
        public static bool operator !=(AuthorRole left, AuthorRole right) => !left.Equals(right);
    }

    public class ChatMessageContentItemCollection : List<KernelContent>
    {
    }

    public interface IChatCompletionService : Microsoft.SemanticKernel.Services.IAIService
    {
        Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default);
        IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default);
    }

    public static class ChatCompletionServiceExtensions
    {
        public static Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(this IChatCompletionService chatCompletionService, string prompt, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) => throw null!;
        public static Task<ChatMessageContent> GetChatMessageContentAsync(this IChatCompletionService chatCompletionService, string prompt, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) => throw null!;
        public static Task<ChatMessageContent> GetChatMessageContentAsync(this IChatCompletionService chatCompletionService, ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) => throw null!;
        public static IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(this IChatCompletionService chatCompletionService, string prompt, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) => throw null!;
    }

    public class ChatHistory : IList<ChatMessageContent>, IReadOnlyList<ChatMessageContent>
    {
        private readonly List<ChatMessageContent> _messages = new();
        public ChatHistory() { }
        public ChatHistory(string message, AuthorRole role) { }
        public ChatHistory(string systemMessage) { }
        public ChatHistory(IEnumerable<ChatMessageContent> messages) { }
        public void AddMessage(AuthorRole authorRole, string content, Encoding? encoding = null, IReadOnlyDictionary<string, object?>? metadata = null) { }
        public void AddUserMessage(string content) { }
        public void AddAssistantMessage(string content) { }
        public void AddSystemMessage(string content) { }
        public void AddDeveloperMessage(string content) { }
        public virtual void Add(ChatMessageContent item) => _messages.Add(item);
        public virtual void AddRange(IEnumerable<ChatMessageContent> items) => _messages.AddRange(items);
        public virtual int Count => _messages.Count;
        public virtual ChatMessageContent this[int index] { get => _messages[index]; set => _messages[index] = value; }
        bool ICollection<ChatMessageContent>.IsReadOnly => false;
        public virtual void Clear() => _messages.Clear();
        public virtual bool Contains(ChatMessageContent item) => _messages.Contains(item);
        public virtual void CopyTo(ChatMessageContent[] array, int arrayIndex) => _messages.CopyTo(array, arrayIndex);
        public virtual int IndexOf(ChatMessageContent item) => _messages.IndexOf(item);
        public virtual void Insert(int index, ChatMessageContent item) => _messages.Insert(index, item);
        public virtual bool Remove(ChatMessageContent item) => _messages.Remove(item);
        public virtual void RemoveAt(int index) => _messages.RemoveAt(index);
        public virtual void RemoveRange(int index, int count) => _messages.RemoveRange(index, count);
        public IEnumerator<ChatMessageContent> GetEnumerator() => _messages.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

namespace Microsoft.SemanticKernel.Connectors.OpenAI
{
    public abstract class ToolCallBehavior
    {
        internal ToolCallBehavior() { }
        public static ToolCallBehavior EnableKernelFunctions => throw null!;
        public static ToolCallBehavior AutoInvokeKernelFunctions => throw null!;
    }

    public class OpenAIPromptExecutionSettings : PromptExecutionSettings
    {
        public double? Temperature { get; set; }
        public double? TopP { get; set; }
        public int? MaxTokens { get; set; }
        public string? ChatSystemPrompt { get; set; }
        public string? ChatDeveloperPrompt { get; set; }
        public ToolCallBehavior? ToolCallBehavior { get; set; }
    }
}

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
