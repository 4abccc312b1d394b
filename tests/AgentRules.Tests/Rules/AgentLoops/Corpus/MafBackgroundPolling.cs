// Microsoft Agent Framework: polling a background response until it completes.
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;

namespace Corpus.MafPolling;

public static class LongRunning
{
    public static async Task<string> WriteNovelAsync(AIAgent agent)
    {
        AgentRunOptions options = new() { AllowBackgroundResponses = true };
        AgentSession session = await agent.CreateSessionAsync();
        AgentResponse response = await agent.RunAsync("Write a very long novel about otters in space.", session, options);

        // expect: AGR0002, AGR0003
        while (response.Text.Length == 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            response = await agent.RunAsync(session, options);
        }

        return response.Text;
    }

    public static async Task<string> WriteWithDeadlineAsync(AIAgent agent, CancellationToken cancellationToken)
    {
        AgentRunOptions options = new() { AllowBackgroundResponses = true };
        AgentSession session = await agent.CreateSessionAsync(cancellationToken);
        AgentResponse response = await agent.RunAsync("Write a short story.", session, options, cancellationToken);
        const int MaxPolls = 60;
        for (var poll = 0; poll < MaxPolls && response.Text.Length == 0; poll++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            response = await agent.RunAsync(session, options, cancellationToken);
        }

        return response.Text;
    }
}
