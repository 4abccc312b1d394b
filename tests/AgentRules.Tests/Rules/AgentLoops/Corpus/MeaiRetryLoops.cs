// Microsoft.Extensions.AI: retrying transient failures, bounded and unbounded.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.MeaiRetry;

public sealed class ResilientChat(IChatClient inner)
{
    private const int MaxAttempts = 4;

    public async Task<ChatResponse> AskWithBackoffAsync(string prompt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await inner.GetResponseAsync(prompt, cancellationToken: cancellationToken);
            }
            catch (HttpRequestException) when (attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
            }
        }
    }

    public async Task<ChatResponse> AskUntilItWorksAsync(string prompt, CancellationToken cancellationToken)
    {
        // expect: AGR0002
        while (true)
        {
            try
            {
                return await inner.GetResponseAsync(prompt, cancellationToken: cancellationToken);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public async Task<ChatResponse> AskWithTriesLeftAsync(string prompt)
    {
        var triesLeft = 3;
        // expect: AGR0003
        while (triesLeft-- > 0)
        {
            try
            {
                return await inner.GetResponseAsync(prompt);
            }
            catch (HttpRequestException) when (triesLeft > 0)
            {
            }
        }

        throw new InvalidOperationException("The model is unavailable.");
    }
}
