using System.ComponentModel;
using AgentRules;
using ModelContextProtocol.Server;

namespace McpServer;

[McpServerPromptType]
public static class AdminPrompts
{
    [Prompt("admin.triage", Version = 1)]
    public const string Triage = "You triage database incidents. Ask for the table name first, then for the time it started.";

    [McpServerPrompt(Name = "triage"), Description("How to triage a database incident.")]
    public static string TriagePrompt() => Triage;
}
