using AgentRules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportAgent.Agent;
using SupportAgent.Chat;
using SupportAgent.Data;

// `dotnet run -- --mcp` serves the support tools over MCP (stdio), for any MCP client.
if (args.Contains("--mcp"))
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Services.AddSingleton<SupportDatabase>();
    builder.Services
        .AddMcpServer()
        .WithStdioServerTransport()
        .WithToolsFromAssembly();
    await builder.Build().RunAsync();
    return;
}

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(1));

// `dotnet run -- pin-mcp-tools`: the explicit action that pins the MCP server's tools in McpTools.lock (review the diff).
if (args.Contains("pin-mcp-tools"))
{
    await KnowledgeBaseTools.PinAsync(McpToolPinsPath(), cancellation.Token);
    Console.WriteLine($"Pinned the tools of '{KnowledgeBaseTools.ServerName}' in {McpToolPinsPath()}.");
    return;
}

// `dotnet run -- --chat`: a short scripted conversation, offline.
if (args.Contains("--chat"))
{
    var conversation = new SupportConversation(new ScriptedChatClient(
        "Hi! I can help with that. Which order is it about?",
        "Thanks. Order #100 was delivered on Monday; I have asked a colleague to look into the damage."));

    foreach (var message in new[] { "My parcel arrived damaged.", "It is order 100." })
    {
        Console.WriteLine($"customer> {message}");
        Console.WriteLine($"agent>    {await conversation.AskAsync(message, cancellation.Token)}");
    }

    return;
}

// Default: a scripted agent session with guarded tools (`-- --environment Development` to see the scoped tools offered).
var environment = Array.IndexOf(args, "--environment") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : AgentEnvironment.Production;
await SupportSessionDemo.RunAsync(environment, Console.Out, cancellation.Token);

static string McpToolPinsPath() => Path.Combine(Directory.GetCurrentDirectory(), AgentRules.ModelContextProtocol.McpToolPins.DefaultFileName);
