// A multi-agent debate over a fixed number of rounds.
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;

namespace Corpus.Batch2.Debate;

public static class Debate
{
    public static async Task<string> RunAsync(IReadOnlyList<AIAgent> debaters, string motion, int rounds, CancellationToken ct)
    {
        var transcript = new StringBuilder(motion);
        foreach (var round in Enumerable.Range(1, rounds))
        {
            foreach (var debater in debaters)
            {
                var reply = await debater.RunAsync(transcript.ToString(), cancellationToken: ct);
                transcript.AppendLine($"[{round}] {debater.Name}: {reply.Text}");
            }
        }

        return transcript.ToString();
    }
}
