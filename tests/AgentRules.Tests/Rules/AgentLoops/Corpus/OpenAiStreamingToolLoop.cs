// OpenAI .NET SDK: streaming function calling, token threaded through.
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.OpenAiStreaming;

public sealed class StreamingAssistant(ChatClient client)
{
    public async Task<string> AskAsync(List<ChatMessage> messages, ChatCompletionOptions options, CancellationToken cancellationToken)
    {
        bool requiresAction;
        StringBuilder content = new();
        // expect: AGR0002
        do
        {
            requiresAction = false;
            content.Clear();
            Dictionary<int, string> toolCallIds = [];
            Dictionary<int, string> functionNames = [];
            Dictionary<int, StringBuilder> functionArguments = [];

            await foreach (StreamingChatCompletionUpdate update in client.CompleteChatStreamingAsync(messages, options, cancellationToken))
            {
                foreach (ChatMessageContentPart part in update.ContentUpdate)
                {
                    content.Append(part.Text);
                }

                foreach (StreamingChatToolCallUpdate toolCallUpdate in update.ToolCallUpdates)
                {
                    if (toolCallUpdate.ToolCallId is not null)
                    {
                        toolCallIds[toolCallUpdate.Index] = toolCallUpdate.ToolCallId;
                    }

                    if (toolCallUpdate.FunctionName is not null)
                    {
                        functionNames[toolCallUpdate.Index] = toolCallUpdate.FunctionName;
                    }

                    if (!functionArguments.TryGetValue(toolCallUpdate.Index, out var builder))
                    {
                        functionArguments[toolCallUpdate.Index] = builder = new StringBuilder();
                    }

                    builder.Append(toolCallUpdate.FunctionArgumentsUpdate);
                }

                if (update.FinishReason == ChatFinishReason.ToolCalls)
                {
                    List<ChatToolCall> toolCalls = [];
                    foreach (var (index, id) in toolCallIds)
                    {
                        toolCalls.Add(ChatToolCall.CreateFunctionToolCall(id, functionNames[index], System.BinaryData.FromString(functionArguments[index].ToString())));
                    }

                    messages.Add(new AssistantChatMessage(toolCalls));
                    foreach (var toolCall in toolCalls)
                    {
                        messages.Add(new ToolChatMessage(toolCall.Id, "{\"temperature\": 21}"));
                    }

                    requiresAction = true;
                }
            }
        } while (requiresAction);

        return content.ToString();
    }
}
