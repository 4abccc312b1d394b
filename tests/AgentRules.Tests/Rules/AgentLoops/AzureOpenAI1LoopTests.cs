using System.Threading.Tasks;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// AGR0002 and AGR0003 on the Azure.AI.OpenAI 1.0 line, compiled against the real 1.0.0-beta.6 (the one 1.0 beta the
/// registry serves) without the 2.x assembly of the same name: <c>OpenAIClient.GetChatCompletionsAsync</c> in a
/// function-calling loop, capped or not, with a token or not; and the later betas' one-argument
/// <c>GetChatCompletionsAsync(options)</c>, which fits none of beta.6's overloads (code written for another beta) but
/// is still that model call.
/// </summary>
public class AzureOpenAI1LoopTests
{
    // The function-calling loop of the 1.0 betas: the model asks for a function (FinishReason FunctionCall), the
    // loop runs it and sends its result back as a Function-role message, until the model stops asking.
    private const string Preamble = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Azure.AI.OpenAI;

        public static class WeatherAssistant
        {
            private static string GetWeather(string arguments) => arguments.Contains("London") ? "rainy" : "sunny";

            private static ChatCompletionsOptions CreateOptions(string question)
            {
                var options = new ChatCompletionsOptions();
                options.Functions.Add(new FunctionDefinition("get_weather") { Description = "Gets the current weather for a city." });
                options.Messages.Add(new ChatMessage(ChatRole.User, question));
                return options;
            }

