// Community MCP host: tools from an MCP server, a console chat on top.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace Corpus.Community.McpHost;

public static class Host
{
    public static async Task RunAsync(IChatClient model, McpClient mcp)
    {
        var tools = await mcp.ListToolsAsync();
        using IChatClient client = model.AsBuilder()
            // expect: AGR0009
            .UseFunctionInvocation()
            .Build();

        var options = new ChatOptions { Tools = [.. tools.Cast<AITool>()] };
        List<ChatMessage> messages = [];
        while (Console.ReadLine() is { Length: > 0 } query)
        {
            messages.Add(new(ChatRole.User, query));
            var response = await client.GetResponseAsync(messages, options);
            messages.AddMessages(response);
            Console.WriteLine(response.Text);
        }
    }
}
