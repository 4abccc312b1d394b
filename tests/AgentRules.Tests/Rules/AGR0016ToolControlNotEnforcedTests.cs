using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using AgentRules.Tests.Rules.Enforcement;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0016: a declared control on a framework tool counts only where the framework's AgentRules guard runs.</summary>
public class AGR0016ToolControlNotEnforcedTests
{
    private const string McpFix = "add .WithAgentRules() to the MCP server builder (package AgentRules.ModelContextProtocol)";

    private static Task VerifyAsync(string source, params string[] messages)
    {
        var test = new AnalyzerTest<AGR0016ToolControlNotEnforcedAnalyzer> { Source = source, References = EnforcementTestReferences.WithCompanions };
        test.ExpectedMessages.AddRange(messages);
        return test.RunAsync();
    }

    private const string McpTools = """
        using System.ComponentModel;
        using AgentRules;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed class DatabaseTools
        {
            [McpServerTool(Destructive = true), Description("Drops a table.")]
            [EnvironmentScope("Development", "Staging")]
            public static string {|AGR0016:DropTable|}(string name) => name;

            [McpServerTool(Destructive = true), Description("Deletes rows.")]
            [RequiresApproval]
            public static string {|AGR0016:DeleteRows|}(string table) => table;

            [McpServerTool(ReadOnly = true), Description("Counts rows.")]
            public static int CountRows(string table) => table.Length;
        }
        """;

    [Fact]
    public async Task Mcp_tool_with_a_declared_scope_and_no_guarded_server_is_reported()
    {
        await VerifyAsync(
            McpTools + """

            public static class Program
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddMcpServer().WithTools<DatabaseTools>();
            }
            """,
            "Tool 'drop_table' declares [EnvironmentScope(Development, Staging)], but nothing enforces it at run time: " + McpFix,
            "Tool 'delete_rows' declares [RequiresApproval], but nothing enforces it at run time: " + McpFix);
    }

    [Fact]
    public async Task Mcp_tool_on_a_server_with_WithAgentRules_is_not_reported()
    {
        await VerifyAsync(
            McpTools.Replace("{|AGR0016:DropTable|}", "DropTable").Replace("{|AGR0016:DeleteRows|}", "DeleteRows") + """

            public static class Program
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddMcpServer()
                        .WithTools<DatabaseTools>()
                        .WithAgentRules();
            }
            """);
    }

    [Fact]
    public async Task A_chat_client_guard_does_not_enforce_an_mcp_server_tool()
    {
        await VerifyAsync(
            McpTools + """

            public static class Program
            {
                public static IChatClient Build(IChatClient inner) =>
                    new ChatClientBuilder(inner).UseAgentRules().Build();
            }
            """,
            "Tool 'drop_table' declares [EnvironmentScope(Development, Staging)], but nothing enforces it at run time: " + McpFix,
            "Tool 'delete_rows' declares [RequiresApproval], but nothing enforces it at run time: " + McpFix);
    }

    [Fact]
    public async Task Scope_declared_on_the_assembly_counts_as_declared()
    {
        await VerifyAsync(
            """
            using AgentRules;
            using ModelContextProtocol.Server;

            [assembly: EnvironmentScope("Development")]

            [McpServerToolType]
            public static class FileTools
            {
                [McpServerTool(Destructive = true)]
                public static void {|AGR0016:PurgeCache|}() { }
            }
            """,
            "Tool 'purge_cache' declares [EnvironmentScope(Development)], but nothing enforces it at run time: " + McpFix);
    }

    private const string AIFunctionTools = """
        using System;
        using System.ComponentModel;
        using AgentRules;
        using Microsoft.Extensions.AI;

        public static class Tools
        {
            [Description("Refunds an order.")]
            [RequiresApproval]
            [ToolBudget(MaxCalls = 2)]
            public static string RefundOrder(string orderId) => orderId;

            public static ChatOptions Options() => new() { Tools = [AIFunctionFactory.Create(RefundOrder)] };
        }
        """;

    [Fact]
    public async Task AIFunction_tool_without_a_guarded_pipeline_is_reported()
    {
        await VerifyAsync(
            AIFunctionTools.Replace("public static string RefundOrder", "public static string {|AGR0016:RefundOrder|}"),
            "Tool 'RefundOrder' declares [RequiresApproval], [ToolBudget], but nothing enforces it at run time: add .UseAgentRules() to the chat client or agent builder (packages AgentRules.Extensions.AI, AgentRules.Agents.AI)");
    }

    [Theory]
    [InlineData("new ChatClientBuilder(inner).UseAgentRules().Build()")]
    [InlineData("inner.AsBuilder().UseAgentRules(o => o.Budget.MaxModelCalls = 20).Build()")]
    public async Task AIFunction_tool_in_a_guarded_chat_pipeline_is_not_reported(string pipeline)
    {
        await VerifyAsync(AIFunctionTools + $$"""

            public static class Program
            {
                public static IChatClient Build(IChatClient inner) => {{pipeline}};
            }
            """);
    }

    [Fact]
    public async Task Tools_that_declare_nothing_and_AgentTools_are_not_reported()
    {
        await VerifyAsync(
            """
            using AgentRules;
            using ModelContextProtocol.Server;

            [McpServerToolType]
            public static class ReadTools
            {
                [McpServerTool(ReadOnly = true)]
                public static int Count() => 1;
            }

            public sealed partial class WrappedTools
            {
                [AgentTool]
                [DestructiveTool]
                [EnvironmentScope("Development")]
                [RequiresApproval]
                public void DeleteTicket(string id) { }
            }
            """);
    }
}
