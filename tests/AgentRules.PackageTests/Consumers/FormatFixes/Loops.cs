using Microsoft.Extensions.AI;

namespace FormatFixes;

public sealed class Researcher(IChatClient chatClient)
{
    public async Task<string> AskAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await chatClient.GetResponseAsync(messages);
            if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
            messages.AddRange(response.Messages);
        }
    }

    public async Task ReviewAsync(List<ChatMessage> messages)
    {
        var done = false;
        do
        {
            var response = await chatClient.GetResponseAsync(messages, cancellationToken: CancellationToken.None);
            done = response.FinishReason == ChatFinishReason.Stop;
        }
        while (!done);
    }

    public async Task<int> CountAsync(List<ChatMessage> messages)
    {
        for (;;)
        {
            var response = await chatClient.GetResponseAsync(messages);
            if (response.Messages.Count > 0) return response.Messages.Count;
        }
    }
}
