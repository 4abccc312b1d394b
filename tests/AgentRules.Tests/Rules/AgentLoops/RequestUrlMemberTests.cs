using System.Threading.Tasks;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// AGR0002/AGR0003 on a raw-HTTP client that builds its request with <c>new HttpRequestMessage(HttpMethod.Post, BaseUrl)</c>,
/// <c>BaseUrl</c> a property declared in another part of the partial class (the OpenAI.ChatGPT.Net shape in
/// tests/Corpus): the property's declaration is where the endpoint is spelled. No LLM SDK is referenced.
/// </summary>
public class RequestUrlMemberTests
{
    private const string Client = """
        using System.Net.Http;
        using System.Text;
        using System.Threading.Tasks;

        public partial class Model
        {
            private async Task<string> SendAsync(string json)
            {
                using var http = new HttpClient();
                var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }

            public async Task<string> CompleteAsync(string json)
            {
                var reply = await SendAsync(json);
                return reply.Contains("tool_calls") ? await {|#0:CompleteAsync|}(json + reply) : reply;
            }
        }

        """;

    [Fact]
    public async Task A_request_created_with_a_url_property_that_spells_an_endpoint_is_a_model_call()
    {
        await new AgentLoopRulesTest
        {
            Sources =
            {
                Client.Replace("{|#0:CompleteAsync|}", "{|AGR0003:{|AGR0002:CompleteAsync|}|}", System.StringComparison.Ordinal),
                """
                public partial class Model
                {
                    public string BaseUrl { get; set; } = "https://api.openai.com/v1/chat/completions";
                }
                """,
            },
            References = TestReferences.Net.Add(TestReferences.AgentRules),
        }.RunAsync();
    }

    [Fact]
    public async Task The_same_request_to_a_web_api_is_no_model_call()
    {
        await new AgentLoopRulesTest
        {
            Sources =
            {
                Client.Replace("{|#0:CompleteAsync|}", "CompleteAsync", System.StringComparison.Ordinal),
                """
                public partial class Model
                {
                    public string BaseUrl { get; set; } = "https://shop.example.com/api/orders";
                }
                """,
            },
            References = TestReferences.Net.Add(TestReferences.AgentRules),
        }.RunAsync();
    }
}
