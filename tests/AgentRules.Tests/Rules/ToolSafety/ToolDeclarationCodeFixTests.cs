using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Rules.ToolSafety;
using AgentRules.CodeFixes.ToolSafety;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

// The runtime has a ToolEffect too (AgentRules.ToolEffect), which this namespace would otherwise find first.
using ToolEffect = AgentRules.Analyzers.Recognition.Tools.ToolEffect;

/// <summary>The AGR0005, AGR0007 and AGR0008 code fixes, one at a time and with Fix All.</summary>
public class ToolDeclarationCodeFixTests
{
    [Fact]
    public async Task AGR0005_declares_the_inferred_effect_on_mcp_tools_with_the_named_argument()
    {
        await new CodeFixTest<UndeclaredToolEffectAnalyzer, DeclareToolEffectCodeFix>
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
        await new CodeFixTest<UndeclaredToolEffectAnalyzer, DeclareToolEffectCodeFix>
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
        await new CodeFixTest<UndeclaredToolEffectAnalyzer, DeclareToolEffectCodeFix>
        {
            CodeActionEquivalenceKey = DeclareToolEffectCodeFix.DestructiveEquivalenceKey,
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

    [Fact]
    public async Task AGR0007_turns_a_false_read_only_declaration_into_a_destructive_one()
    {
        await new CodeFixTest<ReadOnlyToolWritesAnalyzer, DeclareToolDestructiveCodeFix>
        {
            Source = """
                using System.ComponentModel;
                using System.IO;
                using Microsoft.SemanticKernel;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class ReportTools
                {
                    [McpServerTool(Name = "get_report", ReadOnly = true, Idempotent = true)]
                    public string [|GetReport|](string path)
                    {
                        File.Move(path, path + ".archived");
                        return "report";
                    }
                }

                public sealed class CleanupPlugin
                {
                    [KernelFunction, AgentRules.ReadOnlyTool, Description("Looks at a folder.")]
                    public void [|Inspect|](string path) => File.Delete(path);
                }
                """,
            FixedSource = """
                using System.ComponentModel;
                using System.IO;
                using AgentRules;
                using Microsoft.SemanticKernel;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class ReportTools
                {
                    [McpServerTool(Name = "get_report", Destructive = true, Idempotent = true)]
                    public string GetReport(string path)
                    {
                        File.Move(path, path + ".archived");
                        return "report";
                    }
                }

                public sealed class CleanupPlugin
                {
                    [KernelFunction, DestructiveTool, Description("Looks at a folder.")]
                    public void Inspect(string path) => File.Delete(path);
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task AGR0008_adds_RequiresApproval_to_methods_and_lambdas()
    {
        await new CodeFixTest<DestructiveToolApprovalAnalyzer, AddRequiresApprovalCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using System.IO;
                using Microsoft.Extensions.AI;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class AccountTools
                {
                    [McpServerTool(Name = "close_account", Destructive = true)]
                    public string [|CloseAccount|](string id) => id;
                }

                public static class Agent
                {
                    public static IList<AITool> Tools() => [AIFunctionFactory.Create([|(string path) =>|] File.Delete(path), "delete_file")];
                }
                """,
            FixedSource = """
                using System.Collections.Generic;
                using System.IO;
                using AgentRules;
                using Microsoft.Extensions.AI;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class AccountTools
                {
                    [McpServerTool(Name = "close_account", Destructive = true)]
                    [RequiresApproval]
                    public string CloseAccount(string id) => id;
                }

                public static class Agent
                {
                    public static IList<AITool> Tools() => [AIFunctionFactory.Create([RequiresApproval] (string path) => File.Delete(path), "delete_file")];
                }
                """,
        }.RunAsync();
    }
}
