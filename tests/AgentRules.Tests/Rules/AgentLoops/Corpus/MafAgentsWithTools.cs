// Microsoft Agent Framework: agents created over chat clients, with and without tools.
using System.ComponentModel;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Corpus.MafAgents;

public static class AgentCatalog
{
    [Description("Get the weather for a given location.")]
    private static string GetWeather([Description("The location")] string location) => $"The weather in {location} is cloudy with a high of 15°C.";

    [Description("Books a table at a restaurant.")]
    private static string BookTable(string restaurant, int people) => $"Booked {people} at {restaurant}.";

    public static AIAgent Weather(ChatClient chatClient) =>
        // expect: AGR0009
        chatClient.AsAIAgent(instructions: "You are a helpful assistant", tools: [AIFunctionFactory.Create(GetWeather)]);

    public static AIAgent Joker(ChatClient chatClient) =>
        chatClient.AsAIAgent(instructions: "You are good at telling jokes.", name: "Joker");

    public static AIAgent Concierge(IChatClient chatClient)
    {
        IChatClient capped = chatClient.AsBuilder()
            .UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 4)
            .Build();
        return new ChatClientAgent(capped, instructions: "You book tables.", name: "Concierge", tools: [AIFunctionFactory.Create(BookTable)]);
    }

    public static AIAgent Planner(ChatClient chatClient) =>
        // expect: AGR0009
        new ChatClientAgent(chatClient.AsIChatClient(), new ChatClientAgentOptions
        {
            Name = "Planner",
            ChatOptions = new ChatOptions { Instructions = "Plan trips.", Tools = [AIFunctionFactory.Create(GetWeather), AIFunctionFactory.Create(BookTable)] },
        });
}
