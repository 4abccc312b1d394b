// Text that looks like prompts but is not fed to a prompt site by the code: parameters, configuration, environment
// variables, a model's own answer, user input, logs and tool descriptions.
using System.ComponentModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Plumbing;

public sealed class ChatSettings
{
    // What configuration binds here is not in the code; the default is, and it reaches a system message below
    // (issue 18: a settable property's default is reported once, at the literal).
    public string SystemPrompt { get; set; } = [|"You are helpful."|];
}

public sealed class Plumbing(IChatClient chatClient, IConfiguration configuration, ChatSettings settings, ILogger<Plumbing> logger)
{
    public async Task<List<ChatMessage>> BuildAsync(string systemPrompt, string userInput, CancellationToken cancellationToken)
    {
        logger.LogInformation("You are a helpful assistant: {Input}", userInput);
        var summary = (await chatClient.GetResponseAsync(userInput, cancellationToken: cancellationToken)).Text;
        return
        [
            new(ChatRole.System, systemPrompt),
            new(ChatRole.System, configuration["Chat:SystemPrompt"] ?? string.Empty),
            new(ChatRole.System, settings.SystemPrompt),
            new(ChatRole.System, Environment.GetEnvironmentVariable("SYSTEM_PROMPT") ?? string.Empty),
            new(ChatRole.System, summary),
            new(ChatRole.User, "What is the weather like today?"),
            new(ChatRole.Assistant, "It is sunny."),
        ];
    }

    public ChatHistory Restore(IEnumerable<(string Role, string Text)> stored)
    {
        var history = new ChatHistory();
        foreach (var (role, text) in stored)
        {
            history.AddMessage(new AuthorRole(role), text);
        }

        return history;
    }

    [Description("You are not a prompt: this describes a tool to the model.")]
    public static string Describe() => "A tool description.";
}
