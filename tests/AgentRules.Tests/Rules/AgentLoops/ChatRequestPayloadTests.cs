using System.Threading.Tasks;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// AGR0002/AGR0003 on raw-HTTP agents whose URL says nothing (an endpoint read from configuration, a relative path on
/// an injected client) but whose request body is a chat-completion request: the app's own request type with a model
/// and role-tagged messages, an anonymous object, a dictionary, JSON text (issue 18; the DotNetToolbox agent in
/// tests/Corpus). Posting something that merely has messages, or merely a model, stays silent. These projects
/// reference no LLM SDK: only the .NET reference assemblies and AgentRules.
/// </summary>
public class ChatRequestPayloadTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private static Task VerifyAsync(string source, params string[] messages)
    {
        var test = new AgentLoopRulesTest { Source = Usings + source, References = TestReferences.Net.Add(TestReferences.AgentRules) };
        test.ExpectedMessages.AddRange(messages);
        return test.RunAsync();
    }

    [Fact]
    public async Task A_generic_agent_posting_its_request_type_to_a_configured_endpoint_calls_a_model()
    {
        // The request type is a type parameter constrained to the app's chat-request interface; the endpoint is a
        // configuration value, so nothing in the URL says "model".
        await VerifyAsync(
            """
            public interface IChatRequestMessage
            {
                string Role { get; }
                object? Content { get; }
            }

            public interface IChatRequest
            {
                string Model { get; }
                IEnumerable<IChatRequestMessage> Messages { get; }
            }

            public abstract class Agent<TRequest>(HttpClient http, IReadOnlyDictionary<string, string> endpoints)
                where TRequest : class, IChatRequest
            {
                public async Task<bool> SendAsync(List<string> chat, CancellationToken ct)
                {
                    var finished = false;
                    {|AGR0002:while|} (!finished)
                    {
                        var request = CreateRequest(chat);
                        var content = JsonContent.Create(request);
                        var response = await http.PostAsync(endpoints["Chat"], content, ct);
                        finished = Update(chat, await response.Content.ReadAsStringAsync(ct));
                    }

                    return finished;
                }

                protected abstract TRequest CreateRequest(List<string> chat);

                protected abstract bool Update(List<string> chat, string json);
            }
            """,
            "Agent loop calling 'HttpClient.PostAsync(chat request TRequest)' has no iteration cap: no counter, bound or step limit ends it");
    }

    [Fact]
    public async Task The_apps_request_class_by_json_name_posted_by_a_client_method_is_a_model_call()
    {
        await VerifyAsync(
            """
            public sealed class Message
            {
                [JsonPropertyName("role")] public string Author { get; set; } = "user";
                [JsonPropertyName("content")] public string Text { get; set; } = "";
            }

            public sealed class CompletionBody
            {
                [JsonPropertyName("model")] public string ModelId { get; set; } = "";
                [JsonPropertyName("messages")] public List<Message> History { get; set; } = new();
            }

            public sealed class LlmClient(HttpClient http, string model)
            {
                public async Task<string> AskAsync(List<Message> history)
                {
                    var response = await http.PostAsJsonAsync("v1/complete", new CompletionBody { ModelId = model, History = history });
                    return await response.Content.ReadAsStringAsync();
                }
            }

            public sealed class Agent(LlmClient client)
            {
                public async Task RunAsync(List<Message> history)
                {
                    {|AGR0003:{|AGR0002:while|}|} (true)
                    {
                        var answer = await client.AskAsync(history);
                        if (answer.Contains("DONE"))
                        {
                            return;
                        }

                        history.Add(new Message { Author = "user", Text = "Continue." });
                    }
                }
            }
            """,
            "Agent loop calling 'AskAsync → HttpClient.PostAsJsonAsync(chat request CompletionBody)' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'AskAsync → HttpClient.PostAsJsonAsync(chat request CompletionBody)' does not observe a kill switch or cancellation: no CancellationToken reaches 'PostAsJsonAsync' through 'AskAsync' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task An_anonymous_chat_request_serialized_into_a_sent_request_is_a_model_call()
    {
        await VerifyAsync(
            """
            public sealed record Turn(string Role, string Text);

            public sealed class Agent(HttpClient http, string model, Uri endpoint)
            {
                public async Task RunAsync(List<Turn> turns, CancellationToken ct)
                {
                    {|AGR0002:while|} (!ct.IsCancellationRequested)
                    {
                        var body = new { model, messages = turns.Select(t => new { role = t.Role, content = t.Text }).ToList() };
                        var json = JsonSerializer.Serialize(body);
                        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
                        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                        using var response = await http.SendAsync(request, ct);
                        turns.Add(new Turn("assistant", await response.Content.ReadAsStringAsync(ct)));
                    }
                }
            }
            """,
            "Agent loop calling 'HttpClient.SendAsync(chat request { model, messages })' has no iteration cap: no counter, bound or step limit ends it");
    }

    [Fact]
    public async Task A_dictionary_chat_request_is_a_model_call()
    {
        await VerifyAsync(
            """
            public sealed class Agent(HttpClient http, string model)
            {
                public async Task RunAsync(List<object> messages, CancellationToken ct)
                {
                    {|AGR0002:while|} (true)
                    {
                        var payload = new Dictionary<string, object> { ["messages"] = messages };
                        payload["model"] = model;
                        var response = await http.PostAsync("completions", new StringContent(JsonSerializer.Serialize(payload)), ct);
                        var text = await response.Content.ReadAsStringAsync(ct);
                        if (text.Contains("stop"))
                        {
                            break;
                        }

                        messages.Add(new { role = "user", content = "go on" });
                    }
                }
            }
            """,
            "Agent loop calling 'HttpClient.PostAsync(chat request { model, messages })' has no iteration cap: no counter, bound or step limit ends it");
    }

    [Fact]
    public async Task Json_text_that_spells_a_chat_request_is_a_model_call()
    {
        await VerifyAsync(
            """"
            public sealed class Agent(HttpClient http)
            {
                public async Task RunAsync(string question, CancellationToken ct)
                {
                    {|AGR0002:for|} (;;)
                    {
                        var body = $$"""{"model": "local", "messages": [{"role": "user", "content": {{JsonSerializer.Serialize(question)}}}]}""";
                        var response = await http.PostAsync("/chat", new StringContent(body), ct);
                        question = await response.Content.ReadAsStringAsync(ct);
                        if (question.Length == 0)
                        {
                            return;
                        }
                    }
                }
            }
            """",
            "Agent loop calling 'HttpClient.PostAsync(chat request { model, messages })' has no iteration cap: no counter, bound or step limit ends it");
    }

    [Fact]
    public async Task A_chat_request_handed_to_the_apps_http_helper_is_a_model_call_and_other_bodies_are_not()
    {
        // The helper posts whatever object its caller passes; the body is built at the caller.
        await VerifyAsync(
            """
            public sealed record Turn(string Role, string Content);

            public sealed record CompletionRequest(string Model, IReadOnlyList<Turn> Messages, double Temperature = 0.2);

            public sealed record Order(string Id, IReadOnlyList<string> Messages);

            public sealed class HttpService(HttpClient http)
            {
                public async Task<string> PostJsonAsync(string url, object body, CancellationToken ct)
                {
                    using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(url, content, ct);
                    return await response.Content.ReadAsStringAsync(ct);
                }
            }

            public sealed class Agent(HttpService service, string model)
            {
                public async Task RunAsync(List<Turn> turns, CancellationToken ct)
                {
                    {|AGR0002:while|} (true)
                    {
                        var reply = await service.PostJsonAsync("v1/complete", new CompletionRequest(model, turns), ct);
                        if (reply.Contains("DONE"))
                        {
                            return;
                        }

                        turns.Add(new Turn("user", "Continue."));
                    }
                }

                public async Task SyncAsync(Order order, CancellationToken ct)
                {
                    while (true)
                    {
                        var reply = await service.PostJsonAsync("api/orders", order, ct);
                        if (reply.Length > 0)
                        {
                            return;
                        }
                    }
                }
            }
            """,
            "Agent loop calling 'HttpService.PostJsonAsync → HttpClient.PostAsync(chat request CompletionRequest)' has no iteration cap: no counter, bound or step limit ends it");
    }

    // ---- Bodies that are not chat requests ----------------------------------------------------------------------

    [Fact]
    public async Task Messages_without_a_model_posted_to_a_chat_service_are_no_model_call()
    {
        // A chat app's own backend and a Slack-style webhook take role-tagged messages too, but no model.
        await VerifyAsync(
            """
            public sealed record ChatMessage(string Role, string Content);

            public sealed class ConversationUpload
            {
                public string Channel { get; set; } = "";
                public List<ChatMessage> Messages { get; set; } = new();
            }

            public sealed class Sync(HttpClient http)
            {
                public async Task RunAsync(List<ChatMessage> pending, CancellationToken ct)
                {
                    while (true)
                    {
                        var response = await http.PostAsJsonAsync("api/conversations", new ConversationUpload { Channel = "general", Messages = pending }, ct);
                        if (response.IsSuccessStatusCode)
                        {
                            break;
                        }

                        await http.PostAsync("api/messages", JsonContent.Create(new Dictionary<string, object> { ["messages"] = pending }), ct);
                    }
                }
            }

            public sealed class Unrelated
            {
                public string Model { get; set; } = "";
                public List<ChatMessage> Messages { get; set; } = new();
            }
            """);
    }

    [Fact]
    public async Task A_model_with_messages_that_carry_no_role_is_no_model_call()
    {
        // A device "model" with a list of plain messages: no role-tagged chat turns.
        await VerifyAsync(
            """
            public sealed class Notice
            {
                public string Text { get; set; } = "";
                public int Severity { get; set; }
            }

            public sealed class PrinterBatch
            {
                public string Model { get; set; } = "";
                public List<Notice> Messages { get; set; } = new();
                public List<string> Lines { get; set; } = new();
            }

            public sealed class Spooler(HttpClient http)
            {
                public async Task RunAsync(PrinterBatch batch, CancellationToken ct)
                {
                    while (true)
                    {
                        var response = await http.PostAsJsonAsync("print", batch, ct);
                        if (response.IsSuccessStatusCode)
                        {
                            break;
                        }

                        await http.PostAsJsonAsync("print", new { model = batch.Model, messages = batch.Lines }, ct);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Text_read_off_a_chat_request_is_not_the_request()
    {
        // Only what is serialized whole counts: one message's content sent to a log service is not a model call.
        await VerifyAsync(
            """
            public sealed record Turn(string Role, string Content);

            public sealed record ChatRequest(string Model, List<Turn> Messages);

            public sealed class Auditor(HttpClient http)
            {
                public async Task RunAsync(ChatRequest request, CancellationToken ct)
                {
                    while (true)
                    {
                        var response = await http.PostAsync("audit", new StringContent(request.Messages.Last().Content), ct);
                        if (response.IsSuccessStatusCode)
                        {
                            break;
                        }
                    }
                }
            }
            """);
    }
}
