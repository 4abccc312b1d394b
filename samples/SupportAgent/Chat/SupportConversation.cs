using Microsoft.Extensions.AI;

namespace SupportAgent.Chat;

/// <summary>One support conversation: the system prompt, the customer's messages and the model's answers.</summary>
public sealed class SupportConversation(IChatClient chatClient)
{
    private readonly List<ChatMessage> _history =
    [
        new(ChatRole.System, "You are a friendly support agent for an online shop. Be brief. Never promise refunds you cannot issue."),
    ];

    public async Task<string> AskAsync(string customerMessage, CancellationToken cancellationToken)
    {
        _history.Add(new ChatMessage(ChatRole.User, customerMessage));
        var response = await chatClient.GetResponseAsync(_history, cancellationToken: cancellationToken).ConfigureAwait(false);
        _history.AddRange(response.Messages);
        return response.Text;
    }
}
