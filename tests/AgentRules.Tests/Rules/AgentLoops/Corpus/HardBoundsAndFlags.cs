// Harder shapes: deadlines, timeout tokens, limits in helpers, stop flags, SK group chat completion.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel.Agents;

namespace Corpus.Hard.Bounds;

public sealed class Options
{
    public int MaxSteps { get; set; } = 20;
}

public sealed class TimeBoxedResearcher(IChatClient chatClient, Options options)
{
    private int _steps;
    private bool _done;

    public async Task ResearchForFiveMinutesAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
            messages.AddMessages(response);
            if (response.FinishReason == ChatFinishReason.Stop) break;
        }
    }

    public async Task ResearchWithTimeoutAsync(List<ChatMessage> messages)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var response = await chatClient.GetResponseAsync(messages, cancellationToken: timeout.Token);
            messages.AddMessages(response);
            if (response.FinishReason == ChatFinishReason.Stop) break;
        }
    }

    public async Task ResearchWithHelperAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        while (ShouldContinue())
        {
            _steps++;
            var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
            _done = response.FinishReason == ChatFinishReason.Stop;
        }
    }

    private bool ShouldContinue() => !_done && _steps < options.MaxSteps;
}

public sealed class AutonomousWorker(AIAgent agent)
{
    private volatile bool _running = true;

    public void Stop() => _running = false;

    public async Task RunAsync(string goal)
    {
        var next = goal;
        // expect: AGR0002, AGR0003
        while (_running)
        {
            var result = await agent.RunAsync(next);
            next = result.Text;
        }
    }
}

public static class GroupChatUntilComplete
{
    public static async Task RunAsync(AgentGroupChat chat)
    {
        // expect: AGR0002, AGR0003
        while (!chat.IsComplete)
        {
            await foreach (var message in chat.InvokeAsync())
            {
                Console.WriteLine(message.Content);
            }
        }
    }
}
