using System.Threading.Tasks;
using Xunit;
using static AgentRules.Tests.Rules.FunctionInvocationCapTestSources;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// AGR0009 on agents whose tools come at run time from one of the app's <c>AIContextProvider</c>s (Microsoft.Agents.AI
/// 1.28): the provider returns <c>new AIContext { Tools = … }</c>, and the agent runs those tools through its own
/// function invocation at the default cap, though no tool is written where the agent is built (issue 18; the
/// tool-injection sample in tests/Corpus). Providers that add only instructions or messages give no tools.
/// </summary>
public class ContextProviderToolsTests
{
    private const string Provider = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;

        public sealed class ToolInjection(bool wantsTime) : AIContextProvider
        {
            private static string Now() => System.DateTime.UtcNow.ToString("O");

            protected override ValueTask<AIContext> ProvideAIContextAsync(InvokingContext context, CancellationToken cancellationToken = default)
            {
                List<AITool> tools = [];
                if (wantsTime)
                {
                    tools.Add(AIFunctionFactory.Create(Now, "now"));
                }

                return new ValueTask<AIContext>(new AIContext { Instructions = "Use the tools you are given.", Tools = tools });
            }
        }

        public sealed class Memory : AIContextProvider
        {
            protected override ValueTask<AIContext> ProvideAIContextAsync(InvokingContext context, CancellationToken cancellationToken = default) =>
                new(new AIContext { Instructions = "The user prefers metric units." });
        }

        """;

    [Fact]
    public async Task An_agent_whose_context_provider_injects_tools_leaves_the_default_cap()
    {
        await VerifyAsync(
            Provider + """
            public static class Agents
            {
                public static AIAgent Create(IChatClient client) =>
                    client.{|AGR0009:AsAIAgent|}(new ChatClientAgentOptions { Name = "Main", AIContextProviders = [new ToolInjection(wantsTime: true)] });
            }
            """,
            "AsAIAgent(...) leaves the framework's default iteration cap in force: " + AgentDetail);
    }

    [Fact]
    public async Task An_agent_whose_context_providers_add_no_tools_runs_no_function_loop()
    {
        await VerifyAsync(
            Provider + """
            public static class Agents
            {
                public static AIAgent Create(IChatClient client) =>
                    client.AsAIAgent(new ChatClientAgentOptions { Name = "Main", AIContextProviders = [new Memory()] });

                public static AIAgent Capped(IChatClient client) =>
                    client.AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 4).Build()
                        .AsAIAgent(new ChatClientAgentOptions { Name = "Capped", AIContextProviders = [new ToolInjection(wantsTime: true)] });
            }
            """);
    }

    [Fact]
    public async Task Options_with_a_tool_injecting_provider_count_where_the_call_does_not_bind()
    {
        // Azure.AI.OpenAI and Microsoft.Agents.AI.OpenAI are not referenced (as in an IDE before a restore): the
        // AsAIAgent call does not bind, but the options created there do.
        await new AgentRules.Tests.Infrastructure.FunctionInvocationCapRulesTest
        {
            AllowCompilerErrors = true,
            Sources =
            {
                """
                using System;
                using Azure.AI.OpenAI;
                using Microsoft.Agents.AI;

                var client = new AzureOpenAIClient(new Uri("https://example.openai.azure.com"), "key");
                var injected = client.GetChatClient("gpt-4.1").{|AGR0009:AsAIAgent|}(new ChatClientAgentOptions { AIContextProviders = [new ToolInjection(wantsTime: true)] });
                var remembering = client.GetChatClient("gpt-4.1").AsAIAgent(new ChatClientAgentOptions { AIContextProviders = [new Memory()] });
                """,
                Provider,
            },
            ExpectedMessages = { "AsAIAgent(...) leaves the framework's default iteration cap in force: " + AgentDetail },
        }.RunAsync();
    }
}
