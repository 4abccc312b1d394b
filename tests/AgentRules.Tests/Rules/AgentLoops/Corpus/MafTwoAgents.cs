// Microsoft Agent Framework: a researcher and a reviewer hand a draft back and forth.
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;

namespace Corpus.MafTwoAgents;

public sealed class ReviewedResearch(AIAgent researcher, AIAgent reviewer)
{
    private const int MaxRounds = 4;

    public async Task<string> BoundedAsync(string topic, CancellationToken cancellationToken)
    {
        var draft = (await researcher.RunAsync(topic, cancellationToken: cancellationToken)).Text;
        for (var round = 0; round < MaxRounds; round++)
        {
            var review = await reviewer.RunAsync(draft, cancellationToken: cancellationToken);
            if (review.Text.StartsWith("APPROVED", StringComparison.Ordinal))
            {
                break;
            }

            draft = (await researcher.RunAsync("Address this review:\n" + review.Text, cancellationToken: cancellationToken)).Text;
        }

        return draft;
    }

    public async Task<string> UntilApprovedAsync(string topic)
    {
        var draft = (await researcher.RunAsync(topic)).Text;
        // expect: AGR0002, AGR0003
        while (true)
        {
            var review = await reviewer.RunAsync(draft);
            if (review.Text.StartsWith("APPROVED", StringComparison.Ordinal))
            {
                return draft;
            }

            draft = (await researcher.RunAsync("Address this review:\n" + review.Text)).Text;
        }
    }
}
