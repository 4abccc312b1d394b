using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Harness;

/// <summary>Realistic agent code compiles against the real framework packages and the stand-ins beside them.</summary>
public class FrameworkReferencesTests
{
    [Fact]
    public async Task Realistic_code_over_every_framework_compiles()
    {
        // AnalyzerTest fails on compiler errors, so this is a compile check of the real packages and the stand-ins together.
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Sources =
            {
                """
                using System.ComponentModel;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;
                using Microsoft.SemanticKernel.Connectors.OpenAI;

                public sealed class LightsPlugin
                {
                    [KernelFunction("get_lights"), Description("Gets a list of lights and their current state")]
                    public string GetLights() => "[]";
                }

                public static class SkApp
                {
                    public static async System.Threading.Tasks.Task RunAsync(string apiKey)
                    {
                        var builder = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", apiKey);
                        builder.Plugins.AddFromType<LightsPlugin>("Lights");
                        var kernel = builder.Build();
                        var chat = kernel.GetRequiredService<IChatCompletionService>();
                        var history = new ChatHistory("You are a helpful assistant.");
                        history.AddUserMessage("Turn on the lights");
                        var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
                        var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);
                        history.Add(reply);
                    }
                }
                """,
                """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class AgentApp
                {
                    public static async System.Threading.Tasks.Task<string> RunAsync(IChatClient client, System.Threading.CancellationToken ct)
                    {
                        AIAgent agent = client.AsAIAgent(instructions: "You are good at telling jokes.", name: "Joker");
                        var session = await agent.CreateSessionAsync(ct);
                        var response = await agent.RunAsync("Tell me a joke about a pirate.", session, cancellationToken: ct);
                        IChatClient withTools = client.AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 10).Build();
                        return response.Text;
                    }
                }
                """,
                """
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;

                public sealed class Order { public int Id { get; set; } public bool Cancelled { get; set; } }

                public sealed class ShopDb : DbContext
                {
                    public DbSet<Order> Orders => Set<Order>();

                    public Task<int> PurgeCancelledAsync() => Orders.Where(o => o.Cancelled).ExecuteDeleteAsync();
                }
                """,
            },
        }.RunAsync();
    }
}
