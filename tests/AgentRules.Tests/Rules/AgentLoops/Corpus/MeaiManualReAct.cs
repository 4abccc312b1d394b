// Microsoft.Extensions.AI: a hand-rolled ReAct loop over IChatClient, no middleware.
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.MeaiReAct;

public sealed class ReActAgent(IChatClient chatClient, IReadOnlyList<AIFunction> tools)
{
    public async Task<string> SolveAsync(string task)
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, "Think step by step. Use the tools. Answer with FINAL: when done."),
            new(ChatRole.User, task),
        };
        var options = new ChatOptions { Tools = [.. tools] };

        // expect: AGR0002, AGR0003
        while (true)
        {
            var response = await chatClient.GetResponseAsync(messages, options);
            messages.AddRange(response.Messages);

            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                return response.Text;
            }

            // expect: AGR0003
            foreach (var call in calls)
            {
                var tool = tools.Single(t => t.Name == call.Name);
                var result = await tool.InvokeAsync(new AIFunctionArguments(call.Arguments));
                messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
            }
        }
    }
}
