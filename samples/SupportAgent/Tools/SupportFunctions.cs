using System.ComponentModel;
using AgentRules;
using Microsoft.Extensions.AI;
using SupportAgent.Data;

namespace SupportAgent.Tools;

/// <summary>
/// Support actions as Microsoft.Extensions.AI functions, for a chat client that calls tools itself
/// (<c>new ChatOptions { Tools = new SupportFunctions(database).Create() }</c>).
/// </summary>
public sealed class SupportFunctions(SupportDatabase database)
{
    // [ReadOnlyTool] next to System.ComponentModel's [Description]: no clash with System.ComponentModel.ReadOnlyAttribute.
    [Description("Gets the status of an order.")]
    [ReadOnlyTool]
    public string GetOrderStatus(int orderId) =>
        database.FindOrder(orderId) is { } order ? order.Status : $"No order {orderId}.";

    // Good: destructive, scoped, and wrapped in ApprovalRequiredAIFunction where it is registered (below).
    [Description("Cancels an order that has not shipped yet.")]
    [DestructiveTool, EnvironmentScope("Development", "Staging")]
    public string CancelOrder(int orderId) =>
        database.SetOrderStatus(orderId, "Cancelled") is { } order ? $"Cancelled order #{order.Id}." : $"No order {orderId}.";

    // Bad: e-mails a real customer as soon as the model asks; no human sees it first (AGR0008).
    [Description("E-mails the customer a summary of the conversation.")]
    [DestructiveTool, EnvironmentScope("Development", "Staging")]
    // expect: AGR0008
    public string EmailSummary(int customerId, string summary) =>
        database.FindCustomer(customerId) is { } customer ? $"Sent the summary to {customer.Email}." : $"No customer {customerId}.";

    public IList<AITool> Create() =>
    [
        AIFunctionFactory.Create(GetOrderStatus, "get_order_status"),
        new ApprovalRequiredAIFunction(AIFunctionFactory.Create(CancelOrder, "cancel_order")),
        AIFunctionFactory.Create(EmailSummary, "email_summary"),
    ];
}
