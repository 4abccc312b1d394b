// OpenAI .NET SDK: a production-style tool loop with a cap, a token and a kill switch.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AgentRules;
using OpenAI.Chat;

namespace Corpus.OpenAiCapped;

public interface IToolRunner
{
    Task<string> RunAsync(ChatToolCall call, CancellationToken cancellationToken);
}

public sealed class OrderAgent(ChatClient client, IToolRunner tools)
{
    private const int MaxToolRounds = 6;
    private static readonly KillSwitch Switch = KillSwitch.ForAgent("orders");

    public async Task<string> HandleAsync(string request, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new SystemChatMessage("You manage orders."), new UserChatMessage(request)];
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Switch.Token);

        for (var round = 0; round < MaxToolRounds; round++)
        {
            ChatCompletion completion = await client.CompleteChatAsync(messages, new ChatCompletionOptions(), linked.Token);
            if (completion.FinishReason != ChatFinishReason.ToolCalls)
            {
                return completion.Content[0].Text;
            }

            messages.Add(new AssistantChatMessage(completion));
            foreach (var call in completion.ToolCalls)
            {
                messages.Add(new ToolChatMessage(call.Id, await tools.RunAsync(call, linked.Token)));
            }
        }

        throw new InvalidOperationException($"The model asked for tools more than {MaxToolRounds} times.");
    }
}
