using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// AGR0004 on system messages in an app's own message types, as code that calls a model over raw HTTP writes them
/// (issue 18; shapes from the development corpus in tests/Corpus).
/// </summary>
public class RoleTaggedPromptTests
{
    private const string Message = "Unversioned system message: a string literal is not a declared prompt";

    [Fact]
    public async Task Anonymous_object_with_role_system_in_a_chat_payload_is_a_prompt_site()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;

                public sealed class QuizService(HttpClient http)
                {
                    public Task<HttpResponseMessage> AskAsync(string topic) => http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-4o-mini",
                        messages = new[]
                        {
                            new { role = "system", content = [|"You generate quizzes for children."|] },
                            new { role = "user", content = topic },
                        },
                    });
                }
                """,
            ExpectedMessages = { Message },
        }.RunAsync();
    }

    [Fact]
    public async Task Own_message_type_initializer_and_dictionary_indexers_with_role_system_are_prompt_sites()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Collections.Generic;

                public sealed class ChatMessage
                {
                    public string Role { get; set; } = "";
                    public string Content { get; set; } = "";
                }

                public static class Payloads
                {
                    private const string Persona = "You are a tag extractor. Output only a JSON array.";

                    public static List<ChatMessage> Tags(string note) =>
                    [
                        new ChatMessage { Role = "system", Content = [|"You are a tag extractor. Output only a JSON array."|] },
                        new ChatMessage { Role = "user", Content = note },
                    ];

                    public static Dictionary<string, object?> Entry() => new() { ["role"] = "system", ["content"] = [|Persona|] };
                }
                """,
            ExpectedMessages =
            {
                Message,
                "Unversioned system message: constant 'Payloads.Persona' is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Own_message_record_constructed_with_role_system_is_a_prompt_site()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Collections.Generic;

                public record Message(string role, string content);

                public static class Conversation
                {
                    public static List<Message> Start() => [new Message("system", [|"You are a patient Spanish teacher."|])];

                    public static List<Message> Developer() => [new("developer", [|"Answer in JSON."|])];
                }
                """,
            ExpectedMessages =
            {
                Message,
                "Unversioned developer message: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Own_message_types_with_their_own_role_values_are_prompt_sites()
    {
        // The app's role is a value, not text: a static role object (as a coding assistant's own message type
        // writes it, tests/Corpus) or an enum member, set in an initializer (content in Text) or passed to a constructor.
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Collections.Generic;

                public class AssistantMessageRole
                {
                    private AssistantMessageRole(string role) => Role = role;
                    public string Role { get; }
                    public static readonly AssistantMessageRole System = new("system");
                    public static readonly AssistantMessageRole User = new("user");
                }

                public enum TurnRole { System, Developer, User, Assistant }

                public sealed class AssistantMessage
                {
                    public AssistantMessage() { }
                    public AssistantMessage(TurnRole role, string text) { Turn = role; Text = text; }
                    public AssistantMessageRole? Role { get; set; }
                    public TurnRole Turn { get; set; }
                    public string Text { get; set; } = "";
                }

                public static class Context
                {
                    public static List<AssistantMessage> For(string prompt)
                    {
                        var preamble = "You are a pragmatic coding assistant. Be concise.";
                        return
                        [
                            new AssistantMessage { Role = AssistantMessageRole.System, Text = [|preamble|] },
                            new AssistantMessage { Role = AssistantMessageRole.User, Text = prompt },
                        ];
                    }

                    public static AssistantMessage Rules() => new(TurnRole.Developer, [|"Answer with a unified diff only."|]);
                }
                """,
            ExpectedMessages =
            {
                "Unversioned system message: a string literal is not a declared prompt", // the local's literal
                "Unversioned developer message: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Own_role_values_other_than_system_or_developer_and_role_like_members_are_not_prompt_sites()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                public enum TurnRole { System, User, Assistant, Tool }

                public static class PromptRole
                {
                    public static string SystemPanel => "sidebar";
                }

                public sealed record Turn(TurnRole role, string text);

                public sealed class Note
                {
                    public string Role { get; set; } = "";
                    public string Text { get; set; } = "";
                }

                public static class History
                {
                    public static Turn[] Replay(string question, string answer) =>
                    [
                        new Turn(TurnRole.User, "Summarize the attached document."),
                        new Turn(TurnRole.Assistant, "Here is the summary you asked for."),
                        new Turn(TurnRole.Tool, "{ \"status\": \"ok\" }"),
                        new Turn(TurnRole.System, question),
                    ];

                    // A member that merely starts with the role's name is no role value.
                    public static Note Label() => new Note { Role = PromptRole.SystemPanel, Text = "Shown in the sidebar." };
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Role_tagged_system_messages_are_found_in_a_project_that_references_no_agent_framework()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            References = TestReferences.Net,
            Source = """
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;

                public sealed class OllamaChat(HttpClient http)
                {
                    public Task<HttpResponseMessage> AskAsync(string question) => http.PostAsJsonAsync("/api/chat", new
                    {
                        model = "llama3",
                        messages = new[] { new { role = "system", content = [|"Answer like a pirate."|] }, new { role = "user", content = question } },
                    });
                }
                """,
            ExpectedMessages = { Message },
        }.RunAsync();
    }

    [Fact]
    public async Task Role_tagged_messages_whose_text_is_a_parameter_or_another_role_are_not_reported()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Collections.Generic;

                public record Message(string role, string content);

                public sealed class Backend
                {
                    public object Body(string system, string user) => new
                    {
                        messages = new object[]
                        {
                            new { role = "system", content = system },
                            new { role = "user", content = "Summarise this in one line." },
                            new { role = "assistant", content = "Sure." },
                        },
                    };

                    public Message Seed(string roleDescription) => new("system", roleDescription);

                    public Dictionary<string, object?> Log() => new() { ["level"] = "system", ["content"] = "started" };
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Text_passed_to_the_apps_own_type_that_puts_it_in_a_system_message_is_a_prompt_site_at_the_caller()
    {
        // The constructor's own site sees only its parameter (quiet); each caller writes the text, composed from
        // fragments, and is reported once, at the argument.
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Sources =
            {
                """
                using System.Collections.Generic;

                public sealed record Message(string Role, string Content);

                public sealed class Agent
                {
                    private readonly List<Message> _messages;

                    public Agent(string roleDescription, string model)
                    {
                        _messages = [new Message("system", roleDescription)];
                        Model = model;
                    }

                    public string Model { get; }

                    public void Say(string text) => _messages.Add(new Message("user", text));
                }
                """,
                """
                public static class Program
                {
                    public static void Run(string lesson, string userText)
                    {
                        var partnerPrompt = "You are a conversation partner. You speak Spanish only.";
                        if (lesson.Length > 0)
                        {
                            partnerPrompt += " Use the vocabulary of this lesson: " + lesson;
                        }

                        var partner = new Agent([|partnerPrompt|], "llama3");
                        var teacher = new Agent([|$"You are a Spanish teacher. The lesson: {lesson}"|], "llama3");
                        var echo = new Agent(userText, "llama3");
                        partner.Say("Hola");
                    }
                }
                """,
            },
            ExpectedMessages =
            {
                "Unversioned system message: a string literal is not a declared prompt", // the local's first fragment
                "Unversioned system message: an interpolated string is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task A_parameter_the_apps_type_sends_as_a_user_message_is_not_a_prompt_site()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.Collections.Generic;

                public sealed record Message(string Role, string Content);

                public sealed class Conversation
                {
                    private readonly List<Message> _messages = new();

                    public Conversation(string opening) => _messages.Add(new Message("user", opening));

                    public void Say(string text) => _messages.Add(new Message("user", text));
                }

                public static class Program
                {
                    public static void Run()
                    {
                        var conversation = new Conversation("Hello, can you help me plan a trip?");
                        conversation.Say("I want to go to Lisbon.");
                    }
                }
                """,
        }.RunAsync();
    }
}
