using System.Diagnostics;
using AgentRules;
using Microsoft.Extensions.AI;
using SupportAgent.Prompts;

namespace SupportAgent.Chat;

/// <summary>One support conversation: the system prompt, the customer's messages and the model's answers.</summary>
public sealed class SupportConversation(IChatClient chatClient)
{
    private readonly List<ChatMessage> _history =
    [
        // Good form: a declared prompt, versioned in AgentPrompts.lock.
        new(ChatRole.System, SupportPrompts.System),

        // Bad form: a literal nobody versions; editing it changes the agent without a trace.
        // expect: AGR0004
        new(ChatRole.System, "Always end by asking whether the customer needs anything else."),
    ];

    /// <summary>The prompt this conversation runs with, from the generated registry (id, version, hash).</summary>
    public static AgentPrompt Prompt => AgentPrompts.SupportSystem;

    public async Task<string> AskAsync(string customerMessage, CancellationToken cancellationToken)
    {
        // Stamp the prompt version on the current trace, so every answer can be traced to the exact text behind it.
        foreach (var tag in Prompt.Tags)
        {
            Activity.Current?.SetTag(tag.Key, tag.Value);
        }

        _history.Add(new ChatMessage(ChatRole.User, customerMessage));
        var response = await chatClient.GetResponseAsync(_history, cancellationToken: cancellationToken).ConfigureAwait(false);
        _history.AddRange(response.Messages);
        return response.Text;
    }

    /// <summary>Prepares the conversation for a colleague.</summary>
    public void Escalate() => _history.Add(new ChatMessage(ChatRole.System, SupportPrompts.Escalation));
}
