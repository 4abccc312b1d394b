// Semantic Kernel: manual function invocation, the caller drives the loop.
using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.SkManual;

public static class ManualInvocation
{
    public static async Task RunAsync(Kernel kernel)
    {
        IChatCompletionService chatCompletionService = kernel.GetRequiredService<IChatCompletionService>();
        PromptExecutionSettings settings = new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) };

        ChatHistory chatHistory = [];
        chatHistory.AddUserMessage("What is the likely color of the sky in Boston today?");

        // expect: AGR0002, AGR0003
        while (true)
        {
            ChatMessageContent result = await chatCompletionService.GetChatMessageContentAsync(chatHistory, settings, kernel);
            if (result.Content is not null)
            {
                Console.Write(result.Content);
            }

            var functionCalls = FunctionCallContent.GetFunctionCalls(result).ToArray();
            if (functionCalls.Length == 0)
            {
                break;
            }

            chatHistory.Add(result);
            // expect: AGR0003
            foreach (FunctionCallContent functionCall in functionCalls)
            {
                try
                {
                    FunctionResultContent resultContent = await functionCall.InvokeAsync(kernel);
                    chatHistory.Add(resultContent.ToChatMessage());
                }
                catch (Exception ex)
                {
                    chatHistory.AddAssistantMessage(ex.Message);
                }
            }
        }
    }
}
