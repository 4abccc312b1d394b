using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Rules;
using AgentRules.Tests.Infrastructure;
using AgentRules.Tests.Rules.Enforcement;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0016's fix: the guard registration, once per pipeline, where the pipeline is built; the result compiles.</summary>
public class AGR0016ToolControlNotEnforcedCodeFixTests
{
    private const string McpTools = """
        using System.ComponentModel;
        using AgentRules;
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
        }

        """;

    [Fact]
    public async Task Appends_WithAgentRules_to_the_mcp_server_chain_once()
    {
        await new CodeFixTest<AGR0016ToolControlNotEnforcedAnalyzer, AGR0016ToolControlNotEnforcedCodeFix>
        {
            References = EnforcementTestReferences.WithCompanions,
            Source = McpTools + """
                public static class Program
                {
                    public static void Configure(IServiceCollection services) =>
                        services.AddMcpServer()
                            .WithStdioServerTransport()
                            .WithTools<DatabaseTools>();
                }
                """,
            FixedSource = McpTools.Replace("{|AGR0016:DropTable|}", "DropTable").Replace("{|AGR0016:DeleteRows|}", "DeleteRows") + """
                public static class Program
                {
                    public static void Configure(IServiceCollection services) =>
                        services.AddMcpServer()
                            .WithStdioServerTransport()
                            .WithTools<DatabaseTools>().WithAgentRules();
                }
                """,
            ExpectedCodeActionTitle = "Add .WithAgentRules() to enforce the declared controls",
            NumberOfIncrementalIterations = -2,
            NumberOfFixAllIterations = 1,
        }.RunAsync();
    }

    [Fact]
    public async Task Replaces_a_bare_UseFunctionInvocation_with_UseAgentRules()
    {
        const string tools = """
            using System.ComponentModel;
            using AgentRules;
            using Microsoft.Extensions.AI;

            public static class Tools
            {
                [Description("Refunds an order.")]
                [EnvironmentScope("Staging")]
                public static string {|AGR0016:RefundOrder|}(string orderId) => orderId;

                public static ChatOptions Options() => new() { Tools = [AIFunctionFactory.Create(RefundOrder)] };

                public static IChatClient Build(IChatClient inner) => inner.AsBuilder().UseFunctionInvocation().Build();
            }
            """;

        await new CodeFixTest<AGR0016ToolControlNotEnforcedAnalyzer, AGR0016ToolControlNotEnforcedCodeFix>
        {
            References = EnforcementTestReferences.WithCompanions,
            Source = tools,
            FixedSource = tools.Replace("{|AGR0016:RefundOrder|}", "RefundOrder").Replace("UseFunctionInvocation()", "UseAgentRules()"),
            ExpectedCodeActionTitle = "Use UseAgentRules() instead of UseFunctionInvocation()",
        }.RunAsync();
    }

    [Fact]
    public async Task Offers_nothing_where_no_pipeline_is_built_in_the_project()
    {
        await new CodeFixTest<AGR0016ToolControlNotEnforcedAnalyzer, AGR0016ToolControlNotEnforcedCodeFix>
        {
            References = EnforcementTestReferences.WithCompanions,
            Source = McpTools,
            FixedSource = McpTools,
        }.RunAsync();
    }
}
