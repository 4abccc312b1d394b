using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

/// <summary>
/// A tool that runs the model's text is made read-only only by a check of that text (issue 18, ScriptMCP's
/// <c>call_process</c>): validating another of the model's arguments — an output mode parsed as an enum, a flag —
/// before starting a process with the script the model names leaves the run unchecked. A check of the text that runs
/// (or of what it is made from) still makes the tool read-only. On the real ModelContextProtocol package.
/// </summary>
public class ModelTextEnforcementScopeTests
{
    [Fact]
    public async Task Checking_another_argument_does_not_make_the_run_text_safe()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.ComponentModel;
                using System.Diagnostics;
                using ModelContextProtocol.Server;

                public enum OutputMode { Default, WriteNew }

                [McpServerToolType]
                public static class ScriptTools
                {
                    [McpServerTool(Name = "call_process"), Description("Calls a stored script in a new process.")]
                    public static string [|CallProcess|](string name, string arguments = "{}", string output_mode = "Default")
                    {
                        if (!Enum.TryParse<OutputMode>(output_mode, ignoreCase: true, out var mode))
                        {
                            return "Error: invalid output_mode.";
                        }

                        var info = new ProcessStartInfo { FileName = Environment.ProcessPath!, RedirectStandardOutput = true };
                        info.ArgumentList.Add(mode == OutputMode.WriteNew ? "--exec-out" : "--exec");
                        info.ArgumentList.Add(name);
                        info.ArgumentList.Add(arguments);
                        using var process = Process.Start(info)!;
                        process.WaitForExit();
                        return process.StandardOutput.ReadToEnd();
                    }
                }
                """,
            ExpectedMessages = { "Destructive tool 'call_process' has no environment scope (runs the command the model sends, with ProcessStartInfo.ArgumentList)" },
        }.RunAsync();
    }

    [Fact]
    public async Task Checking_the_run_text_itself_still_makes_the_tool_read_only()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.ComponentModel;
                using System.Diagnostics;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public static class ShellTools
                {
                    [McpServerTool(Name = "inspect_repository"), Description("Runs a git command that only reads.")]
                    public static string Inspect(string command, string format = "short")
                    {
                        var line = command.Trim();
                        if (!line.StartsWith("git log", StringComparison.Ordinal) && !line.StartsWith("git status", StringComparison.Ordinal))
                        {
                            throw new InvalidOperationException("only git log and git status may run");
                        }

                        using var process = Process.Start(new ProcessStartInfo("/bin/bash", "-c \"" + line + " --format=" + format + "\""))!;
                        process.WaitForExit();
                        return process.StandardOutput.ReadToEnd();
                    }
                }
                """,
        }.RunAsync();
    }
}
