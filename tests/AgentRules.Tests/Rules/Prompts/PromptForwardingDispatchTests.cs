using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// AGR0004 on prompts handed to the app's own client abstraction (issue 18): a call of an <c>IChatService</c>-style
/// interface or an abstract/virtual member runs one of its implementations in the compilation, so when an
/// implementation puts the parameter into a system message on the real Microsoft.Extensions.AI or OpenAI types, the
/// caller's argument is the prompt site. With no implementation in the compilation, or implementations that never put
/// the parameter into a prompt, the call stays silent.
/// </summary>
public class PromptForwardingDispatchTests
{
    [Fact]
    public async Task A_prompt_passed_to_an_interface_whose_implementation_sends_it_as_a_system_message_is_reported_at_the_caller()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public interface IChatService
                {
                    Task<string> AskAsync(string systemPrompt, string question);
                }

                public sealed class MeaiChatService(IChatClient client) : IChatService
                {
                    public async Task<string> AskAsync(string systemPrompt, string question)
                    {
                        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, systemPrompt), new ChatMessage(ChatRole.User, question)]);
                        return response.Text;
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                public sealed class Reviewer(IChatService chat)
                {
                    public Task<string> ReviewAsync(string diff) =>
                        chat.AskAsync([|"You are a strict code reviewer. List every bug you find."|], diff);
                }
                """,
            },
            ExpectedMessages = { "Unversioned system message: a string literal is not a declared prompt" },
        }.RunAsync();
    }

    [Fact]
    public async Task A_prompt_passed_to_an_abstract_member_overridden_with_an_OpenAI_system_message_is_reported()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Threading.Tasks;
                using OpenAI.Chat;

                public abstract class LlmBackend
                {
                    public abstract Task<string> CompleteAsync(string instructions, string input);
                }

                public sealed class OpenAiBackend(ChatClient client) : LlmBackend
                {
                    public override async Task<string> CompleteAsync(string instructions, string input)
                    {
                        ChatCompletion completion = await client.CompleteChatAsync([new SystemChatMessage(instructions), new UserChatMessage(input)]);
                        return completion.Content[0].Text;
                    }
                }

                public sealed class Summarizer(LlmBackend backend)
                {
                    public Task<string> SummarizeAsync(string text) =>
                        backend.CompleteAsync([|"Summarize the text in three bullet points."|], text);
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task An_interface_without_implementation_or_whose_implementations_do_not_prompt_stays_silent()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public interface IRemoteLlm
                {
                    Task<string> AskAsync(string systemPrompt, string question);
                }

                public interface IAuditLog
                {
                    Task WriteAsync(string systemPrompt, string question);
                }

                public sealed class ConsoleAuditLog : IAuditLog
                {
                    public Task WriteAsync(string systemPrompt, string question)
                    {
                        Console.WriteLine(systemPrompt + ": " + question);
                        return Task.CompletedTask;
                    }
                }

                public sealed class Chat(IChatClient client) : IAuditLog
                {
                    Task IAuditLog.WriteAsync(string systemPrompt, string question) => Task.CompletedTask;

                    public Task<ChatResponse> AskAsync(string question) => client.GetResponseAsync(question);
                }

                public sealed class Caller(IRemoteLlm llm, IAuditLog log)
                {
                    public async Task RunAsync(string question)
                    {
                        await llm.AskAsync("You are a helpful assistant that answers briefly.", question);
                        await log.WriteAsync("You are a helpful assistant that answers briefly.", question);
                    }
                }
                """,
        }.RunAsync();
    }
}
