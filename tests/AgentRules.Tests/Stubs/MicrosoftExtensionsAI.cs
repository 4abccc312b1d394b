// Microsoft.Extensions.AI (the non-abstractions package) and Microsoft.Extensions.AI.OpenAI, which the registry
// here does not serve. Public surface as of dotnet/extensions 10.10 (src/Libraries/Microsoft.Extensions.AI*).
// Only what AgentRules recognises is declared; bodies are never run.
#nullable enable
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.AI
{
    public class FunctionInvokingChatClient : DelegatingChatClient
    {
        public FunctionInvokingChatClient(IChatClient innerClient, ILoggerFactory? loggerFactory = null, IServiceProvider? functionInvocationServices = null)
            : base(innerClient) { }

        public static FunctionInvocationContext? CurrentContext { get; protected set; }
        public bool IncludeDetailedErrors { get; set; }
        public bool AllowConcurrentInvocation { get; set; }
        public int MaximumIterationsPerRequest { get; set; } = 40;
        public int MaximumConsecutiveErrorsPerRequest { get; set; } = 3;
        public IList<AITool>? AdditionalTools { get; set; }
        public bool TerminateOnUnknownCalls { get; set; }
        public Func<FunctionInvocationContext, CancellationToken, ValueTask<object?>>? FunctionInvoker { get; set; }
    }

    public class FunctionInvocationContext
    {
        public AIFunction Function { get; set; } = null!;
        public AIFunctionArguments Arguments { get; set; } = null!;
        public FunctionCallContent CallContent { get; set; } = null!;
        public IList<ChatMessage> Messages { get; set; } = null!;
        public ChatOptions? Options { get; set; }
        public int Iteration { get; set; }
        public int FunctionCallIndex { get; set; }
        public int FunctionCount { get; set; }
        public bool Terminate { get; set; }
        public bool IsStreaming { get; set; }
    }

    public sealed class ChatClientBuilder
    {
        public ChatClientBuilder(IChatClient innerClient) { }
        public ChatClientBuilder(Func<IServiceProvider, IChatClient> innerClientFactory) { }
        public IChatClient Build(IServiceProvider? services = null) => throw null!;
        public ChatClientBuilder Use(Func<IChatClient, IChatClient> clientFactory) => this;
        public ChatClientBuilder Use(Func<IChatClient, IServiceProvider, IChatClient> clientFactory) => this;
    }

    public static class FunctionInvokingChatClientBuilderExtensions
    {
        public static ChatClientBuilder UseFunctionInvocation(this ChatClientBuilder builder, ILoggerFactory? loggerFactory = null, Action<FunctionInvokingChatClient>? configure = null) => builder;
    }

    public static class ChatClientBuilderChatClientExtensions
    {
        public static ChatClientBuilder AsBuilder(this IChatClient innerClient) => throw null!;
    }

    // Structured output (ChatClientStructuredOutputExtensions, ChatResponse<T>).
    public class ChatResponse<T> : ChatResponse
    {
        public ChatResponse(ChatResponse response, System.Text.Json.JsonSerializerOptions serializerOptions) : base(response.Messages) { }
        public T Result => throw null!;
        public bool TryGetResult(out T? result) => throw null!;
    }

    public static class ChatClientStructuredOutputExtensions
    {
        public static Task<ChatResponse<T>> GetResponseAsync<T>(this IChatClient chatClient, IEnumerable<ChatMessage> messages, ChatOptions? options = null, bool? useJsonSchemaResponseFormat = null, CancellationToken cancellationToken = default) => throw null!;
        public static Task<ChatResponse<T>> GetResponseAsync<T>(this IChatClient chatClient, string chatMessage, ChatOptions? options = null, bool? useJsonSchemaResponseFormat = null, CancellationToken cancellationToken = default) => throw null!;
        public static Task<ChatResponse<T>> GetResponseAsync<T>(this IChatClient chatClient, ChatMessage chatMessage, ChatOptions? options = null, bool? useJsonSchemaResponseFormat = null, CancellationToken cancellationToken = default) => throw null!;
    }

    // Microsoft.Extensions.AI.OpenAI
    public static class OpenAIClientExtensions
    {
        public static IChatClient AsIChatClient(this OpenAI.Chat.ChatClient chatClient) => throw null!;
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    // Microsoft.Extensions.AI: ChatClientBuilderServiceCollectionExtensions.
    public static class ChatClientBuilderServiceCollectionExtensions
    {
        public static Microsoft.Extensions.AI.ChatClientBuilder AddChatClient(this IServiceCollection serviceCollection, Microsoft.Extensions.AI.IChatClient innerClient, ServiceLifetime lifetime = ServiceLifetime.Singleton) => throw null!;
        public static Microsoft.Extensions.AI.ChatClientBuilder AddChatClient(this IServiceCollection serviceCollection, Func<IServiceProvider, Microsoft.Extensions.AI.IChatClient> innerClientFactory, ServiceLifetime lifetime = ServiceLifetime.Singleton) => throw null!;
    }
}
