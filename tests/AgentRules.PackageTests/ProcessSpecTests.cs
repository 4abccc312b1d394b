using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using AgentRules.Tests;
using Xunit;

namespace AgentRules.PackageTests;

/// <summary>
/// The process spec through the packed package: a build writes AgentProcessSpec.md/.json; an unchanged build rewrites
/// nothing; identical code gives identical bytes wherever it is built; check mode fails when the code changed and
/// passes once the spec is regenerated; design-time builds write nothing; the app can read its spec at run time.
/// </summary>
[Collection(PackageCollection.Name)]
public class ProcessSpecTests(PackageFixture package)
{
    [Fact]
    public void Build_writes_both_documents_describing_the_tools_with_relative_paths()
    {
        var consumer = package.CreateConsumer("McpServer");
        var build = package.Build(consumer);
        Assert.True(build.ExitCode == 0, build.ToString());

        var markdown = File.ReadAllText(Path.Combine(consumer, "AgentProcessSpec.md"));
        var json = File.ReadAllText(Path.Combine(consumer, "AgentProcessSpec.json"));
        Assert.StartsWith("# Agent process spec: McpServer\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| `delete_table` | MCP | destructive (declared Destructive = true) | **any** |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `admin.triage` | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| [AGR0001](https://github.com/agentrules/AgentRules/blob/main/docs/rules/AGR0001.md) | Destructive tool has no environment scope | warning | 1 | `AdminTools.cs:", markdown, StringComparison.Ordinal);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(3, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal("McpServer", root.GetProperty("project").GetString());
        var deleteTable = root.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "delete_table");
        Assert.Equal("destructive", deleteTable.GetProperty("effect").GetProperty("kind").GetString());
        Assert.Equal("AdminTools.cs", deleteTable.GetProperty("location").GetProperty("path").GetString());
        var resetSandbox = root.GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "reset_sandbox");
        Assert.Equal(["Development"], resetSandbox.GetProperty("environmentScope").GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
        var finding = root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "AGR0001");
        Assert.Equal("AdminTools.cs", finding.GetProperty("locations")[0].GetProperty("path").GetString());
        Assert.Equal("admin.triage", root.GetProperty("prompts")[0].GetProperty("id").GetString());

        Assert.DoesNotContain(consumer, json, StringComparison.Ordinal);
        Assert.DoesNotContain(consumer, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', markdown);
    }

    [Fact]
    public void An_unchanged_build_rewrites_nothing()
    {
        var consumer = package.CreateConsumer("McpServer");
        Assert.Equal(0, package.Build(consumer).ExitCode);
        var files = new[] { "AgentProcessSpec.md", "AgentProcessSpec.json" }.Select(f => Path.Combine(consumer, f)).ToArray();
        var before = files.Select(f => (File.GetLastWriteTimeUtc(f), File.ReadAllBytes(f))).ToArray();

        var second = package.Build(consumer, "--no-incremental");
        Assert.True(second.ExitCode == 0, second.ToString());

        Assert.DoesNotContain("process spec written", second.Output, StringComparison.Ordinal);
        for (var i = 0; i < files.Length; i++)
        {
            Assert.Equal(before[i].Item1, File.GetLastWriteTimeUtc(files[i]));
            Assert.Equal(before[i].Item2, File.ReadAllBytes(files[i]));
        }
    }

