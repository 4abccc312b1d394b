using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0015: MCP client tools handed to a model without the pin check (real MCP 2.4 and Microsoft.Extensions.AI).</summary>
public class AGR0015McpToolWithoutPinTests
{
    [Fact]
    public async Task Listed_tools_handed_to_ChatOptions_are_reported()
    {
        await new AnalyzerTest<AGR0015McpToolWithoutPinAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using ModelContextProtocol.Client;

                public static class Chat
                {
                    public static async Task<ChatOptions> Direct(McpClient client)
                    {
                        var tools = await client.ListToolsAsync();
                        return new ChatOptions { Tools = [|[.. tools]|] };
                    }

                    public static async Task<ChatOptions> ThroughLinq(McpClient client)
                    {
                        IList<McpClientTool> listed = await client.ListToolsAsync();
                        var options = new ChatOptions();
                        options.Tools = [|listed.Cast<AITool>().ToList()|];
                        return options;
                    }

                    public static async Task<ChatOptions> AddedOneByOne(McpClient client, AITool local)
                    {
                        var all = new List<AITool> { local };
                        foreach (var tool in await client.ListToolsAsync())
                        {
                            all.Add(tool);
                        }

                        return new ChatOptions { Tools = [|all|] };
                    }

                    public static async Task Appended(McpClient client, ChatOptions options)
                    {
                        var tools = await client.ListToolsAsync();
                        options.Tools!.Add([|tools[0]|]);
                    }
                }
                """,
            ExpectedMessages =
            {
                "MCP tools from 'client.ListToolsAsync()' reach ChatOptions.Tools without a pin check",
                "MCP tools from 'client.ListToolsAsync()' reach ChatOptions.Tools without a pin check",
                "MCP tools from 'client.ListToolsAsync()' reach ChatOptions.Tools without a pin check",
                "MCP tools from 'client.ListToolsAsync()' reach ChatOptions.Tools without a pin check",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Listed_tools_given_to_an_Agent_Framework_agent_are_reported()
    {
        await new AnalyzerTest<AGR0015McpToolWithoutPinAnalyzer>
        {
            Source = """
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;
                using ModelContextProtocol.Client;

                public static class Agents
                {
                    public static async Task<AIAgent> Create(McpClient client, IChatClient chat)
                    {
                        var tools = await client.ListToolsAsync();
                        return new ChatClientAgent(chat, instructions: null, name: "kb", tools: [|tools.Cast<AITool>().ToList()|]);
                    }
                }
                """,
            ExpectedMessages = { "MCP tools from 'client.ListToolsAsync()' reach ChatClientAgent tools without a pin check" },
        }.RunAsync();
    }

    [Fact]
    public async Task Listed_tools_made_into_a_Semantic_Kernel_plugin_are_reported()
    {
        await new AnalyzerTest<AGR0015McpToolWithoutPinAnalyzer>
        {
            Source = """
                using System.Linq;
                using System.Threading.Tasks;
                using AgentRules.ModelContextProtocol;
                using Microsoft.SemanticKernel;
                using ModelContextProtocol.Client;

                public static class Plugins
                {
                    public static async Task Add(Kernel kernel, McpClient client)
                    {
                        var tools = await client.ListToolsAsync();
                        kernel.Plugins.AddFromFunctions("kb", [|tools.Select(t => t.AsKernelFunction())|]);
                    }

                    public static async Task AddPinned(Kernel kernel, McpClient client, McpToolPins pins)
                    {
                        var tools = await client.ListPinnedToolsAsync(pins);
                        kernel.Plugins.AddFromFunctions("kb", tools.Select(t => t.AsKernelFunction()));
                    }
                }
                """,
            ExpectedMessages = { "MCP tools from 'client.ListToolsAsync()' reach a Semantic Kernel plugin without a pin check" },
        }.RunAsync();
    }

    [Fact]
    public async Task Tools_that_pass_the_pin_check_are_not_reported()
    {
        await new AnalyzerTest<AGR0015McpToolWithoutPinAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using AgentRules.ModelContextProtocol;
                using Microsoft.Extensions.AI;
                using ModelContextProtocol.Client;

                public static class Chat
                {
                    public static async Task<ChatOptions> Listed(McpClient client, McpToolPins pins)
                    {
                        var tools = await client.ListPinnedToolsAsync(pins);
                        return new ChatOptions { Tools = [.. tools] };
                    }

                    public static async Task<ChatOptions> CheckedAfterListing(McpClient client, McpToolPins pins)
                    {
                        var tools = (await client.ListToolsAsync()).Pinned(pins, new McpToolPinOptions { ServerName = "kb" });
                        return new ChatOptions { Tools = tools.Cast<AITool>().ToList() };
                    }

                    public static async Task<int> OnlyCounted(McpClient client)
                    {
                        var tools = await client.ListToolsAsync();
                        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => tools.Count, "count")] };
                        return tools.Count + (options.Tools?.Count ?? 0);
                    }

                    // Tools from a parameter: where they came from is not visible here.
                    public static ChatOptions FromParameter(IList<McpClientTool> tools) => new() { Tools = [.. tools] };
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task A_user_type_named_like_the_SDK_is_not_mistaken_for_it()
    {
        await new AnalyzerTest<AGR0015McpToolWithoutPinAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                namespace Contoso.Mcp
                {
                    public sealed class McpClient
                    {
                        public Task<IList<AITool>> ListToolsAsync() => Task.FromResult<IList<AITool>>(new List<AITool>());
                    }

                    public static class Chat
                    {
                        public static async Task<ChatOptions> Create(McpClient client) => new() { Tools = await client.ListToolsAsync() };
                    }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public void The_names_the_rule_matches_exist_in_the_real_packages()
    {
        var listTools = typeof(global::ModelContextProtocol.Client.McpClient).GetMethods().Where(m => m.Name == "ListToolsAsync").ToList();
        Assert.Contains(listTools, m => m.ReturnType.ToString().Contains("McpClientTool", System.StringComparison.Ordinal));
        Assert.NotNull(typeof(Microsoft.Extensions.AI.ChatOptions).GetProperty("Tools"));
        Assert.Equal("AgentRules.ModelContextProtocol.McpToolPinning", typeof(global::AgentRules.ModelContextProtocol.McpToolPinning).FullName);
        Assert.NotNull(typeof(global::AgentRules.ModelContextProtocol.McpToolPinning).GetMethod("Pinned"));
        Assert.NotNull(typeof(global::AgentRules.ModelContextProtocol.McpToolPinning).GetMethod("ListPinnedToolsAsync"));
    }
}
