// Community agent: an in-house LLM abstraction (implemented over IChatClient) and a ReAct runtime.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Community.Runtime;

public interface ILlmClient
{
    Task<string> CompleteAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default);
}

public sealed class ChatClientLlm(IChatClient chatClient) : ILlmClient
{
    public async Task<string> CompleteAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default) =>
        (await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken)).Text;
}

public sealed class AgentRuntimeOptions
{
    public int MaxSteps { get; init; } = 15;
}

public sealed class ReActRuntime(ILlmClient llm, AgentRuntimeOptions options)
{
    public async Task<string> RunAsync(string goal, CancellationToken cancellationToken)
    {
        var scratchpad = new List<ChatMessage> { new(ChatRole.User, goal) };
        for (var step = 1; step <= options.MaxSteps; step++)
        {
            var thought = await llm.CompleteAsync(scratchpad, cancellationToken);
            if (thought.StartsWith("Final Answer:", StringComparison.Ordinal))
            {
                return thought;
            }

            scratchpad.Add(new ChatMessage(ChatRole.Assistant, thought));
            scratchpad.Add(new ChatMessage(ChatRole.User, "Observation: " + Observe(thought)));
        }

        return "Gave up.";
    }

    public async Task<string> RunUntilFinishedAsync(string goal)
    {
        var scratchpad = new List<ChatMessage> { new(ChatRole.User, goal) };
        var finished = false;
        var answer = string.Empty;
        // expect: AGR0002, AGR0003
        while (!finished)
        {
            answer = await llm.CompleteAsync(scratchpad);
            finished = answer.StartsWith("Final Answer:", StringComparison.Ordinal);
            scratchpad.Add(new ChatMessage(ChatRole.Assistant, answer));
        }

        return answer;
    }

    private static string Observe(string thought) => thought.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
