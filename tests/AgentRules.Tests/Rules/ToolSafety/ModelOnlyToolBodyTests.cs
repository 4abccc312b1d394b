using System.Threading.Tasks;
using AgentRules.Analyzers.Rules.ToolSafety;
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
        await new AnalyzerTest<DestructiveToolAnalyzer>
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
    public async Task Placeholders_and_bodies_that_call_anything_else_keep_the_name_as_evidence()
    {
        await new AnalyzerTest<DestructiveToolAnalyzer>
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
