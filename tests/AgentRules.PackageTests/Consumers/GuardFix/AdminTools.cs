using System.ComponentModel;
using AgentRules;
using ModelContextProtocol.Server;

namespace GuardFix;

[McpServerToolType]
public sealed class AdminTools
{
    // Declared, and (before the fix) enforced nowhere: the server in Server.cs registers no guard.
    [McpServerTool(Name = "reset_sandbox", Destructive = true), Description("Resets the sandbox database.")]
    [EnvironmentScope("Development")]
    public static string ResetSandbox() => "Sandbox reset.";

    [McpServerTool(Name = "count_rows", ReadOnly = true), Description("Counts the rows of a table.")]
    public static int CountRows(string table) => table.Length;
}
