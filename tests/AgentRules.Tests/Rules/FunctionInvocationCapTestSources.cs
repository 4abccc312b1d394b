using System.Collections.Immutable;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// Messages, sources and the verifier shared by the AGR0009 tests and the AGR0002 framework-setting tests.
/// </summary>
internal static class FunctionInvocationCapTestSources
{
    internal const string MeaiDefault = "MaximumIterationsPerRequest defaults to 40; set it explicitly";
    internal const string SkDetail = "Semantic Kernel auto-invokes functions for up to 128 requests, an internal limit that cannot be configured; add an IAutoFunctionInvocationFilter that sets context.Terminate";
    internal const string AgentDetail = "the agent runs its tools through a FunctionInvokingChatClient with MaximumIterationsPerRequest = 40; give it a chat client built with UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = ...)";

    internal static Task VerifyAsync(string source, params string[] messages) => VerifyWithConfigAsync(source, null, messages);

    internal static Task VerifyWithConfigAsync(string source, string? editorConfig, params string[] messages)
    {
        var test = new FunctionInvocationCapRulesTest { Source = source, EditorConfig = editorConfig };
        test.ExpectedMessages.AddRange(messages);
        return test.RunAsync();
    }

    internal static string SemanticKernelOrchestration(string expression) => $$"""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Agents;
        using Microsoft.SemanticKernel.Agents.Chat;
        using Microsoft.SemanticKernel.Agents.Magentic;
        using Microsoft.SemanticKernel.Agents.Orchestration.GroupChat;
        using Microsoft.SemanticKernel.ChatCompletion;

        public sealed class ApprovalStrategy : TerminationStrategy
        {
            protected override Task<bool> ShouldAgentTerminateAsync(Agent agent, IReadOnlyList<ChatMessageContent> history, CancellationToken cancellationToken) =>
                Task.FromResult(history[^1].Content?.Contains("approve") == true);
        }

        public sealed class CappedManager : RoundRobinGroupChatManager
        {
            public CappedManager() => MaximumInvocationCount = 8;
        }

        public static class Orchestration
        {
            public static object Create(IChatCompletionService service) => {{expression}};
        }
        """;

    internal sealed class NullChatClient : Microsoft.Extensions.AI.IChatClient
    {
        public System.Threading.Tasks.Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(System.Collections.Generic.IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default) => throw new System.NotSupportedException();
        public System.Collections.Generic.IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate> GetStreamingResponseAsync(System.Collections.Generic.IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default) => throw new System.NotSupportedException();
        public object? GetService(System.Type serviceType, object? serviceKey = null) => null;
        public void Dispose() { }
    }
}
