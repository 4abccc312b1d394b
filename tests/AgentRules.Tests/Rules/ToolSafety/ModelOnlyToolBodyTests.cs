using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

/// <summary>
/// A tool whose body only asks a model is a read, whatever its name says (issue 18, docs/rules/AGR0001.md): a
/// <c>SendPrompt</c> tool sends its text to the model and nowhere else. A placeholder body that does nothing keeps its
/// name as its intent, and a body that calls anything else keeps the name as evidence. On the real
/// Microsoft.Extensions.AI, OpenAI and Semantic Kernel packages.
/// </summary>
public class ModelOnlyToolBodyTests
{
    [Fact]
    public async Task A_tool_whose_body_only_asks_a_model_is_not_reported_for_its_name()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.Logging;
                using Microsoft.SemanticKernel;

                public sealed class PromptTools(IChatClient chat, ILogger<PromptTools> logger)
                {
                    [KernelFunction, Description("Sends a prompt to the language model and returns its answer.")]
                    public async Task<string> SendPrompt(string prompt)
                    {
                        logger.LogInformation("Asking the model: {Prompt}", prompt);
                        var response = await chat.GetResponseAsync(prompt);
                        return response.Text.Trim();
                    }

                    [KernelFunction]
                    public async Task<string> PostQuestion(Kernel kernel, string question) =>
                        (await kernel.InvokePromptAsync(question)).ToString();
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task A_tool_that_posts_only_to_a_model_endpoint_is_a_read_and_one_that_posts_elsewhere_is_not()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.Net.Http;
                using System.Net.Http.Headers;
                using System.Text;
                using System.Text.Json;
                using System.Threading.Tasks;
                using Microsoft.SemanticKernel;

                public sealed class Reply { public string? Content { get; set; } }

                public sealed class Communication(HttpClient http)
                {
                    [KernelFunction, Description("Send a prompt to an AI service and receive a response.")]
                    public async Task<string> SendPrompt(string prompt)
                    {
                        const string endpoint = "https://api.openai.com/v1/chat/completions";
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "key");
                        var body = new StringContent(JsonSerializer.Serialize(new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = prompt } } }), Encoding.UTF8, "application/json");
                        var response = await http.PostAsync(endpoint, body);
                        var reply = JsonSerializer.Deserialize<Reply>(await response.Content.ReadAsStringAsync());
                        return reply?.Content ?? "";
                    }

                    [KernelFunction]
                    public async Task<string> [|SendReport|](string prompt)
                    {
                        var answer = await http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(prompt));
                        await http.PostAsync("https://hooks.example.com/reports", answer.Content);   // the answer goes on
                        return "sent";
                    }
                }
                """,
            ExpectedMessages = { "Destructive tool 'SendReport' has no environment scope (name starts with 'Send')" },
        }.RunAsync();
    }

    [Fact]
    public async Task Placeholders_and_bodies_that_call_anything_else_keep_the_name_as_evidence()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel;

                public interface IMailer { Task SendAsync(string to, string body); }

                public sealed class MailTools(IChatClient chat, IMailer mailer)
                {
                    [KernelFunction]
                    public string [|SendEmail|](string to, string body) => $"Email sent to {to}";   // a placeholder: the name is its intent

                    [KernelFunction]
                    public async Task<string> [|SendSummary|](string to, string text)
                    {
                        var summary = (await chat.GetResponseAsync("Summarize: " + text)).Text;
                        await mailer.SendAsync(to, summary);                                       // the model's answer goes somewhere
                        return "sent";
                    }
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'SendEmail' has no environment scope (name starts with 'Send')",
                "Destructive tool 'SendSummary' has no environment scope (name starts with 'Send')",
            },
        }.RunAsync();
    }
}
