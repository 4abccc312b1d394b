using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO.Pipelines;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Xunit;

namespace AgentRules.Integrations.Tests.Enforcement;

[McpServerToolType]
public static class McpSupportTools
{
    private static int s_lookups;
    private static int s_deletes;
    private static int s_refunds;

    public static int Lookups => Volatile.Read(ref s_lookups);

    public static int Deletes => Volatile.Read(ref s_deletes);

    public static int Refunds => Volatile.Read(ref s_refunds);

    public static void Reset()
    {
        s_lookups = 0;
        s_deletes = 0;
        s_refunds = 0;
    }

    [McpServerTool(Name = "get_order", ReadOnly = true), Description("Looks up an order.")]
    public static string GetOrder(int orderId)
    {
        Interlocked.Increment(ref s_lookups);
        return $"order {orderId}: shipped";
    }

    [McpServerTool(Name = "delete_customer", Destructive = true), Description("Deletes a customer.")]
    [EnvironmentScope("Development", "Staging")]
    public static string DeleteCustomer(int customerId)
    {
        Interlocked.Increment(ref s_deletes);
        return $"customer {customerId} deleted";
    }

    [McpServerTool(Name = "refund_order", Destructive = true), Description("Refunds an order.")]
    [RequiresApproval]
    public static string RefundOrder(int orderId)
    {
        Interlocked.Increment(ref s_refunds);
        return $"order {orderId} refunded";
    }
}

/// <summary><c>WithAgentRules()</c> on a real MCP 2.4 server, talked to by a real MCP client over in-memory pipes.</summary>
[Collection(EnforcementCollection.Name)]
public sealed class ModelContextProtocolTests : IDisposable
{
    public ModelContextProtocolTests()
    {
        KillSwitch.Global.Reset();
        McpSupportTools.Reset();
        AgentEnvironment.Set(AgentEnvironment.Production);
    }

    public void Dispose()
    {
        KillSwitch.Global.Reset();
        AgentEnvironment.Reset();
    }

    private sealed class Connection : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _server;

        private Connection(ServiceProvider services, Task server, McpClient client)
        {
            _services = services;
            _server = server;
            Client = client;
        }

        public McpClient Client { get; }

