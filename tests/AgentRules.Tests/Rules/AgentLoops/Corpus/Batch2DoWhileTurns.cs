// A do/while tool loop with the turn limit folded into the condition.
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Batch2.Turns;

public static class ToolTurns
{
    private const int MaxTurns = 5;

    public static async Task<ChatResponse> RunAsync(IChatClient client, List<ChatMessage> messages, ChatOptions options)
    {
        ChatResponse response;
        var turns = 0;
        // expect: AGR0003
        do
        {
            response = await client.GetResponseAsync(messages, options);
            messages.AddMessages(response);
        } while (response.FinishReason == ChatFinishReason.ToolCalls && ++turns < MaxTurns);

        return response;
    }
}
