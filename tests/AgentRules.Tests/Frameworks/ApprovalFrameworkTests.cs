using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Frameworks;

/// <summary>
/// AGR0008 against the real MCP SDK 2.4, Microsoft.Extensions.AI 11 and Agent Framework 1.28: the approval paths it
/// accepts (elicitation, call-tool filters, a confirmation inside the tool) and the bypasses it sees (hosts that
/// approve everything, disabled provider approvals, hosted MCP servers that never ask).
/// </summary>
public class ApprovalFrameworkTests
{
    private const string ElicitingTools = """
        using System.ComponentModel;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using ModelContextProtocol.Server;

        public sealed class Confirmation
        {
            public bool Confirm { get; set; }
        }

        [McpServerToolType]
        public sealed class FileTools
        {
            [McpServerTool(Destructive = true), Description("Deletes a file after the user confirms.")]
            public static async Task<string> DeleteFile(McpServer server, string path, CancellationToken cancellationToken)
            {
                var answer = await server.ElicitAsync<Confirmation>($"Delete {path}?", cancellationToken: cancellationToken);
                if (answer.Action != "accept" || answer.Content?.Confirm != true)
                {
                    return "cancelled";
                }

                File.Delete(path);
                return "deleted";
            }

            [McpServerTool(Destructive = true), Description("Deletes a folder, then asks (too late).")]
            public static async Task<string> [|DeleteFolder|](McpServer server, string path, CancellationToken cancellationToken)
            {
                Directory.Delete(path, recursive: true);
                await server.ElicitAsync<Confirmation>($"Deleted {path}. OK?", cancellationToken: cancellationToken);
                return "deleted";
            }
        }
        """;

