// Prompts chosen at run time: by a switch over an enum, a ternary, a default behind '??', and a local that is
// reassigned. Any branch that is text in the code is unversioned.
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Selection;

public enum Mode
{
    Tutor,
    Reviewer,
}

public static class PromptCatalog
{
    public static string For(Mode mode) => mode switch
    {
        Mode.Tutor => "You are a patient math tutor.",
        Mode.Reviewer => "You review code and list bugs.",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };
}

public sealed class Selector(string? customPrompt)
{
    public ChatMessage[] Build(Mode mode, bool terse, string language)
    {
        var style = "Explain every step.";
        if (terse)
        {
            style = "Answer with the result only.";
        }

        return
        [
            new(ChatRole.System, [|PromptCatalog.For(mode)|]),
            new(ChatRole.System, [|terse ? "Be brief." : "Be thorough."|]),
            new(ChatRole.System, [|customPrompt ?? "You are a helpful assistant."|]),
            new(ChatRole.System, [|style|]),
            new(ChatRole.System, [|"Answer in " + language + "."|]),
        ];
    }

    public ChatHistory History(Mode mode)
    {
        var history = new ChatHistory();
        history.AddSystemMessage([|PromptCatalog.For(mode)|]);
        history.AddDeveloperMessage([|"Use the calculator tool for arithmetic."|]);
        return history;
    }
}
