// Microsoft.Extensions.AI in a web chat (a Blazor-style component without the UI framework).
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.MeaiComponent;

public sealed class ChatPanel(IChatClient chatClient) : IDisposable
{
    private readonly List<ChatMessage> _messages = [];
    private CancellationTokenSource? _current;

    public string Streaming { get; private set; } = string.Empty;

    public async Task SendAsync(string text)
    {
        _current?.Cancel();
        _current = new CancellationTokenSource();
        _messages.Add(new ChatMessage(ChatRole.User, text));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chatClient.GetStreamingResponseAsync(_messages, cancellationToken: _current.Token))
        {
            updates.Add(update);
            Streaming += update.Text;
            StateHasChanged();
        }

        _messages.AddMessages(updates);
        Streaming = string.Empty;
    }

    private void StateHasChanged()
    {
    }

    public void Dispose() => _current?.Dispose();
}
