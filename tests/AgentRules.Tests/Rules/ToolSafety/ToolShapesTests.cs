using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

/// <summary>
/// The tool shapes real agents use beyond the framework forms (issue 18), on the real Microsoft.Extensions.AI, MCP
/// and Dapper packages: tools registered by reflection, tools registered through the app's own helper, and tools that
/// run the SQL, command or script the model sends.
/// </summary>
public class ToolShapesTests
{
    [Fact]
    public async Task Methods_registered_by_reflection_through_Select_are_tools()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.IO;
                using System.Linq;
                using System.Reflection;
                using Microsoft.Extensions.AI;

                public class FileSystemTools
                {
                    public string Root { get; set; } = "/tmp/files";

                    public string GetContentOfFile(string path) => File.ReadAllText(path);

                    public void [|DeleteFile|](string path) => File.Delete(path);

                    public void [|MoveFolder|](string from, string to) => Directory.Move(from, to);

                    private void Purge(string path) => File.Delete(path);       // not public: GetMethods(Public) leaves it out

                    public static void Wipe(string path) => File.Delete(path);  // static: BindingFlags.Instance leaves it out
                }

                public static class Agent
                {
                    public static List<AITool> Tools()
                    {
                        FileSystemTools target = new();
                        MethodInfo[] methods = typeof(FileSystemTools).GetMethods(BindingFlags.Public | BindingFlags.Instance);
                        return methods.Select(x => AIFunctionFactory.Create(x, target)).Cast<AITool>().ToList();
                    }
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'DeleteFile' has no environment scope (calls File.Delete)",
                "Destructive tool 'MoveFolder' has no environment scope (calls Directory.Move)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Reflection_filters_select_the_tools_and_unreadable_filters_keep_the_rule_silent()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.Collections.Generic;
                using System.ComponentModel;
                using System.IO;
                using System.Linq;
                using System.Reflection;
                using Microsoft.Extensions.AI;

                public sealed class Toolset
                {
                    [Description("Writes a file.")]
                    public void [|WriteFile|](string path, string text) => File.WriteAllText(path, text);

                    public void DeleteScratch(string path) => File.Delete(path);   // no [Description]: the loop skips it

                    public IReadOnlyList<AITool> AsTools() =>
                        GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                            .Where(m => m.Name is not nameof(AsTools) and not nameof(Reset))
                            .Where(m => m.GetCustomAttribute<DescriptionAttribute>() is not null)
                            .Select(m => (AITool)AIFunctionFactory.Create(m, this))
                            .ToList();

                    public void Reset(string path) => File.Delete(path);
                }

                public sealed class LoopTools
                {
                    [Description("Removes a record.")]
                    public void [|RemoveRecord|](string path) => File.Delete(path);

                    public void Cleanup(string path) => File.Delete(path);

                    public List<AITool> Build()
                    {
                        var tools = new List<AITool>();
                        foreach (var method in typeof(LoopTools).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                        {
                            var description = method.GetCustomAttribute<DescriptionAttribute>();
                            if (description != null)
                            {
                                tools.Add(AIFunctionFactory.Create(method, this));
                            }
                        }

                        return tools;
                    }
                }

                public sealed class ConfiguredTools
                {
                    private static readonly HashSet<string> Allowed = new() { "Archive" };

                    public void Archive(string path) => File.Delete(path);

                    public void Drop(string path) => File.Delete(path);

