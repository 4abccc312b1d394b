using System.ComponentModel;
using AgentRules;
using ModelContextProtocol.Server;
using SupportAgent.Data;

namespace SupportAgent.Tools;

/// <summary>Order lookups and refunds, exposed to the support agent as MCP tools.</summary>
[McpServerToolType]
public sealed class OrderTools(SupportDatabase database)
{
    [McpServerTool(Name = "list_orders", ReadOnly = true), Description("Lists a customer's orders.")]
    public string ListOrders([Description("The customer id.")] int customerId) =>
        string.Join(Environment.NewLine, database.OrdersOf(customerId).Select(o => $"#{o.Id}: {o.Amount:0.00} ({o.Status})"));

    // Good: destructive, scoped, and gated by a human. Out of scope, the generated wrappers refuse the call and hide the
    // tool; in scope, they ask for approval before every call.
    [McpServerTool(Name = "refund_order", Destructive = true), Description("Refunds an order in full.")]
    [EnvironmentScope("Development", "Staging")]
    [RequiresApproval]
    public string RefundOrder([Description("The order id.")] int orderId) =>
        database.SetOrderStatus(orderId, "Refunded") is { } order ? $"Refunded order #{order.Id} ({order.Amount:0.00})." : $"No order {orderId}.";
}
