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
/// The spec task, run as MSBuild runs it (through IBuildEngine): a writable folder gets both documents, written from the
/// spec the analyzers put in the log. When it cannot write the spec (AGR0201) or a check fails (AGR0200): the per-ID
/// tests in tests/AgentRules.Tests/Rules/.
/// </summary>
public sealed class SpecTaskWriteFailureTests : SpecTaskTestBase
{
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
}
