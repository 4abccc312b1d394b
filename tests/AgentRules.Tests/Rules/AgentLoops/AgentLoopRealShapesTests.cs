using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
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
        var test = new AgentLoopRulesTest { Source = Usings + source };
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
    public async Task Input_read_in_both_arms_of_a_conditional_paces_the_loop()
    {
        // A CLI chat that reads the next prompt interactively or from piped input: either way every pass waits.
        await VerifyAsync(
            """
            public sealed class ChatCommand(IChatClient client, bool interactive)
            {
                private readonly List<string> _instructions = new();

                public async Task RunAsync()
                {
                    var messages = new List<ChatMessage>();
                    while (true)
                    {
                        var prompt = interactive && !Console.IsInputRedirected
                            ? InteractivelyReadLineOrSimulateInput()
                            : ReadLineOrSimulateInput();
                        if (prompt is null or "exit")
                        {
                            break;
                        }

                        messages.Add(new ChatMessage(ChatRole.User, prompt));
                        var response = await client.GetResponseAsync(messages);
                        messages.AddRange(response.Messages);
                    }
                }

                private string? InteractivelyReadLineOrSimulateInput()
                {
                    if (_instructions.Count > 0) { var next = _instructions[0]; _instructions.RemoveAt(0); return next; }
                    Console.Write("> ");
                    return Console.ReadLine();
                }

                private string? ReadLineOrSimulateInput()
                {
                    if (_instructions.Count > 0) { var next = _instructions[0]; _instructions.RemoveAt(0); return next; }
                    return Console.ReadLine();
                }
            }
            """);
    }

    [Fact]
    public async Task Input_read_in_only_one_arm_of_a_conditional_does_not_pace_the_loop()
    {
        // The other arm feeds the model's own answer back: those passes wait for nobody.
        await VerifyAsync(
            """
            public static class SelfTalk
            {
                public static async Task RunAsync(IChatClient client, bool askUser)
                {
                    var messages = new List<ChatMessage>();
                    var last = "Begin.";
                    {|AGR0003:{|AGR0002:while|}|} (true)
                    {
                        var prompt = askUser ? Console.ReadLine() : "Continue from: " + last;
                        if (prompt == "exit")
                        {
                            break;
                        }

                        messages.Add(new ChatMessage(ChatRole.User, prompt));
                        var response = await client.GetResponseAsync(messages);
                        messages.AddRange(response.Messages);
                        last = response.Text;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Input_read_in_both_branches_of_an_if_else_paces_the_loop()
    {
        await VerifyAsync(
            """
            public static class TwoModes
            {
                public static async Task RunAsync(IChatClient client, bool multiLine)
                {
                    var messages = new List<ChatMessage>();
                    while (true)
                    {
                        string? input;
                        if (multiLine)
                        {
                            input = Console.ReadLine() + "\n" + Console.ReadLine();
                        }
                        else
                        {
                            input = Console.ReadLine();
                        }

                        if (string.IsNullOrEmpty(input))
                        {
                            break;
                        }

                        messages.Add(new ChatMessage(ChatRole.User, input));
                        messages.AddRange((await client.GetResponseAsync(messages)).Messages);
                    }
                }
            }
            """);
    }

    private const string LoopDriver = """
        public enum StepKind { Continue, Terminal }

        public sealed record Step(StepKind Kind, string? Next);

        public sealed class RunState
        {
            public int Depth { get; set; }
        }

        public sealed class Options
        {
            public int MaxDepth { get; set; } = 25;
        }

        """;

    [Fact]
    public async Task A_loop_that_stops_when_its_driver_reports_the_depth_cap_is_capped()
    {
        // The driver counts the passes and answers Terminal once the count reaches the limit; the loop leaves on it.
        await VerifyAsync(
            LoopDriver + """
            public sealed class Driver(RunState state, Options options)
            {
                public Task<Step> ProcessAsync(string response, CancellationToken cancellationToken)
                {
                    int maxDepth = options.MaxDepth;
                    if (response.Contains("DONE"))
                    {
                        state.Depth = 0;
                        return Task.FromResult(new Step(StepKind.Terminal, null));
                    }

                    if (maxDepth > 0 && state.Depth >= maxDepth)
                    {
                        state.Depth = 0;
                        return Task.FromResult(new Step(StepKind.Terminal, null));
                    }

                    state.Depth++;
                    return Task.FromResult(new Step(StepKind.Continue, "Tool results: ..."));
                }
            }

            public sealed class HeadlessAgent(IChatClient client, Driver driver)
            {
                public async Task RunAsync(string prompt, CancellationToken cancellationToken)
                {
                    var messages = new List<ChatMessage> { new(ChatRole.User, prompt) };
                    while (true)
                    {
                        var response = await client.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        Step step;
                        step = await driver.ProcessAsync(response.Text, cancellationToken).ConfigureAwait(false);
                        if (step.Kind == StepKind.Terminal)
                        {
                            break;
                        }

                        messages.Add(new ChatMessage(ChatRole.User, step.Next));
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_driver_that_compares_a_count_it_never_advances_or_only_reads_the_model_is_no_cap()
    {
        await VerifyAsync(
            LoopDriver + """
            public sealed class Driver(RunState state, Options options)
            {
                public Step Process(string response)
                {
                    if (state.Depth >= options.MaxDepth || response.Contains("DONE"))
                    {
                        return new Step(StepKind.Terminal, null);
                    }

                    return new Step(StepKind.Continue, "Go on.");
                }

                public Step Judge(string response) =>
                    response.Contains("DONE") ? new Step(StepKind.Terminal, null) : new Step(StepKind.Continue, "Go on.");
            }

            public sealed class HeadlessAgent(IChatClient client, Driver driver)
            {
                public async Task RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    {|AGR0002:while|} (true)
                    {
                        var response = await client.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        var step = driver.Process(response.Text);
                        if (step.Kind == StepKind.Terminal)
                        {
                            break;
                        }

                        messages.Add(new ChatMessage(ChatRole.User, step.Next));
                    }

                    {|AGR0002:while|} (true)
                    {
                        var response = await client.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        var step = driver.Judge(response.Text);
                        if (step.Kind == StepKind.Terminal)
                        {
                            break;
                        }

                        messages.Add(new ChatMessage(ChatRole.User, step.Next));
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

    [Fact]
    public async Task A_loop_that_posts_through_the_apps_http_helper_with_the_endpoint_at_the_caller_is_an_agent_loop()
    {
        // The helper takes the URL as a parameter; the endpoint is spelled where it is called, in a property.
        await VerifyAsync(
            """
            internal static class Http
            {
                private static readonly HttpClient Client = new();

                public static async Task<string> StreamPostAsync(string url, string body, TimeSpan timeout)
                {
                    using var cts = new CancellationTokenSource(timeout);
                    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body) };
                    using var response = await Client.SendAsync(request, cts.Token);
                    return await response.Content.ReadAsStringAsync();
                }
            }

            public sealed class Backend
            {
                private string Base => "https://api.example.com/v1";
                private string ChatUrl => Base + "/chat/completions";

                public Task<string> CompleteAsync(string body) => Http.StreamPostAsync(ChatUrl, body, TimeSpan.FromSeconds(60));
            }

            public sealed class Agent(Backend backend)
            {
                public async Task<string> RunAsync(string body)
                {
                    {|AGR0003:{|AGR0002:while|}|} (true)
                    {
                        var reply = await backend.CompleteAsync(body);
                        if (reply.Contains("DONE"))
                        {
                            return reply;
                        }

                        body += reply;
                    }
                }
            }
            """,
            "Agent loop calling 'CompleteAsync → Http.StreamPostAsync → HttpClient.SendAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'CompleteAsync → Http.StreamPostAsync → HttpClient.SendAsync' does not observe a kill switch or cancellation: no CancellationToken reaches 'StreamPostAsync' through 'CompleteAsync' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task The_same_http_helper_posting_to_a_web_api_is_no_model_call()
    {
        await VerifyAsync(
            """
            internal static class Http
            {
                private static readonly HttpClient Client = new();

                public static async Task<string> PostAsync(string url, string body)
                {
                    using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body) });
                    return await response.Content.ReadAsStringAsync();
                }
            }

            public sealed class Poller
            {
                private const string Completions = "https://api.example.com/v1/chat/completions";
                private const string Orders = "https://shop.example.com/api/orders";

                public async Task RunAsync(string body)
                {
                    while (true)
                    {
                        var reply = await Http.PostAsync(Orders, body);
                        if (reply.Length == 0)
                        {
                            return;
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_foreach_over_the_tool_calls_of_one_response_is_a_step_of_the_loop_around_it()
    {
        // The tool itself asks a model (a vision call); the outer loop is the agent loop and is reported once.
        await VerifyAsync(
            """
            public sealed class Agent(IChatClient client)
            {
                public async Task<string> RunAsync(List<ChatMessage> messages)
                {
                    {|AGR0003:for|} (var step = 0; step < 6; step++)
                    {
                        var response = await client.GetResponseAsync(messages);
                        var calls = new List<FunctionCallContent>();
                        foreach (var message in response.Messages)
                        {
                            foreach (var content in message.Contents)
                            {
                                if (content is FunctionCallContent call)
                                {
                                    calls.Add(call);
                                }
                            }
                        }

                        if (calls.Count == 0)
                        {
                            return response.Text;
                        }

                        foreach (var call in calls)
                        {
                            messages.Add(new ChatMessage(ChatRole.Tool, await DescribeImageAsync(call.CallId)));
                        }
                    }

                    return "";
                }

                private async Task<string> DescribeImageAsync(string image) => (await client.GetResponseAsync(image)).Text;
            }
            """,
            "Agent loop calling 'IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'GetResponseAsync' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task A_foreach_whose_enclosing_loop_asks_no_model_itself_is_still_judged_on_its_own()
    {
        await VerifyAsync(
            """
            public sealed class Batch(IChatClient client)
            {
                public async Task RunAsync(List<List<string>> pages)
                {
                    for (var i = 0; i < pages.Count; i++)
                    {
                        {|AGR0003:foreach|} (var question in pages[i])
                        {
                            await client.GetResponseAsync(question);
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_token_whose_cancellation_a_catch_all_swallows_before_retrying_is_no_stop_signal()
    {
        await VerifyAsync(
            """
            public sealed class Worker(IChatClient client)
            {
                public async Task RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    for (var turn = 0; turn < 20; turn++)
                    {
                        try
                        {
                            var response = await client.GetResponseAsync(messages, cancellationToken: cancellationToken);
                            if (response.FinishReason == ChatFinishReason.Stop)
                            {
                                return;
                            }

                            messages.AddRange(response.Messages);
                        }
                        catch (Exception error)
                        {
                            Console.WriteLine(error.Message);
                            await Task.Delay(1000);
                            continue;
                        }
                    }

                    {|AGR0003:while|} (messages.Count < 500)
                    {
                        try
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            messages.AddRange((await client.GetResponseAsync(messages, cancellationToken: cancellationToken)).Messages);
                        }
                        catch
                        {
                        }
                    }

                    {|AGR0003:while|} (messages.Count < 900)
                    {
                        try
                        {
                            messages.AddRange((await client.GetResponseAsync(messages, cancellationToken: cancellationToken)).Messages);
                        }
                        catch (Exception)
                        {
                            await Task.Delay(1000, CancellationToken.None);
                        }
                    }
                }
            }
            """.Replace("for (var turn", "{|AGR0003:for|} (var turn", System.StringComparison.Ordinal),
            "Agent loop calling 'IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: the cancellation of 'GetResponseAsync' is swallowed by catch (Exception), which goes on with the loop, and nothing else checks a token or a KillSwitch",
            "Agent loop calling 'IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: the cancellation of 'GetResponseAsync' is swallowed by catch, which goes on with the loop, and nothing else checks a token or a KillSwitch",
            "Agent loop calling 'IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: the cancellation of 'GetResponseAsync' is swallowed by catch (Exception), which goes on with the loop, and nothing else checks a token or a KillSwitch");
    }

    [Fact]
    public async Task A_catch_that_lets_the_cancellation_out_or_a_loop_that_checks_the_token_keeps_the_stop_signal()
    {
        await VerifyAsync(
            """
            public sealed class Worker(IChatClient client)
            {
                public async Task RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    for (var turn = 0; turn < 20; turn++)
                    {
                        try
                        {
                            messages.AddRange((await client.GetResponseAsync(messages, cancellationToken: cancellationToken)).Messages);
                        }
                        catch (OperationCanceledException)
                        {
                            throw;
                        }
                        catch (Exception error)
                        {
                            Console.WriteLine(error.Message);
                        }
                    }

                    for (var turn = 0; turn < 20; turn++)
                    {
                        try
                        {
                            messages.AddRange((await client.GetResponseAsync(messages, cancellationToken: cancellationToken)).Messages);
                        }
                        catch (Exception error) when (error is not OperationCanceledException)
                        {
                            Console.WriteLine(error.Message);
                        }
                    }

                    for (var turn = 0; turn < 20 && !cancellationToken.IsCancellationRequested; turn++)
                    {
                        try
                        {
                            messages.AddRange((await client.GetResponseAsync(messages, cancellationToken: cancellationToken)).Messages);
                        }
                        catch (Exception)
                        {
                            continue;
                        }
                    }

                    // A retry that backs off with the token: a cancelled token throws from the delay, out of the catch.
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            messages.AddRange((await client.GetResponseAsync(messages, cancellationToken: cancellationToken)).Messages);
                            break;
                        }
                        catch (Exception error)
                        {
                            Console.WriteLine(error.Message);
                            await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }
            """);
    }
}
