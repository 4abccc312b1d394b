// Agent Framework hosting and context providers, SK execution settings, and OpenAI assistant options.
#pragma warning disable OPENAI001
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Assistants;

namespace Hosting;

public static class Registration
{
    public static void AddAgents(IHostApplicationBuilder builder)
    {
        builder.AddAIAgent("pirate", instructions: [|"You are a pirate. Speak like a pirate."|], description: "Talks like a pirate.", chatClientServiceKey: "chat");
        builder.AddAIAgent("echo", [|"Repeat what the user says."|]);
    }

    public static OpenAIPromptExecutionSettings Settings() => new()
    {
        ChatSystemPrompt = [|"You are a librarian. Recommend books only."|],
        Temperature = 0.1,
    };

    public static AssistantCreationOptions Assistant() => new()
    {
        Name = "Math tutor",
        Instructions = [|"You are a personal math tutor. Write and run code to answer math questions."|],
    };
}

public sealed class UserProfileProvider(string? userName) : AIContextProvider
{
    protected override ValueTask<AIContext> ProvideAIContextAsync(InvokingContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new AIContext
        {
            Instructions = [|userName is null ? "Ask the user for their name." : $"The user's name is {userName}."|],
        });
}
