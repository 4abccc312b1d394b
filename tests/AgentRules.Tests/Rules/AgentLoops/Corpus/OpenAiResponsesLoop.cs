// OpenAI .NET SDK, Responses API: a function-calling loop chained by previous response id.
#pragma warning disable OPENAI001 // the Responses API is marked experimental
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Responses;

namespace Corpus.OpenAiResponses;

public sealed class ResearchRunner(ResponsesClient client)
{
    public async Task<string> RunAsync(string question, CancellationToken cancellationToken)
    {
        List<ResponseItem> input = [ResponseItem.CreateUserMessageItem(question)];
        string? previous = null;

        // expect: AGR0002
        while (true)
        {
            ResponseResult response = await client.CreateResponseAsync("gpt-4.1", input, previous, cancellationToken);
            previous = response.Id;
            var calls = response.OutputItems.OfType<FunctionCallResponseItem>().ToList();
            if (calls.Count == 0)
            {
                return string.Join("\n", response.OutputItems.OfType<MessageResponseItem>().SelectMany(m => m.Content).Select(c => c.Text));
            }

            input = calls.Select(c => (ResponseItem)ResponseItem.CreateFunctionCallOutputItem(c.CallId, Lookup(c.FunctionName))).ToList();
        }
    }

    private static string Lookup(string functionName) => functionName switch
    {
        "search" => "[]",
        _ => throw new NotSupportedException(functionName),
    };
}
