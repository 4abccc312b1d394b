// Microsoft Agent Framework: agents from builders and from provider clients.
using System.Collections.Generic;
using System.ComponentModel;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace Corpus.Batch2.MafBuilders;

public static class Agents
{
    [Description("Looks up an order.")]
    private static string LookupOrder(int id) => $"Order {id}: shipped";

    public static AIAgent FromBuilder(IChatClient inner, ILoggerFactory loggerFactory) =>
        inner.AsBuilder()
            // expect: AGR0009
            .UseFunctionInvocation(loggerFactory)
            .BuildAIAgent(instructions: "You answer order questions.", tools: [AIFunctionFactory.Create(LookupOrder)]);

    public static AIAgent FromProvider(ChatClient chatClient)
    {
        List<AITool> tools = [AIFunctionFactory.Create(LookupOrder)];
        // expect: AGR0009
        return chatClient.AsIChatClient().AsAIAgent("You answer order questions.", "Orders", tools: tools);
    }

    public static AIAgent Capped(IChatClient inner) =>
        inner.AsBuilder()
            .UseFunctionInvocation(null, c => c.MaximumIterationsPerRequest = 6)
            .BuildAIAgent(instructions: "You answer order questions.", tools: [AIFunctionFactory.Create(LookupOrder)]);
}
