// Microsoft.Extensions.AI: the same loop, bounded and cancellable, tools invoked with the token.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Corpus.MeaiBounded;

public sealed class AgentOptions
{
    public int MaxSteps { get; set; } = 12;
}

public sealed class BoundedAgent(IChatClient chatClient, IReadOnlyList<AIFunction> tools, IOptions<AgentOptions> options)
{
    public async Task<string> SolveAsync(string task, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new(ChatRole.User, task)];
        var chatOptions = new ChatOptions { Tools = [.. tools] };

        for (var step = 1; step <= options.Value.MaxSteps; step++)
        {
            var response = await chatClient.GetResponseAsync(messages, chatOptions, cancellationToken);
            messages.AddRange(response.Messages);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToArray();
            if (calls.Length == 0)
            {
                return response.Text;
            }

            foreach (var call in calls)
            {
                var tool = tools.First(t => t.Name == call.Name);
                var result = await tool.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken);
                messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
            }
        }

        throw new TimeoutException($"No answer after {options.Value.MaxSteps} steps.");
    }
}
