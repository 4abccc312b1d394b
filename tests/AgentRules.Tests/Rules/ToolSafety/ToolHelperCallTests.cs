using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

/// <summary>
/// Tools created through the app's own helper, seen where the helper is called (issue 18), on the real
/// Microsoft.Extensions.AI and OpenAI packages: lambdas handed to a helper around <c>AIFunctionFactory.Create</c>, chat
/// tools built by a helper around <c>ChatTool.CreateFunctionTool</c>, and what a chat tool does, read from the branch of
/// the app's dispatch on the tool call's name.
/// </summary>
public class ToolHelperCallTests
{
    [Fact]
    public async Task A_lambda_handed_to_the_apps_helper_is_a_tool_reported_at_the_lambda()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.Collections.Generic;
                using System.IO;
                using Microsoft.Extensions.AI;

                public static class Workspace
                {
                    private static AITool Tool(Delegate body, string name, string description) =>
                        AIFunctionFactory.Create(body, name, description);

                    public static IList<AITool> Tools(string root) =>
                    [
                        Tool((string path) => File.ReadAllText(Path.Combine(root, path)), "read_file", "Reads a file."),
                        Tool([|(string path) =>|] File.Delete(Path.Combine(root, path)), "remove_entry", "Removes an entry."),
                        Tool((int a, int b) => a + b, "sum", "Adds two numbers."),
                    ];
                }
                """,
            ExpectedMessages = { "Destructive tool 'remove_entry' has no environment scope (calls File.Delete)" },
        }.RunAsync();
    }

    [Fact]
    public async Task A_lambda_handed_to_a_helper_under_an_environment_check_is_scoped()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.Collections.Generic;
                using System.IO;
                using Microsoft.Extensions.AI;

                public static class Workspace
                {
                    private static AITool Tool(Delegate body, string name) => AIFunctionFactory.Create(body, name);

                    public static IList<AITool> Tools(string root)
                    {
                        var tools = new List<AITool> { Tool((string path) => File.ReadAllText(path), "read_file") };
                        if (Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") == "Development")
                        {
                            tools.Add(Tool((string path) => File.Delete(path), "delete_file"));
                        }

                        return tools;
                    }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Chat_tools_built_by_the_apps_helper_are_named_at_each_call_and_not_inside_the_helper()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.Collections.Generic;
                using OpenAI.Chat;

                public static class ToolDefinitions
                {
                    public const string DeleteName = "delete_branch";

                    public static ChatTool Read => CreateTool("read_file", "Reads a file of the repository.");
                    public static ChatTool Delete => CreateTool([|DeleteName|], "Deletes a branch of the repository.");
                    public static ChatTool Push => CreateTool([|"push_changes"|], "Pushes the local commits to the remote.");

                    private static ChatTool CreateTool(string name, string description) =>
                        ChatTool.CreateFunctionTool(name, description, BinaryData.FromString("{}"));

                    public static IList<ChatTool> All => [Read, Delete, Push];
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'delete_branch' has no environment scope (name starts with 'delete')",
                "Destructive tool 'push_changes' has no environment scope (name starts with 'push')",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task A_chat_tool_helper_that_computes_the_name_itself_is_not_followed()
    {
        // The factory call's name is not the helper's parameter unchanged: the helper's callers do not name the tool,
        // and the computed name says nothing, so nothing is reported (neither inside the helper nor at its callers).
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using OpenAI.Chat;

                public static class ToolDefinitions
                {
                    public static ChatTool Delete => CreateTool("delete_branch", "Deletes a branch.");

                    private static ChatTool CreateTool(string name, string description) =>
                        ChatTool.CreateFunctionTool("repo_" + name, description);
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task A_chat_tools_effect_is_read_from_the_dispatch_branch_that_runs_it()
    {
        // "notes" and "archive_notes" say little by name; the switch on the tool call's name says what runs.
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.IO;
                using System.Text.Json;
                using OpenAI.Chat;

                public sealed class NotesBot(string root)
                {
                    private readonly ChatTool _notes = ChatTool.CreateFunctionTool(
                        functionName: [|nameof(Notes)|],
                        functionDescription: "Keeps the user's notes.");

                    private readonly ChatTool _list = ChatTool.CreateFunctionTool(functionName: "list_notes", functionDescription: "Lists the notes.");

                    private readonly ChatTool _summary = ChatTool.CreateFunctionTool("note_summary", "The notes in short.");

                    public ChatCompletionOptions Options() => new() { Tools = { _notes, _list, _summary } };

                    public string Run(ChatToolCall call)
                    {
                        using var arguments = JsonDocument.Parse(call.FunctionArguments);
                        switch (call.FunctionName)
                        {
                            case nameof(Notes):
                                File.WriteAllText(Path.Combine(root, "notes.txt"), arguments.RootElement.GetProperty("text").GetString());
                                return "saved";
                            case "list_notes":
                                return string.Join("\n", Directory.GetFiles(root));
                            default:
                                return call.FunctionName switch
                                {
                                    "note_summary" => File.ReadAllText(Path.Combine(root, "notes.txt")).Substring(0, 10),
                                    _ => "unknown tool",
                                };
                        }
                    }

                    private static void Notes() { }
                }
                """,
            ExpectedMessages = { "Destructive tool 'Notes' has no environment scope (calls File.WriteAllText)" },
        }.RunAsync();
    }

    [Fact]
    public async Task An_environment_check_in_the_dispatch_branch_scopes_the_chat_tool()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.IO;
                using OpenAI.Chat;

                public sealed class Bot
                {
                    public ChatTool Wipe { get; } = ChatTool.CreateFunctionTool("wipe_cache", "Wipes the cache.");

                    public string Run(ChatToolCall call)
                    {
                        var name = call.FunctionName;
                        if (name == "wipe_cache")
                        {
                            if (Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") != "Development")
                            {
                                return "refused";
                            }

                            Directory.Delete("/tmp/cache", true);
                            return "wiped";
                        }

                        return "unknown";
                    }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task A_chat_tool_dispatched_in_several_places_elsewhere_is_judged_by_its_name_only()
    {
        // Two other classes dispatch "tidy"; the code does not say which one runs the tool registered here.
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.IO;
                using OpenAI.Chat;

                public static class Tools
                {
                    public static ChatTool Tidy { get; } = ChatTool.CreateFunctionTool("tidy", "Tidies up.");
                }

                public static class A
                {
                    public static string Run(ChatToolCall call) => call.FunctionName switch { "tidy" => File.ReadAllText("a"), _ => "" };
                }

                public static class B
                {
                    public static string Run(ChatToolCall call)
                    {
                        if (call.FunctionName == "tidy") { File.Delete("b"); }
                        return "";
                    }
                }
                """,
        }.RunAsync();
    }
}
