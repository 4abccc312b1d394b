using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Tests.Infrastructure;
using AgentRules.Tests.Rules.Enforcement;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AgentRules.Tests.Generators.ProcessSpec;

/// <summary>
/// Format 3: each tool says what enforces its declared controls at run time — the generated wrapper, the guard
/// registration of a pipeline that runs it (found the way AGR0016 finds it), or nothing. Real MCP, Microsoft.Extensions.AI
/// and AgentRules companion assemblies.
/// </summary>
public class ProcessSpecEnforcementTests
{
    private const string Tools = """
        using System.ComponentModel;
        using AgentRules;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed class DatabaseTools
        {
            [McpServerTool(Name = "drop_table", Destructive = true), Description("Drops a table.")]
            [EnvironmentScope("Development")]
            public static string DropTable(string name) => name;

            [McpServerTool(Name = "count_rows", ReadOnly = true), Description("Counts rows.")]
            public static int CountRows(string table) => table.Length;
        }

        public static class ChatTools
        {
            [Description("Refunds an order.")]
            [RequiresApproval]
            public static string RefundOrder(string orderId) => orderId;

            public static ChatOptions Options() => new() { Tools = [AIFunctionFactory.Create(RefundOrder, "refund_order")] };
        }

        public sealed partial class WrappedTools
        {
            [AgentTool("delete_ticket")]
            [DestructiveTool]
            [EnvironmentScope("Development")]
            public void DeleteTicket(string id) { }
        }

        """;

    [Fact]
    public async Task A_tool_is_enforced_by_the_guard_registration_of_its_pipeline_or_said_not_to_be()
    {
        const string Registration = """
            public static class Program
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddMcpServer()
                        .WithTools<DatabaseTools>()
                        .WithAgentRules();
            }
            """;
        var source = Tools + Registration;
        var (json, markdown) = await SpecOf(source);
        var tools = json.RootElement.GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);

        // The MCP tool: enforced by the server's WithAgentRules(), with the registration's place.
        var drop = Assert.Single(tools["drop_table"].GetProperty("enforcedBy").EnumerateArray());
        Assert.Equal("MCP server", drop.GetProperty("pipeline").GetString());
        Assert.Equal("WithAgentRules()", drop.GetProperty("registration").GetString());
        Assert.Equal(LineOf(source, ".WithAgentRules()"), drop.GetProperty("location").GetProperty("line").GetInt32());

        // A tool declaring nothing is still run by the guarded server (kill switch, budgets).
        Assert.Equal("MCP server", Assert.Single(tools["count_rows"].GetProperty("enforcedBy").EnumerateArray()).GetProperty("pipeline").GetString());

        // An AIFunction tool can run in an MCP server too (AGR0016's rule): the project's guarded server counts.
        Assert.Equal(["MCP server"], tools["refund_order"].GetProperty("enforcedBy").EnumerateArray().Select(e => e.GetProperty("pipeline").GetString()));

        // The [AgentTool]: its generated wrapper, no registration.
        var wrapper = Assert.Single(tools["delete_ticket"].GetProperty("enforcedBy").EnumerateArray());
        Assert.Equal("generated wrapper", wrapper.GetProperty("pipeline").GetString());
        Assert.Equal(JsonValueKind.Null, wrapper.GetProperty("registration").ValueKind);
        Assert.Equal(JsonValueKind.Null, wrapper.GetProperty("location").ValueKind);

        Assert.Contains("| Enforced by |", markdown, StringComparison.Ordinal);
        Assert.Contains($"| MCP server `WithAgentRules()` (`Test0.cs:{LineOf(source, ".WithAgentRules()")}`) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| generated wrapper |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_guard_registration_declared_controls_are_not_enforced()
    {
        var source = Tools + """
            public static class Program
            {
                public static void Configure(IServiceCollection services) => services.AddMcpServer().WithTools<DatabaseTools>();
            }
            """;
        var (json, markdown) = await SpecOf(source);
        var tools = json.RootElement.GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);

        Assert.Empty(tools["drop_table"].GetProperty("enforcedBy").EnumerateArray());
        Assert.Empty(tools["refund_order"].GetProperty("enforcedBy").EnumerateArray());
        Assert.Empty(tools["count_rows"].GetProperty("enforcedBy").EnumerateArray());

        // Declared controls nobody enforces are called out; a tool that declares none is only "—".
        Assert.Matches(@"\| `drop_table` \|[^\n]*\| \*\*not enforced\*\* \| `Test0\.cs:\d+` \|", markdown);
        Assert.Matches(@"\| `refund_order` \|[^\n]*\| \*\*not enforced\*\* \| `Test0\.cs:\d+` \|", markdown);
        Assert.Matches(@"\| `count_rows` \|[^\n]*\| — \| `Test0\.cs:\d+` \|", markdown);
    }

    [Fact]
    public async Task A_chat_pipeline_guard_enforces_AIFunction_tools_but_not_MCP_server_tools()
    {
        var source = Tools + """
            public static class Program
            {
                public static IChatClient Build(IChatClient inner) => inner.AsBuilder().UseAgentRules(o => o.Budget.MaxModelCalls = 20).Build();
            }
            """;
        var (json, _) = await SpecOf(source);
        var tools = json.RootElement.GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);

        var refund = Assert.Single(tools["refund_order"].GetProperty("enforcedBy").EnumerateArray());
        Assert.Equal(("chat client", "UseAgentRules()"), (refund.GetProperty("pipeline").GetString(), refund.GetProperty("registration").GetString()));
        Assert.Equal(LineOf(source, ".UseAgentRules("), refund.GetProperty("location").GetProperty("line").GetInt32());
        Assert.Empty(tools["drop_table"].GetProperty("enforcedBy").EnumerateArray());
    }

    private static int LineOf(string source, string text) =>
        source.Substring(0, source.IndexOf(text, StringComparison.Ordinal)).Count(c => c == '\n') + 1;

    private static async Task<(JsonDocument Json, string Markdown)> SpecOf(string source)
    {
        var run = await new GeneratorTest<ProcessSpecGenerator> { Source = source, EditorConfig = "[*.cs]\n", References = EnforcementTestReferences.WithCompanions }.RunAsync();
        var type = run.OutputCompilation.GetTypeByMetadataName("AgentProcessSpec")!;
        string Constant(string name) => (string)type.GetMembers(name).OfType<IFieldSymbol>().Single().ConstantValue!;
        return (JsonDocument.Parse(Constant("Json")), Constant("Markdown"));
    }
}
