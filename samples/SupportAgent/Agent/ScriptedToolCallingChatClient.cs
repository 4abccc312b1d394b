using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SupportAgent.Agent;

/// <summary>
/// A stand-in for a model that calls tools: each response is the next scripted turn, either tool calls or a final
/// answer, so the guarded session runs offline and the same way every time. Any real <see cref="IChatClient"/> works
/// in its place.
/// </summary>
public sealed class ScriptedToolCallingChatClient(params ScriptedTurn[] turns) : IChatClient
{
    private int _next;
    private int _callIds;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var index = Interlocked.Increment(ref _next) - 1;
        var turn = index < turns.Length ? turns[index] : ScriptedTurn.Answer("I have nothing more to add.");
        var contents = new List<AIContent>();
        if (turn.Text is { } text)
        {
            contents.Add(new TextContent(text));
        }

        foreach (var (name, arguments) in turn.Calls)
        {
            contents.Add(new FunctionCallContent("call_" + Interlocked.Increment(ref _callIds), name, arguments));
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, contents)));
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

/// <summary>One scripted model turn: tool calls (name and arguments), or a final answer.</summary>
public sealed record ScriptedTurn(string? Text, IReadOnlyList<(string Name, Dictionary<string, object?> Arguments)> Calls)
{
    public static ScriptedTurn Answer(string text) => new(text, []);

    public static ScriptedTurn Call(params (string Name, Dictionary<string, object?> Arguments)[] calls) => new(null, calls);
}
