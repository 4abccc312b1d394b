// OpenAI SDK shapes seen in community repos: counters kept by hand, a for loop without a token,
// a streaming iterator relaying updates while it runs tools, and a console app with a nested tool loop.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.Batch3.OpenAi;

public sealed class OpsAgent(ChatClient chatClient)
{
    public async Task<string> HandleAsync(List<ChatMessage> messages, ChatCompletionOptions options, CancellationToken ct)
    {
        int maxIterations = 3;
        int iterations = 0;
        while (iterations < maxIterations)
        {
            var completion = await chatClient.CompleteChatAsync(messages, options, ct);
            if (completion.Value.FinishReason != ChatFinishReason.ToolCalls)
            {
                return completion.Value.Content[0].Text;
            }

            messages.Add(new AssistantChatMessage(completion.Value));
            iterations++;
        }

        return "Too many steps.";
    }

    public async Task<string> ExpensesAsync(List<ChatMessage> messages, ChatCompletionOptions options)
    {
        var maxIterations = 5;
        // expect: AGR0003
        for (int i = 0; i < maxIterations; i++)
        {
            var completion = await chatClient.CompleteChatAsync(messages, options);
            var response = completion.Value;
            if (response.FinishReason != ChatFinishReason.ToolCalls)
            {
                return response.Content[0].Text;
            }

            messages.Add(ChatMessage.CreateAssistantMessage(response));
        }

        return "I was unable to complete the request.";
    }

    public async IAsyncEnumerable<StreamingChatCompletionUpdate> RelayAsync(List<ChatMessage> history, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        bool requiresAction;
        // expect: AGR0002
        do
        {
            requiresAction = false;
            var content = new StringBuilder();
            await foreach (StreamingChatCompletionUpdate update in chatClient.CompleteChatStreamingAsync(history, cancellationToken: cancellationToken))
            {
                yield return update;
                foreach (ChatMessageContentPart part in update.ContentUpdate)
                {
                    content.Append(part.Text);
                }

                if (update.FinishReason == ChatFinishReason.ToolCalls)
                {
                    history.Add(new AssistantChatMessage(content.ToString()));
                    requiresAction = true;
                }
            }
        } while (requiresAction);
    }
}

public static class SistersConsole
{
    public static async Task RunAsync(ChatClient chatClient, ChatCompletionOptions options)
    {
        var messages = new List<ChatMessage>();
        while (true)
        {
            var stdin = Console.ReadLine();
            if (string.IsNullOrEmpty(stdin))
            {
                continue;
            }

            messages.Add(new UserChatMessage(stdin));
            var completion = await chatClient.CompleteChatAsync(messages, options);
            messages.Add(new AssistantChatMessage(completion.Value));

            // expect: AGR0002, AGR0003
            while (completion.Value.FinishReason == ChatFinishReason.ToolCalls)
            {
                foreach (var call in completion.Value.ToolCalls)
                {
                    messages.Add(new ToolChatMessage(call.Id, "done"));
                }

                completion = await chatClient.CompleteChatAsync(messages, options);
                messages.Add(new AssistantChatMessage(completion.Value));
            }

            Console.WriteLine(completion.Value.Content[0].Text);
        }
    }
}
