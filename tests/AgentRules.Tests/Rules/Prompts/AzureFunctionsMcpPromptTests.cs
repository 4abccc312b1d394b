using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// AGR0004 on Azure Functions MCP prompts (issue 18): a function whose trigger parameter is <c>[McpPromptTrigger]</c>
/// returns the prompt an MCP client puts in front of the model, like an MCP SDK <c>[McpServerPrompt]</c> method.
/// The extension is not served here: the stand-in in Stubs/AzureFunctionsMcp.cs declares it under its real names.
/// </summary>
public class AzureFunctionsMcpPromptTests
{
    [Fact]
    public async Task Text_returned_by_a_prompt_trigger_function_is_an_mcp_prompt()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using Microsoft.Azure.Functions.Worker;
                using Microsoft.Azure.Functions.Worker.Extensions.Mcp;

                public sealed class ReviewPrompts
                {
                    private const string ChecklistName = "code_review_checklist";

                    [Function(nameof(Checklist))]
                    public string Checklist([McpPromptTrigger(ChecklistName, Description = "A code review checklist.")] PromptInvocationContext context)
                    {
                        return [|"Review the change for naming, error handling and missing tests. List each finding."|];
                    }

                    [Function(nameof(Summarize))]
                    public string Summarize(
                        [McpPromptTrigger("summarize", Title = "Summarize")] PromptInvocationContext context,
                        [McpPromptArgument("topic", "What to summarize.", isRequired: true)] string topic) =>
                        [|$"Summarize what is known about {topic} in three sentences."|];
                }
                """,
            ExpectedMessages =
            {
                "Unversioned MCP prompt: a string literal is not a declared prompt",
                "Unversioned MCP prompt: an interpolated string is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Tool_trigger_results_and_prompt_functions_returning_their_argument_are_not_prompts()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using Microsoft.Azure.Functions.Worker;
                using Microsoft.Azure.Functions.Worker.Extensions.Mcp;

                public sealed class Functions
                {
                    [Function(nameof(SayHello))]
                    public string SayHello([McpToolTrigger("say_hello", "Says hello.")] ToolInvocationContext context) =>
                        "Hello, I am an MCP tool!";

                    [Function(nameof(Echo))]
                    public string Echo(
                        [McpPromptTrigger("echo")] PromptInvocationContext context,
                        [McpPromptArgument("text", "The text to send back.")] string text) => text;

                    public string NotAFunction(PromptInvocationContext context) => "Review the change carefully.";
                }
                """,
        }.RunAsync();
    }
}