        """;

    [Fact]
    public async Task Uncapped_while_true_function_loop_without_a_token_is_reported_by_both_rules()
    {
        await Verify(
            """
                public static async Task<string> AskAsync(OpenAIClient client, string question)
                {
                    var options = CreateOptions(question);
                    {|AGR0003:{|AGR0002:while|}|} (true)
                    {
                        var response = await client.GetChatCompletionsAsync("gpt-35-turbo", options);
                        var choice = response.Value.Choices[0];
                        options.Messages.Add(choice.Message);
                        if (choice.FinishReason != CompletionsFinishReason.FunctionCall)
                        {
                            return choice.Message.Content;
                        }

                        options.Messages.Add(new ChatMessage(ChatRole.Function, GetWeather(choice.Message.FunctionCall.Arguments)));
                    }
                }
            }
            """,
            "Agent loop calling 'OpenAIClient.GetChatCompletionsAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'OpenAIClient.GetChatCompletionsAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'GetChatCompletionsAsync' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task Capped_loop_that_passes_a_token_is_not_reported()
    {
        await Verify(
            """
                public static async Task<string?> AskAsync(OpenAIClient client, string question, CancellationToken cancellationToken)
                {
                    var options = CreateOptions(question);
                    for (var step = 0; step < 8; step++)
                    {
                        var choice = (await client.GetChatCompletionsAsync("gpt-35-turbo", options, cancellationToken)).Value.Choices[0];
                        options.Messages.Add(choice.Message);
                        if (choice.FinishReason != CompletionsFinishReason.FunctionCall)
                        {
                            return choice.Message.Content;
                        }

                        options.Messages.Add(new ChatMessage(ChatRole.Function, GetWeather(choice.Message.FunctionCall.Arguments)));
                    }

                    return null;
                }
            }
            """);
    }

    [Fact]
    public async Task Capped_loop_without_a_token_is_reported_by_AGR0003_only()
    {
        await Verify(
            """
                public static string? Ask(OpenAIClient client, string question)
                {
                    var options = CreateOptions(question);
                    {|AGR0003:for|} (var step = 0; step < 8; step++)
                    {
                        var choice = client.GetChatCompletions("gpt-35-turbo", options).Value.Choices[0];
                        options.Messages.Add(choice.Message);
                        if (choice.FinishReason != CompletionsFinishReason.FunctionCall)
                        {
                            return choice.Message.Content;
                        }

                        options.Messages.Add(new ChatMessage(ChatRole.Function, GetWeather(choice.Message.FunctionCall.Arguments)));
                    }

                    return null;
                }
            }
            """,
            "Agent loop calling 'OpenAIClient.GetChatCompletions' does not observe a kill switch or cancellation: no CancellationToken is passed to 'GetChatCompletions' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task Uncapped_loop_that_passes_a_token_is_reported_by_AGR0002_only()
    {
        await Verify(
            """
                public static async Task<string> AskAsync(OpenAIClient client, string question, CancellationToken cancellationToken)
                {
                    var options = CreateOptions(question);
                    {|AGR0002:while|} (true)
                    {
                        var choice = (await client.GetChatCompletionsAsync("gpt-35-turbo", options, cancellationToken)).Value.Choices[0];
                        options.Messages.Add(choice.Message);
                        if (choice.FinishReason != CompletionsFinishReason.FunctionCall)
                        {
                            return choice.Message.Content;
                        }

                        options.Messages.Add(new ChatMessage(ChatRole.Function, GetWeather(choice.Message.FunctionCall.Arguments)));
                    }
                }
            }
            """,
            "Agent loop calling 'OpenAIClient.GetChatCompletionsAsync' has no iteration cap: no counter, bound or step limit ends it");
    }

    [Fact]
    public async Task A_later_betas_one_argument_call_that_fits_no_beta_6_overload_is_still_the_model_call()
    {
        // Azure.AI.OpenAI's later 1.0 betas moved the deployment name into the options; against beta.6 the call binds
        // to no overload (CS7036), but every candidate is OpenAIClient.GetChatCompletionsAsync.
        await Verify(
            """
                public static async Task<string> AskAsync(OpenAIClient client, string question)
                {
                    var options = CreateOptions(question);
                    {|AGR0003:{|AGR0002:while|}|} (true)
                    {
                        var response = await client.{|CS7036:GetChatCompletionsAsync|}(options);
                        var choice = response.Value.Choices[0];
                        options.Messages.Add(choice.Message);
                        if (choice.FinishReason == CompletionsFinishReason.Stopped)
                        {
                            return choice.Message.Content;
                        }

                        options.Messages.Add(new ChatMessage(ChatRole.Function, GetWeather(choice.Message.FunctionCall.Arguments)));
                    }
                }
            }
            """,
            "Agent loop calling 'OpenAIClient.GetChatCompletionsAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'OpenAIClient.GetChatCompletionsAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'GetChatCompletionsAsync' and nothing checks one or a KillSwitch",
            "There is no argument given that corresponds to the required parameter 'chatCompletionsOptions' of 'OpenAIClient.GetChatCompletionsAsync(string, ChatCompletionsOptions, CancellationToken)'");
    }

    [Fact]
    public async Task A_call_that_fits_no_overload_passes_the_token_it_carries()
    {
        // The token is an argument even though the call binds to no overload (CS1503: the options where the
        // deployment name goes): it reaches the model call, so only the missing cap is reported.
        await Verify(
            """
                public static async Task<string> AskAsync(OpenAIClient client, string question, CancellationToken cancellationToken)
                {
                    var options = CreateOptions(question);
                    {|AGR0002:while|} (true)
                    {
                        var response = await client.GetChatCompletionsAsync({|CS1503:options|}, {|CS1503:cancellationToken|});
                        var choice = response.Value.Choices[0];
                        options.Messages.Add(choice.Message);
                        if (choice.FinishReason == CompletionsFinishReason.Stopped)
                        {
                            return choice.Message.Content;
                        }
                    }
                }
            }
            """,
            "Agent loop calling 'OpenAIClient.GetChatCompletionsAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Argument 1: cannot convert from 'Azure.AI.OpenAI.ChatCompletionsOptions' to 'string'",
            "Argument 2: cannot convert from 'System.Threading.CancellationToken' to 'Azure.AI.OpenAI.ChatCompletionsOptions'");
    }

    [Fact]
    public async Task A_call_that_fits_no_overload_of_a_member_that_is_not_a_model_call_stays_unknown()
    {
        // GetEmbeddingsAsync is no chat model call: the loop around its unbound call is not an agent loop.
        await Verify(
            """
                public static async Task EmbedAllAsync(OpenAIClient client, string[] texts)
                {
                    var index = 0;
                    while (true)
                    {
                        var embeddings = await client.{|CS7036:GetEmbeddingsAsync|}(new EmbeddingsOptions(texts[index]));
                        if (++index == texts.Length || embeddings.Value.Data.Count == 0)
                        {
                            return;
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_method_group_that_converts_to_no_delegate_is_no_model_call()
    {
        // Overload resolution fails here too, but nothing is called: only an invocation can be the model call.
        await Verify(
            """
                public static int Count(OpenAIClient client, ChatCompletionsOptions options)
                {
                    var count = 0;
                    while (true)
                    {
                        Func<ChatCompletionsOptions, Task> ask = client.{|CS0123:GetChatCompletionsAsync|};
                        if (++count > options.Messages.Count || ask is null)
                        {
                            return count;
                        }
                    }
                }
            }
            """);
    }

    private static Task Verify(string members, params string[] messages)
    {
        var test = new AgentLoopRulesTest { Source = Preamble + members, References = TestReferences.AzureOpenAI1Project };
        test.ExpectedMessages.AddRange(messages);
        return test.RunAsync();
    }
}
