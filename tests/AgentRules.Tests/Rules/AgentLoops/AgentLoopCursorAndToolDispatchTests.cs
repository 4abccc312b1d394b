using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// AGR0002/AGR0003 on two shapes of real agent code (issue 18, tests/Corpus): a loop that walks a finite range through
/// a helper that is given a cursor and a bound, and a <c>foreach</c> over one response's tool calls written in a helper.
/// Each runs against the real Microsoft.Extensions.AI package.
/// </summary>
public class AgentLoopCursorAndToolDispatchTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    private const string Pages = """
        public static class Pages
        {
            public static (int First, int Last)? Next(int lastPage, int size, int pageCount)
            {
                var first = Math.Max(1, lastPage + 1);
                if (first > pageCount)
                {
                    return null;
                }

                return (first, Math.Min(first + size - 1, pageCount));
            }

            public static string? Slice(string text, int offset, int size)
            {
                if (offset >= text.Length)
                {
                    return null;
                }

                return text.Substring(offset, Math.Min(size, text.Length - offset));
            }

            public static string? Until(string answer, int lastPage)
            {
                if (answer.Contains("DONE"))
                {
                    return null;
                }

                return answer;
            }
        }

        """;

    private static Task VerifyAsync(string source, params string[] messages)
    {
        var test = new AgentLoopRulesTest { Source = Usings + Pages + source };
        test.ExpectedMessages.AddRange(messages);
        return test.RunAsync();
    }

    [Fact]
    public async Task A_loop_that_walks_a_range_through_a_helper_given_a_cursor_and_a_bound_is_capped()
    {
        await VerifyAsync(
            """
            public sealed class Digester(IChatClient client)
            {
                public async Task<List<string>> RunAsync(int pageCount, int size, CancellationToken ct)
                {
                    var notes = new List<string>();
                    var lastPage = 0;
                    while (true)
                    {
                        var chunk = Pages.Next(lastPage, size, pageCount);
                        if (chunk == null)
                        {
                            break;
                        }

                        var (first, last) = chunk.Value;
                        var response = await client.GetResponseAsync($"Summarize pages {first}-{last}", cancellationToken: ct);
                        notes.Add(response.Text);
                        lastPage = last;
                    }

                    return notes;
                }

                public async Task<List<string>> SummarizeAsync(string text, CancellationToken ct)
                {
                    var notes = new List<string>();
                    var offset = 0;
                    while (true)
                    {
                        var slice = Pages.Slice(text, offset, 4000);
                        if (slice is null)
                        {
                            return notes;
                        }

                        notes.Add((await client.GetResponseAsync(slice, cancellationToken: ct)).Text);
                        offset += 4000;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_cursor_the_loop_does_not_move_on_or_sets_back_or_a_bound_it_changes_is_no_cap()
    {
        const string Message = "Agent loop calling 'IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it";
        await VerifyAsync(
            """
            public sealed class Digester(IChatClient client)
            {
                public async Task NeverMovedAsync(int pageCount, CancellationToken ct)
                {
                    var lastPage = 0;
                    {|AGR0002:while|} (true)
                    {
                        var chunk = Pages.Next(lastPage, 5, pageCount);
                        if (chunk == null)
                        {
                            break;
                        }

                        await client.GetResponseAsync("Summarize", cancellationToken: ct);
                    }
                }

                public async Task SetBackAsync(int pageCount, CancellationToken ct)
                {
                    var lastPage = 0;
                    {|AGR0002:while|} (true)
                    {
                        var chunk = Pages.Next(lastPage, 5, pageCount);
                        if (chunk == null)
                        {
                            break;
                        }

                        var response = await client.GetResponseAsync("Summarize", cancellationToken: ct);
                        lastPage = response.Text.Contains("AGAIN") ? 0 : chunk.Value.Last;
                        if (response.Text.Contains("RESTART"))
                        {
                            lastPage = 0;
                        }
                    }
                }

                public async Task MovingBoundAsync(int pageCount, CancellationToken ct)
                {
                    var lastPage = 0;
                    {|AGR0002:while|} (true)
                    {
                        var chunk = Pages.Next(lastPage, 5, pageCount);
                        if (chunk == null)
                        {
                            break;
                        }

                        await client.GetResponseAsync("Summarize", cancellationToken: ct);
                        lastPage = chunk.Value.Last;
                        pageCount = pageCount + 5;
                    }
                }

                public async Task ModelDecidesAsync(CancellationToken ct)
                {
                    var lastPage = 0;
                    var answer = "";
                    {|AGR0002:while|} (true)
                    {
                        var next = Pages.Until(answer, lastPage);
                        if (next == null)
                        {
                            break;
                        }

                        answer = (await client.GetResponseAsync(next, cancellationToken: ct)).Text;
                        lastPage = answer.Length;
                    }
                }
            }
            """,
            Message,
            Message,
            Message,
            Message);
    }

    [Fact]
    public async Task A_helper_that_runs_one_responses_tool_calls_is_a_step_of_the_loop_that_asked_even_with_a_catch_all()
    {
        await VerifyAsync(
            """
            public sealed class Runner(IChatClient client, IList<AIFunction> tools)
            {
                public async Task<string> RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    for (var turn = 0; turn < 10; turn++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var response = await client.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        messages.AddRange(response.Messages);
                        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
                        if (calls.Count == 0)
                        {
                            return response.Text;
                        }

                        messages.Add(await RunToolsAsync(calls, cancellationToken));
                    }

                    return "";
                }

                private async Task<ChatMessage> RunToolsAsync(IReadOnlyList<FunctionCallContent> calls, CancellationToken cancellationToken)
                {
                    var results = new List<AIContent>();
                    foreach (var call in calls)
                    {
                        var function = tools.FirstOrDefault(t => t.Name == call.Name);
                        if (function is null)
                        {
                            results.Add(new FunctionResultContent(call.CallId, "Unknown tool"));
                            continue;
                        }

                        try
                        {
                            var result = await function.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken);
                            results.Add(new FunctionResultContent(call.CallId, result));
                        }
                        catch (Exception ex)
                        {
                            results.Add(new FunctionResultContent(call.CallId, "Error: " + ex.Message));
                        }
                    }

                    return new ChatMessage(ChatRole.Tool, results);
                }

                // The same dispatch without a token: still the step of one response.
                public async Task RunAllAsync(IEnumerable<FunctionCallContent> calls)
                {
                    foreach (var call in calls)
                    {
                        await tools[0].InvokeAsync(new AIFunctionArguments(call.Arguments));
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_foreach_that_asks_a_model_or_runs_a_tool_per_document_is_still_judged()
    {
        await VerifyAsync(
            """
            public sealed class Runner(IChatClient client, AIFunction summarize)
            {
                public async Task ExplainAsync(IEnumerable<FunctionCallContent> calls)
                {
                    {|AGR0003:foreach|} (var call in calls)
                    {
                        await client.GetResponseAsync("Explain the tool call " + call.Name);
                    }
                }

                public async Task SummarizeAllAsync(IEnumerable<string> documents)
                {
                    {|AGR0003:foreach|} (var document in documents)
                    {
                        await summarize.InvokeAsync(new AIFunctionArguments { ["text"] = document });
                    }
                }
            }
            """,
            "Agent loop calling 'IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'GetResponseAsync' and nothing checks one or a KillSwitch",
            "Agent loop calling 'AIFunction.InvokeAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'InvokeAsync' and nothing checks one or a KillSwitch");
    }
    [Fact]
    public async Task A_timeout_source_made_on_every_pass_times_out_one_call_not_the_loop()
    {
        await VerifyAsync(
            """
            public sealed class Assistant(IChatClient client)
            {
                public async Task<string> AskAsync(List<ChatMessage> messages)
                {
                    {|AGR0002:while|} (true)
                    {
                        using var perCall = new CancellationTokenSource(TimeSpan.FromSeconds(120));
                        var response = await client.GetResponseAsync(messages, cancellationToken: perCall.Token);
                        messages.AddRange(response.Messages);
                        if (response.FinishReason != ChatFinishReason.ToolCalls)
                        {
                            return response.Text;
                        }
                    }
                }

                public async Task<string> AskRearmedAsync(List<ChatMessage> messages)
                {
                    using var perCall = new CancellationTokenSource();
                    {|AGR0002:while|} (true)
                    {
                        perCall.CancelAfter(TimeSpan.FromSeconds(120));
                        var response = await client.GetResponseAsync(messages, cancellationToken: perCall.Token);
                        messages.AddRange(response.Messages);
                        if (response.FinishReason != ChatFinishReason.ToolCalls)
                        {
                            return response.Text;
                        }
                    }
                }
            }
            """,
            "Agent loop calling 'IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it");
    }

    [Fact]
    public async Task A_timeout_source_made_before_the_loop_is_its_deadline()
    {
        await VerifyAsync(
            """
            public sealed class Assistant(IChatClient client)
            {
                public async Task<string> AskAsync(List<ChatMessage> messages)
                {
                    using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                    while (true)
                    {
                        var response = await client.GetResponseAsync(messages, cancellationToken: deadline.Token);
                        messages.AddRange(response.Messages);
                        if (response.FinishReason != ChatFinishReason.ToolCalls)
                        {
                            return response.Text;
                        }
                    }
                }
            }
            """);
    }
    [Fact]
    public async Task A_semantic_kernel_helper_that_runs_one_responses_function_calls_is_a_step_but_one_that_asks_again_is_judged()
    {
        await VerifyAsync(
            """
            namespace SkAgents
            {
            using Microsoft.SemanticKernel.ChatCompletion;

            public sealed class SkRunner(Microsoft.SemanticKernel.Kernel kernel, Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService chat)
            {
                public async Task RunAsync(Microsoft.SemanticKernel.ChatCompletion.ChatHistory history, CancellationToken cancellationToken)
                {
                    for (var round = 0; round < 8; round++)
                    {
                        var reply = await chat.GetChatMessageContentAsync(history, kernel: kernel, cancellationToken: cancellationToken);
                        history.Add(reply);
                        var calls = Microsoft.SemanticKernel.FunctionCallContent.GetFunctionCalls(reply).ToList();
                        if (calls.Count == 0)
                        {
                            return;
                        }

                        await RunCallsAsync(calls, history, cancellationToken);
                    }
                }

                private async Task RunCallsAsync(List<Microsoft.SemanticKernel.FunctionCallContent> calls, Microsoft.SemanticKernel.ChatCompletion.ChatHistory history, CancellationToken cancellationToken)
                {
                    foreach (var call in calls)
                    {
                        try
                        {
                            history.Add((await call.InvokeAsync(kernel, cancellationToken)).ToChatMessage());
                        }
                        catch (Exception ex)
                        {
                            history.AddUserMessage("The tool failed: " + ex.Message);
                        }
                    }
                }

                public async Task ExplainCallsAsync(List<Microsoft.SemanticKernel.FunctionCallContent> calls, Microsoft.SemanticKernel.ChatCompletion.ChatHistory history)
                {
                    {|AGR0003:foreach|} (var call in calls)
                    {
                        history.Add((await call.InvokeAsync(kernel)).ToChatMessage());
                        history.Add(await chat.GetChatMessageContentAsync(history, kernel: kernel));
                    }
                }
            }
            }
            """,
            "Agent loop calling 'FunctionCallContent.InvokeAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'InvokeAsync' and nothing checks one or a KillSwitch");
    }
}
