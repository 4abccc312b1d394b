// The good form: prompts declared with [Prompt], used directly, through a template method and string.Format, and
// through the generated registry's AgentPrompt.Text.
using AgentRules;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Declared;

public static class SupportPrompts
{
    [Prompt("support.system", Version = 4)]
    public const string System = "You are the support assistant of an online shop.";

    [Prompt("support.greeting", Version = 2)]
    public static string Greeting(string customer) => $"Greet {customer} by name and ask how you can help.";

    [Prompt("support.handoff")]
    public const string Handoff = "Hand the conversation to {0} with a one-line summary.";
}

internal static class AgentPrompts
{
    public static AgentPrompt Triage { get; } = new("support.triage", 3, new string('0', 64), "Classify the request.");
}

public sealed class DeclaredUse(IChatClient chatClient, Kernel kernel)
{
    public AIAgent Agent() => chatClient.AsAIAgent(instructions: SupportPrompts.System, name: "support");

    public AIAgent Triage() => chatClient.AsAIAgent(instructions: AgentPrompts.Triage.Text, name: "triage");

    public ChatMessage[] Open(string customer, string context) =>
    [
        new(ChatRole.System, SupportPrompts.System),
        new(ChatRole.System, SupportPrompts.Greeting(customer)),
        new(ChatRole.System, $"{SupportPrompts.System}\n\n{context}"),
        new(ChatRole.System, string.Format(System.Globalization.CultureInfo.InvariantCulture, SupportPrompts.Handoff, "billing")),
    ];

    public ChatHistory History()
    {
        var system = SupportPrompts.System;
        var history = new ChatHistory(system);
        history.AddSystemMessage(AgentPrompts.Triage.Text);
        return history;
    }

    public Task<FunctionResult> Ask(string question) => kernel.InvokePromptAsync(question);
}
