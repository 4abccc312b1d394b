// Hosted workers: polling a store for jobs, and a retry loop inside a parallel batch.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;

namespace Corpus.Batch2.Workers;

public interface IJobStore
{
    Task<IReadOnlyList<string>> TakePendingAsync(CancellationToken cancellationToken);
}

public sealed class JobPoller(IJobStore store, IChatClient chat) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            foreach (var job in await store.TakePendingAsync(stoppingToken))
            {
                await chat.GetResponseAsync(job, cancellationToken: stoppingToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken);
        }
    }
}

public static class BatchTranslator
{
    public static Task TranslateAsync(IChatClient chat, IEnumerable<string> texts, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(texts, cancellationToken, async (text, token) =>
        {
            // expect: AGR0002
            while (true)
            {
                try
                {
                    await chat.GetResponseAsync("Translate to French: " + text, cancellationToken: token);
                    return;
                }
                catch (TimeoutException)
                {
                }
            }
        });
}
