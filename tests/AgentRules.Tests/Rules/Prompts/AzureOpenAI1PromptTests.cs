using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// AGR0004 on the Azure.AI.OpenAI 1.0 line, compiled against the real 1.0.0-beta.6 without the 2.x assembly of the
/// same name: its one message type, <c>ChatMessage(ChatRole role, string content)</c>, is a system message when the
/// role is <c>ChatRole.System</c>.
/// </summary>
public class AzureOpenAI1PromptTests
{
    [Fact]
    public async Task System_message_with_a_literal_is_reported()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            References = TestReferences.AzureOpenAI1Project,
            Source = """
                using System.Threading;
                using System.Threading.Tasks;
                using Azure.AI.OpenAI;

                public sealed class SupportChat(OpenAIClient client)
                {
                    public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
                    {
                        var system = ChatRole.System;
                        var options = new ChatCompletionsOptions
                        {
                            Messages =
                            {
                                new ChatMessage(ChatRole.System, [|"You are a helpful support agent. Answer briefly."|]),
                                new ChatMessage(system, [|"Never promise refunds."|]),
                                new ChatMessage(ChatRole.User, question),
                            },
                        };
                        var response = await client.GetChatCompletionsAsync("gpt-35-turbo", options, cancellationToken);
                        return response.Value.Choices[0].Message.Content;
                    }
                }
                """,
            ExpectedMessages =
            {
                "Unversioned system message: a string literal is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Declared_prompts_and_user_and_function_messages_are_not_reported()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            References = TestReferences.AzureOpenAI1Project,
            Source = """
                using System.Threading;
                using System.Threading.Tasks;
                using AgentRules;
                using Azure.AI.OpenAI;

                public static class Prompts
                {
                    [Prompt("support.system", Version = 2)]
                    public const string System = "You are a helpful support agent.";
                }

                public sealed class SupportChat(OpenAIClient client)
                {
                    public async Task<string> AskAsync(string question, string weather, CancellationToken cancellationToken)
                    {
                        var options = new ChatCompletionsOptions();
                        options.Messages.Add(new ChatMessage(ChatRole.System, Prompts.System));
                        options.Messages.Add(new ChatMessage(ChatRole.User, question));
                        options.Messages.Add(new ChatMessage(ChatRole.Function, weather));
                        var response = await client.GetChatCompletionsAsync("gpt-35-turbo", options, cancellationToken);
                        return response.Value.Choices[0].Message.Content;
                    }
                }
                """,
        }.RunAsync();
    }
}
