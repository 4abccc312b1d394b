using Microsoft.Extensions.AI;
using PromptsApp;

List<ChatMessage> messages =
[
    new(ChatRole.System, AgentPrompts.SupportTriage.Text),
    new(ChatRole.System, Prompts.System),
    new(ChatRole.System, "Answer in English."),
];

foreach (var prompt in AgentPrompts.All)
{
    Console.WriteLine($"{prompt} {prompt.Sha256}");
}

Console.WriteLine(messages.Count);
