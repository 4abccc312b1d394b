using System.ComponentModel;
using ModelContextProtocol.Server;
using SupportAgent.Data;

namespace SupportAgent.Tools;

/// <summary>Conversation transcripts, exposed to the support agent as MCP tools.</summary>
[McpServerToolType]
public sealed class TranscriptTools
{
    private readonly TranscriptArchive _archive = TranscriptArchive.Default;

    // Bad: declared read-only, but it also files the transcript in the shared archive (AGR0007). Clients call
    // read-only tools without asking, in every environment.
    [McpServerTool(Name = "get_transcript", ReadOnly = true), Description("Gets the transcript of a conversation.")]
    // expect: AGR0007
    public string GetTranscript([Description("The conversation id.")] int conversationId)
    {
        var transcript = $"Conversation {conversationId}: (no messages yet)";
        _archive.Save(conversationId, transcript);
        return transcript;
    }

    // Good: read-only, and it only reads.
    [McpServerTool(Name = "find_transcripts", ReadOnly = true), Description("Finds archived transcripts that mention a text.")]
    public string FindTranscripts([Description("The text to look for.")] string text) =>
        string.Join(Environment.NewLine, _archive.Search(text));
}
