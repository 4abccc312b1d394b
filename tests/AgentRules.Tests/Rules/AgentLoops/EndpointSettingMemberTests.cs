using System.Threading.Tasks;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// AGR0002/AGR0003 on raw-HTTP agents that send <c>new HttpRequestMessage(HttpMethod.Post, BaseUrl)</c> with
/// <c>HttpClient.SendAsync</c>, where <c>BaseUrl</c> is a settings property or constant whose default, in another
/// file, is the model's endpoint (issue 18; the Marco-Zechner OpenAI.ChatGPT.Net recursion in tests/Corpus). The same
/// request to a member that holds a web API's URL, or a GET to the endpoint, stays silent. These projects reference
/// no LLM SDK: only the .NET reference assemblies and AgentRules.
/// </summary>
public class EndpointSettingMemberTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private static Task VerifyAsync(string[] sources, params string[] messages)
    {
        var test = new AgentLoopRulesTest { References = TestReferences.Net.Add(TestReferences.AgentRules) };
        foreach (var source in sources)
        {
            test.Sources.Add(Usings + source);
        }

        test.ExpectedMessages.AddRange(messages);
        return test.RunAsync();
    }

    private const string ChatModelSettings = """
        public partial class ChatModel
        {
            public string BaseUrl { get; set; } = "https://api.openai.com/v1/chat/completions";

            public string ApiKey { get; set; } = "";
        }
        """;

    private const string OrdersSettings = """
        public partial class ChatModel
        {
            public string BaseUrl { get; set; } = "https://shop.example.com/api/orders";

            public string ApiKey { get; set; } = "";
        }
        """;

    private static string Network(string method) => """
        public partial class ChatModel
        {
            private async Task<string> SendAndReceiveAsync(string payload)
            {
                using var http = new HttpClient();
                var request = new HttpRequestMessage(HttpMethod.
        """ + method + """
        , BaseUrl)
                {
                    Content = new StringContent(payload, Encoding.UTF8, "application/json"),
                };
                var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    private const string ToolRecursion = """
        public partial class ChatModel
        {
            public async Task<string> CompleteToolCalls(List<string> history)
            {
                var reply = await SendAndReceiveAsync(string.Join("\n", history));
                if (reply.Contains("tool_calls"))
                {
                    history.Add(reply);
                    history.Add(RunTools(reply));
                    return await {|AGR0003:{|AGR0002:CompleteToolCalls|}|}(history);
                }

                return reply;
            }

            private static string RunTools(string reply) => reply.Length.ToString();
        }
        """;

    [Fact]
    public async Task A_recursion_posting_a_request_to_a_settings_property_whose_default_is_a_model_endpoint_is_an_agent_loop()
    {
        await VerifyAsync(
            [ToolRecursion, Network("Post"), ChatModelSettings],
            "Recursive agent method 'CompleteToolCalls' has no iteration cap: no depth parameter is checked against a limit",
            "Recursive agent method 'CompleteToolCalls' does not observe a kill switch or cancellation: no CancellationToken reaches 'SendAsync' through 'SendAndReceiveAsync' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task The_same_recursion_posting_to_a_property_that_holds_a_web_api_url_is_no_agent_loop()
    {
        await VerifyAsync([ToolRecursion.Replace("{|AGR0003:{|AGR0002:CompleteToolCalls|}|}(", "CompleteToolCalls("), Network("Post"), OrdersSettings]);
    }

    [Fact]
    public async Task A_get_request_to_the_endpoint_property_is_no_model_call()
    {
        await VerifyAsync([ToolRecursion.Replace("{|AGR0003:{|AGR0002:CompleteToolCalls|}|}(", "CompleteToolCalls("), Network("Get"), ChatModelSettings]);
    }

    [Fact]
    public async Task A_loop_sending_a_request_built_in_the_call_to_a_constant_in_a_settings_class_is_an_agent_loop()
    {
        await VerifyAsync(
            [
                """
                public static class LlmSettings
                {
                    public const string ChatUrl = "https://api.openai.com/v1/chat/completions";
                }
                """,
                """
                public sealed class Agent(HttpClient http)
                {
                    public async Task<string> RunAsync(string prompt)
                    {
                        {|AGR0003:{|AGR0002:while|}|} (true)
                        {
                            var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, LlmSettings.ChatUrl) { Content = new StringContent(prompt) });
                            var reply = await response.Content.ReadAsStringAsync();
                            if (reply.Contains("DONE"))
                            {
                                return reply;
                            }

                            prompt += reply;
                        }
                    }
                }
                """,
            ],
            "Agent loop calling 'HttpClient.SendAsync' has no iteration cap: no counter, bound or step limit ends it",
            "Agent loop calling 'HttpClient.SendAsync' does not observe a kill switch or cancellation: 'SendAsync' takes no CancellationToken and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task The_same_loop_sending_to_a_constant_that_holds_a_web_api_url_is_no_agent_loop()
    {
        await VerifyAsync(
            [
                """
                public static class ShopSettings
                {
                    public const string OrdersUrl = "https://shop.example.com/api/orders";
                }
                """,
                """
                public sealed class Poller(HttpClient http)
                {
                    public async Task<string> RunAsync(string body)
                    {
                        while (true)
                        {
                            var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, ShopSettings.OrdersUrl) { Content = new StringContent(body) });
                            var reply = await response.Content.ReadAsStringAsync();
                            if (reply.Contains("DONE"))
                            {
                                return reply;
                            }

                            body += reply;
                        }
                    }
                }
                """,
            ]);
    }
}
