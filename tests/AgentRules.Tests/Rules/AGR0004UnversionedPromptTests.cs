using System.Collections.Immutable;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules;

public class AGR0004UnversionedPromptTests
{
    [Fact]
    public async Task Meai_system_message_with_a_literal_is_reported_with_the_site_kind()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class SupportChat(IChatClient chatClient)
                {
                    public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
                    {
                        List<ChatMessage> messages =
                        [
                            new ChatMessage(ChatRole.System, [|"You are a helpful support agent. Answer briefly."|]),
                            new ChatMessage(ChatRole.User, question),
                        ];
                        var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        return response.Text;
                    }
                }
                """,
            ExpectedMessages = { "Unversioned system message: a string literal is not a declared prompt" },
        }.RunAsync();
    }

    [Fact]
    public async Task Declared_prompts_and_user_messages_are_not_reported()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using AgentRules;
                using Microsoft.Extensions.AI;

                public static class Prompts
                {
                    [Prompt("support.system", Version = 2)]
                    public const string System = "You are a helpful support agent.";

                    [Prompt("support.summary")]
                    public static string Summary(string customer) => $"Summarise the conversation with {customer} in three bullet points.";
                }

                public sealed class SupportChat
                {
                    public List<ChatMessage> Build(string question, string customer) =>
                    [
                        new ChatMessage(ChatRole.System, Prompts.System),
                        new ChatMessage(ChatRole.System, Prompts.Summary(customer)),
                        new ChatMessage(ChatRole.System, $"{Prompts.System}\n\n{question}"),
                        new ChatMessage(ChatRole.User, "Where is my parcel?"),
                        new ChatMessage(ChatRole.Assistant, "It left the warehouse yesterday."),
                        new ChatMessage(ChatRole.System, question),
                        new ChatMessage(ChatRole.System, ""),
                    ];
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Text_flows_are_followed_through_locals_fields_properties_and_helpers()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System;
                using System.Collections.Generic;
                using System.IO;
                using System.Text;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public static class Prompts
                {
                    public const string Narrator = "You narrate a text adventure.";
                }

                public sealed class Chat
                {
                    private const string SystemPrompt = "You are terse.";
                    private static readonly string s_reviewer = "You review pull requests.";
                    private readonly string _instructions;
                    private string Persona { get; } = "You are a pirate.";

                    public Chat(string instructions) => _instructions = instructions;

                    public async Task<List<ChatMessage>> BuildAsync(string user, DateTime now)
                    {
                        var local = "You answer in French.";
                        var sb = new StringBuilder();
                        sb.AppendLine("Relevant documents:");
                        sb.AppendLine(user);
                        return
                        [
                            new ChatMessage(ChatRole.System, [|Prompts.Narrator|]),
                            new ChatMessage(ChatRole.System, [|SystemPrompt|]),
                            new ChatMessage(ChatRole.System, [|s_reviewer|]),
                            new ChatMessage(ChatRole.System, [|Persona|]),
                            new ChatMessage(ChatRole.System, [|local|]),
                            new ChatMessage(ChatRole.System, [|$"Today is {now:d}."|]),
                            new ChatMessage(ChatRole.System, [|"You are " + user|]),
                            new ChatMessage(ChatRole.System, [|await File.ReadAllTextAsync("prompts/system.md")|]),
                            new ChatMessage(ChatRole.System, [|sb.ToString()|]),
                            new ChatMessage(ChatRole.System, [|BuildPrompt(user)|]),
                            new ChatMessage(ChatRole.System, _instructions),
                            new ChatMessage(ChatRole.System, [|Environment.GetEnvironmentVariable("SYSTEM_PROMPT") ?? "You are helpful."|]),
                        ];
                    }

                    private static string BuildPrompt(string user) => $"Greet {user} by name.";
                }
                """,
            ExpectedMessages =
            {
                "Unversioned system message: constant 'Prompts.Narrator' is not a declared prompt",
                "Unversioned system message: constant 'Chat.SystemPrompt' is not a declared prompt",
                "Unversioned system message: field 'Chat.s_reviewer' is not a declared prompt",
                "Unversioned system message: property 'Chat.Persona' is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
                "Unversioned system message: an interpolated string is not a declared prompt",
                "Unversioned system message: a concatenated string is not a declared prompt",
                "Unversioned system message: text read from a file at run time is not a declared prompt",
                "Unversioned system message: text built with a StringBuilder is not a declared prompt",
                "Unversioned system message: an interpolated string returned by 'BuildPrompt' is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }
}
