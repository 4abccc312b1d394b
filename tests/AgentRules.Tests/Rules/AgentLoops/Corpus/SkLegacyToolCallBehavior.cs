// Semantic Kernel, older code: ToolCallBehavior and a batch of prompts.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Corpus.SkLegacy;

public static class FaqBatch
{
    public static async Task AnswerAsync(Kernel kernel, IEnumerable<string> questions)
    {
        var settings = new OpenAIPromptExecutionSettings
        {
            // expect: AGR0009
            ToolCallBehavior = ToolCallBehavior.AutoInvokeKernelFunctions,
            Temperature = 0,
        };

        // expect: AGR0003
        foreach (var question in questions)
        {
            var answer = await kernel.InvokePromptAsync(question, new KernelArguments(settings));
            Console.WriteLine(answer);
        }
    }
}
