using System.Threading.Tasks;
using AgentRules.Analyzers.Rules.AgentLoops;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// AGR0002/AGR0003 on shapes found in real public agent code (issue 18, tests/Corpus): human input read in only some
/// iterations, and limits compared with a local that the loop never advances.
/// </summary>
public class AgentLoopRealShapesTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    private static Task VerifyAsync(string source, params string[] messages)
    {
        var test = new AnalyzerTest<AgentLoopAnalyzer> { Source = Usings + source };
        test.ExpectedMessages.AddRange(messages);
        return test.RunAsync();
    }

    [Fact]
    public async Task Input_read_in_one_branch_does_not_make_the_loop_human_paced()
    {
        await VerifyAsync(
            """
            public static class Clarifier
            {
                public static async Task RunAsync(IChatClient client, List<ChatMessage> messages)
                {
                    {|AGR0003:{|AGR0002:while|}|} (true)
                    {
                        var response = await client.GetResponseAsync(messages);
                        messages.AddRange(response.Messages);
                        if (response.Text.Contains("QUESTION:"))
                        {
                            messages.Add(new ChatMessage(ChatRole.User, Console.ReadLine()));
                        }
                        else if (response.Text.Contains("DONE"))
                        {
                            break;
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Input_read_only_by_a_tool_lambda_does_not_make_the_loop_human_paced()
    {
        await VerifyAsync(
            """
            public static class Agent
            {
                public static async Task RunAsync(IChatClient client, List<ChatMessage> messages)
                {
                    var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => Console.ReadLine() ?? "", "ask_user")] };
                    {|AGR0003:{|AGR0002:while|}|} (true)
                    {
                        Func<string> ask = () => Console.ReadLine() ?? "";
                        var response = await client.GetResponseAsync(messages, options);
                        messages.AddRange(response.Messages);
                        if (response.FinishReason == ChatFinishReason.Stop)
                        {
                            break;
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Input_read_at_the_top_of_every_iteration_paces_the_loop()
    {
        await VerifyAsync(
            """
            public static class ConsoleChat
            {
                public static async Task RunAsync(IChatClient client)
                {
                    var messages = new List<ChatMessage>();
                    while (true)
                    {
                        Console.Write("> ");
                        var input = Console.ReadLine();
                        if (string.IsNullOrWhiteSpace(input))
                        {
                            continue;
                        }

                        messages.Add(new ChatMessage(ChatRole.User, input));
                        var response = await client.GetResponseAsync(messages);
                        messages.AddRange(response.Messages);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Input_read_in_a_do_loop_inside_the_body_paces_the_loop()
    {
        await VerifyAsync(
            """
            public static class ConsoleChat
            {
                public static async Task RunAsync(IChatClient client, List<ChatMessage> messages)
                {
                    while (true)
                    {
                        string? input;
                        do
                        {
                            input = Console.ReadLine();
                        }
                        while (string.IsNullOrEmpty(input));

                        messages.Add(new ChatMessage(ChatRole.User, input));
                        messages.AddRange((await client.GetResponseAsync(messages)).Messages);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_local_compared_with_a_named_limit_but_never_advanced_is_no_cap()
    {
        await VerifyAsync(
            """
            public sealed class Planner(IChatClient client)
            {
                private const int MaxTurns = 10;

                public async Task RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    int turn = 0;
                    {|AGR0002:while|} (turn < MaxTurns)
                    {
                        var response = await client.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        messages.AddRange(response.Messages);
                        if (response.FinishReason == ChatFinishReason.Stop)
                        {
                            return;
                        }
                    }
                }
            }
            """,
            "Agent loop calling 'IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it");
    }

    [Fact]
    public async Task A_local_advanced_in_the_loop_or_by_a_local_function_caps_it()
    {
        await VerifyAsync(
            """
            public sealed class Planner(IChatClient client)
            {
                private const int MaxTurns = 10;

                public async Task RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    int turn = 0;
                    while (turn < MaxTurns)
                    {
                        var response = await client.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        messages.AddRange(response.Messages);
                        turn = turn + 1;
                    }

                    int step = 0;
                    void Advance() => step += 1;
                    while (step < MaxTurns)
                    {
                        var response = await client.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        messages.AddRange(response.Messages);
                        Advance();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_model_call_five_calls_deep_through_an_interface_is_reached_and_the_message_names_the_path()
    {
        await VerifyAsync(
            """
            public interface ILlm
            {
                Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken);
            }

            public sealed class ChatLlm(IChatClient client) : ILlm
            {
                public async Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken) =>
                    (await client.GetResponseAsync(prompt, cancellationToken: cancellationToken)).Text;
            }

            public sealed class Supervisor(ILlm llm)
            {
                public async Task SuperviseAsync(CancellationToken cancellationToken)
                {
                    var goal = "ship it";
                    {|AGR0002:while|} (!goal.Contains("DONE"))
                    {
                        goal = await RunStepAsync(goal, cancellationToken);
                    }
                }

                private Task<string> RunStepAsync(string goal, CancellationToken cancellationToken) => RetryAsync(goal, cancellationToken);

                private Task<string> RetryAsync(string goal, CancellationToken cancellationToken) => AskAsync(goal, cancellationToken);

                private Task<string> AskAsync(string goal, CancellationToken cancellationToken) => llm.CompleteAsync(goal, cancellationToken);
            }
            """,
            "Agent loop calling 'RunStepAsync → RetryAsync → AskAsync → ILlm.CompleteAsync → ChatLlm.CompleteAsync → IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it");
    }

    [Fact]
    public async Task Mutual_recursion_without_a_model_call_and_an_interface_without_implementations_stay_quiet()
    {
        await VerifyAsync(
            """
            public interface IPlanner
            {
                Task<string> PlanAsync(string goal);
            }

            public sealed class Walker(IPlanner planner)
            {
                public async Task RunAsync(List<string> goals)
                {
                    while (goals.Count > 0 && !goals[0].Contains("DONE"))
                    {
                        goals[0] = await planner.PlanAsync(goals[0]);
                        Ping(3);
                    }
                }

                private static int Ping(int n) => n <= 0 ? 0 : Pong(n - 1);

                private static int Pong(int n) => n <= 0 ? 0 : Ping(n - 1);
            }
            """);
    }

    [Fact]
    public async Task A_retry_counter_reset_on_every_pass_that_goes_on_is_no_cap()
    {
        await VerifyAsync(
            """
            public sealed class Coder(IChatClient client)
            {
                private const int MaxTruncations = 3;

                public async Task RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    var truncations = 0;
                    {|AGR0002:while|} (true)
                    {
                        var response = await client.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        messages.AddRange(response.Messages);
                        if (response.FinishReason == ChatFinishReason.Length)
                        {
                            truncations++;
                            if (truncations >= MaxTruncations)
                            {
                                return;
                            }

                            continue;
                        }

                        truncations = 0;
                        if (response.FinishReason == ChatFinishReason.Stop)
                        {
                            return;
                        }
                    }
                }
            }
            """,
            "Agent loop calling 'IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it");
    }

    [Fact]
    public async Task A_counter_reset_only_on_the_way_out_and_a_retry_counter_in_a_catch_still_cap_the_loop()
    {
        await VerifyAsync(
            """
            public sealed class Coder(IChatClient client)
            {
                public async Task RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    var turns = 0;
                    while (turns < 10)
                    {
                        turns++;
                        var response = await client.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        if (response.FinishReason == ChatFinishReason.Stop)
                        {
                            turns = 0;
                            break;
                        }
                    }

                    var failures = 0;
                    while (true)
                    {
                        try
                        {
                            await client.GetResponseAsync(messages, cancellationToken: cancellationToken);
                            return;
                        }
                        catch (HttpRequestException)
                        {
                            if (++failures >= 3)
                            {
                                throw;
                            }
                        }
                    }
                }
            }
            """);
    }
}
