// Semantic Kernel chat service: a prompts class, a chat history seeded with a system message, prompt functions from
// inline templates and a PromptTemplateConfig, and the user's own question, which is not a prompt template.
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Travel;

internal static class Prompts
{
    public const string Concierge = "You are a hotel concierge. Suggest at most three options.";

    public const string Summary = "Summarize the conversation so far in one sentence: {{$history}}";
}

public sealed class ConciergeService(Kernel kernel)
{
    private readonly ChatHistory _history = new([|Prompts.Concierge|]);

    public async Task<string> AskAsync(string question)
    {
        _history.AddUserMessage(question);
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        var settings = new OpenAIPromptExecutionSettings { Temperature = 0.4, FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        var answer = await chat.GetChatMessageContentAsync(_history, settings, kernel);
        _history.AddAssistantMessage(answer.Content ?? string.Empty);
        return answer.Content ?? string.Empty;
    }

    public async Task<string> SummarizeAsync(string history)
    {
        var summary = kernel.CreateFunctionFromPrompt([|Prompts.Summary|]);
        var result = await kernel.InvokeAsync(summary, new KernelArguments { ["history"] = history });
        return result.ToString();
    }

    public Task<FunctionResult> TranslateAsync(string text) =>
        kernel.InvokePromptAsync([|"Translate into French: {{$text}}"|], new KernelArguments { ["text"] = text });

    public Task<FunctionResult> AnswerDirectlyAsync(string userQuestion) => kernel.InvokePromptAsync(userQuestion);

    public KernelFunction Classifier() => kernel.CreateFunctionFromPrompt(new PromptTemplateConfig
    {
        Name = "classify",
        Description = "Classifies a request.",
        Template = [|"Classify this request as booking, cancellation or question: {{$input}}"|],
    });
}
