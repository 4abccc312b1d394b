using System.Threading.Tasks;
using AgentRules.Tests.Infrastructure;
using Xunit;
using static AgentRules.Tests.Rules.FunctionInvocationCapTestSources;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// Shapes the held-out loop corpus of issue 18 (tests/Corpus, docs/accuracy.md) showed the rules getting wrong:
/// a tool-approval loop that goes on only after the app's own approval coordinator has asked a person, and Agent
/// Framework agents that do not bind (the provider's agent package missing) over a provider chat client kept in a
/// local or adapted with <c>AsIChatClient()</c>.
/// </summary>
public class HeldOutLoopShapesTests
{
    private const string AgentUsings = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;

        """;

    private const string Uncapped = "Agent loop calling 'AIAgent.RunAsync' has no iteration cap: no counter, bound or step limit ends it";

    private static Task VerifyLoopsAsync(string source, params string[] messages)
    {
        var test = new AgentLoopRulesTest { Source = AgentUsings + source };
        test.ExpectedMessages.AddRange(messages);
        return test.RunAsync();
    }

    [Fact]
    public async Task Approval_loop_that_waits_for_the_apps_approval_coordinator_every_pass_is_human_paced()
    {
        // The coordinator is an interface the UI answers (a pending request completed when a person clicks): every
        // pass that goes on has waited for a person, as with Console.ReadLine.
        await VerifyLoopsAsync(
            """
            public interface IToolApprovalCoordinator
            {
                Task<bool> RequestApprovalAsync(string requestId, CancellationToken cancellationToken);
            }

            public static class ApprovalRuntime
            {
                public static async Task RunAsync(AIAgent agent, AgentSession session, IToolApprovalCoordinator approvals, CancellationToken ct)
                {
                    List<ChatMessage> input = [new ChatMessage(ChatRole.User, "Clean up the temp folder.")];
                    while (true)
                    {
                        var response = await agent.RunAsync(input, session, cancellationToken: ct);
                        var request = response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().FirstOrDefault();
                        if (request is null)
                        {
                            break;
                        }

                        var approved = await approvals.RequestApprovalAsync(request.RequestId, ct);
                        input = [new ChatMessage(ChatRole.User, [request.CreateResponse(approved)])];
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Approval_asked_only_for_some_tools_or_decided_by_the_apps_own_code_does_not_pace_the_loop()
    {
        // Asked in one branch only, the other passes are the model's; a concrete method the rules can read is judged
        // by what it does (here it approves everything), not by its name.
        await VerifyLoopsAsync(
            """
            public interface IToolApprovalCoordinator
            {
                Task<bool> RequestApprovalAsync(string requestId, CancellationToken cancellationToken);
            }

            public sealed class AutoApprover
            {
                public Task<bool> RequestApprovalAsync(string requestId, CancellationToken cancellationToken) => Task.FromResult(true);
            }

            public static class ApprovalRuntime
            {
                public static async Task SometimesAskAsync(AIAgent agent, AgentSession session, IToolApprovalCoordinator approvals, CancellationToken ct)
                {
                    List<ChatMessage> input = [new ChatMessage(ChatRole.User, "Clean up the temp folder.")];
                    {|AGR0002:while|} (true)
                    {
                        var response = await agent.RunAsync(input, session, cancellationToken: ct);
                        var request = response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().FirstOrDefault();
                        if (request is null)
                        {
                            break;
                        }

                        var approved = true;
                        if (request.RequestId.StartsWith("delete"))
                        {
                            approved = await approvals.RequestApprovalAsync(request.RequestId, ct);
                        }

                        input = [new ChatMessage(ChatRole.User, [request.CreateResponse(approved)])];
                    }
                }

                public static async Task AutoApproveAsync(AIAgent agent, AgentSession session, AutoApprover approvals, CancellationToken ct)
                {
                    List<ChatMessage> input = [new ChatMessage(ChatRole.User, "Clean up the temp folder.")];
                    {|AGR0002:while|} (true)
                    {
                        var response = await agent.RunAsync(input, session, cancellationToken: ct);
                        var request = response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().FirstOrDefault();
                        if (request is null)
                        {
                            break;
                        }

                        var approved = await approvals.RequestApprovalAsync(request.RequestId, ct);
                        input = [new ChatMessage(ChatRole.User, [request.CreateResponse(approved)])];
                    }
                }
            }
            """,
            Uncapped,
            Uncapped);
    }

    [Fact]
    public async Task Unbound_agents_over_a_provider_chat_client_in_a_local_or_adapted_to_IChatClient_leave_the_default()
    {
        // Real OpenAI 2.x and Microsoft.Extensions.AI.OpenAI bind GetChatClient(...).AsIChatClient(); Agent Framework
        // 1.x has no CreateAIAgent on IChatClient, so that call does not bind (older samples). Azure.AI.OpenAI is not
        // referenced: AsAIAgent on its chat client kept in a local does not bind either.
        await new FunctionInvocationCapRulesTest
        {
            AllowCompilerErrors = true,
            Source = """
                using System;
                using System.Collections.Generic;
                using Azure.AI.OpenAI;
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;
                using OpenAI;

                List<AITool> tools = [AIFunctionFactory.Create(() => "sunny", "get_weather")];

                IChatClient chatClient = new OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient();
                var coder = chatClient.{|AGR0009:CreateAIAgent|}(name: "Coder", instructions: "You write code.", tools: tools);

                var azure = new AzureOpenAIClient(new Uri("https://example.openai.azure.com"), "key");
                var azureChat = azure.GetChatClient("gpt-4.1");
                var weather = azureChat.{|AGR0009:AsAIAgent|}(instructions: "You answer weather questions.", tools: tools);
                """,
            ExpectedMessages =
            {
                "Agent 'Coder' leaves the framework's default iteration cap in force: " + AgentDetail,
                "AsAIAgent(...) leaves the framework's default iteration cap in force: " + AgentDetail,
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Unbound_agents_over_a_local_the_code_reassigns_configures_or_receives_are_not_reported()
    {
        await new FunctionInvocationCapRulesTest
        {
            AllowCompilerErrors = true,
            Source = """
                using System;
                using System.Collections.Generic;
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;
                using OpenAI;

                List<AITool> tools = [AIFunctionFactory.Create(() => "sunny", "get_weather")];
                var openAi = new OpenAIClient("key");

                IChatClient wrapped = openAi.GetChatClient("gpt-4o").AsIChatClient();
                wrapped = wrapped.AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 5).Build();
                var first = wrapped.CreateAIAgent(name: "First", tools: tools);

                IChatClient capped = openAi.GetChatClient("gpt-4o").AsIChatClient().AsBuilder()
                    .UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 5).Build();
                var second = capped.CreateAIAgent(name: "Second", tools: tools);

                IChatClient plain = openAi.GetChatClient("gpt-4o").AsIChatClient();
                var joker = plain.CreateAIAgent(name: "Joker", tools: []);

                static AIAgent FromDi(IChatClient injected, IList<AITool> tools) => injected.CreateAIAgent(name: "Injected", tools: tools);
                """,
        }.RunAsync();
    }
}
