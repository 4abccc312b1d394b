using System.ComponentModel;
using AgentRules;
using ModelContextProtocol.Server;

namespace McpServer;

[McpServerToolType]
public static class AdminTools
{
    [McpServerTool(Destructive = true), Description("Deletes every row of a table.")]
    public static string DeleteTable(string table) => $"Deleted all rows of {table}.";

    [McpServerTool(Destructive = true), Description("Resets the sandbox database.")]
    [EnvironmentScope("Development")]
    public static string ResetSandbox() => "Sandbox reset.";

    [McpServerTool(ReadOnly = true), Description("Counts the rows of a table.")]
    public static int CountRows(string table) => table.Length;
}
