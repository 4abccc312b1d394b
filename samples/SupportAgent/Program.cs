using AgentRules;
using Microsoft.Extensions.AI;
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
        .WithToolsFromAssembly()
        // Enforced where the tools run: out-of-scope tools are not listed and refused, every call goes through the
        // kill switch, budget and duplicate checks, [RequiresApproval] tools ask the user by elicitation.
        .WithAgentRules(o =>
        {
            o.AgentName = "support-mcp";
            o.Tools.MaxCalls = 50;
        });
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
    // The chat pipeline guarded: every model call is admitted by the run's budget (calls, tokens, wall time,
    // repeated requests, kill switch) and traced with the declared prompt's id, version and hash.
    using var chatClient = new ScriptedChatClient(
            "Hi! I can help with that. Which order is it about?",
            "Thanks. Order #100 was delivered on Monday; I have asked a colleague to look into the damage.")
        .AsBuilder()
        .UseAgentRules(o =>
        {
            o.AgentName = "support-agent";
            o.Budget.MaxModelCalls = 10;
            o.Budget.MaxTotalTokens = 20_000;
            o.Budget.MaxDuration = TimeSpan.FromMinutes(1);
            o.Prompts.Add(SupportConversation.Prompt);
        })
        .Build();
    var conversation = new SupportConversation(chatClient);

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