        public static async Task<Connection> OpenAsync(Action<AgentRules.ModelContextProtocol.AgentRulesMcpServerOptions>? configure, Func<ElicitRequestParams?, ElicitResult>? elicit = null)
        {
            var toServer = new Pipe();
            var toClient = new Pipe();
            var services = new ServiceCollection();
            services.AddMcpServer()
                .WithStreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream())
                .WithTools([typeof(McpSupportTools)])
                .WithAgentRules(configure);
            var provider = services.BuildServiceProvider();
            var server = provider.GetRequiredService<McpServer>();
            var stop = new CancellationTokenSource();
            var running = server.RunAsync(stop.Token);
            var options = new McpClientOptions();
            if (elicit is not null)
            {
                options.Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability { Form = new FormElicitationCapability() } };
                options.Handlers.ElicitationHandler = (request, _) => ValueTask.FromResult(elicit(request));
            }

            var client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()), options);
            return new Connection(provider, running, client);
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            _stop.Cancel();
            await _services.DisposeAsync();
            _stop.Dispose();
            _ = _server;
        }
    }

    private static string NewAgent() => "agent-" + Guid.NewGuid().ToString("N");

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    [Fact]
    public async Task An_out_of_scope_tool_is_absent_from_tools_list_and_refused_if_called()
    {
        await using var connection = await Connection.OpenAsync(o => o.AgentName = NewAgent());

        var tools = (await connection.Client.ListToolsAsync()).Select(t => t.Name).ToArray();
        var result = await connection.Client.CallToolAsync("delete_customer", new Dictionary<string, object?> { ["customerId"] = 7 });

        Assert.Contains("get_order", tools);
        Assert.DoesNotContain("delete_customer", tools);
        Assert.True(result.IsError);
        Assert.StartsWith("Tool call refused (environment): 'delete_customer' may run only in Development, Staging", Text(result), StringComparison.Ordinal);
        Assert.Equal(0, McpSupportTools.Deletes);
    }

    [Fact]
    public async Task In_scope_the_tool_is_listed_and_runs()
    {
        AgentEnvironment.Set(AgentEnvironment.Development);
        await using var connection = await Connection.OpenAsync(null);

        var tools = (await connection.Client.ListToolsAsync()).Select(t => t.Name).ToArray();
        var result = await connection.Client.CallToolAsync("delete_customer", new Dictionary<string, object?> { ["customerId"] = 7 });

        Assert.Contains("delete_customer", tools);
        Assert.NotEqual(true, result.IsError);
        Assert.Equal(1, McpSupportTools.Deletes);
    }

    [Fact]
    public async Task After_Trip_returns_no_tool_call_starts()
    {
        var agent = NewAgent();
        await using var connection = await Connection.OpenAsync(o => o.AgentName = agent);
        await connection.Client.CallToolAsync("get_order", new Dictionary<string, object?> { ["orderId"] = 1 });

        KillSwitch.ForAgent(agent).Trip("incident 99");
        var result = await connection.Client.CallToolAsync("get_order", new Dictionary<string, object?> { ["orderId"] = 2 });

        Assert.True(result.IsError);
        Assert.Contains("incident 99", Text(result), StringComparison.Ordinal);
        Assert.Equal(1, McpSupportTools.Lookups);
    }

    [Fact]
    public async Task The_session_budget_and_duplicate_detection_refuse_calls()
    {
        await using var connection = await Connection.OpenAsync(o => o.Tools.MaxCalls = 5);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(true, (await connection.Client.CallToolAsync("get_order", new Dictionary<string, object?> { ["orderId"] = 1 })).IsError);
        }

        var duplicate = await connection.Client.CallToolAsync("get_order", new Dictionary<string, object?> { ["orderId"] = 1 });
        Assert.StartsWith("Tool call refused (duplicate)", Text(duplicate), StringComparison.Ordinal);
        await connection.Client.CallToolAsync("get_order", new Dictionary<string, object?> { ["orderId"] = 2 });
        await connection.Client.CallToolAsync("get_order", new Dictionary<string, object?> { ["orderId"] = 3 });
        var spent = await connection.Client.CallToolAsync("get_order", new Dictionary<string, object?> { ["orderId"] = 4 });

        Assert.StartsWith("Tool call refused (budget)", Text(spent), StringComparison.Ordinal);
        Assert.Equal(5, McpSupportTools.Lookups);
    }

    [Fact]
    public async Task A_RequiresApproval_tool_runs_only_when_the_user_accepts_the_elicitation()
    {
        var asked = new List<string>();
        var accept = false;
        await using var connection = await Connection.OpenAsync(null, request =>
        {
            asked.Add(request!.Message);
            return new ElicitResult { Action = accept ? "accept" : "decline" };
        });

        var declined = await connection.Client.CallToolAsync("refund_order", new Dictionary<string, object?> { ["orderId"] = 3 });
        accept = true;
        var accepted = await connection.Client.CallToolAsync("refund_order", new Dictionary<string, object?> { ["orderId"] = 4 });

        Assert.True(declined.IsError);
        Assert.Contains("answered 'decline'", Text(declined), StringComparison.Ordinal);
        Assert.NotEqual(true, accepted.IsError);
        Assert.Equal(1, McpSupportTools.Refunds);
        Assert.Equal(2, asked.Count);
        Assert.Contains("refund_order", asked[0], StringComparison.Ordinal);
        Assert.Contains("\"orderId\":3", asked[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_RequiresApproval_tool_is_refused_when_the_client_cannot_elicit()
    {
        await using var connection = await Connection.OpenAsync(null);

        var result = await connection.Client.CallToolAsync("refund_order", new Dictionary<string, object?> { ["orderId"] = 3 });

        Assert.True(result.IsError);
        Assert.Contains("no elicitation support", Text(result), StringComparison.Ordinal);
        Assert.Equal(0, McpSupportTools.Refunds);
    }
}
