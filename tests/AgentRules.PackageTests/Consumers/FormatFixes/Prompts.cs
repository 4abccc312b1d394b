using Microsoft.Extensions.AI;

namespace FormatFixes;

public static class SupportPrompts
{
    public static ChatMessage System() => new(ChatRole.System, "You are a careful support agent. Never promise refunds.");
}

public sealed class JsonAnswers(IChatClient chatClient)
{
    // A correction the loop sends back to the model on every failed pass: a prompt site (AGR0004), declared by the fix.
    public async Task<ChatResponse> AskAsync(List<ChatMessage> history, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var response = await chatClient.GetResponseAsync(history, cancellationToken: cancellationToken);
            if (response.Text.StartsWith('{')) return response;
            history.Add(new ChatMessage(ChatRole.User, "Your answer was not valid JSON. Answer again with JSON only."));
        }

        return new ChatResponse();
    }
}
