// Microsoft.Extensions.AI: summarising documents one by one.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.MeaiBatch;

public sealed class DocumentSummarizer(IChatClient chatClient)
{
    public async Task<Dictionary<string, string>> SummarizeFolderAsync(string folder)
    {
        var summaries = new Dictionary<string, string>();
        // expect: AGR0003
        foreach (var path in Directory.EnumerateFiles(folder, "*.md"))
        {
            summaries[path] = await SummarizeAsync(await File.ReadAllTextAsync(path));
        }

        return summaries;
    }

    public async Task<List<string>> SummarizeAllAsync(IEnumerable<string> documents, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        foreach (var document in documents)
        {
            result.Add(await SummarizeAsync(document, cancellationToken));
        }

        return result;
    }

    public async Task SummarizeLinesAsync(TextReader reader, TextWriter writer, CancellationToken cancellationToken)
    {
        string? line;
        while ((line = await reader.ReadLineAsync(cancellationToken)) is not null)
        {
            await writer.WriteLineAsync(await SummarizeAsync(line, cancellationToken));
        }
    }

    private async Task<string> SummarizeAsync(string text, CancellationToken cancellationToken = default)
    {
        var response = await chatClient.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Summarize in one sentence."), new ChatMessage(ChatRole.User, text)],
            cancellationToken: cancellationToken);
        return response.Text;
    }
}
