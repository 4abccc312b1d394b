using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

/// <summary>
/// Tools whose effect is a command line written in the code (issue 18): a fixed <c>go mod tidy</c>, <c>git commit</c> or
/// <c>npm install</c> started with <c>ProcessStartInfo</c>/<c>Process.Start</c>, directly or through the app's own
/// process helper, writes whatever the tool's name says; <c>go test</c> or <c>git status</c> only read and stay
/// unknown. Tools registered on the real ModelContextProtocol and Microsoft.Extensions.AI packages.
/// </summary>
public class CommandLineToolTests
{
    [Fact]
    public async Task A_fixed_writing_command_started_through_the_apps_process_helper_is_destructive()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.Diagnostics;
                using ModelContextProtocol.Server;

                public static class ProcessHelper
                {
                    public static string RunProcess(string fileName, string arguments, string workingDirectory)
                    {
                        var info = new ProcessStartInfo { FileName = fileName, Arguments = arguments, WorkingDirectory = workingDirectory, RedirectStandardOutput = true };
                        using var process = Process.Start(info)!;
                        process.WaitForExit();
                        return process.StandardOutput.ReadToEnd();
                    }
                }

                [McpServerToolType]
                public static class GoTools
                {
                    [McpServerTool, Description("Run 'go mod tidy' in the directory.")]
                    public static void [|GoModTidy|](string directory) => ProcessHelper.RunProcess("go", "mod tidy", directory);

                    [McpServerTool, Description("Commits the staged changes.")]
                    public static string [|Snapshot|](string directory, string message)
                    {
                        var arguments = $"commit -am \"{message}\"";
                        return ProcessHelper.RunProcess("git", arguments, directory);
                    }

                    [McpServerTool, Description("Adds a package to the project.")]
                    public static void [|Dependency|](string package)
                    {
                        using var process = Process.Start("npm", "install " + package);
                        process!.WaitForExit();
                    }

                    [McpServerTool, Description("Cleans the build folder.")]
                    public static void [|Tidy|]()
                    {
                        var info = new ProcessStartInfo("/bin/bash", "-c \"rm -rf ./build\"");
                        Process.Start(info)!.WaitForExit();
                    }
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'go_mod_tidy' has no environment scope (runs 'go mod tidy' via ProcessHelper.RunProcess)",
                "Destructive tool 'snapshot' has no environment scope (runs 'git commit' via ProcessHelper.RunProcess)",
                "Destructive tool 'dependency' has no environment scope (runs 'npm install')",
                "Destructive tool 'tidy' has no environment scope (runs 'rm')",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Reading_commands_and_commands_not_fixed_in_the_code_give_no_evidence()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.Diagnostics;
                using ModelContextProtocol.Server;

                public static class ProcessHelper
                {
                    public static string RunProcess(string fileName, string arguments, string workingDirectory)
                    {
                        using var process = Process.Start(new ProcessStartInfo(fileName, arguments) { WorkingDirectory = workingDirectory })!;
                        process.WaitForExit();
                        return process.StandardOutput.ReadToEnd();
                    }
                }

                [McpServerToolType]
                public static class RepoTools
                {
                    [McpServerTool, Description("Runs the module's tests.")]
                    public static string GoRunTests(string directory) => ProcessHelper.RunProcess("go", "test ./...", directory);

                    [McpServerTool, Description("Shows the working tree.")]
                    public static string Working(string directory) => ProcessHelper.RunProcess("git", "--no-pager status --short", directory);

                    [McpServerTool, Description("Shows a revision.")]
                    public static string Revision(string directory, string rev) => ProcessHelper.RunProcess("git", $"show {rev}", directory);

                    [McpServerTool, Description("Builds the solution.")]
                    public static string Compile(string directory)
                    {
                        using var process = Process.Start("dotnet", "build -c Release");
                        process!.WaitForExit();
                        return "built";
                    }

                    [McpServerTool, Description("Echoes a command line.")]
                    public static string Preview(string directory) => "git commit -am wip";
                }
                """,
        }.RunAsync();
    }
}