    [Fact]
    public async Task MCP_elicitation_before_the_write_is_approval_and_after_it_is_not()
    {
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Source = ElicitingTools,
            ExpectedMessages = { "Destructive tool 'delete_folder' runs without human approval (declared Destructive = true)" },
        }.RunAsync();
    }

    [Fact]
    public async Task A_console_confirmation_before_the_write_is_approval()
    {
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Source = """
                using System;
                using System.Collections.Generic;
                using System.IO;
                using Microsoft.Extensions.AI;

                public static class LocalTools
                {
                    public static void PurgeCache(string folder)
                    {
                        Console.Write($"Purge {folder}? [y/N] ");
                        if (!string.Equals(Console.ReadLine(), "y", StringComparison.OrdinalIgnoreCase))
                        {
                            return;
                        }

                        Directory.Delete(folder, recursive: true);
                    }

                    public static void [|PurgeLogs|](string folder)
                    {
                        Directory.Delete(folder, recursive: true);
                        Console.WriteLine("Purged. Press a key.");
                        Console.ReadKey();
                    }

                    public static IList<AITool> Create() => [AIFunctionFactory.Create(PurgeCache), AIFunctionFactory.Create(PurgeLogs)];
                }
                """,
            ExpectedMessages = { "Destructive tool 'PurgeLogs' runs without human approval (calls Directory.Delete)" },
        }.RunAsync();
    }

    [Fact]
    public async Task An_MCP_call_tool_filter_may_ask_a_human_for_every_tool()
    {
        const string Tools = """
            using System.ComponentModel;
            using ModelContextProtocol.Server;

            [McpServerToolType]
            public sealed class AccountTools
            {
                [McpServerTool(Destructive = true), Description("Closes an account.")]
                public static string CloseAccount(string id) => id;
            }
            """;

        // With the filter: silent.
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Sources =
            {
                Tools,
                """
                using Microsoft.Extensions.DependencyInjection;

                public static class Setup
                {
                    public static void Configure(IServiceCollection services) =>
                        services.AddMcpServer()
                            .WithStdioServerTransport()
                            .WithTools<AccountTools>()
                            .WithRequestFilters(filters => filters.AddCallToolFilter(next => async (request, cancellationToken) =>
                            {
                                // ask an operator here
                                return await next(request, cancellationToken);
                            }));
                }
                """,
            },
        }.RunAsync();

        // Without it: reported.
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Sources =
            {
                Tools.Replace("public static string CloseAccount", "public static string [|CloseAccount|]"),
                """
                using Microsoft.Extensions.DependencyInjection;

                public static class Setup
                {
                    public static void Configure(IServiceCollection services) =>
                        services.AddMcpServer().WithStdioServerTransport().WithTools<AccountTools>();
                }
                """,
            },
        }.RunAsync();
    }

    private const string WrappedTool = """
        using System.Collections.Generic;
        using System.IO;
        using Microsoft.Extensions.AI;

        public static class DiskTools
        {
            public static void {|#0:WipeDisk|}(string path) => Directory.Delete(path, recursive: true);

            public static IList<AITool> Create() => [new ApprovalRequiredAIFunction(AIFunctionFactory.Create(WipeDisk))];
        }
        """;

    [Fact]
    public async Task A_wrapped_tool_is_gated_while_the_host_asks()
    {
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Sources =
            {
                WrappedTool.Replace("{|#0:WipeDisk|}", "WipeDisk"),
                """
                #pragma warning disable MAAI001 // the providers are [Experimental] in Agent Framework 1.28
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Host
                {
                    public static AIAgent Build(IChatClient client) =>
                        client.AsAIAgent(instructions: null, tools: DiskTools.Create())
                            .AsBuilder()
                            .UseToolApproval(new ToolApprovalAgentOptions { AutoApprovalRules = [FileAccessProvider.ReadOnlyToolsAutoApprovalRule] })
                            .Build();
                }
                """,
            },
        }.RunAsync();
    }

    [Fact]
    public async Task A_wrapped_tool_whose_host_approves_every_tool_is_not_gated()
    {
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Sources =
            {
                WrappedTool.Replace("{|#0:WipeDisk|}", "[|WipeDisk|]"),
                """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Host
                {
                    public static AIAgent Build(IChatClient client) =>
                        client.AsAIAgent(instructions: null, tools: DiskTools.Create())
                            .AsBuilder()
                            .UseToolApproval(new ToolApprovalAgentOptions { AutoApprovalRules = [ToolApprovalAgent.AllToolsAutoApprovalRule] })
                            .Build();
                }
                """,
            },
            ExpectedMessages = { "Destructive tool 'WipeDisk' runs without human approval (calls Directory.Delete; its ApprovalRequiredAIFunction is approved automatically by ToolApprovalAgent.AllToolsAutoApprovalRule)" },
        }.RunAsync();
    }

    [Fact]
    public async Task Always_approve_responses_turn_the_wrapper_into_no_gate()
    {
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Sources =
            {
                WrappedTool.Replace("{|#0:WipeDisk|}", "[|WipeDisk|]"),
                """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Approvals
                {
                    public static AIContent Answer(ToolApprovalRequestContent request) => request.CreateAlwaysApproveToolResponse("trusted");
                }
                """,
            },
            ExpectedMessages = { "Destructive tool 'WipeDisk' runs without human approval (calls Directory.Delete; its ApprovalRequiredAIFunction is approved automatically by ToolApprovalRequestContentExtensions.CreateAlwaysApproveToolResponse)" },
        }.RunAsync();
    }

    [Fact]
    public async Task Disabling_the_approval_of_a_providers_destructive_tools_is_reported()
    {
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Source = """
                #pragma warning disable MAAI001 // the providers are [Experimental] in Agent Framework 1.28
                using Microsoft.Agents.AI;

                public static class Providers
                {
                    public static FileAccessProviderOptions Unsafe() => new() { [|DisableWriteToolApproval = true|] };

                    public static FileAccessProviderOptions ReadsFreely() => new() { DisableReadOnlyToolApproval = true, DisableWriteToolApproval = false };

                    public static AgentSkillsProviderOptions Scripts() => new() { [|DisableRunSkillScriptApproval = true|], DisableLoadSkillApproval = true };

                    public static ToolApprovalAgentOptions Rules() => new()
                    {
                        AutoApprovalRules = [[|FileAccessProvider.AllToolsAutoApprovalRule|], AgentSkillsProvider.ReadOnlyToolsAutoApprovalRule],
                    };
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'FileAccessProvider write tools' runs without human approval (FileAccessProviderOptions.DisableWriteToolApproval = true)",
                "Destructive tool 'AgentSkillsProvider script runner' runs without human approval (AgentSkillsProviderOptions.DisableRunSkillScriptApproval = true)",
                "Destructive tool 'FileAccessProvider write tools' runs without human approval (FileAccessProvider.AllToolsAutoApprovalRule approves them automatically)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Hosted_MCP_servers_that_never_ask_are_reported_for_destructive_looking_tools()
    {
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Source = """
                using Microsoft.Extensions.AI;

                public static class HostedTools
                {
                    public static AITool[] Create() =>
                    [
                        new HostedMcpServerTool("github", "https://api.githubcopilot.com/mcp/")
                        {
                            AllowedTools = [[|"delete_repository"|], "search_code"],
                            ApprovalMode = HostedMcpServerToolApprovalMode.NeverRequire,
                        },
                        new HostedMcpServerTool("learn", "https://learn.microsoft.com/api/mcp")
                        {
                            AllowedTools = ["microsoft_docs_search"],
                            ApprovalMode = HostedMcpServerToolApprovalMode.NeverRequire,
                        },
                        new HostedMcpServerTool("tracker", "https://tracker.example.com/mcp")
                        {
                            AllowedTools = ["delete_issue"],
                            ApprovalMode = HostedMcpServerToolApprovalMode.AlwaysRequire,
                        },
                        new HostedMcpServerTool("jira", "https://jira.example.com/mcp")
                        {
                            ApprovalMode = HostedMcpServerToolApprovalMode.RequireSpecific(["close_project"], [[|"delete_ticket"|], "list_tickets"]),
                        },
                        new HostedMcpServerTool("unknown", "https://tools.example.com/mcp") { ApprovalMode = HostedMcpServerToolApprovalMode.NeverRequire },
                    ];
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'delete_repository' runs without human approval (hosted MCP server 'github' with ApprovalMode = NeverRequire)",
                "Destructive tool 'delete_ticket' runs without human approval (listed as never requiring approval on hosted MCP server 'jira')",
            },
        }.RunAsync();
    }
}
