// Microsoft Agent Framework: a multi-turn console session with streaming output.
using System;
using Microsoft.Agents.AI;
using OpenAI.Chat;

ChatClient chatClient = new("gpt-4o-mini", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
AIAgent agent = chatClient.AsAIAgent(instructions: "You are a friendly travel agent.", name: "TravelAgent");
AgentSession session = await agent.CreateSessionAsync();

while (true)
{
    Console.Write("You: ");
    string? input = Console.ReadLine()?.Trim();
    if (string.IsNullOrEmpty(input) || input == "/exit")
    {
        break;
    }

    await foreach (var update in agent.RunStreamingAsync(input, session))
    {
        Console.Write(update.Text);
    }

    Console.WriteLine();
}
