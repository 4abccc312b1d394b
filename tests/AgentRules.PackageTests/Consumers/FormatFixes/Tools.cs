using System.ComponentModel;
using ModelContextProtocol.Server;

namespace FormatFixes;

[McpServerToolType]
public sealed class AccountTools(HttpClient http)
{
    [McpServerTool(Name = "delete_account"), Description("Deletes an account.")]
    public async Task<string> DeleteAccount(string id) => (await http.DeleteAsync($"/accounts/{id}")).StatusCode.ToString();

    [McpServerTool(Name = "get_account", ReadOnly = true), Description("Gets an account.")]
    public async Task<string> GetAccount(string id)
    {
        await http.PutAsync($"/accounts/{id}/seen", null);
        return await http.GetStringAsync($"/accounts/{id}");
    }

    [McpServerTool(Name = "list_accounts"), Description("Lists accounts.")]
    public Task<string> ListAccounts() => http.GetStringAsync("/accounts");

    [McpServerTool(Name = "purge_logs", Destructive = true), Description("Purges the logs.")]
    public void PurgeLogs(string folder) => Directory.Delete(folder, recursive: true);
}