                    // A filter this engine cannot read: which methods pass is not known, so none is reported.
                    public IEnumerable<AITool> Build() =>
                        typeof(ConfiguredTools).GetMethods().Where(m => Allowed.Contains(m.Name)).Select(m => AIFunctionFactory.Create(m, this));
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'WriteFile' has no environment scope (calls File.WriteAllText)",
                "Destructive tool 'RemoveRecord' has no environment scope (calls File.Delete)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Reflection_registered_tools_are_undeclared_tools_too()
    {
        await new AnalyzerTest<AGR0005UndeclaredToolEffectAnalyzer>
        {
            Source = """
                using System.Linq;
                using System.Reflection;
                using AgentRules;
                using Microsoft.Extensions.AI;

                public sealed class Clock
                {
                    public string [|Now|]() => System.DateTime.UtcNow.ToString("O");

                    [ReadOnlyTool]
                    public string Today() => System.DateTime.UtcNow.ToString("d");

                    public AITool[] Tools() => typeof(Clock).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                        .Where(m => m.Name != nameof(Tools))
                        .Select(m => (AITool)AIFunctionFactory.Create(m, this))
                        .ToArray();
                }
                """,
            ExpectedMessages = { "Tool 'Now' does not declare whether it is read-only or destructive (its effect could not be inferred)" },
        }.RunAsync();
    }

    [Fact]
    public async Task Methods_registered_through_the_apps_own_helper_are_tools_under_the_name_the_caller_gives()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System;
                using System.Collections.Generic;
                using System.IO;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class FilesystemToolHost
                {
                    public Task<string> ReadFile(string path) => File.ReadAllTextAsync(path);

                    public async Task<string> [|Save|](string path, string content)
                    {
                        await File.WriteAllTextAsync(path, content);
                        return "ok";
                    }

                    public void Unused(string path) => File.Delete(path);   // never handed to the helper: not a tool

                    private static AIFunction Tool(Delegate impl, string name) => AIFunctionFactory.Create(impl, name: name);

                    public IEnumerable<AIFunction> Tools() =>
                    [
                        Tool(ReadFile, "read_file"),
                        Tool(Save, "write_file"),
                    ];
                }

                internal static class AgentTools
                {
                    internal static AITool Create(Delegate method, string name) =>
                        AIFunctionFactory.Create(method, new AIFunctionFactoryOptions { Name = name });
                }

                public static class Bootstrap
                {
                    public static void [|Reset|](string directory) => Directory.Delete(directory, true);

                    public static AITool[] Tools() => [AgentTools.Create(Reset, "reset_workspace")];
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'write_file' has no environment scope (calls File.WriteAllTextAsync)",
                "Destructive tool 'reset_workspace' has no environment scope (calls Directory.Delete)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task A_read_only_tool_that_runs_the_models_SQL_is_reported_unless_it_enforces_read_only()
    {
        await new AnalyzerTest<AGR0007ReadOnlyToolWritesAnalyzer>
        {
            Source = """
                using System;
                using System.ComponentModel;
                using System.Data.Common;
                using System.Threading.Tasks;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class SqlTools(DbConnection connection)
                {
                    [McpServerTool(ReadOnly = true), Description("Executes SQL queries against the database to read data")]
                    public async Task<int> [|ReadData|](string sql)
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = sql;
                        await using var reader = await command.ExecuteReaderAsync();
                        return reader.FieldCount;
                    }

                    [McpServerTool(ReadOnly = true), Description("Runs a read-only SELECT query.")]
                    public async Task<int> Query(string sql)
                    {
                        if (!sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                        {
                            throw new InvalidOperationException("Only SELECT statements are allowed.");
                        }

                        await using var command = connection.CreateCommand();
                        command.CommandText = sql;
                        await using var reader = await command.ExecuteReaderAsync();
                        return reader.FieldCount;
                    }

                    [McpServerTool(ReadOnly = true), Description("Describes a table.")]
                    public async Task<int> DescribeTable(string table)
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = $"SELECT * FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = '{table}'"; // a template, not the model's statement
                        await using var reader = await command.ExecuteReaderAsync();
                        return reader.FieldCount;
                    }
                }
                """,
            ExpectedMessages = { "Tool 'read_data' is declared read-only but runs the SQL text the model sends, with DbCommand.CommandText" },
        }.RunAsync();
    }

    [Fact]
    public async Task Tools_that_run_the_models_SQL_or_shell_command_are_destructive_whatever_their_name()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.Data;
                using System.Diagnostics;
                using System.Threading.Tasks;
                using Dapper;
                using Microsoft.Extensions.AI;

