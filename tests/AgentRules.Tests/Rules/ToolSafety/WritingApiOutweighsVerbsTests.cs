using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

/// <summary>
/// A call to a writing API outweighs what the tool's name says: neither a built-in reading verb nor one the project
/// adds in <c>agentrules.readonly_verbs</c> can silence AGR0001 for a tool that sends an HTTP DELETE or runs a write.
/// A local cache-file write under a reading name stays "unknown" (and silent), as before.
/// </summary>
public class WritingApiOutweighsVerbsTests
{
    private const string Tools = """
        using System.ComponentModel;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed class AccountTools(HttpClient http)
        {
            [McpServerTool(Name = "delete_preview"), Description("Deletes the account preview.")]
            public async Task<string> [|DeletePreview|](string id)
            {
                var response = await http.DeleteAsync($"/accounts/{id}");
                return response.StatusCode.ToString();
            }

            [McpServerTool(Name = "get_account"), Description("Gets an account.")]
            public async Task<string> [|GetAccount|](string id)
            {
                await http.PutAsync($"/accounts/{id}/touched", null);
                return await http.GetStringAsync($"/accounts/{id}");
            }

            [McpServerTool(Name = "get_snapshot"), Description("Returns a snapshot of the config, refreshing the local copy.")]
            public string GetSnapshot()
            {
                File.Delete("config.snapshot");
                File.Copy("config.json", "config.snapshot");
                return File.ReadAllText("config.snapshot");
            }
        }
        """;

    [Fact]
    public async Task A_configured_reading_verb_does_not_hide_HttpClient_DeleteAsync()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            EditorConfig = "agentrules.readonly_verbs = delete",
            Source = Tools,
            ExpectedMessages =
            {
                "Destructive tool 'delete_preview' has no environment scope (calls HttpClient.DeleteAsync)",
                "Destructive tool 'get_account' has no environment scope (calls HttpClient.PutAsync)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Without_configuration_the_writes_are_reported_the_same_way()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = Tools,
            ExpectedMessages =
            {
                "Destructive tool 'delete_preview' has no environment scope (calls HttpClient.DeleteAsync)",
                "Destructive tool 'get_account' has no environment scope (calls HttpClient.PutAsync)",
            },
        }.RunAsync();
    }
}
