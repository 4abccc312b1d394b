// Microsoft.Extensions.AI: a writer and a critic refine a draft until the critic approves.
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.MeaiCritic;

public sealed class DraftRefiner(IChatClient writer, IChatClient critic)
{
    public async Task<string> RefineAsync(string brief, CancellationToken cancellationToken)
    {
        var draft = (await writer.GetResponseAsync("Write: " + brief, cancellationToken: cancellationToken)).Text;
        var approved = false;
        // expect: AGR0002
        while (!approved)
        {
            var review = await critic.GetResponseAsync("Review this draft. Reply APPROVED if it is good.\n" + draft, cancellationToken: cancellationToken);
            approved = review.Text.Contains("APPROVED", StringComparison.OrdinalIgnoreCase);
            if (!approved)
            {
                draft = (await writer.GetResponseAsync("Revise using this feedback:\n" + review.Text + "\n\n" + draft, cancellationToken: cancellationToken)).Text;
            }
        }

        return draft;
    }

    public async Task<string> RefineAtMostAsync(string brief, int maxRevisions, CancellationToken cancellationToken)
    {
        var draft = (await writer.GetResponseAsync("Write: " + brief, cancellationToken: cancellationToken)).Text;
        for (var revision = 0; revision < maxRevisions; revision++)
        {
            var review = await critic.GetResponseAsync("Review: " + draft, cancellationToken: cancellationToken);
            if (review.Text.Contains("APPROVED", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            draft = (await writer.GetResponseAsync("Revise: " + review.Text, cancellationToken: cancellationToken)).Text;
        }

        return draft;
    }
}