    [Fact]
    public void Identical_code_gives_identical_bytes_wherever_it_is_built()
    {
        var first = package.CreateConsumer("McpServer");
        Assert.Equal(0, package.Build(first).ExitCode);

        var second = Path.Combine(package.WorkDirectory, "elsewhere", "deeper", "McpServer");
        CopyDirectory(package.CreateConsumer("McpServer"), second);
        Assert.Equal(0, package.Build(second).ExitCode);

        foreach (var file in new[] { "AgentProcessSpec.md", "AgentProcessSpec.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
        }
    }

    [Fact]
    public void Check_mode_fails_when_a_prompt_changed_and_passes_after_the_spec_is_regenerated()
    {
        var consumer = package.CreateConsumer("McpServer");
        Assert.Equal(0, package.Build(consumer).ExitCode);
        Assert.Equal(0, package.Build(consumer, "-p:AgentRulesSpecCheck=true").ExitCode);

        var prompts = Path.Combine(consumer, "AdminPrompts.cs");
        File.WriteAllText(prompts, File.ReadAllText(prompts).Replace("Ask for the table name first", "Ask for the table name and the tenant first", StringComparison.Ordinal));

        var check = package.Build(consumer, "-p:AgentRulesSpecCheck=true");
        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("error AGR0200: The process spec 'AgentProcessSpec.md' does not match the code", check.Output, StringComparison.Ordinal);
        Assert.Contains("+ | `admin.triage` | 1 |", check.Output, StringComparison.Ordinal);
        Assert.Contains("Ask for the table name and the tenant first", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant", File.ReadAllText(Path.Combine(consumer, "AgentProcessSpec.md")), StringComparison.Ordinal);

        Assert.Equal(0, package.Build(consumer).ExitCode);
        var recheck = package.Build(consumer, "-p:AgentRulesSpecCheck=true");
        Assert.True(recheck.ExitCode == 0, recheck.ToString());
    }

    [Fact]
    public void Check_mode_fails_when_the_committed_spec_is_missing()
    {
        var consumer = package.CreateConsumer("McpServer");
        var check = package.Build(consumer, "-p:AgentRulesSpecCheck=true");
        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("error AGR0200: The process spec 'AgentProcessSpec.md' is missing", check.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(consumer, "AgentProcessSpec.md")));
    }

    [Fact]
    public void Design_time_builds_and_builds_with_the_spec_off_write_nothing()
    {
        var consumer = package.CreateConsumer("McpServer");
        var restore = DotNetCli.Run(consumer, ["restore", "-p:AgentRulesVersion=" + package.Version]);
        Assert.True(restore.ExitCode == 0, restore.ToString());

        // What the IDE runs to learn a project's compiler inputs.
        var designTime = DotNetCli.Run(consumer, ["msbuild", "-t:Compile", "-p:DesignTimeBuild=true", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true", "-p:AgentRulesVersion=" + package.Version, "-nodeReuse:false"]);
        Assert.True(designTime.ExitCode == 0, designTime.ToString());
        Assert.False(File.Exists(Path.Combine(consumer, "AgentProcessSpec.md")));

        var off = package.Build(consumer, "-p:AgentRulesSpec=false");
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.False(File.Exists(Path.Combine(consumer, "AgentProcessSpec.md")));
        Assert.False(File.Exists(Path.Combine(consumer, "AgentProcessSpec.json")));
    }

    [Fact]
    public void Spec_location_and_name_are_configurable()
    {
        var consumer = package.CreateConsumer("McpServer");
        var build = package.Build(consumer, "-p:AgentRulesSpecDirectory=" + Path.Combine(consumer, "docs"), "-p:AgentRulesSpecFileName=runbook");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(File.Exists(Path.Combine(consumer, "docs", "runbook.md")));
        Assert.True(File.Exists(Path.Combine(consumer, "docs", "runbook.json")));
        Assert.False(File.Exists(Path.Combine(consumer, "AgentProcessSpec.md")));
    }

    [Fact]
    public void With_AgentRulesSpecEmbed_the_app_reads_the_hash_of_the_spec_it_was_built_with()
    {
        var consumer = package.CreateConsumer("McpServer");
        Assert.Equal(0, package.Build(consumer, "-p:AgentRulesSpecEmbed=true").ExitCode);

        var run = DotNetCli.Run(consumer, ["run", "--no-build", "--", "--spec-sha256"]);
        Assert.True(run.ExitCode == 0, run.ToString());

        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer, "AgentProcessSpec.json")));
        var expected = spec.RootElement.GetProperty("processSha256").GetString();
        Assert.Matches("^[0-9a-f]{64}$", expected);
        Assert.Equal(expected, run.Output.Trim());
    }

