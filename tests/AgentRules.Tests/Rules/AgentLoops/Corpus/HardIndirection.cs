// Harder shapes: model calls behind a delegate, input behind a delegate, and raw REST calls.
using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Hard.Indirection;

public sealed class DelegatingLoop
{
    private readonly Func<string, Task<string>> _ask;

    public DelegatingLoop(IChatClient chatClient) =>
        _ask = async prompt => (await chatClient.GetResponseAsync(prompt)).Text;

    public async Task<string> IterateAsync(string seed)
    {
        var current = seed;
        // expect: AGR0002, AGR0003
        while (!current.EndsWith("DONE", StringComparison.Ordinal))
        {
            current = await _ask(current);
        }

        return current;
    }
}

public static class ReplWithInjectedInput
{
    public static async Task RunAsync(IChatClient chatClient, Func<string?> readInput, Action<string> write)
    {
        while (true)
        {
            var input = readInput();
            if (input is null)
            {
                return;
            }

            write((await chatClient.GetResponseAsync(input)).Text);
        }
    }
}

public sealed class RawOpenAiAgent(HttpClient http)
{
    private const string Endpoint = "https://api.openai.com/v1/chat/completions";

    public async Task<string> RunAsync(string task)
    {
        var messages = new System.Collections.Generic.List<object> { new { role = "user", content = task } };
        // expect: AGR0002, AGR0003
        while (true)
        {
            using var response = await http.PostAsJsonAsync(Endpoint, new { model = "gpt-4o-mini", messages });
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var choice = json.RootElement.GetProperty("choices")[0];
            if (choice.GetProperty("finish_reason").GetString() != "tool_calls")
            {
                return choice.GetProperty("message").GetProperty("content").GetString() ?? string.Empty;
            }

            messages.Add(new { role = "tool", content = "{}" });
        }
    }

    public async Task<string> OnceAsync(string prompt, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(Endpoint, new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = prompt } } }, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
