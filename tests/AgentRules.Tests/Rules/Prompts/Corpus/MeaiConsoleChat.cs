// A console chat app on Microsoft.Extensions.AI: the system prompt is a literal, the loop adds user and assistant turns.
using Microsoft.Extensions.AI;

IChatClient client = new EchoClient();

List<ChatMessage> history =
[
    new(ChatRole.System, [|"""
        You are a hiking assistant. Recommend trails based on the user's fitness level.
        Keep answers under 120 words.
        """|]),
];

while (Console.ReadLine() is { Length: > 0 } input)
{
    history.Add(new ChatMessage(ChatRole.User, input));
    var response = await client.GetResponseAsync(history);
    history.AddMessages(response);
    Console.WriteLine(response.Text);
}

sealed class EchoClient : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
