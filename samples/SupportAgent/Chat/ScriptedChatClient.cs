using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SupportAgent.Chat;

/// <summary>
/// A stand-in for a real model: answers with the next scripted reply, so the sample runs offline and the same way
/// every time. Swap in any <see cref="IChatClient"/> (OpenAI, Azure OpenAI, Ollama, ...) for a real agent.
/// </summary>
public sealed class ScriptedChatClient(params string[] replies) : IChatClient
{
    private int _next;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reply = replies.Length == 0 ? "…" : replies[Math.Min(Interlocked.Increment(ref _next) - 1, replies.Length - 1)];
        // Usage as a real model reports it: UseAgentRules() charges it to the run's token budget.
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply))
        {
            Usage = new UsageDetails { InputTokenCount = 200, OutputTokenCount = 30, TotalTokenCount = 230 },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
