// Microsoft Agent Framework in the generic host: an interactive service and two workers.
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Extensions.Hosting;

namespace Corpus.MafHosted;

public sealed class InteractiveService(AIAgent agent, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = RunAsync(lifetime.ApplicationStopping);
        return Task.CompletedTask;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        AgentSession session = await agent.CreateSessionAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            Console.Write("> ");
            var input = Console.ReadLine();
            if (string.IsNullOrWhiteSpace(input))
            {
                lifetime.StopApplication();
                break;
            }

            await foreach (var update in agent.RunStreamingAsync(input, session, cancellationToken: cancellationToken))
            {
                Console.Write(update);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class MailboxTriage(AIAgent agent) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await agent.RunAsync("Triage unread mail and label it.", cancellationToken: stoppingToken);
            await Task.Delay(TimeSpan.FromMinutes(10), stoppingToken);
        }
    }
}

public interface IWorkQueue
{
    ValueTask<string> DequeueAsync(CancellationToken cancellationToken);
}

public sealed class QueueWorker(AIAgent agent, IWorkQueue queue) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var item = await queue.DequeueAsync(stoppingToken);
            await agent.RunAsync(item, cancellationToken: stoppingToken);
        }
    }
}
