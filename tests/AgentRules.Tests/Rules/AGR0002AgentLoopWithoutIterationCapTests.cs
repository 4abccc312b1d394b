using System.Collections.Immutable;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using static AgentRules.Tests.Rules.AgentLoopRuleTestSources;

namespace AgentRules.Tests.Rules;

/// <summary>
/// AGR0002 on hand-written agent loops, in the shapes real agent code takes. A loop reported for both AGR0002
/// and AGR0003 is tested here (the lower ID); tests about the stop signal alone are in
/// <see cref="AGR0003AgentLoopWithoutStopSignalTests"/>; caps removed in framework settings in
/// <see cref="AGR0002AgentLoopWithoutIterationCapFrameworkSettingTests"/>.
/// </summary>
public class AGR0002AgentLoopWithoutIterationCapTests
{
    // ---- OpenAI .NET SDK --------------------------------------------------------------------------------------

    [Fact]
    public async Task OpenAI_SDK_documented_tool_loop_has_no_cap_and_no_token()
    {
        await VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public static class WeatherChat
            {
                public static async Task RunAsync(ChatClient client)
                {
                    List<ChatMessage> messages = [new UserChatMessage("What's the weather like today?")];
                    ChatCompletionOptions options = new() { Tools = { ChatTool.CreateFunctionTool("GetCurrentWeather", "Gets the weather") } };
                    bool requiresAction;

                    {|AGR0003:{|AGR0002:do|}|}
                    {
                        requiresAction = false;
                        ChatCompletion completion = await client.CompleteChatAsync(messages, options);
                        switch (completion.FinishReason)
                        {
                            case ChatFinishReason.Stop:
                                messages.Add(new AssistantChatMessage(completion));
                                break;
                            case ChatFinishReason.ToolCalls:
                                messages.Add(new AssistantChatMessage(completion));
                                foreach (ChatToolCall toolCall in completion.ToolCalls)
                                {
                                    messages.Add(new ToolChatMessage(toolCall.Id, "31 degrees"));
                                }

                                requiresAction = true;
                                break;
                            default:
                                throw new NotImplementedException(completion.FinishReason.ToString());
                        }
                    } while (requiresAction);
                }
            }
            """,
            "Agent loop calling 'ChatClient.CompleteChatAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'ChatClient.CompleteChatAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'CompleteChatAsync' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task OpenAI_SDK_streaming_tool_loop_is_reported_on_the_outer_loop_only()
    {
        await VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public static class StreamingWeatherChat
            {
                public static async Task RunAsync(ChatClient client, CancellationToken cancellationToken)
                {
                    List<ChatMessage> messages = [new UserChatMessage("What's the weather like today?")];
                    bool requiresAction;
                    {|AGR0002:do|}
                    {
                        requiresAction = false;
                        StringBuilder content = new();
                        await foreach (StreamingChatCompletionUpdate update in client.CompleteChatStreamingAsync(messages, cancellationToken: cancellationToken))
                        {
                            foreach (ChatMessageContentPart part in update.ContentUpdate)
                            {
                                content.Append(part.Text);
                            }

                            if (update.FinishReason == ChatFinishReason.ToolCalls)
                            {
                                requiresAction = true;
                            }
                        }

                        messages.Add(new AssistantChatMessage(content.ToString()));
                    } while (requiresAction);
                }
            }
            """,
            "Agent loop calling 'ChatClient.CompleteChatStreamingAsync' has no iteration cap: no counter, bound or step limit ends it");
    }

    [Fact]
    public async Task OpenAI_SDK_tool_loop_with_a_counter_and_a_token_is_not_reported()
    {
        await VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            public sealed class TicketAgent(ChatClient client)
            {
                private const int MaxToolRounds = 8;

                public async Task<string> AnswerAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    var rounds = 0;
                    while (true)
                    {
                        if (++rounds > MaxToolRounds)
                        {
                            throw new InvalidOperationException("The model kept asking for tools.");
                        }

                        ChatCompletion completion = await client.CompleteChatAsync(messages, cancellationToken: cancellationToken);
                        if (completion.FinishReason != ChatFinishReason.ToolCalls)
                        {
                            return completion.Content[0].Text;
                        }

                        messages.Add(new AssistantChatMessage(completion));
                    }
                }
            }
            """);
    }

    // ---- Microsoft.Extensions.AI ------------------------------------------------------------------------------

    [Fact]
    public async Task MEAI_manual_tool_loop_without_cap_is_reported_once_with_a_token()
    {
        await VerifyAsync(
            MeaiUsings + """
            public sealed class ResearchAgent(IChatClient chatClient, IList<AIFunction> tools)
            {
                public async Task<string> RunAsync(string question, CancellationToken cancellationToken)
                {
                    List<ChatMessage> messages = [new(ChatRole.User, question)];
                    var options = new ChatOptions { Tools = [.. tools] };
                    {|AGR0002:while|} (true)
                    {
                        var response = await chatClient.GetResponseAsync(messages, options, cancellationToken);
                        messages.AddRange(response.Messages);
                        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
                        if (calls.Count == 0)
                        {
                            return response.Text;
                        }

                        foreach (var call in calls)
                        {
                            var tool = tools.First(t => t.Name == call.Name);
                            var result = await tool.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken);
                            messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
                        }
                    }
                }
            }
            """,
            "Agent loop calling 'IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it");
    }

    [Theory]
    [InlineData("for (var turn = 0; turn < MaxTurns; turn++)")]
    [InlineData("for (var turn = 1; turn <= MaxTurns; ++turn)")]
    [InlineData("for (int turn = MaxTurns; turn > 0; turn--)")]
    public async Task For_loop_with_a_finite_bound_is_capped(string header)
    {
        await VerifyAsync(
            MeaiUsings + $$"""
            public sealed class Planner(IChatClient chatClient)
            {
                private const int MaxTurns = 6;

                public async Task<string?> PlanAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    {{header}}
                    {
                        var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        if (response.FinishReason == ChatFinishReason.Stop)
                        {
                            return response.Text;
                        }

                        messages.AddRange(response.Messages);
                    }

                    return null;
                }
            }
            """);
    }

    [Fact]
    public async Task For_loop_bounded_by_int_MaxValue_is_not_capped()
    {
        await VerifyAsync(
            MeaiUsings + """
            public sealed class Planner(IChatClient chatClient)
            {
                public async Task PlanAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    {|AGR0002:for|} (var i = 0; i < int.MaxValue; i++)
                    {
                        var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        if (response.FinishReason == ChatFinishReason.Stop) return;
                        messages.AddRange(response.Messages);
                    }
                }
            }
            """,
            "Agent loop calling 'IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it");
    }

    [Theory]
    [InlineData("while (iteration < MaxIterations)", "iteration++;", "")]
    [InlineData("while (!done && iteration++ < MaxIterations)", "", "")]
    [InlineData("while (true)", "if (++iteration > MaxIterations) break;", "")]
    [InlineData("while (true)", "if (done || iteration >= MaxIterations) { break; } iteration += 1;", "")]
    [InlineData("while (true)", "iteration = iteration + 1; if (iteration is > MaxIterations) return;", "")]
    [InlineData("while (true)", "ArgumentOutOfRangeException.ThrowIfGreaterThan(++iteration, MaxIterations);", "")]
    [InlineData("while (!done)", "if (iteration++ == MaxIterations) throw new TimeoutException();", "")]
    [InlineData("while (true)", "if (iteration < MaxIterations) { iteration++; } else { break; }", "")]
    [InlineData("while (_session.Turns < _options.MaxTurns)", "", "")]
    public async Task Counter_compared_against_a_limit_in_the_condition_or_a_guard_is_a_cap(string header, string guard, string unused)
    {
        _ = unused;
        await VerifyAsync(
            MeaiUsings + $$"""
            public sealed class Session { public int Turns { get; set; } }
            public sealed class AgentOptions { public int MaxTurns { get; set; } = 10; }

            public sealed class Agent(IChatClient chatClient, Session _session, AgentOptions _options)
            {
                private const int MaxIterations = 10;

                public async Task RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    var iteration = 0;
                    var done = false;
                    {{header}}
                    {
                        {{guard}}
                        var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        messages.AddRange(response.Messages);
                        done = response.FinishReason == ChatFinishReason.Stop;
                        if (done) break;
                    }
                }
            }
            """);
    }

    [Theory]
    [InlineData("if (iteration > MaxIterations) { Console.WriteLine(\"still going\"); }")]
    [InlineData("if (done && iteration > MaxIterations) break;")]
    [InlineData("for (var i = 0; i < 3; i++) { if (i > 2) break; }")]
    public async Task A_comparison_that_does_not_end_the_loop_is_not_a_cap(string guard)
    {
        await VerifyAsync(
            MeaiUsings + $$"""
            public sealed class Agent(IChatClient chatClient)
            {
                private const int MaxIterations = 10;

                public async Task RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    var iteration = 0;
                    var done = false;
                    {|AGR0002:while|} (!done)
                    {
                        iteration++;
                        {{guard}}
                        var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        messages.AddRange(response.Messages);
                        done = response.FinishReason == ChatFinishReason.Stop;
                    }
                }
            }
            """,
            "Agent loop calling 'IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it");
    }

    [Theory]
    [InlineData("var steps = new AgentStepLimit(10);", "while (steps.TryNext())", "")]
    [InlineData("var steps = new AgentStepLimit(10);", "while (true)", "if (!steps.TryNext()) break;")]
    [InlineData("var steps = new AgentStepLimit(10);", "while (true)", "steps.Next();")]
    public async Task AgentStepLimit_is_a_cap(string declaration, string header, string guard)
    {
        await VerifyAsync(
            MeaiUsings + $$"""
            using AgentRules;

            public sealed class Agent(IChatClient chatClient)
            {
                public async Task RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    {{declaration}}
                    {{header}}
                    {
                        {{guard}}
                        var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        if (response.FinishReason == ChatFinishReason.Stop) break;
                        messages.AddRange(response.Messages);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Retry_loop_capped_by_a_catch_filter_is_not_reported()
    {
        await VerifyAsync(
            MeaiUsings + """
            public sealed class ResilientAsker(IChatClient chatClient)
            {
                public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
                {
                    var attempt = 0;
                    while (true)
                    {
                        try
                        {
                            return (await chatClient.GetResponseAsync(question, cancellationToken: cancellationToken)).Text;
                        }
                        catch (TimeoutException) when (attempt++ < 3)
                        {
                            await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Loop_calling_the_model_through_a_helper_is_an_agent_loop()
    {
        await VerifyAsync(
            MeaiUsings + """
            public sealed class Negotiator(IChatClient buyer, IChatClient seller)
            {
                public async Task<string> NegotiateAsync(string opening)
                {
                    var offer = opening;
                    {|AGR0003:{|AGR0002:while|}|} (!offer.Contains("DEAL", StringComparison.Ordinal))
                    {
                        var counter = await AskAsync(seller, offer);
                        offer = await AskAsync(buyer, counter);
                    }

                    return offer;
                }

                private static async Task<string> AskAsync(IChatClient client, string message) =>
                    (await client.GetResponseAsync(message)).Text;
            }
            """,
            "Agent loop calling 'AskAsync → IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'AskAsync → IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: no CancellationToken reaches 'GetResponseAsync' through 'AskAsync' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task Helper_reached_through_an_interface_implemented_in_the_project_is_followed()
    {
        await VerifyAsync(
            MeaiUsings + """
            public interface ILlmService
            {
                Task<string> CompleteAsync(string prompt);
            }

            public sealed class LlmService(IChatClient chatClient) : ILlmService
            {
                public async Task<string> CompleteAsync(string prompt) => (await chatClient.GetResponseAsync(prompt)).Text;
            }

            public sealed class Refiner(ILlmService llm)
            {
                public async Task<string> RefineAsync(string draft)
                {
                    {|AGR0003:{|AGR0002:while|}|} (true)
                    {
                        var critique = await llm.CompleteAsync("Critique: " + draft);
                        if (critique.StartsWith("LGTM", StringComparison.Ordinal)) return draft;
                        draft = await llm.CompleteAsync("Improve: " + draft + "\n" + critique);
                    }
                }
            }
            """,
            // The reach path names the interface and the implementation it was followed into.
            "Agent loop calling 'ILlmService.CompleteAsync → LlmService.CompleteAsync → IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'ILlmService.CompleteAsync → LlmService.CompleteAsync → IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: no CancellationToken reaches 'GetResponseAsync' through 'CompleteAsync' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task Top_level_loop_calling_a_local_function_declared_below_it()
    {
        await VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            IChatClient client = null!;
            List<ChatMessage> history = [new(ChatRole.User, "Plan a trip to Lisbon.")];
            {|AGR0003:{|AGR0002:while|}|} (true)
            {
                var reply = await StepAsync();
                if (reply.FinishReason == ChatFinishReason.Stop) break;
            }

            async Task<ChatResponse> StepAsync()
            {
                var response = await client.GetResponseAsync(history);
                history.AddRange(response.Messages);
                return response;
            }
            """,
            "Agent loop calling 'StepAsync → IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'StepAsync → IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: no CancellationToken reaches 'GetResponseAsync' through 'StepAsync' and nothing checks one or a KillSwitch");
    }

    // ---- Not agent loops --------------------------------------------------------------------------------------

    [Theory]
    [InlineData("var input = Console.ReadLine();")]
    [InlineData("var input = await Console.In.ReadLineAsync();")]
    [InlineData("var key = Console.ReadKey();")]
    [InlineData("var input = ReadUserInput();")]
    public async Task Human_paced_console_chat_loops_are_not_reported(string read)
    {
        await VerifyAsync(
            MeaiUsings + $$"""
            public static class Chat
            {
                public static async Task RunAsync(IChatClient chatClient)
                {
                    List<ChatMessage> history = [];
                    while (true)
                    {
                        Console.Write("You: ");
                        {{read}}
                        history.Add(new ChatMessage(ChatRole.User, "..."));
                        var response = await chatClient.GetResponseAsync(history);
                        history.AddRange(response.Messages);
                        Console.WriteLine("AI: " + response.Text);
                    }
                }

                private static string? ReadUserInput() => Console.ReadLine();
            }
            """);
    }

    [Fact]
    public async Task Model_calls_through_a_delegate_assigned_in_the_project_are_followed()
    {
        await VerifyAsync(
            MeaiUsings + """
            public sealed class Iterator
            {
                private readonly Func<string, Task<string>> _ask;

                public Iterator(IChatClient chatClient) => _ask = async prompt => (await chatClient.GetResponseAsync(prompt)).Text;

                public async Task<string> RunAsync(string seed)
                {
                    var current = seed;
                    {|AGR0003:{|AGR0002:while|}|} (!current.EndsWith("DONE", StringComparison.Ordinal))
                    {
                        current = await _ask(current);
                    }

                    return current;
                }
            }
            """,
            "Agent loop calling '_ask → IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling '_ask → IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: 'Invoke' takes no CancellationToken and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task Raw_REST_calls_to_an_LLM_endpoint_are_LLM_calls()
    {
        await new AgentLoopRulesTest
        {
            Source = """
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;

                public sealed class RawAgent(HttpClient http)
                {
                    public async Task RunAsync(string prompt)
                    {
                        var done = false;
                        {|AGR0003:{|AGR0002:while|}|} (!done)
                        {
                            var response = await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o", prompt });
                            done = (await response.Content.ReadAsStringAsync()).Contains("finish_reason", System.StringComparison.Ordinal);
                        }

                        while (!done)
                        {
                            await http.PostAsJsonAsync("https://example.com/telemetry", new { prompt });
                        }
                    }
                }
                """,
            References = TestReferences.Net.Add(TestReferences.AgentRules),
            ExpectedMessages =
            {
                "Agent loop calling 'HttpClient.PostAsJsonAsync' has no iteration cap: no counter, bound or step limit ends it",
                "Agent loop calling 'HttpClient.PostAsJsonAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'PostAsJsonAsync' and nothing checks one or a KillSwitch",
            },
        }.RunAsync();
    }

    [Theory]
    [InlineData("var deadline = DateTime.UtcNow.AddMinutes(5);", "while (DateTime.UtcNow < deadline)", "")]
    [InlineData("var clock = System.Diagnostics.Stopwatch.StartNew();", "while (clock.Elapsed < TimeSpan.FromMinutes(5))", "")]
    [InlineData("using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));", "while (!timeout.IsCancellationRequested)", "")]
    [InlineData("using var timeout = new CancellationTokenSource(); timeout.CancelAfter(120_000);", "while (true)", "timeout.Token")]
    [InlineData("", "while (ShouldContinue(iteration++))", "")]
    public async Task Deadlines_timeouts_and_limits_in_helpers_are_caps(string setup, string header, string token)
    {
        await VerifyAsync(
            MeaiUsings + $$"""
            public sealed class Agent(IChatClient chatClient)
            {
                private const int MaxIterations = 8;

                public async Task RunAsync(List<ChatMessage> messages, CancellationToken ct)
                {
                    var iteration = 0;
                    {{setup}}
                    {{header}}
                    {
                        var response = await chatClient.GetResponseAsync(messages, cancellationToken: {{(token.Length > 0 ? token : "ct")}});
                        if (response.FinishReason == ChatFinishReason.Stop) break;
                        messages.AddRange(response.Messages);
                    }
                }

                private static bool ShouldContinue(int iteration) => iteration < MaxIterations;
            }
            """);
    }

    [Fact]
    public async Task Human_input_through_an_interface_implemented_with_the_console_is_human_paced()
    {
        await VerifyAsync(
            MeaiUsings + """
            public interface IUserInteraction
            {
                ValueTask<string?> ReadUserMessageAsync(CancellationToken cancellationToken);
            }

            public sealed class ConsoleInteraction : IUserInteraction
            {
                public async ValueTask<string?> ReadUserMessageAsync(CancellationToken cancellationToken)
                {
                    await Console.Out.WriteAsync("User > ");
                    return await Console.In.ReadLineAsync(cancellationToken);
                }
            }

            public sealed class ConsultantAgent(IUserInteraction user, IChatClient chatClient)
            {
                public async Task ChatAsync()
                {
                    while (true)
                    {
                        var input = await user.ReadUserMessageAsync(default);
                        if (string.IsNullOrEmpty(input)) return;
                        Console.WriteLine((await chatClient.GetResponseAsync(input)).Text);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Tool_approval_loop_that_asks_a_person_is_human_paced()
    {
        await VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            public static class Approvals
            {
                public static async Task RunAsync(AIAgent agent, AgentSession session)
                {
                    var response = await agent.RunAsync("What is the weather like in Amsterdam?", session);
                    var requests = response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().ToList();
                    while (requests.Count > 0)
                    {
                        List<ChatMessage> answers = requests.ConvertAll(request =>
                        {
                            Console.WriteLine("Approve the call? (Y/N)");
                            return new ChatMessage(ChatRole.User, [request.CreateResponse(Console.ReadLine() == "Y")]);
                        });

                        response = await agent.RunAsync(answers, session);
                        requests = response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().ToList();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Stream_consuming_await_foreach_loops_are_not_reported()
    {
        await VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            using OpenAI.Chat;

            public static class Streams
            {
                public static async Task PrintAsync(AIAgent agent, IChatClient chatClient, Kernel kernel, ChatClient openAI)
                {
                    await foreach (var update in agent.RunStreamingAsync("Tell me a joke."))
                    {
                        Console.Write(update);
                    }

                    await foreach (var update in chatClient.GetStreamingResponseAsync("Tell me a joke."))
                    {
                        Console.Write(update.Text);
                    }

                    await foreach (var chunk in kernel.InvokePromptStreamingAsync("Tell me a joke."))
                    {
                        Console.Write(chunk);
                    }

                    foreach (var update in openAI.CompleteChatStreaming("Tell me a joke."))
                    {
                        Console.Write(update.ContentUpdate.Count);
                    }

                    await foreach (var text in StreamAsync(chatClient))
                    {
                        Console.Write(text);
                    }
                }

                private static async System.Collections.Generic.IAsyncEnumerable<string> StreamAsync(IChatClient chatClient)
                {
                    await foreach (var update in chatClient.GetStreamingResponseAsync("Tell me a story."))
                    {
                        yield return update.Text;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Calls_inside_expression_trees_never_run()
    {
        await VerifyAsync(
            MeaiUsings + """
            using System.Linq.Expressions;

            public static class MockSetup
            {
                public static void Setup<T>(Expression<Func<IChatClient, T>> call) { }

                public static void Arrange(IEnumerable<string> answers)
                {
                    foreach (var answer in answers)
                    {
                        Setup(c => c.GetResponseAsync(answer, null, CancellationToken.None));
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Loops_that_call_no_model_are_not_reported()
    {
        await VerifyAsync(
            MeaiUsings + """
            public static class Printer
            {
                public static async Task PrintAsync(IChatClient chatClient)
                {
                    var response = await chatClient.GetResponseAsync("List three colours.");
                    foreach (var message in response.Messages)
                    {
                        Console.WriteLine(message.Text);
                    }

                    while (true)
                    {
                        if (Console.KeyAvailable) break;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Background_service_loop_paced_by_a_delay_or_timer_is_not_an_uncapped_loop()
    {
        await VerifyAsync(
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.Hosting;

            public sealed class InboxTriage(AIAgent agent) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await agent.RunAsync("Triage the new messages in the inbox.", cancellationToken: stoppingToken);
                        await Task.Delay(TimeSpan.FromMinutes(5), stoppingToken);
                    }
                }
            }

            public sealed class DigestWriter(AIAgent agent) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
                    while (await timer.WaitForNextTickAsync(stoppingToken))
                    {
                        await agent.RunAsync("Write the hourly digest.", cancellationToken: stoppingToken);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Polling_a_background_response_without_a_limit_is_reported()
    {
        await VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;

            public static class Novelist
            {
                public static async Task<string> WriteAsync(AIAgent agent, AgentSession session)
                {
                    AgentRunOptions options = new() { AllowBackgroundResponses = true };
                    var response = await agent.RunAsync("Write a very long novel about otters in space.", session, options);
                    {|AGR0003:{|AGR0002:while|}|} (response.Text.Length == 0)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2));
                        response = await agent.RunAsync(session, options);
                    }

                    return response.Text;
                }
            }
            """,
            "Agent loop calling 'AIAgent.RunAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'AIAgent.RunAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'RunAsync' and nothing checks one or a KillSwitch");
    }

    // ---- Agent Framework, Semantic Kernel ---------------------------------------------------------------------

    [Fact]
    public async Task Two_agents_asking_each_other_for_clarification_forever()
    {
        await VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;

            public sealed class Handoff(AIAgent researcher, AIAgent reviewer)
            {
                public async Task<string> RunAsync(string task)
                {
                    var message = task;
                    {|AGR0003:{|AGR0002:while|}|} (true)
                    {
                        var draft = await researcher.RunAsync(message);
                        var review = await reviewer.RunAsync(draft.Text);
                        if (review.Text.Contains("APPROVED", StringComparison.Ordinal))
                        {
                            return draft.Text;
                        }

                        message = review.Text;
                    }
                }
            }
            """,
            "Agent loop calling 'AIAgent.RunAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'AIAgent.RunAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'RunAsync' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task Semantic_Kernel_manual_function_calling_loop()
    {
        await VerifyAsync(
            """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public static class ManualFunctionCalling
            {
                public static async Task RunAsync(Kernel kernel, IChatCompletionService chat, PromptExecutionSettings settings)
                {
                    ChatHistory history = [];
                    history.AddUserMessage("What is the likely color of the sky in Boston today?");
                    {|AGR0003:{|AGR0002:while|}|} (true)
                    {
                        ChatMessageContent result = await chat.GetChatMessageContentAsync(history, settings, kernel);
                        var functionCalls = FunctionCallContent.GetFunctionCalls(result).ToList();
                        if (functionCalls.Count == 0)
                        {
                            break;
                        }

                        history.Add(result);
                        foreach (FunctionCallContent functionCall in functionCalls)
                        {
                            FunctionResultContent resultContent = await functionCall.InvokeAsync(kernel);
                            history.Add(resultContent.ToChatMessage());
                        }
                    }
                }
            }
            """,
            "Agent loop calling 'IChatCompletionService.GetChatMessageContentAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'IChatCompletionService.GetChatMessageContentAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'GetChatMessageContentAsync' and nothing checks one or a KillSwitch");

        // The foreach over the tool calls of one response is a step of the while loop (reported once, there).
    }

    [Fact]
    public async Task Semantic_Kernel_plan_steps_and_agent_group_chat()
    {
        await VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;

            public static class Orchestration
            {
                public static async Task RunAsync(Kernel kernel, IReadOnlyList<string> steps, AgentGroupChat chat, CancellationToken cancellationToken)
                {
                    foreach (var step in steps)
                    {
                        Console.WriteLine(await kernel.InvokePromptAsync(step, cancellationToken: cancellationToken));
                    }

                    {|AGR0003:foreach|} (var step in steps)
                    {
                        Console.WriteLine(await kernel.InvokePromptAsync(step));
                    }

                    await foreach (var content in chat.InvokeAsync())
                    {
                        Console.WriteLine(content.Content);
                    }

                    {|AGR0002:while|} (!chat.IsComplete)
                    {
                        await foreach (var content in chat.InvokeAsync(cancellationToken))
                        {
                            Console.WriteLine(content.Content);
                        }
                    }
                }
            }
            """,
            "Agent loop calling 'Kernel.InvokePromptAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'InvokePromptAsync' and nothing checks one or a KillSwitch",
            "Agent loop calling 'AgentChat.InvokeAsync' has no iteration cap: no counter, bound or step limit ends it");
    }

    // ---- Nesting and recursion --------------------------------------------------------------------------------

    [Fact]
    public async Task Nested_tool_loop_is_reported_where_the_call_is_and_the_outer_loop_is_capped_by_its_collection()
    {
        await VerifyAsync(
            MeaiUsings + """
            public sealed class TicketBot(IChatClient chatClient)
            {
                public async Task AnswerAllAsync(IReadOnlyList<string> tickets)
                {
                    foreach (var ticket in tickets)
                    {
                        List<ChatMessage> messages = [new(ChatRole.User, ticket)];
                        {|AGR0003:{|AGR0002:while|}|} (true)
                        {
                            var response = await chatClient.GetResponseAsync(messages);
                            messages.AddRange(response.Messages);
                            if (response.FinishReason == ChatFinishReason.Stop) break;
                        }
                    }
                }
            }
            """,
            "Agent loop calling 'IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'GetResponseAsync' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task Recursive_agent_without_a_depth_limit_is_reported_at_the_recursive_call()
    {
        await VerifyAsync(
            MeaiUsings + """
            public sealed class Decomposer(IChatClient chatClient)
            {
                private const int MaxDepth = 3;

                public async Task<string> SolveAsync(string task, CancellationToken cancellationToken)
                {
                    var answer = (await chatClient.GetResponseAsync("Solve or split: " + task, cancellationToken: cancellationToken)).Text;
                    if (!answer.StartsWith("SPLIT", StringComparison.Ordinal)) return answer;
                    return await {|AGR0002:SolveAsync|}(answer.Substring(5), cancellationToken);
                }

                public async Task<string> SolveBoundedAsync(string task, int depth, CancellationToken cancellationToken)
                {
                    if (depth >= MaxDepth) return "Too deep.";
                    var answer = (await chatClient.GetResponseAsync("Solve or split: " + task, cancellationToken: cancellationToken)).Text;
                    if (!answer.StartsWith("SPLIT", StringComparison.Ordinal)) return answer;
                    return await SolveBoundedAsync(answer.Substring(5), depth + 1, cancellationToken);
                }

                public async Task<string> RetryAsync(string question)
                {
                    try
                    {
                        return (await chatClient.GetResponseAsync(question)).Text;
                    }
                    catch (TimeoutException)
                    {
                        return await {|AGR0003:{|AGR0002:RetryAsync|}|}(question);
                    }
                }
            }
            """,
            "Recursive agent method 'SolveAsync' has no iteration cap: no depth parameter is checked against a limit",
            "Recursive agent method 'RetryAsync' has no iteration cap: no depth parameter is checked against a limit",
            "Recursive agent method 'RetryAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'GetResponseAsync' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task Calls_on_another_instance_and_from_lambdas_are_not_recursion()
    {
        await VerifyAsync(
            MeaiUsings + """
            public sealed class Step(IChatClient chatClient, Step? next)
            {
                public async Task<string> HandleAsync(string input, CancellationToken cancellationToken)
                {
                    var output = (await chatClient.GetResponseAsync(input, cancellationToken: cancellationToken)).Text;
                    return next is null ? output : await next.HandleAsync(output, cancellationToken);
                }

                public Func<string, Task<string>> Callback(CancellationToken cancellationToken) => input => HandleAsync(input, cancellationToken);
            }
            """);
    }

    // ---- Configuration ----------------------------------------------------------------------------------------

    [Fact]
    public async Task In_house_clients_configured_in_llm_methods_are_LLM_calls()
    {
        await new AgentLoopRulesTest
        {
            Source = """
                using System.Threading.Tasks;

                namespace Contoso.Ai
                {
                    public sealed class LlmGateway
                    {
                        public Task<string> CompleteAsync(string prompt) => Task.FromResult("DONE");
                    }
                }

                public static class Loop
                {
                    public static async Task RunAsync(Contoso.Ai.LlmGateway gateway)
                    {
                        var text = "start";
                        {|AGR0003:{|AGR0002:while|}|} (text != "DONE")
                        {
                            text = await gateway.CompleteAsync(text);
                        }
                    }
                }
                """,
            EditorConfig = "agentrules.llm_methods = Contoso.Ai.LlmGateway.CompleteAsync",
            ExpectedMessages =
            {
                "Agent loop calling 'LlmGateway.CompleteAsync' has no iteration cap: no counter, bound or step limit ends it",
                "Agent loop calling 'LlmGateway.CompleteAsync' does not observe a kill switch or cancellation: 'CompleteAsync' takes no CancellationToken and nothing checks one or a KillSwitch",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Configured_human_input_methods_make_a_loop_human_paced()
    {
        await new AgentLoopRulesTest
        {
            Source = MeaiUsings + """
                namespace Contoso.Terminal
                {
                    public static class Prompt
                    {
                        public static string Ask(string question) => "";
                    }
                }

                public static class Chat
                {
                    public static async Task RunAsync(IChatClient chatClient)
                    {
                        while (true)
                        {
                            var input = Contoso.Terminal.Prompt.Ask("You");
                            await chatClient.GetResponseAsync(input);
                        }
                    }
                }
                """,
            EditorConfig = "agentrules.human_input_methods = Contoso.Terminal.Prompt.Ask",
        }.RunAsync();
    }

    // ---- Robustness and cost ----------------------------------------------------------------------------------

    [Fact]
    public async Task Registers_no_actions_when_no_LLM_API_is_referenced()
    {
        var test = new AgentLoopRulesTest
        {
            Source = "public static class Counter { public static int Count() { var n = 0; while (n < 10) n++; return n; } }",
            References = TestReferences.Net.Add(TestReferences.AgentRules),
        };
        await test.RunAsync();

        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        foreach (var analyzer in RuleGroups.AgentLoops())
        {
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), project.AnalyzerOptions);
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);
            Assert.Equal(1, telemetry.CompilationStartActionsCount);
            Assert.Equal(0, telemetry.SymbolActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.OperationActionsCount + telemetry.OperationBlockStartActionsCount + telemetry.SemanticModelActionsCount);
        }
    }
}
