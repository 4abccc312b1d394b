using AgentRules.ModelContextProtocol;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace SupportAgent.Agent;

/// <summary>
/// Tools taken from an MCP server at run time — here this sample's own support-desk server (`-- --mcp`), started as a
/// child process — arrive with whatever descriptions the server sends that day: the agent takes only the ones pinned
/// in McpTools.lock.
/// </summary>
public static class KnowledgeBaseTools
{
    /// <summary>The name the server's tools are pinned under in McpTools.lock.</summary>
    public const string ServerName = "support-desk";

    /// <summary>Starts the support-desk MCP server (this program with --mcp) as a child process and connects over stdio.</summary>
    public static Task<McpClient> ConnectAsync(CancellationToken cancellationToken) =>
        McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = ServerName,
                Command = "dotnet",
                Arguments = [typeof(KnowledgeBaseTools).Assembly.Location, "--mcp"],
            }),
            cancellationToken: cancellationToken);

    /// <summary>
    /// `dotnet run -- pin-mcp-tools`: pins the server's tools as they are now. Run it on purpose, then review the diff of
    /// McpTools.lock like code; the running agent never writes it.
    /// </summary>
    public static async Task PinAsync(string lockPath, CancellationToken cancellationToken)
    {
        await using var client = await ConnectAsync(cancellationToken);
        await McpToolPins.WriteAsync(lockPath, client, ServerName, cancellationToken);
    }

    /// <summary>Good form: only tools whose description and schema match their pins reach the model.</summary>
    public static async Task<ChatOptions> PinnedOptionsAsync(McpClient client, CancellationToken cancellationToken)
    {
        var pins = await McpToolPins.LoadAsync(Path.Combine(AppContext.BaseDirectory, McpToolPins.DefaultFileName), cancellationToken);
        var tools = await client.ListPinnedToolsAsync(pins, new McpToolPinOptions { ServerName = ServerName }, cancellationToken);
        return new ChatOptions { Tools = [.. tools] };
    }

    /// <summary>Bad form: whatever the server lists today goes straight to the model.</summary>
    public static async Task<ChatOptions> UnpinnedOptionsAsync(McpClient client, CancellationToken cancellationToken)
    {
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        // expect: AGR0015
        return new ChatOptions { Tools = [.. tools] };
    }
}
