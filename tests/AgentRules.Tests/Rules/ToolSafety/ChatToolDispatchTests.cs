using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

/// <summary>
/// OpenAI chat tools whose body is the app's dispatch (issue 18): the text a branch reads from the tool call's
/// <c>FunctionArguments</c> is the model's, so a branch that runs it as a shell command writes whatever the model asks;
/// and a map of tool names to handlers (<c>["name"] = args =&gt; …</c>) is a dispatch like a <c>switch</c>, each handler
/// the body of the tool of its name. On the real OpenAI package.
/// </summary>
public class ChatToolDispatchTests
{
    [Fact]
    public async Task A_branch_that_runs_the_command_read_from_FunctionArguments_is_destructive()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.Diagnostics;
                using System.Text.Json;
                using OpenAI.Chat;

                public static class Shell
                {
                    public static string Run(string command, string? directory)
                    {
                        using var process = Process.Start(new ProcessStartInfo("/bin/bash", "-c \"" + command + "\"") { WorkingDirectory = directory ?? "." })!;
                        process.WaitForExit();
                        return process.StandardOutput.ReadToEnd();
                    }
                }

                public sealed class Agent
                {
                    private readonly ChatTool _helper = ChatTool.CreateFunctionTool([|"workspace_helper"|], "Helps in the workspace.");

                    public ChatCompletionOptions Options() => new() { Tools = { _helper } };

                    public string Execute(ChatToolCall call)
                    {
                        using var arguments = JsonDocument.Parse(call.FunctionArguments);
                        var root = arguments.RootElement;
                        switch (call.FunctionName)
                        {
                            case "workspace_helper":
                                string command = root.GetProperty("command").GetString()!;
                                string? cwd = root.TryGetProperty("cwd", out var cwdElement) ? cwdElement.GetString() : null;
                                return Shell.Run(command, cwd);
                            default:
                                return "unknown tool";
                        }
                    }
                }
                """,
            ExpectedMessages = { "Destructive tool 'workspace_helper' has no environment scope (runs the command the model sends, with ProcessStartInfo via Shell.Run)" },
        }.RunAsync();
    }

    [Fact]
    public async Task A_map_of_tool_names_to_handlers_is_a_dispatch()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.Collections.Generic;
                using System.Diagnostics;
                using System.IO;
                using System.Text.Json;
                using OpenAI.Chat;

                public sealed class Agent
                {
                    private readonly List<ChatTool> _tools =
                    [
                        ChatTool.CreateFunctionTool([|"terminal"|], "A terminal for the workspace."),
                        ChatTool.CreateFunctionTool([|"workspace_tidy"|], "Tidies the workspace."),
                        ChatTool.CreateFunctionTool("weather", "The weather in a city."),
                    ];

                    private readonly Dictionary<string, Func<string, string>> _handlers;

                    public Agent()
                    {
                        _handlers = new Dictionary<string, Func<string, string>>
                        {
                            ["terminal"] = args =>
                            {
                                var command = JsonDocument.Parse(args).RootElement.GetProperty("command").GetString()!;
                                using var process = Process.Start("pwsh", "-Command " + command)!;
                                process.WaitForExit();
                                return "done";
                            },
                            ["workspace_tidy"] = Tidy,
                            ["weather"] = args => $"sunny in {JsonDocument.Parse(args).RootElement.GetProperty("city").GetString()}",
                        };
                    }

                    private static string Tidy(string args)
                    {
                        Directory.Delete("/tmp/workspace", recursive: true);
                        return "tidied";
                    }

                    public string Execute(ChatToolCall call) => _handlers[call.FunctionName](call.FunctionArguments.ToString());
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'terminal' has no environment scope (runs the command the model sends, with Process.Start)",
                "Destructive tool 'workspace_tidy' has no environment scope (calls Directory.Delete)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Branches_that_only_read_what_the_model_sends_or_run_a_fixed_reading_command_give_no_evidence()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.Diagnostics;
                using System.IO;
                using System.Text.Json;
                using OpenAI.Chat;

                public sealed class Agent
                {
                    private readonly ChatTool[] _tools =
                    [
                        ChatTool.CreateFunctionTool("file_contents", "The contents of a file."),
                        ChatTool.CreateFunctionTool("repository_state", "The state of the repository."),
                        ChatTool.CreateFunctionTool("lookup", "Looks a word up."),
                    ];

                    private readonly Dictionary<string, System.Func<string, string>> _handlers = new()
                    {
                        ["lookup"] = args => JsonDocument.Parse(args).RootElement.GetProperty("word").GetString()!.ToUpperInvariant(),
                    };

                    public string Execute(ChatToolCall call)
                    {
                        using var arguments = JsonDocument.Parse(call.FunctionArguments);
                        switch (call.FunctionName)
                        {
                            case "file_contents":
                                return File.ReadAllText(arguments.RootElement.GetProperty("path").GetString()!);
                            case "repository_state":
                                using (var process = Process.Start("git", "status --short")!)
                                {
                                    process.WaitForExit();
                                    return process.StandardOutput.ReadToEnd();
                                }
                            default:
                                return _handlers[call.FunctionName](call.FunctionArguments.ToString());
                        }
                    }
                }
                """,
        }.RunAsync();
    }
}
