using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>What a prompt site does with its text.</summary>
public enum PromptSiteKind
{
    /// <summary>A system message: MEAI <c>ChatMessage(ChatRole.System, …)</c>, OpenAI <c>SystemChatMessage</c>, SK <c>AddSystemMessage</c>, …</summary>
    SystemMessage,

    /// <summary>A developer message: OpenAI <c>DeveloperChatMessage</c>, SK <c>AddDeveloperMessage</c>.</summary>
    DeveloperMessage,

    /// <summary>An agent's instructions: Agent Framework <c>instructions</c>, SK <c>Agent.Instructions</c>, OpenAI assistants.</summary>
    AgentInstructions,

    /// <summary>Instructions of one chat request: MEAI <c>ChatOptions.Instructions</c>, OpenAI Responses.</summary>
    ChatInstructions,

    /// <summary>A prompt template: SK <c>InvokePromptAsync</c>, <c>CreateFunctionFromPrompt</c>, <c>PromptTemplateConfig.Template</c>.</summary>
    PromptTemplate,

    /// <summary>The text an MCP server returns from an <c>[McpServerPrompt]</c> method.</summary>
    McpPrompt,

    /// <summary>An MCP server's instructions to clients (<c>McpServerOptions.ServerInstructions</c>).</summary>
    McpServerInstructions,

    /// <summary>A sink configured in <c>agentrules.prompt_sinks</c>.</summary>
    ConfiguredSink,

    /// <summary>
    /// A user or assistant message with authored text that a loop adds to the conversation it sends to the model on
    /// every pass: a correction or feedback message ("The following issues were found, please fix: …").
    /// </summary>
    FeedbackMessage,
}

/// <summary>Display names and id suffixes of <see cref="PromptSiteKind"/>.</summary>
public static class PromptSiteKinds
{
    /// <summary>How AGR0004 names the site: "system message", "agent instructions", ...</summary>
    public static string Display(PromptSiteKind kind) => kind switch
    {
        PromptSiteKind.SystemMessage => "system message",
        PromptSiteKind.DeveloperMessage => "developer message",
        PromptSiteKind.AgentInstructions => "agent instructions",
        PromptSiteKind.ChatInstructions => "chat instructions",
        PromptSiteKind.PromptTemplate => "prompt template",
        PromptSiteKind.McpPrompt => "MCP prompt",
        PromptSiteKind.McpServerInstructions => "MCP server instructions",
        PromptSiteKind.FeedbackMessage => "feedback message",
        _ => "prompt",
    };

    /// <summary>The last part of the prompt id the AGR0004 code fix proposes ("support_conversation.system").</summary>
    public static string IdSuffix(PromptSiteKind kind) => kind switch
    {
        PromptSiteKind.SystemMessage => "system",
        PromptSiteKind.DeveloperMessage => "developer",
        PromptSiteKind.AgentInstructions => "instructions",
        PromptSiteKind.ChatInstructions => "instructions",
        PromptSiteKind.PromptTemplate => "template",
        PromptSiteKind.McpPrompt => "prompt",
        PromptSiteKind.McpServerInstructions => "server_instructions",
        PromptSiteKind.FeedbackMessage => "feedback",
        _ => "prompt",
    };
}

/// <summary>
/// One place where text becomes (part of) a prompt: the operation that sends or stores it, the operation that
/// supplies the text, and what kind of site it is.
/// </summary>
public sealed class PromptSite
{
    public PromptSite(PromptSiteKind kind, string api, IOperation operation, IOperation text)
    {
        Kind = kind;
        Api = api;
        Operation = operation;
        Text = text;
    }

    public PromptSiteKind Kind { get; }

    /// <summary>The framework API, e.g. "Microsoft.Extensions.AI.ChatMessage" or "Microsoft.SemanticKernel.ChatCompletion.ChatHistory.AddSystemMessage".</summary>
    public string Api { get; }

    /// <summary>The creation, invocation, assignment or return that makes the prompt.</summary>
    public IOperation Operation { get; }

    /// <summary>The operation supplying the text (an argument's value, an assigned value, a returned value).</summary>
    public IOperation Text { get; }

    /// <summary>Where the text is written at the site: AGR0004 is reported here.</summary>
    public Location Location => Text.Syntax.GetLocation();

    public string KindDisplay => PromptSiteKinds.Display(Kind);
}
