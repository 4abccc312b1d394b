// An MCP server with prompts, server instructions and tools; tool results are not prompts.
using System.ComponentModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Server;

var builder = Host.CreateApplicationBuilder(args);
builder.Services
    .AddMcpServer(options =>
    {
        options.ServerInstructions = [|"Call search_orders before answering any question about an order."|];
    })
    .WithStdioServerTransport()
    .WithPromptsFromAssembly()
    .WithToolsFromAssembly();
await builder.Build().RunAsync();

[McpServerPromptType]
public static class OrderPrompts
{
    private const string Persona = "You are the support desk of an online shop.";

    [McpServerPrompt(Name = "summarize_order"), Description("Summarizes an order for the customer.")]
    public static string SummarizeOrder([Description("The order number.")] string orderId) =>
        [|$"{Persona} Summarize order {orderId} in plain language for the customer."|];

    [McpServerPrompt(Name = "refund_policy"), Description("Explains the refund policy.")]
    public static IEnumerable<ChatMessage> RefundPolicy(string question) =>
    [
        new(ChatRole.User, [|"Explain our refund policy: 30 days, unused items, original packaging."|]),
        new(ChatRole.User, question),
    ];
}

[McpServerToolType]
public static class OrderTools
{
    [McpServerTool(Name = "search_orders", ReadOnly = true), Description("Finds orders by customer email.")]
    public static string SearchOrders(string email) => $"No orders found for {email}.";
}
