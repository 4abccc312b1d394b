// Microsoft.Extensions.AI quickstart: function invocation middleware and a console chat.
using System;
using System.Collections.Generic;
using System.ComponentModel;
using Microsoft.Extensions.AI;
using OpenAI;

IChatClient client = new OpenAIClient(Environment.GetEnvironmentVariable("OPENAI_API_KEY")!)
    .GetChatClient("gpt-4o-mini")
    .AsIChatClient()
    .AsBuilder()
    // expect: AGR0009
    .UseFunctionInvocation()
    .Build();

var options = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather)] };
List<ChatMessage> history = [new(ChatRole.System, "You are a hiking assistant.")];

while (true)
{
    Console.Write("Your prompt: ");
    var prompt = Console.ReadLine();
    history.Add(new ChatMessage(ChatRole.User, prompt));

    var text = string.Empty;
    await foreach (var update in client.GetStreamingResponseAsync(history, options))
    {
        Console.Write(update.Text);
        text += update.Text;
    }

    history.Add(new ChatMessage(ChatRole.Assistant, text));
    Console.WriteLine();
}

[Description("Gets the weather")]
static string GetWeather() => Random.Shared.NextDouble() > 0.5 ? "It's sunny" : "It's raining";
