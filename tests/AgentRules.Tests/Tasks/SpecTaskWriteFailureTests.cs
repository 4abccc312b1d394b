using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Tasks;
using AgentRules.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Xunit;

namespace AgentRules.Tests.Tasks;

/// <summary>
/// The spec task, run as MSBuild runs it (through IBuildEngine), when it cannot write the spec: one clean error that
/// names the path and the cause, and a false result, never an exception (MSB4018 and a stack trace).
/// </summary>
public sealed class SpecTaskWriteFailureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentrules-spec-task-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_spec_folder_that_cannot_be_created_is_a_clean_error_naming_the_path_and_the_cause()
    {
        var assembly = await CompileAssemblyWithSpecAsync();
        // A folder under a regular file can be created by nobody, root included (a read-only chmod does not stop root).
        var blocker = Path.Combine(_directory, "not-a-folder");
        File.WriteAllText(blocker, "a file");
        var engine = new RecordingBuildEngine();
        var task = new WriteAgentProcessSpec
        {
            BuildEngine = engine,
            AssemblyPath = assembly,
            Embedded = true,
            MarkdownPath = Path.Combine(blocker, "docs", "AgentProcessSpec.md"),
            JsonPath = Path.Combine(blocker, "docs", "AgentProcessSpec.json"),
            ProjectDirectory = _directory,
        };

        var result = task.Execute();

        Assert.False(result);
        var error = Assert.Single(engine.Errors);
        Assert.Contains(Path.Combine(blocker, "docs", "AgentProcessSpec.md"), error.Message, StringComparison.Ordinal);
        Assert.Contains("could not write the process spec", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal); // no stack trace
        Assert.Equal(WriteAgentProcessSpec.SpecWriteFailedCode, error.Code);
        Assert.Empty(task.WrittenFiles);
    }

    [Fact]
    public async Task A_spec_path_that_is_a_folder_is_a_clean_error()
    {
        var assembly = await CompileAssemblyWithSpecAsync();
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "AgentProcessSpec.md")).FullName;
        var engine = new RecordingBuildEngine();
        var task = new WriteAgentProcessSpec
        {
            BuildEngine = engine,
            AssemblyPath = assembly,
            Embedded = true,
            MarkdownPath = folder,
            JsonPath = Path.Combine(_directory, "AgentProcessSpec.json"),
            ProjectDirectory = _directory,
        };

        Assert.False(task.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_writable_folder_gets_both_documents()
    {
        var assembly = await CompileAssemblyWithSpecAsync();
        var engine = new RecordingBuildEngine();
        var task = new WriteAgentProcessSpec
        {
            BuildEngine = engine,
            AssemblyPath = assembly,
            Embedded = true,
            MarkdownPath = Path.Combine(_directory, "out", "AgentProcessSpec.md"),
            JsonPath = Path.Combine(_directory, "out", "AgentProcessSpec.json"),
            ProjectDirectory = _directory,
        };

        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
        Assert.Equal(2, task.WrittenFiles.Length);
        Assert.StartsWith("# Agent process spec", File.ReadAllText(Path.Combine(_directory, "out", "AgentProcessSpec.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_spec_the_analyzers_put_in_the_log_is_written_with_the_findings()
    {
        var spec = ProcessSpecAnalyzer.Create("App", "{\n  \"formatVersion\": 2,\n  \"project\": \"App\"\n}\n", "# Agent process spec: App\n\n| `a\\|b` | \"q\" |\n\n");
        var log = WriteLog(spec, """{ "ruleId": "AGR0001", "level": "warning", "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/app/Tools.cs" }, "region": { "startLine": 7 } } } ] }""");
        var engine = new RecordingBuildEngine();
        var task = Task(engine, log, "out");

        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.Equal(2, task.WrittenFiles.Length);
        var markdown = File.ReadAllText(Path.Combine(_directory, "out", "AgentProcessSpec.md"));
        Assert.StartsWith(spec.Properties[ProcessSpecAnalyzer.MarkdownProperty] + "## Findings\n\nThe AgentRules diagnostics this build reported (1 in all)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("AGR0202", markdown, StringComparison.Ordinal); // the carrier is not a finding
        var json = File.ReadAllText(Path.Combine(_directory, "out", "AgentProcessSpec.json"));
        Assert.Contains("\"processSha256\": \"" + SpecComposer.Sha256Hex(spec.Properties[ProcessSpecAnalyzer.JsonProperty]!) + "\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_spec_in_the_log_writes_nothing_and_leaves_existing_files_alone()
    {
        var log = WriteLog(ProcessSpecAnalyzer.Create("Lib", string.Empty, string.Empty));
        File.WriteAllText(Path.Combine(_directory, "AgentProcessSpec.md"), "kept");
        var engine = new RecordingBuildEngine();
        var task = Task(engine, log, string.Empty);

        Assert.True(task.Execute());
        Assert.Empty(task.WrittenFiles);
        Assert.Equal("kept", File.ReadAllText(Path.Combine(_directory, "AgentProcessSpec.md")));
    }

    [Fact]
    public void Without_a_spec_in_the_log_the_build_warns_and_a_check_fails()
    {
        var log = WriteLog(null);
        var engine = new RecordingBuildEngine();
        var task = Task(engine, log, "out");
        Assert.True(task.Execute());
        Assert.Contains("the process spec was not computed", Assert.Single(engine.Warnings).Message, StringComparison.Ordinal);
        Assert.Empty(task.WrittenFiles);

        var checkEngine = new RecordingBuildEngine();
        var check = Task(checkEngine, log, "out");
        check.Check = true;
        Assert.False(check.Execute());
        Assert.Equal(WriteAgentProcessSpec.SpecOutOfDateCode, Assert.Single(checkEngine.Errors).Code);
    }

    private WriteAgentProcessSpec Task(RecordingBuildEngine engine, string log, string folder) => new()
    {
        BuildEngine = engine,
        AssemblyPath = Path.Combine(_directory, "missing.dll"),
        MarkdownPath = Path.Combine(_directory, folder, "AgentProcessSpec.md"),
        JsonPath = Path.Combine(_directory, folder, "AgentProcessSpec.json"),
        ErrorLog = log + ",version=2.1",
        ProjectDirectory = "/repo/app",
    };

    /// <summary>A SARIF 2.1 log shaped as csc writes it: the AGR0202 result with its properties under customProperties.</summary>
    private string WriteLog(Microsoft.CodeAnalysis.Diagnostic? spec, params string[] otherResults)
    {
        var results = new List<string>(otherResults);
        if (spec is not null)
        {
            results.Add(System.Text.Json.JsonSerializer.Serialize(new
            {
                ruleId = spec.Id,
                level = "note",
                message = new { text = spec.GetMessage(System.Globalization.CultureInfo.InvariantCulture) },
                suppressions = new[] { new { kind = "inSource" } },
                properties = new { customProperties = spec.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value) },
            }));
        }

        var path = Path.Combine(_directory, "build.sarif");
        File.WriteAllText(path, "{ \"version\": \"2.1.0\", \"runs\": [ { \"results\": [ " + string.Join(", ", results) + " ], \"tool\": { \"driver\": { \"rules\": [] } } } ] }");
        return path;
    }

    /// <summary>An assembly with the spec class the generator emits, from real MCP tool code.</summary>
    private async Task<string> CompileAssemblyWithSpecAsync()
    {
        var run = await new GeneratorTest<ProcessSpecGenerator>
        {
            Source = """
                using System.ComponentModel;
                using ModelContextProtocol.Server;

                namespace Contoso.Agent;

                [McpServerToolType]
                public sealed class AdminTools
                {
                    [McpServerTool(Name = "drop_table", Destructive = true), Description("Drops a table.")]
                    public string DropTable(string table) => table;
                }
                """,
        }.RunAsync();

        var path = Path.Combine(_directory, "Contoso.Agent.dll");
        using (var stream = File.Create(path))
        {
            var emit = run.OutputCompilation.Emit(stream);
            Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        }

        return path;
    }

    private sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<BuildErrorEventArgs> Errors { get; } = new();

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "Consumer.csproj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
        }

        public List<BuildWarningEventArgs> Warnings { get; } = new();

        public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
    }
}
