// A coding-agent style loop with a counter maintained at the end of each turn.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Batch2.Coding;

public sealed class CodingAgent
{
    private readonly IChatClient _model;
    private readonly int _maxIterations;

    public CodingAgent(IChatClient model, int maxIterations = 25)
    {
        _model = model;
        _maxIterations = maxIterations;
    }

    public async Task<string> RunAsync(string issue, IList<AITool> tools, CancellationToken cancellationToken)
    {
        var conversation = new List<ChatMessage> { new(ChatRole.User, issue) };
        var iteration = 0;
        var lastText = string.Empty;
        while (iteration < _maxIterations)
        {
            var reply = await _model.GetResponseAsync(conversation, new ChatOptions { Tools = tools }, cancellationToken);
            conversation.AddRange(reply.Messages);
            lastText = reply.Text;
            if (!reply.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Any())
            {
                break;
            }

            iteration += 1;
        }

        return lastText;
    }
}
