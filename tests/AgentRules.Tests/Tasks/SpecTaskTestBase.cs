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
/// What the spec task's tests share: a temporary folder, a task reading a SARIF log written there, an assembly with the
/// generated spec class, and a build engine that records what the task logs (SpecTaskWriteFailureTests and the build
/// task's per-ID tests, tests/AgentRules.Tests/Rules/AGR0200*Tests.cs and AGR0201*Tests.cs).
/// </summary>
public abstract class SpecTaskTestBase : IDisposable
{
    private protected readonly string _directory = Directory.CreateTempSubdirectory("agentrules-spec-task-").FullName;

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    private protected WriteAgentProcessSpec Task(RecordingBuildEngine engine, string log, string folder) => new()
    {
        BuildEngine = engine,
        AssemblyPath = Path.Combine(_directory, "missing.dll"),
        MarkdownPath = Path.Combine(_directory, folder, "AgentProcessSpec.md"),
        JsonPath = Path.Combine(_directory, folder, "AgentProcessSpec.json"),
        ErrorLog = log + ",version=2.1",
        ProjectDirectory = "/repo/app",
    };

    /// <summary>A SARIF 2.1 log shaped as csc writes it: the AGR0202 result with its properties under customProperties.</summary>
    private protected string WriteLog(Microsoft.CodeAnalysis.Diagnostic? spec, params string[] otherResults)
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
    private protected async Task<string> CompileAssemblyWithSpecAsync()
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

    private protected sealed class RecordingBuildEngine : IBuildEngine
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
