using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Tasks;
using AgentRules.Tests.Infrastructure;
using AgentRules.Tests.Tasks;
using Microsoft.Build.Framework;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0201 (the build task): a spec that cannot be written is one clean error that names the path and the cause, and a false result, never an exception (MSB4018 and a stack trace).</summary>
public sealed class AGR0201ProcessSpecNotWrittenTests : SpecTaskTestBase
{
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
}
