// Community tool: classify tickets in parallel, and drain a local queue.
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Community.Batch;

public sealed class TicketClassifier(IChatClient chatClient)
{
    public Task ClassifyAllAsync(IEnumerable<string> tickets, ConcurrentDictionary<string, string> labels, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(tickets, cancellationToken, async (ticket, token) =>
        {
            var label = await chatClient.GetResponseAsync("Classify: " + ticket, cancellationToken: token);
            labels[ticket] = label.Text;
        });

    public async Task DrainAsync(ConcurrentQueue<string> pending, CancellationToken cancellationToken)
    {
        while (pending.TryDequeue(out var ticket))
        {
            await chatClient.GetResponseAsync("Classify: " + ticket, cancellationToken: cancellationToken);
        }
    }
}
