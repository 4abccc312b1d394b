// OllamaSharp (its client surface declared here): a local console chat and a tool loop.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OllamaSharp
{
    public sealed class ChatResponseStream
    {
        public string? Content { get; set; }
        public bool Done { get; set; }
        public bool HasToolCalls { get; set; }
    }

    public interface IOllamaApiClient
    {
        IAsyncEnumerable<ChatResponseStream?> ChatAsync(string model, string message, CancellationToken cancellationToken = default);
    }
}

namespace Corpus.Batch2.Ollama
{
    using OllamaSharp;

    public static class LocalChat
    {
        public static async Task RunAsync(IOllamaApiClient ollama)
        {
            while (true)
            {
                Console.Write("> ");
                var message = Console.ReadLine();
                if (message is null)
                {
                    return;
                }

                await foreach (var chunk in ollama.ChatAsync("llama3.1", message))
                {
                    Console.Write(chunk?.Content);
                }
            }
        }

        public static async Task ToolLoopAsync(IOllamaApiClient ollama, string task, CancellationToken cancellationToken)
        {
            var needsTools = true;
            var message = task;
            // expect: AGR0002
            while (needsTools)
            {
                needsTools = false;
                await foreach (var chunk in ollama.ChatAsync("llama3.1", message, cancellationToken))
                {
                    needsTools |= chunk?.HasToolCalls == true;
                }

                message = "tool results: ...";
            }
        }
    }
}
