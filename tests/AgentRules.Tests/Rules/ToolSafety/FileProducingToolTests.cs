using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

/// <summary>
/// "export" and "download" read as verbs, but a tool named so whose body writes a local file exists to write that file
/// (ScriptMCP's <c>export_script</c> overwrites a path the model names): the write decides, as for any writing API.
/// A reading tool that refreshes its own cache file keeps its name's reading, and an export that only returns text is
/// read-only. On the real ModelContextProtocol package.
/// </summary>
public class FileProducingToolTests
{
    [Fact]
    public async Task Export_and_download_tools_that_write_a_local_file_are_destructive()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.IO;
                using System.Net.Http;
                using System.Threading.Tasks;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class ScriptTools(HttpClient http)
                {
                    [McpServerTool(Name = "export_script"), Description("Exports a stored script to a local file.")]
                    public string [|ExportScript|](string name, string path)
                    {
                        File.WriteAllText(path, "// " + name);
                        return $"exported to {path}";
                    }

                    [McpServerTool(Name = "download_report"), Description("Downloads the report to disk.")]
                    public async Task<string> [|DownloadReport|](string url, string path)
                    {
                        await File.WriteAllBytesAsync(path, await http.GetByteArrayAsync(url));
                        return path;
                    }
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'export_script' has no environment scope (calls File.WriteAllText)",
                "Destructive tool 'download_report' has no environment scope (calls File.WriteAllBytesAsync)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task A_reading_tool_refreshing_its_cache_file_and_an_export_returning_text_are_not()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.IO;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class ReportTools
                {
                    [McpServerTool(Name = "get_weather"), Description("Gets the weather, cached on disk.")]
                    public string GetWeather(string city)
                    {
                        var text = $"sunny in {city}";
                        File.WriteAllText(Path.Combine(Path.GetTempPath(), city + ".txt"), text);
                        return text;
                    }

                    [McpServerTool(Name = "export_csv"), Description("Exports the rows as CSV text.")]
                    public string ExportCsv(string table) => $"id,name\n1,{table}";
                }
                """,
        }.RunAsync();
    }
}
