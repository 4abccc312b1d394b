// Microsoft Agent Framework: instructions kept in constants of a static class, a triage agent configured through
// ChatClientAgentOptions, an interpolated per-language translator, and agents whose instructions come from options.
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace Support.Agents;

public static class AgentInstructions
{
    public const string Billing = "You handle billing questions. Never promise refunds.";

    public const string Shipping = """
        You handle shipping questions. Look up the order before answering.
        """;
}

public sealed class SupportAgentOptions
{
    public string EscalationInstructions { get; set; } = "";
}

public sealed class SupportAgents(IChatClient chatClient, SupportAgentOptions options)
{
    public AIAgent Billing() => chatClient.AsAIAgent(instructions: [|AgentInstructions.Billing|], name: "billing");

    public AIAgent Shipping() => new ChatClientAgent(chatClient, [|AgentInstructions.Shipping|], "shipping");

    public AIAgent Triage() => chatClient.AsAIAgent(new ChatClientAgentOptions
    {
        Name = "triage",
        Description = "Routes each request to billing or shipping.",
        ChatOptions = new()
        {
            Instructions = [|"""
                Classify the customer's message as billing or shipping.
                Answer with a single word.
                """|],
        },
    });

    public AIAgent Translator(string language) =>
        chatClient.AsAIAgent(instructions: [|$"You translate every message into {language}. Output only the translation."|], name: $"translator-{language}");

    public AIAgent Escalation() => chatClient.AsAIAgent(instructions: options.EscalationInstructions, name: "escalation");

    public AIAgent FromCaller(string instructions) => new ChatClientAgent(chatClient, instructions: instructions, name: "custom");
}
