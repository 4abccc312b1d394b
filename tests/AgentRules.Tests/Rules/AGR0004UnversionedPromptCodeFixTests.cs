using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>The AGR0004 code fix (declare the prompt: annotate the constant that holds the text, or extract a literal into one).</summary>
public class AGR0004UnversionedPromptCodeFixTests
{
    [Fact]
    public async Task Declares_a_feedback_message_a_loop_sends_back_to_the_model()
    {
        await new CodeFixTest<AGR0004UnversionedPromptAnalyzer, AGR0004UnversionedPromptCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                namespace Support;

                public sealed class JsonAnswers(IChatClient client)
                {
                    public async Task<ChatResponse> AskAsync(List<ChatMessage> history)
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            var response = await client.GetResponseAsync(history);
                            if (response.Text.StartsWith("{"))
                            {
                                return response;
                            }

                            history.Add(new ChatMessage(ChatRole.User, [|"Your answer was not valid JSON. Answer again with JSON only."|]));
                        }

                        return new ChatResponse();
                    }
                }
                """,
            FixedSource = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using AgentRules;
                using Microsoft.Extensions.AI;

                namespace Support;

                public sealed class JsonAnswers(IChatClient client)
                {
                    [Prompt("json_answers.feedback", Version = 1)]
                    private const string FeedbackPrompt = "Your answer was not valid JSON. Answer again with JSON only.";

                    public async Task<ChatResponse> AskAsync(List<ChatMessage> history)
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            var response = await client.GetResponseAsync(history);
                            if (response.Text.StartsWith("{"))
                            {
                                return response;
                            }

                            history.Add(new ChatMessage(ChatRole.User, FeedbackPrompt));
                        }

                        return new ChatResponse();
                    }
                }
                """,
            ExpectedCodeActionTitle = "Declare the text as prompt 'json_answers.feedback'",
        }.RunAsync();
    }

    [Fact]
    public async Task Extracts_a_literal_into_a_prompt_constant_of_the_containing_type()
    {
        await new CodeFixTest<AGR0004UnversionedPromptAnalyzer, AGR0004UnversionedPromptCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using Microsoft.Extensions.AI;

                namespace Support;

                public sealed class SupportConversation(IChatClient chatClient)
                {
                    private readonly List<ChatMessage> _history =
                    [
                        new(ChatRole.System, [|"You are a friendly support agent. Be brief."|]),
                    ];

                    public IChatClient Client => chatClient;
                }
                """,
            FixedSource = """
                using System.Collections.Generic;
                using AgentRules;
                using Microsoft.Extensions.AI;

                namespace Support;

                public sealed class SupportConversation(IChatClient chatClient)
                {
                    [Prompt("support_conversation.system", Version = 1)]
                    private const string SystemPrompt = "You are a friendly support agent. Be brief.";
                    private readonly List<ChatMessage> _history =
                    [
                        new(ChatRole.System, SystemPrompt),
                    ];

                    public IChatClient Client => chatClient;
                }
                """,
            ExpectedCodeActionTitle = "Declare the text as prompt 'support_conversation.system'",
        }.RunAsync();
    }

    [Fact]
    public async Task Annotates_the_constant_field_or_method_that_holds_the_text()
    {
        await new CodeFixTest<AGR0004UnversionedPromptAnalyzer, AGR0004UnversionedPromptCodeFix>
        {
            Sources =
            {
                """
                public static class Prompts
                {
                    public const string Narrator = "You narrate a text adventure.";

                    public static readonly string SYSTEM_PROMPT = "You are terse.";

                    public static string Greeting(string name) => $"Greet {name} warmly.";
                }
                """,
                """
                using Microsoft.Extensions.AI;

                public static class Game
                {
                    public static ChatMessage[] Build(string name) =>
                    [
                        new(ChatRole.System, [|Prompts.Narrator|]),
                        new(ChatRole.System, [|Prompts.Narrator|]),
                        new(ChatRole.System, [|Prompts.SYSTEM_PROMPT|]),
                        new(ChatRole.System, [|Prompts.Greeting(name)|]),
                    ];
                }
                """,
            },
            FixedSources =
            {
                """
                using AgentRules;

                public static class Prompts
                {
                    [Prompt("prompts.narrator", Version = 1)]
                    public const string Narrator = "You narrate a text adventure.";

                    [Prompt("prompts.system_prompt", Version = 1)]
                    public static readonly string SYSTEM_PROMPT = "You are terse.";

                    [Prompt("prompts.greeting", Version = 1)]
                    public static string Greeting(string name) => $"Greet {name} warmly.";
                }
                """,
                """
                using Microsoft.Extensions.AI;

                public static class Game
                {
                    public static ChatMessage[] Build(string name) =>
                    [
                        new(ChatRole.System, Prompts.Narrator),
                        new(ChatRole.System, Prompts.Narrator),
                        new(ChatRole.System, Prompts.SYSTEM_PROMPT),
                        new(ChatRole.System, Prompts.Greeting(name)),
                    ];
                }
                """,
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Fix_all_keeps_names_and_ids_unique_and_extracts_local_initializers()
    {
        await new CodeFixTest<AGR0004UnversionedPromptAnalyzer, AGR0004UnversionedPromptCodeFix>
        {
            Source = """
                using AgentRules;
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public sealed class TravelAgents(IChatClient chatClient)
                {
                    [Prompt("travel_agents.instructions")]
                    private const string Existing = "You are the travel desk.";

                    public AIAgent Planner() => chatClient.AsAIAgent(instructions: [|"You plan trips."|], name: "Planner");

                    public AIAgent Booker()
                    {
                        var instructions = "You book flights and hotels.";
                        return chatClient.AsAIAgent(instructions: [|instructions|], name: "Booker");
                    }

                    public AIAgent Desk() => chatClient.AsAIAgent(instructions: Existing);
                }
                """,
            FixedSource = """
                using AgentRules;
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public sealed class TravelAgents(IChatClient chatClient)
                {
                    [Prompt("travel_agents.instructions")]
                    private const string Existing = "You are the travel desk.";
                    [Prompt("travel_agents.instructions_2", Version = 1)]
                    private const string Instructions = "You plan trips.";
                    [Prompt("travel_agents.instructions_3", Version = 1)]
                    private const string Instructions2 = "You book flights and hotels.";

                    public AIAgent Planner() => chatClient.AsAIAgent(instructions: Instructions, name: "Planner");

                    public AIAgent Booker()
                    {
                        var instructions = Instructions2;
                        return chatClient.AsAIAgent(instructions: instructions, name: "Booker");
                    }

                    public AIAgent Desk() => chatClient.AsAIAgent(instructions: Existing);
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Offers_nothing_for_text_that_is_not_constant()
    {
        var test = new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.IO;
                using Microsoft.Extensions.AI;

                public static class Chat
                {
                    public static ChatMessage[] Build(string user) =>
                    [
                        new(ChatRole.System, [|$"You are talking to {user}."|]),
                        new(ChatRole.System, [|File.ReadAllText("system.md")|]),
                    ];
                }
                """,
        };
        await test.RunAsync();

        var project = test.CreateProject(new[] { test.Source.Replace("[|", "").Replace("|]", "") }, test.AdditionalFiles);
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(new AGR0004UnversionedPromptAnalyzer()));
        Assert.Equal(2, diagnostics.Length);
        foreach (var diagnostic in diagnostics)
        {
            var actions = new System.Collections.Generic.List<CodeAction>();
            await new AGR0004UnversionedPromptCodeFix().RegisterCodeFixesAsync(new CodeFixContext(project.Documents.Single(), diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
            Assert.Empty(actions);
        }
    }
}
