using System.ComponentModel;
using AgentRules;
using ModelContextProtocol.Server;
using SupportAgent.Data;

namespace SupportAgent.Tools;

/// <summary>Customer lookups and account changes, exposed to the support agent as MCP tools.</summary>
[McpServerToolType]
public sealed class CustomerTools(SupportDatabase database)
{
    // Good: declares that it only reads, so clients call it without asking and nothing needs scoping.
    [McpServerTool(Name = "get_customer", ReadOnly = true), Description("Looks up a customer by id.")]
    public string GetCustomer([Description("The customer id.")] int customerId) =>
        database.FindCustomer(customerId) is { } c ? $"{c.Name} <{c.Email}>" : $"No customer {customerId}.";

    // Bad: destructive, and nothing says where it may run (AGR0001) or that a human must agree first (AGR0008).
    // An agent in any environment can call it, and it runs as soon as the model asks.
    [McpServerTool(Name = "delete_customer", Destructive = true), Description("Deletes a customer account and all its data.")]
    // expect: AGR0001, AGR0008
    public string DeleteCustomer([Description("The customer id.")] int customerId) =>
        database.DeleteCustomer(customerId) ? $"Deleted customer {customerId}." : $"No customer {customerId}.";

    // Bad: declares neither ReadOnly nor Destructive (AGR0005), so MCP clients must assume the worst.
    [McpServerTool(Name = "customer_history"), Description("Summarizes a customer's orders.")]
    // expect: AGR0005
    public string CustomerHistory([Description("The customer id.")] int customerId) =>
        $"{database.OrdersOf(customerId).Count} orders.";
}
