// Semantic Kernel agents: a ChatCompletionAgent whose arguments turn on auto function calling.
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Agents;

namespace Corpus.Batch2.SkAgent;

public static class Agents
{
    public static ChatCompletionAgent Host(Kernel kernel) => new()
    {
        Name = "Host",
        Instructions = "Answer questions about the menu.",
        Kernel = kernel,
        // expect: AGR0009
        Arguments = new KernelArguments(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }),
    };

    public static ChatCompletionAgent Router(Kernel kernel) => new()
    {
        Name = "Router",
        Instructions = "Pick the right department.",
        Kernel = kernel,
        Arguments = new KernelArguments(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Required() }),
    };
}
