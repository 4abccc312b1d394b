// Microsoft.Extensions.AI with tool-calling helpers from a library: the README-style loop.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Batch3.Guard;

public static class ToolHelpers
{
    public static Task<IList<ChatMessage>> CallToolsAsync(this ChatResponse response, ChatOptions options, CancellationToken cancellationToken = default) =>
        Task.FromResult<IList<ChatMessage>>(new List<ChatMessage>());
}

public static class GuardedChat
{
    public static async Task RunAsync(IChatClient chatClient, ChatOptions options, List<ChatMessage> messages)
    {
        // expect: AGR0002, AGR0003
        while (true)
        {
            var response = await chatClient.GetResponseAsync(messages, options);
            messages.AddRange(response.Messages);
            if (response.FinishReason == ChatFinishReason.ToolCalls)
            {
                var results = await response.CallToolsAsync(options);
                messages.AddRange(results);
                continue;
            }

            Console.WriteLine(response.Text);
            break;
        }
    }

    public static async Task RunSafelyAsync(IChatClient chatClient, ChatOptions options, List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        for (var turn = 0; turn < 10; turn++)
        {
            var response = await chatClient.GetResponseAsync(messages, options, cancellationToken);
            messages.AddRange(response.Messages);
            if (response.FinishReason != ChatFinishReason.ToolCalls)
            {
                return;
            }

            messages.AddRange(await response.CallToolsAsync(options, cancellationToken));
        }
    }
}
