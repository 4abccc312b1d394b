using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules;

// The runtime has a ToolEffect too (AgentRules.ToolEffect), which this namespace would otherwise find first.
using ToolEffect = AgentRules.Analyzers.Recognition.Tools.ToolEffect;

/// <summary>
/// The AGR0005 code fix (declare the tool's effect), one at a time and with Fix All.
/// </summary>
public class AGR0005UndeclaredToolEffectCodeFixTests
{
    [Fact]
    public async Task AGR0005_declares_the_inferred_effect_on_mcp_tools_with_the_named_argument()
    {
        await new CodeFixTest<AGR0005UndeclaredToolEffectAnalyzer, AGR0005UndeclaredToolEffectCodeFix>
        {
            Source = """
                using System.ComponentModel;
                using System.IO;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class NoteTools
                {
                    [McpServerTool(Name = "delete_note"), Description("Deletes a note.")]
                    public void [|DeleteNote|](string path) => File.Delete(path);

                    [McpServerTool, Description("Lists the notes.")]
                    public string[] [|ListNotes|](string folder) => Directory.GetFiles(folder);
                }
                """,
            FixedSource = """
                using System.ComponentModel;
                using System.IO;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class NoteTools
                {
                    [McpServerTool(Name = "delete_note", Destructive = true), Description("Deletes a note.")]
                    public void DeleteNote(string path) => File.Delete(path);

                    [McpServerTool(ReadOnly = true), Description("Lists the notes.")]
                    public string[] ListNotes(string folder) => Directory.GetFiles(folder);
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task AGR0005_writes_ReadOnlyTool_unqualified_where_ComponentModel_is_imported()
    {
        await new CodeFixTest<AGR0005UndeclaredToolEffectAnalyzer, AGR0005UndeclaredToolEffectCodeFix>
        {
            Source = """
                using System.ComponentModel;
                using Microsoft.SemanticKernel;

                public sealed class WeatherPlugin
                {
                    [KernelFunction("get_forecast"), Description("Gets the forecast for a city.")]
                    public string [|GetForecast|](string city) => "sunny";

                    [KernelFunction("cancel_alert"), Description("Cancels a weather alert.")]
                    public string [|CancelAlert|](string id) => id;
                }
                """,
            FixedSource = """
                using System.ComponentModel;
                using AgentRules;
                using Microsoft.SemanticKernel;

                public sealed class WeatherPlugin
                {
                    [KernelFunction("get_forecast"), Description("Gets the forecast for a city.")]
                    [ReadOnlyTool]
                    public string GetForecast(string city) => "sunny";

                    [KernelFunction("cancel_alert"), Description("Cancels a weather alert.")]
                    [DestructiveTool]
                    public string CancelAlert(string id) => id;
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task AGR0005_offers_both_declarations_when_the_effect_is_unknown()
    {
        await new CodeFixTest<AGR0005UndeclaredToolEffectAnalyzer, AGR0005UndeclaredToolEffectCodeFix>
        {
            CodeActionEquivalenceKey = AGR0005UndeclaredToolEffectCodeFix.DestructiveEquivalenceKey,
            ExpectedCodeActionTitle = "Declare the tool destructive",
            Source = """
                using AgentRules;

                public sealed partial class Tools
                {
                    [AgentTool("inventory")]
                    public string [|Inventory|](string sku, int delta) => sku;
                }
                """,
            FixedSource = """
                using AgentRules;

                public sealed partial class Tools
                {
                    [AgentTool("inventory")]
                    [DestructiveTool]
                    public string Inventory(string sku, int delta) => sku;
                }
                """,
        }.RunAsync();
    }
}
