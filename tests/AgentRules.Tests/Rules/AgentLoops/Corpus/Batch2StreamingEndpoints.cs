// Streaming endpoints: an async iterator relaying model output, and an evaluation harness.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Batch2.Streaming;

public sealed class ChatHub(IChatClient chat)
{
    public async IAsyncEnumerable<string> StreamAsync(string prompt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in chat.GetStreamingResponseAsync(prompt, cancellationToken: cancellationToken))
        {
            yield return update.Text;
        }
    }
}

public sealed record EvalCase(string Input, string Expected);

public sealed class EvalHarness(IChatClient chat)
{
    public async Task<double> ScoreAsync(IReadOnlyList<EvalCase> dataset, CancellationToken cancellationToken)
    {
        var passed = 0;
        foreach (var testCase in dataset)
        {
            var response = await chat.GetResponseAsync(testCase.Input, cancellationToken: cancellationToken);
            if (response.Text.Trim() == testCase.Expected)
            {
                passed++;
            }
        }

        return (double)passed / dataset.Count;
    }
}
