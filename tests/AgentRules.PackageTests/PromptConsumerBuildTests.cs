using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AgentRules.Tests;
using Xunit;

namespace AgentRules.PackageTests;

/// <summary>
/// The package's prompt integration in a real build: an &lt;AgentPrompt&gt; item reaches the compiler with its Id and
/// Version, AgentPrompts.lock is picked up without any project setting, the AgentPrompts registry is generated in the
/// root namespace and carries the lock file's hashes at run time.
/// </summary>
[Collection(PackageCollection.Name)]
public partial class PromptConsumerBuildTests(PackageFixture package)
{
    [GeneratedRegex(@"^(?<file>[^\s(]+)\((?<line>\d+),(?<column>\d+)\): (?<severity>warning|error) (?<id>AGR\d{4}): (?<message>.*?) \(", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();

    [Fact]
    public void Prompt_files_the_lock_file_and_the_registry_work_in_a_real_build()
    {
        var consumer = package.CreateConsumer("PromptsApp");
        var build = package.Build(consumer);
        Assert.True(build.ExitCode == 0, build.ToString());
        foreach (var id in new[] { "CS8032", "CS8784", "CS8785", "AD0001" })
        {
            Assert.DoesNotContain(id, build.Output, StringComparison.Ordinal);
        }

        var diagnostics = DiagnosticLine().Matches(build.Output)
            .Select(m => $"{Path.GetFileName(m.Groups["file"].Value)}({m.Groups["line"].Value}): {m.Groups["id"].Value}: {m.Groups["message"].Value}")
            .Distinct()
            .OrderBy(d => d, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            [
                "Program.cs(8): AGR0004: Unversioned system message: a string literal is not a declared prompt",
                "Prompts.cs(7): AGR0006: Prompt 'support.system' changed but is still version 1",
            ],
            diagnostics);

        var dll = Directory.GetFiles(Path.Combine(consumer, "bin"), "PromptsApp.dll", SearchOption.AllDirectories).Single();
        var run = DotNetCli.Run(consumer, [dll]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var triage = File.ReadAllText(Path.Combine(consumer, "prompts", "triage.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var expectedHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(triage))).ToLowerInvariant();
        Assert.Contains($"support.triage@2 {expectedHash}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"support.triage 2 {expectedHash}", File.ReadAllText(Path.Combine(consumer, "AgentPrompts.lock")), StringComparison.Ordinal);
        Assert.Contains("support.system@1 ", run.Output, StringComparison.Ordinal);
    }
}
