using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules;

// The runtime has a ToolEffect too (AgentRules.ToolEffect), which this namespace would otherwise find first.
using ToolEffect = AgentRules.Analyzers.Recognition.Tools.ToolEffect;

/// <summary>AGR0005: tools that declare neither read-only nor destructive.</summary>
public class AGR0005UndeclaredToolEffectTests
{
    [Fact]
    public async Task Mcp_tools_without_ReadOnly_or_Destructive_are_reported_with_the_inferred_effect()
    {
        await new AnalyzerTest<AGR0005UndeclaredToolEffectAnalyzer>
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

                    [McpServerTool(Name = "list_notes"), Description("Lists the notes.")]
                    public string[] [|ListNotes|](string folder) => Directory.GetFiles(folder);

                    [McpServerTool(Name = "notes"), Description("The notes tool.")]
                    public string [|Notes|](string command) => command;

                    [McpServerTool(Name = "get_and_clean"), Description("Gets a note.")]
                    public string [|GetAndClean|](string path)
                    {
                        File.Delete(path + ".bak");
                        return File.ReadAllText(path);
                    }

                    [McpServerTool(Name = "archive_note", Idempotent = true, OpenWorld = false)]
                    public void [|ArchiveNote|](string path) => File.Move(path, path + ".old");

                    [McpServerTool(Name = "read_note", ReadOnly = true)]
                    public string ReadNote(string path) => File.ReadAllText(path);

                    [McpServerTool(Name = "purge_notes", Destructive = true)]
                    public void PurgeNotes(string folder) => Directory.Delete(folder, true);

                    [McpServerTool(Name = "add_note", Destructive = false)]
                    public void AddNote(string path, string text) => File.WriteAllText(path, text);
                }
                """,
            ExpectedMessages =
            {
                "Tool 'delete_note' does not declare whether it is read-only or destructive (it looks destructive: calls File.Delete)",
                "Tool 'list_notes' does not declare whether it is read-only or destructive (it looks read-only: name starts with 'list')",
                "Tool 'notes' does not declare whether it is read-only or destructive (its effect could not be inferred)",
                "Tool 'get_and_clean' does not declare whether it is read-only or destructive (the evidence conflicts)",
                "Tool 'archive_note' does not declare whether it is read-only or destructive (it looks destructive: calls File.Move)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Other_forms_are_reported_and_AgentRules_declarations_count()
    {
        await new AnalyzerTest<AGR0005UndeclaredToolEffectAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using AgentRules;
                using Microsoft.Azure.Functions.Worker;
                using Microsoft.Azure.Functions.Worker.Extensions.Mcp;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel;
                using OpenAI.Chat;

                public sealed class WeatherPlugin
                {
                    [KernelFunction, Description("Gets the forecast.")]
                    public string [|GetForecast|](string city) => "sunny";

                    [KernelFunction, AgentRules.ReadOnlyTool]
                    public string GetAlerts(string city) => "none";

                    [KernelFunction, DestructiveTool]
                    public string ClearAlerts(string city) => "cleared";
                }

                [AgentRules.ReadOnlyTool]
                public sealed class ReadOnlyPlugin
                {
                    [KernelFunction]
                    public string Lookup(string id) => id;
                }

                public sealed class Functions
                {
                    [Function(nameof(Hello))]
                    public string [|Hello|]([McpToolTrigger("hello", "Says hello.")] ToolInvocationContext context) => "hi";
                }

                public sealed partial class Agent
                {
                    [AgentTool("close_ticket")]
                    public string [|CloseTicket|](int id) => "closed";

                    public static ChatOptions Options() => new()
                    {
                        Tools =
                        [
                            AIFunctionFactory.Create([|(string city) =>|] "sunny", "get_weather"),
                            AIFunctionFactory.Create([AgentRules.ReadOnlyTool] (string city) => "none", "get_alerts"),
                        ],
                    };

                    public static ChatCompletionOptions OpenAIOptions() => new() { Tools = { ChatTool.CreateFunctionTool("delete_file", "Deletes a file.") } };
                }
                """,
            ExpectedMessages =
            {
                "Tool 'GetForecast' does not declare whether it is read-only or destructive (it looks read-only: name starts with 'Get')",
                "Tool 'hello' does not declare whether it is read-only or destructive (its effect could not be inferred)",
                "Tool 'close_ticket' does not declare whether it is read-only or destructive (it looks destructive: name starts with 'close')",
                "Tool 'get_weather' does not declare whether it is read-only or destructive (it looks read-only: name starts with 'get')",
            },
        }.RunAsync();
    }
}
