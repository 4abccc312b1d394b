using AgentRules;

namespace SupportAgent.Prompts;

/// <summary>
/// The support agent's prompts, declared with an id and a version. AgentPrompts.lock records the hash of every
/// version that has shipped; the generated <c>AgentPrompts</c> registry carries id, version and hash at run time.
/// </summary>
public static class SupportPrompts
{
    /// <summary>The persona and ground rules of every support conversation (good form: declared and recorded).</summary>
    [Prompt("support.system", Version = 2)]
    public const string System = """
        You are a friendly support agent for an online shop. Be brief.
        Never promise refunds you cannot issue.
        """;

    /// <summary>The instructions of the guarded, tool-calling support agent (Agent/GuardedSupportSession.cs).</summary>
    [Prompt("support.tool_agent", Version = 1)]
    public const string ToolAgent = "You are a support agent for an online shop. Use the tools to answer; never guess order data.";

    /// <summary>
    /// Added when a conversation is handed to a colleague. Bad form: the wording changed after version 1 shipped, but
    /// the version was not bumped, so AgentPrompts.lock still records the old text's hash for version 1.
    /// </summary>
    // expect: AGR0006
    [Prompt("support.escalation", Version = 1)]
    public const string Escalation = "A colleague will take over this conversation. Summarise the customer's problem in two sentences.";
}
