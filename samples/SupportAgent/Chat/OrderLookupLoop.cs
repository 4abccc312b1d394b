using AgentRules;
using Microsoft.Extensions.AI;

namespace SupportAgent.Chat;

/// <summary>
/// A hand-written tool loop: the model asks for tools (order lookups, refund checks) until it can answer the customer.
/// The first version has the shape of the OpenAI SDK's documented loop — it runs for as long as the model keeps asking
/// and nothing outside can stop it. The second caps the steps and stops when the request is cancelled or the support
/// agent's kill switch is tripped.
/// </summary>
public sealed class OrderLookupLoop(IChatClient chatClient, IReadOnlyList<AIFunction> tools)
{
    private const int MaxSteps = 8;

    public async Task<string> AnswerUncappedAsync(string question)
    {
        List<ChatMessage> messages = [new(ChatRole.User, question)];
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

            messages.AddRange(await Task.WhenAll(calls.Select(call => RunToolAsync(call, CancellationToken.None))));
        }
    }

    public async Task<string> AnswerAsync(string question, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new(ChatRole.User, question)];
        var options = new ChatOptions { Tools = [.. tools] };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, KillSwitch.ForAgent("support").Token);

        var steps = new AgentStepLimit(MaxSteps);
        while (steps.TryNext())
        {
            var response = await chatClient.GetResponseAsync(messages, options, stop.Token);
            messages.AddRange(response.Messages);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                return response.Text;
            }

            messages.AddRange(await Task.WhenAll(calls.Select(call => RunToolAsync(call, stop.Token))));
        }

        return $"I could not finish within {MaxSteps} steps; a colleague will follow up.";
    }

    /// <summary>A console chat: every turn waits for the customer, so it is not an agent loop (no diagnostic).</summary>
    public async Task ChatInConsoleAsync(CancellationToken cancellationToken)
    {
        while (Console.ReadLine() is { Length: > 0 } line)
        {
            Console.WriteLine(await AnswerAsync(line, cancellationToken));
        }
    }

    private async Task<ChatMessage> RunToolAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        var tool = tools.First(t => t.Name == call.Name);
        var result = await tool.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken);
        return new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]);
    }
}