                public sealed class Repository(IDbConnection connection)
                {
                    public object Run(string statement) => connection.Query(statement);
                }

                public sealed class AgentTools(Repository repository, IDbConnection connection)
                {
                    [Description("Executes a SQL query and returns the rows")]
                    public object [|Query|](string query) => connection.Query(query);

                    [Description("Runs a statement")]
                    public object [|RunStatement|](string sql) => repository.Run(sql.Trim());

                    [Description("Execute a shell command in the workspace.")]
                    public async Task<string> [|Bash|](string command)
                    {
                        using var process = new Process { StartInfo = new ProcessStartInfo { FileName = "/bin/bash", RedirectStandardOutput = true } };
                        process.StartInfo.ArgumentList.Add("-c");
                        process.StartInfo.ArgumentList.Add(command);
                        process.Start();
                        await process.WaitForExitAsync();
                        return await process.StandardOutput.ReadToEndAsync();
                    }

                    [Description("Runs the tests of a module.")]
                    public string RunTests(string directory)
                    {
                        using var process = Process.Start("go", $"test {directory}/..."); // a fixed command: not the model's
                        process!.WaitForExit();
                        return "done";
                    }

                    [Description("Counts the rows of a table.")]
                    public int CountRows(string table) => connection.ExecuteScalar<int>("SELECT COUNT(*) FROM items WHERE kind = @table", new { table });

                    public AITool[] Tools() =>
                    [
                        AIFunctionFactory.Create(Query), AIFunctionFactory.Create(RunStatement), AIFunctionFactory.Create(Bash),
                        AIFunctionFactory.Create(RunTests), AIFunctionFactory.Create(CountRows),
                    ];
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'Query' has no environment scope (runs the SQL text the model sends, with Dapper Query)",
                "Destructive tool 'RunStatement' has no environment scope (runs the SQL text the model sends, with Dapper Query via Repository.Run)",
                "Destructive tool 'Bash' has no environment scope (runs the command the model sends, with ProcessStartInfo.ArgumentList)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Tools_that_run_the_models_CSharp_or_PowerShell_script_are_destructive()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Sources =
            {
                """
                using System.ComponentModel;
                using System.Threading.Tasks;
                using Microsoft.CodeAnalysis.CSharp.Scripting;
                using Microsoft.Extensions.AI;

                public static class CodeTools
                {
                    [Description("Evaluates C# code and returns the result.")]
                    public static Task<object> [|Evaluate|](string code) => CSharpScript.EvaluateAsync(code);

                    [Description("Runs a PowerShell script.")]
                    public static void [|Shell|](string script) => System.Management.Automation.PowerShell.Create().AddScript(script).Invoke();

                    public static AITool[] Tools() => [AIFunctionFactory.Create(Evaluate), AIFunctionFactory.Create(Shell)];
                }
                """,
                // Stand-ins with the real packages' names and shapes (Microsoft.CodeAnalysis.CSharp.Scripting and
                // PowerShell are not referenced by this test project).
                """
                namespace Microsoft.CodeAnalysis.CSharp.Scripting
                {
                    public static class CSharpScript
                    {
                        public static System.Threading.Tasks.Task<object> EvaluateAsync(string code) => System.Threading.Tasks.Task.FromResult<object>(code);
                    }
                }

                namespace System.Management.Automation
                {
                    public sealed class PowerShell
                    {
                        public static PowerShell Create() => new();
                        public PowerShell AddScript(string script) => this;
                        public object Invoke() => new();
                    }
                }
                """,
            },
            ExpectedMessages =
            {
                "Destructive tool 'Evaluate' has no environment scope (runs the C# code the model sends, with CSharpScript.EvaluateAsync)",
                "Destructive tool 'Shell' has no environment scope (runs the script the model sends, with PowerShell.AddScript)",
            },
        }.RunAsync();
    }
}
