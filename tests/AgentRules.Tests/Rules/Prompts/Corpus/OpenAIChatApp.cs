#pragma warning disable OPENAI001 // developer messages are marked experimental
// OpenAI .NET SDK: a system prompt read from a file at run time, a developer message, user and assistant messages.
using OpenAI.Chat;

namespace Horoscope;

public sealed class HoroscopeService(ChatClient client)
{
    private static readonly string s_systemPromptPath = Path.Combine(AppContext.BaseDirectory, "prompts", "astrologer.md");

    public async Task<string> ForSignAsync(string sign, CancellationToken cancellationToken)
    {
        var systemPrompt = await File.ReadAllTextAsync(s_systemPromptPath, cancellationToken);
        List<ChatMessage> messages =
        [
            new SystemChatMessage([|systemPrompt|]),
            new DeveloperChatMessage([|"Reply in at most two sentences."|]),
            new UserChatMessage($"Write today's horoscope for {sign}."),
        ];

        ChatCompletion completion = await client.CompleteChatAsync(messages, cancellationToken: cancellationToken);
        return completion.Content[0].Text;
    }

    public IEnumerable<ChatMessage> FewShot() =>
    [
        ChatMessage.CreateSystemMessage([|"You answer with a single emoji."|]),
        ChatMessage.CreateUserMessage("I am happy"),
        ChatMessage.CreateAssistantMessage("😊"),
    ];
}
