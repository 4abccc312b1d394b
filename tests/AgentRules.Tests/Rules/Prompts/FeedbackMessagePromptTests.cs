using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// AGR0004 on feedback a loop sends back to the model (issue 18): a user or assistant message with authored text that a
/// loop adds to the conversation it passes to the model on every pass — an evaluator's correction, a retry nudge — on
/// the real OpenAI, Microsoft.Extensions.AI and Semantic Kernel packages.
/// </summary>
public class FeedbackMessagePromptTests
{
    [Fact]
    public async Task Correction_messages_a_loop_feeds_back_to_the_model_are_prompt_sites()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;
                using OpenAI.Chat;
                using MeaiChatMessage = Microsoft.Extensions.AI.ChatMessage;
                using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

                public sealed class Loops
                {
                    public async Task<string> EvaluateAsync(ChatClient chat, List<OpenAIChatMessage> messages, int attempts)
                    {
                        for (var attempt = 0; attempt < attempts; attempt++)
                        {
                            ChatCompletion completion = await chat.CompleteChatAsync(messages);
                            var errors = Check(completion.Content[0].Text);
                            if (errors.Length == 0)
                            {
                                return completion.Content[0].Text;
                            }

                            messages.Add(OpenAIChatMessage.CreateAssistantMessage(
                                [|"The following issues have been found with the previous output, please fix: " + errors|]));
                        }

                        return "";
                    }

                    public async Task<ChatResponse> JsonAsync(IChatClient client, List<MeaiChatMessage> history)
                    {
                        while (true)
                        {
                            var response = await client.GetResponseAsync(history);
                            if (response.Text.StartsWith("{"))
                            {
                                return response;
                            }

                            history.Add(new MeaiChatMessage(ChatRole.User, [|"Your answer was not valid JSON. Answer again with JSON only."|]));
                        }
                    }

                    public async Task ReviseAsync(IChatCompletionService chat, ChatHistory history, Kernel kernel)
                    {
                        do
                        {
                            var reply = await chat.GetChatMessageContentAsync(history, kernel: kernel);
                            history.AddAssistantMessage(reply.Content ?? "");
                            history.AddUserMessage([|"Shorten it by half and keep the numbers."|]);
                        }
                        while (history.Count < 8);
                    }

                    private static string Check(string text) => text.Length > 10 ? "" : "too short";
                }
                """,
            ExpectedMessages =
            {
                "Unversioned feedback message: a concatenated string is not a declared prompt",
                "Unversioned feedback message: a string literal is not a declared prompt",
                "Unversioned feedback message: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task The_users_input_first_messages_and_messages_no_model_call_reads_are_not_feedback()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                public sealed class Chats
                {
                    public async Task ConsoleAsync(ChatClient chat)
                    {
                        List<ChatMessage> messages = [new UserChatMessage("Provide the weather for three suburbs.")];
                        while (true)
                        {
                            var line = Console.ReadLine() ?? "exit";
                            if (line == "exit")
                            {
                                break;
                            }

                            messages.Add(new UserChatMessage(line));
                            messages.Add(new AssistantChatMessage($" Context: \n{Lookup(line)}"));
                            ChatCompletion completion = await chat.CompleteChatAsync(messages);
                            messages.Add(new AssistantChatMessage(completion.Content[0].Text));
                        }
                    }

                    private static string Lookup(string question) => question.ToUpperInvariant();

                    public string Transcript(IEnumerable<string> turns)
                    {
                        var log = new List<ChatMessage>();
                        foreach (var turn in turns)
                        {
                            log.Add(new UserChatMessage("Logged turn"));
                            Console.WriteLine(string.Join(", ", log.Select(m => m.Content.Count)));
                        }

                        return log.Count.ToString();
                    }
                }
                """,
        }.RunAsync();
    }
}
