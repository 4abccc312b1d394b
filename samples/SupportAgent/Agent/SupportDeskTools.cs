using System.ComponentModel;
using AgentRules;
using SupportAgent.Data;

namespace SupportAgent.Agent;

/// <summary>Why an order is refunded.</summary>
public enum RefundReason
{
    Damaged,
    Lost,
    Late,
}

/// <summary>
/// The support agent's tools, guarded by AgentRules: the generator adds <c>SupportDeskTools.CreateAIFunctions(tools,
/// guard)</c>, a <c>{Method}Guarded(guard, ...)</c> invoker per tool and <c>SupportDeskTools.AgentToolDescriptors</c>.
/// Effects, scopes, approval and budgets are declared here, once, and enforced before every call.
/// </summary>
public sealed partial class SupportDeskTools(SupportDatabase database)
{
    [AgentTool("get_customer"), ReadOnlyTool, Description("Looks up a customer by id.")]
    public string GetCustomer([Description("The customer id.")] int customerId) =>
        database.FindCustomer(customerId) is { } c ? $"{c.Name} <{c.Email}>" : $"No customer {customerId}.";

    [AgentTool("list_orders"), ReadOnlyTool, Description("Lists a customer's orders.")]
    public string ListOrders([Description("The customer id.")] int customerId) =>
        string.Join("; ", database.OrdersOf(customerId).Select(o => $"#{o.Id}: {o.Amount:0.00} ({o.Status})"));

    // The carrier charges per lookup: at most three per session.
    [AgentTool("track_parcel"), ReadOnlyTool, ToolBudget(MaxCalls = 3)]
    [Description("Asks the carrier where an order's parcel is.")]
    public string TrackParcel([Description("The order id.")] int orderId) =>
        database.FindOrder(orderId) is { } o ? $"Order #{o.Id}: {o.Status}, last scan at the local depot." : $"No order {orderId}.";

    // Money leaves the company: never in production without a person, at most twice per session, five cost units each.
    [AgentTool("refund_order"), DestructiveTool, EnvironmentScope("Development", "Staging"), RequiresApproval, ToolBudget(MaxCalls = 2, Cost = 5)]
    [Description("Refunds an order in full.")]
    public string RefundOrder([Description("The order id.")] int orderId, [Description("Why the order is refunded.")] RefundReason reason) =>
        database.SetOrderStatus(orderId, "Refunded") is { } order ? $"Refunded order #{order.Id} ({order.Amount:0.00}, {reason})." : $"No order {orderId}.";

    // Irreversible: only ever in development.
    [AgentTool("delete_customer"), DestructiveTool, EnvironmentScope("Development"), RequiresApproval]
    [Description("Deletes a customer account and all its data.")]
    public string DeleteCustomer([Description("The customer id.")] int customerId) =>
        database.DeleteCustomer(customerId) ? $"Deleted customer {customerId}." : $"No customer {customerId}.";
}
