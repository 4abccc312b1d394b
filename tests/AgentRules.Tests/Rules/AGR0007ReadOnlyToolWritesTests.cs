using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0007: tools declared read-only whose code writes.</summary>
public class AGR0007ReadOnlyToolWritesTests
{
    [Fact]
    public async Task Read_only_mcp_tools_that_call_writing_apis_are_reported_with_the_call()
    {
        await new AnalyzerTest<AGR0007ReadOnlyToolWritesAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.Data.Common;
                using System.IO;
                using System.Threading.Tasks;
                using ModelContextProtocol.Server;

                public sealed class AuditLog(DbConnection connection)
                {
                    public async Task RecordReadAsync(string table)
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = "INSERT INTO audit (tbl) VALUES (@t)";
                        await command.ExecuteNonQueryAsync();
                    }

                    public async Task StoreAsync(string table)
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = "INSERT INTO audit (tbl) VALUES (@t)";
                        await command.ExecuteNonQueryAsync();
                    }
                }

                [McpServerToolType]
                public sealed class ReportTools(AuditLog audit)
                {
                    [McpServerTool(Name = "get_report", ReadOnly = true), Description("Gets a report and archives the previous one.")]
                    public string [|GetReport|](string path)
                    {
                        File.Move(path, path + ".archived");
                        return "report";
                    }

                    [McpServerTool(Name = "count_rows", ReadOnly = true)]
                    public async Task<int> [|CountRows|](string table)
                    {
                        await audit.StoreAsync(table);
                        return 0;
                    }

                    [McpServerTool(Name = "count_rows_audited", ReadOnly = true)]
                    public async Task<int> CountRowsAudited(string table)
                    {
                        await audit.RecordReadAsync(table); // telemetry-like helpers are not followed
                        return 0;
                    }

                    [McpServerTool(Name = "read_note", ReadOnly = true)]
                    public string ReadNote(string path) => File.ReadAllText(path);
                }
                """,
            ExpectedMessages =
            {
                "Tool 'get_report' is declared read-only but calls File.Move",
                "Tool 'count_rows' is declared read-only but runs SQL 'INSERT INTO' via AuditLog.StoreAsync",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Weak_writes_temp_files_and_undeclared_tools_are_not_reported()
    {
        await new AnalyzerTest<AGR0007ReadOnlyToolWritesAnalyzer>
        {
            Source = """
                using System.IO;
                using System.Net.Http;
                using System.Threading.Tasks;
                using AgentRules;
                using Microsoft.SemanticKernel;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class SearchTools(HttpClient http)
                {
                    [McpServerTool(Name = "search", ReadOnly = true)]
                    public async Task<string> Search(string query) =>
                        await (await http.PostAsync("/search", new StringContent(query))).Content.ReadAsStringAsync();

                    [McpServerTool(Name = "render", ReadOnly = true)]
                    public string Render(string text)
                    {
                        var path = Path.GetTempFileName();
                        File.WriteAllText(path, text);
                        return path;
                    }

                    [McpServerTool(Name = "fetch", ReadOnly = true)]
                    public async Task<string> Fetch(string url)
                    {
                        await File.AppendAllTextAsync("fetch.log", url);
                        return await http.GetStringAsync(url);
                    }

                    [McpServerTool(Name = "tidy")]
                    public void Tidy(string path) => File.Delete(path);
                }

                public sealed class Plugin
                {
                    [KernelFunction, AgentRules.ReadOnlyTool]
                    public void [|Cleanup|](string path) => File.Delete(path);
                }
                """,
            ExpectedMessages = { "Tool 'Cleanup' is declared read-only but calls File.Delete" },
        }.RunAsync();
    }

    [Fact]
    public async Task Configured_attributes_and_output_bindings()
    {
        await new AnalyzerTest<AGR0007ReadOnlyToolWritesAnalyzer>
        {
            EditorConfig = "agentrules.tool_attributes = Contoso.ToolAttribute",
            Source = """
                using System;
                using System.IO;
                using Microsoft.Azure.Functions.Worker;
                using Microsoft.Azure.Functions.Worker.Extensions.Mcp;

                namespace Contoso
                {
                    [AttributeUsage(AttributeTargets.Method)]
                    public sealed class ToolAttribute : Attribute
                    {
                        public bool ReadOnly { get; set; }
                    }

                    public sealed class Tools
                    {
                        [Tool(ReadOnly = true)]
                        public void [|Sync|](string path) => File.WriteAllText(path, "");

                        [Function(nameof(Save))]
                        [BlobOutput("snippets/{name}.json")]
                        [AgentRules.ReadOnlyTool]
                        public string [|Save|]([McpToolTrigger("snippet_keep", "Keeps a snippet.")] ToolInvocationContext context) => "{}";
                    }
                }
                """,
            ExpectedMessages =
            {
                "Tool 'Sync' is declared read-only but calls File.WriteAllText",
                "Tool 'snippet_keep' is declared read-only but has output binding [BlobOutput]",
            },
        }.RunAsync();
    }
}
