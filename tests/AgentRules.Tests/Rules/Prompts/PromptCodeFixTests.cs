using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Rules.Prompts;
using AgentRules.CodeFixes.Prompts;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

public class RecordPromptVersionCodeFixTests
{
    private static readonly string Triage = PromptVersionAnalyzerTests.TriageSha;

    [Fact]
    public async Task Creates_the_lock_file_when_the_project_has_none()
    {
        await new CodeFixTest<PromptVersionAnalyzer, RecordPromptVersionCodeFix>
        {
            Source = PromptVersionAnalyzerTests.TriageSource("{|AGR0010:Prompt(\"support.triage\", Version = 3)|}"),
            FixedSource = PromptVersionAnalyzerTests.TriageSource(),
            FixedAdditionalFiles = { ("AgentPrompts.lock", PromptLockFile.Header + $"support.triage 3 {Triage}\n") },
            ExpectedCodeActionTitle = "Record prompt 'support.triage' version 3 in AgentPrompts.lock",
        }.RunAsync();
    }

    [Fact]
    public async Task Inserts_lines_in_sorted_position_and_fix_all_records_everything_in_one_edit()
    {
        var other = PromptHash.Compute("other");
        var billing = PromptHash.Compute("You answer billing questions.");
        var escalation = PromptHash.Compute("You decide when to escalate.");
        await new CodeFixTest<PromptVersionAnalyzer, RecordPromptVersionCodeFix>
        {
            Source = """
                using AgentRules;

                public static class Prompts
                {
                    [{|AGR0010:Prompt("support.escalation", Version = 2)|}]
                    public const string Escalation = "You decide when to escalate.";

                    [{|AGR0010:Prompt("billing")|}]
                    public const string Billing = "You answer billing questions.";
                }
                """,
            AdditionalFiles = { ("AgentPrompts.lock", $"# our prompts\r\nsupport.escalation 1 {other}\r\nsupport.triage 3 {other}\r\n") },
            FixedSource = """
                using AgentRules;

                public static class Prompts
                {
                    [Prompt("support.escalation", Version = 2)]
                    public const string Escalation = "You decide when to escalate.";

                    [Prompt("billing")]
                    public const string Billing = "You answer billing questions.";
                }
                """,
            FixedAdditionalFiles = { ("AgentPrompts.lock", $"# our prompts\r\nbilling 1 {billing}\r\nsupport.escalation 1 {other}\r\nsupport.escalation 2 {escalation}\r\nsupport.triage 3 {other}\r\n") },
        }.RunAsync();
    }

    [Fact]
    public void Adding_entries_keeps_comments_and_unknown_lines_and_skips_recorded_versions()
    {
        var sha = new string('a', 64);
        var text = PromptLockFile.AddEntries("# header\n\nb 1 " + sha + "\nnot a valid line\nd 1 " + sha + "\n", new[] { ("c", 1, sha), ("a", 1, sha), ("b", 1, sha), ("e", 10, sha), ("e", 9, sha) });
        Assert.Equal("# header\n\na 1 " + sha + "\nb 1 " + sha + "\nnot a valid line\nc 1 " + sha + "\nd 1 " + sha + "\ne 9 " + sha + "\ne 10 " + sha + "\n", text);
    }

    [Fact]
    public async Task Records_a_prompt_file_from_its_additional_file_diagnostic()
    {
        var test = new AnalyzerTest<PromptVersionAnalyzer>
        {
            Source = "public static class Empty { }",
            EditorConfig = "root = true\n\n[*.cs]\n\n[prompts/triage.md]\nbuild_metadata.AdditionalFiles.AgentPromptId = support.triage\n",
            AdditionalFiles = { ("prompts/triage.md", "{|AGR0010:You triage.|}\n") },
        };
        await test.RunAsync();

        var project = test.CreateProject(test.Sources, new[] { ("prompts/triage.md", "You triage.\n") });
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(new PromptVersionAnalyzer()));
        var diagnostic = Assert.Single(diagnostics);
        var promptFile = project.AdditionalDocuments.Single();

        var actions = new System.Collections.Generic.List<CodeAction>();
        var context = new CodeFixContext(promptFile, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new RecordPromptVersionCodeFix().RegisterCodeFixesAsync(context);
        var operations = await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;

        var lockFile = solution.GetProject(project.Id)!.AdditionalDocuments.Single(d => d.Name == "AgentPrompts.lock");
        Assert.Equal(TestProject.AdditionalFilePath("AgentPrompts.lock"), lockFile.FilePath);
        Assert.EndsWith($"support.triage 1 {PromptHash.Compute("You triage.\n")}\n", (await lockFile.GetTextAsync()).ToString());
    }
}

public class BumpPromptVersionCodeFixTests
{
    [Fact]
    public async Task Bumps_the_version_past_every_recorded_one()
    {
        var old = PromptHash.Compute("old text");
        await new CodeFixTest<PromptVersionAnalyzer, BumpPromptVersionCodeFix>
        {
            Source = PromptVersionAnalyzerTests.TriageSource("{|AGR0006:Prompt(\"support.triage\", Version = 3)|}"),
            AdditionalFiles = { ("AgentPrompts.lock", $"support.triage 3 {old}\nsupport.triage 4 {old}\n") },
            FixedSource = PromptVersionAnalyzerTests.TriageSource("{|AGR0010:Prompt(\"support.triage\", Version = 5)|}"),
            ExpectedCodeActionTitle = "Bump prompt 'support.triage' to version 5",
        }.RunAsync();
    }

    [Fact]
    public async Task Sets_the_version_when_the_attribute_uses_the_default_and_fixes_all()
    {
        var old = PromptHash.Compute("old text");
        await new CodeFixTest<PromptVersionAnalyzer, BumpPromptVersionCodeFix>
        {
            Source = """
                using AgentRules;

                public static class Prompts
                {
                    [{|AGR0006:Prompt("a")|}]
                    public const string A = "You are A.";

                    [{|AGR0006:Prompt("b", Version = 1)|}]
                    public static string B(string name) => $"You are B, talking to {name}.";
                }
                """,
            AdditionalFiles = { ("AgentPrompts.lock", $"a 1 {old}\nb 1 {old}\n") },
            FixedSource = """
                using AgentRules;

                public static class Prompts
                {
                    [{|AGR0010:Prompt("a", Version = 2)|}]
                    public const string A = "You are A.";

                    [{|AGR0010:Prompt("b", Version = 2)|}]
                    public static string B(string name) => $"You are B, talking to {name}.";
                }
                """,
        }.RunAsync();
    }
}

public class DeclarePromptCodeFixTests
{
    [Fact]
    public async Task Declares_a_feedback_message_a_loop_sends_back_to_the_model()
    {
        await new CodeFixTest<UnversionedPromptAnalyzer, DeclarePromptCodeFix>
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
        await new CodeFixTest<UnversionedPromptAnalyzer, DeclarePromptCodeFix>
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
        await new CodeFixTest<UnversionedPromptAnalyzer, DeclarePromptCodeFix>
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
        await new CodeFixTest<UnversionedPromptAnalyzer, DeclarePromptCodeFix>
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
        var test = new AnalyzerTest<UnversionedPromptAnalyzer>
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
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(new UnversionedPromptAnalyzer()));
        Assert.Equal(2, diagnostics.Length);
        foreach (var diagnostic in diagnostics)
        {
            var actions = new System.Collections.Generic.List<CodeAction>();
            await new DeclarePromptCodeFix().RegisterCodeFixesAsync(new CodeFixContext(project.Documents.Single(), diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
            Assert.Empty(actions);
        }
    }
}
