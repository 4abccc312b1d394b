using AgentRules;
using Microsoft.Extensions.AI;
using SupportAgent.Prompts;

namespace SupportAgent.Agent;

/// <summary>
/// One support session with guarded tools: the model sees only the tools allowed in this environment, every call goes
/// through the session's <see cref="ToolGuard"/> (kill switch, environment, budget, duplicates), refusals go back to the
/// model as tool results, and the loop stops on its iteration cap or when the agent's kill switch trips.
/// </summary>
public sealed class GuardedSupportSession(IChatClient chatClient, SupportDeskTools tools, ToolGuard guard, TextWriter output)
{
    /// <summary>The loop's hard cap: no session asks the model more often than this.</summary>
    public const int MaxIterations = 12;

    public async Task RunAsync(string customerMessage, CancellationToken cancellationToken)
    {
        var catalog = SupportDeskTools.CreateAIFunctions(tools, guard);
        output.WriteLine($"Environment: {guard.Environment}. Tools offered to the model: {string.Join(", ", catalog.Select(t => t.Name))}.");
        foreach (var hidden in SupportDeskTools.AgentToolDescriptors.All.Where(d => !guard.IsAllowed(d)))
        {
            output.WriteLine($"Not in the catalog in {guard.Environment}: {hidden.Name} ({hidden.Effect}, allowed only in {string.Join(", ", hidden.Environments)}).");
        }

        var options = new ChatOptions { Tools = [.. catalog] };
        List<ChatMessage> history =
        [
            new(ChatRole.System, SupportPrompts.ToolAgent),
            new(ChatRole.User, customerMessage),
        ];
        output.WriteLine($"customer> {customerMessage}");

        // The kill switch's token cancels the model call in flight; the check at the top of each iteration stops the loop.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, guard.KillSwitch.Token);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (guard.KillSwitch.IsTripped)
            {
                output.WriteLine($"Run stopped by the kill switch '{guard.KillSwitch.Name}': {guard.KillSwitch.Reason}");
                return;
            }

            var response = await chatClient.GetResponseAsync(history, options, stop.Token).ConfigureAwait(false);
            history.AddRange(response.Messages);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                output.WriteLine($"agent>    {response.Text}");
                return;
            }

            foreach (var call in calls)
            {
                var result = await InvokeAsync(catalog, call, stop.Token).ConfigureAwait(false);
                output.WriteLine($"tool>     {result}");
                history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
            }
        }

        output.WriteLine($"Run stopped: {MaxIterations} iterations without a final answer.");
    }

    private async Task<object?> InvokeAsync(List<AITool> catalog, FunctionCallContent call, CancellationToken cancellationToken)
    {
        var arguments = call.Arguments is null ? "" : string.Join(", ", call.Arguments.Select(a => $"{a.Key}: {a.Value}"));
        output.WriteLine($"model>    {call.Name}({arguments})");
        if (catalog.OfType<AIFunction>().FirstOrDefault(f => f.Name == call.Name) is not { } function)
        {
            // A model asking for a tool it was never offered is following someone else's instructions: stop this agent.
            guard.KillSwitch.Trip($"the model asked for '{call.Name}', which it was never offered");
            output.WriteLine($"operator> '{call.Name}' is not in this session's catalog; tripping the kill switch '{guard.KillSwitch.Name}'.");
            return $"Tool '{call.Name}' is not available in this session.";
        }

        return await function.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken).ConfigureAwait(false);
    }
}
