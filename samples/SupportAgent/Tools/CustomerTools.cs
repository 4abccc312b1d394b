using System.ComponentModel;
using AgentRules;
using ModelContextProtocol.Server;
using SupportAgent.Data;

namespace SupportAgent.Tools;

/// <summary>Customer lookups and account changes, exposed to the support agent as MCP tools.</summary>
[McpServerToolType]
public sealed class CustomerTools(SupportDatabase database)
{
    [McpServerTool(Name = "get_customer", ReadOnly = true), Description("Looks up a customer by id.")]
    public string GetCustomer([Description("The customer id.")] int customerId) =>
        database.FindCustomer(customerId) is { } c ? $"{c.Name} <{c.Email}>" : $"No customer {customerId}.";

    // Bad: destructive, and nothing says where it may run. An agent in any environment can call it.
    [McpServerTool(Name = "delete_customer", Destructive = true), Description("Deletes a customer account and all its data.")]
    // expect: AGR0001
    public string DeleteCustomer([Description("The customer id.")] int customerId) =>
        database.DeleteCustomer(customerId) ? $"Deleted customer {customerId}." : $"No customer {customerId}.";
}
