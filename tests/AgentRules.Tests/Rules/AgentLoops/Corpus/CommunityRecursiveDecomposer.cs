// Community agent: recursive task decomposition.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Community.Recursion;

public sealed class Decomposer(IChatClient chatClient)
{
    private const int MaxDepth = 3;

    public async Task<string> SolveAsync(string task, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            return "(too deep) " + task;
        }

        var response = await chatClient.GetResponseAsync<List<string>>("Split into subtasks, or return [] if atomic: " + task, cancellationToken: cancellationToken);
        if (response.Result.Count == 0)
        {
            return (await chatClient.GetResponseAsync(task, cancellationToken: cancellationToken)).Text;
        }

        var parts = new List<string>();
        foreach (var subtask in response.Result)
        {
            parts.Add(await SolveAsync(subtask, depth + 1, cancellationToken));
        }

        return string.Join("\n", parts);
    }

    public async Task<string> ExploreAsync(string question)
    {
        var answer = (await chatClient.GetResponseAsync("Answer, or reply ASK: <question> to research first: " + question)).Text;
        if (answer.StartsWith("ASK:", StringComparison.Ordinal))
        {
            // expect: AGR0002, AGR0003
            var research = await ExploreAsync(answer.Substring(4).Trim());
            return await ExploreAsync(question + "\nResearch: " + research);
        }

        return answer;
    }
}
