// OpenAI .NET SDK: an interactive console chat; each turn waits for the user.
using System;
using System.Collections.Generic;
using OpenAI.Chat;

ChatClient client = new(model: "gpt-4o-mini", apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
List<ChatMessage> history = [new SystemChatMessage("You are a terse assistant.")];

while (true)
{
    Console.Write("> ");
    var line = Console.ReadLine();
    if (string.IsNullOrWhiteSpace(line))
    {
        break;
    }

    history.Add(new UserChatMessage(line));
    var reply = new System.Text.StringBuilder();
    await foreach (var update in client.CompleteChatStreamingAsync(history))
    {
        foreach (var part in update.ContentUpdate)
        {
            Console.Write(part.Text);
            reply.Append(part.Text);
        }
    }

    Console.WriteLine();
    history.Add(new AssistantChatMessage(reply.ToString()));
}