    [Fact]
    public void The_spec_from_the_analyzers_equals_the_one_the_generator_embeds_and_the_one_written_without_analyzers()
    {
        // AgentRulesSpecEmbed=false: composed by the analyzers, carried in the SARIF log; the app's constants stay empty.
        var consumer = package.CreateConsumer("McpServer");
        var build = package.Build(consumer, "-p:AgentRulesSpecEmbed=false");
        Assert.True(build.ExitCode == 0, build.ToString());
        var fromAnalyzers = File.ReadAllText(Path.Combine(consumer, "AgentProcessSpec.json"));
        var markdown = File.ReadAllText(Path.Combine(consumer, "AgentProcessSpec.md"));
        var run = DotNetCli.Run(consumer, ["run", "--no-build", "--", "--spec-sha256"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Output.Trim());
        Assert.DoesNotContain("AGR0202", build.Output, StringComparison.Ordinal); // never printed

        // Embedded (AgentRulesSpecEmbed=true): computed by the generator, read from the assembly: the same bytes.
        var embedded = package.Build(consumer, "-p:AgentRulesSpecEmbed=true");
        Assert.True(embedded.ExitCode == 0, embedded.ToString());
        Assert.Equal(fromAnalyzers, File.ReadAllText(Path.Combine(consumer, "AgentProcessSpec.json")));
        Assert.Equal(markdown, File.ReadAllText(Path.Combine(consumer, "AgentProcessSpec.md")));

        // Analyzers off: the generator computes the same spec (the build reports no findings then).
        var noAnalyzers = package.Build(consumer, "-p:RunAnalyzers=false", "--no-incremental");
        Assert.True(noAnalyzers.ExitCode == 0, noAnalyzers.ToString());
        using var original = JsonDocument.Parse(fromAnalyzers);
        using var without = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer, "AgentProcessSpec.json")));
        Assert.Equal(original.RootElement.GetProperty("processSha256").GetString(), without.RootElement.GetProperty("processSha256").GetString());
        Assert.Equal(0, without.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void A_library_without_agent_code_gets_no_spec()
    {
        var consumer = package.CreateConsumer("PlainLibrary");
        Assert.Equal(0, package.Build(consumer).ExitCode);
        Assert.Empty(Directory.GetFiles(consumer, "AgentProcessSpec.*"));
    }

    [Fact]
    public void A_project_that_only_references_an_agent_framework_gets_a_spec_only_when_it_asks()
    {
        var consumer = package.CreateConsumer("PlainLibrary");
        var project = Path.Combine(consumer, "PlainLibrary.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "<PackageReference Include=\"AgentRules\" Version=\"$(AgentRulesVersion)\" />",
            "<PackageReference Include=\"AgentRules\" Version=\"$(AgentRulesVersion)\" />\n    <PackageReference Include=\"Microsoft.Extensions.AI.Abstractions\" Version=\"11.0.0\" />",
            StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(consumer, "Chat.cs"), "namespace PlainLibrary; public static class Chat { public static string Role => Microsoft.Extensions.AI.ChatRole.User.Value; }");

        var build = package.Build(consumer);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(Directory.GetFiles(consumer, "AgentProcessSpec.*"));
        Assert.DoesNotContain("process spec was not computed", build.Output, StringComparison.Ordinal);

        var optedIn = package.Build(consumer, "-p:AgentRulesSpec=true");
        Assert.True(optedIn.ExitCode == 0, optedIn.ToString());
        Assert.Contains("| Tools | 0 (0 destructive) |", File.ReadAllText(Path.Combine(consumer, "AgentProcessSpec.md")), StringComparison.Ordinal);
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
