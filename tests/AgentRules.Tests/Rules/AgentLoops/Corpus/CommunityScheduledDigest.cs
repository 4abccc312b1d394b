// Community service: an hourly digest written by an agent.
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;

namespace Corpus.Community.Digest;

public sealed class DigestService(IChatClient chatClient) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var digest = await chatClient.GetResponseAsync("Summarize the last hour of activity.", cancellationToken: stoppingToken);
            Console.WriteLine(digest.Text);
        }
    }
}
