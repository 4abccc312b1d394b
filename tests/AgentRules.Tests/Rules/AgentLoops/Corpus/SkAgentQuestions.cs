// Semantic Kernel agents: asking an agent a list of questions on one thread.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel.Agents;

namespace Corpus.SkAgentQuestions;

public static class Interview
{
    public static async Task AskAllAsync(ChatCompletionAgent agent, IReadOnlyList<string> questions)
    {
        AgentThread thread = new ChatHistoryAgentThread();
        // expect: AGR0003
        foreach (var question in questions)
        {
            await foreach (AgentResponseItem<Microsoft.SemanticKernel.ChatMessageContent> response in agent.InvokeAsync(question, thread))
            {
                Console.WriteLine(response.Message.Content);
                thread = response.Thread;
            }
        }
    }

    public static async Task AskAllAsync(ChatCompletionAgent agent, IReadOnlyList<string> questions, CancellationToken cancellationToken)
    {
        AgentThread thread = new ChatHistoryAgentThread();
        foreach (var question in questions)
        {
            await foreach (var response in agent.InvokeAsync(question, thread, cancellationToken: cancellationToken))
            {
                Console.WriteLine(response.Message.Content);
            }
        }
    }
}
