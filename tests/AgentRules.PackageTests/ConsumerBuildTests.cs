using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace AgentRules.PackageTests;

/// <summary>Consumer projects restore the packed package from a feed and see its diagnostics in a real build.</summary>
[Collection(PackageCollection.Name)]
public partial class ConsumerBuildTests(PackageFixture package)
{
    [GeneratedRegex(@"^(?<file>[^\s(]+)\((?<line>\d+),(?<column>\d+)\): (?<severity>warning|error|info) (?<id>[A-Z]+\d+): (?<message>.*?)(?: \((?<help>https?://[^)\s]+)\))?(?: \[.*\])?$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();

    [Fact]
    public void Mcp_server_build_reports_AGR0001_at_the_unscoped_destructive_tool_only()
    {
        var consumer = package.CreateConsumer("McpServer");
        var build = package.Build(consumer);
        Assert.True(build.ExitCode == 0, build.ToString());

        var source = File.ReadAllLines(Path.Combine(consumer, "AdminTools.cs"));
        var line = Array.FindIndex(source, l => l.Contains("string DeleteTable(", StringComparison.Ordinal));
        var column = source[line].IndexOf("DeleteTable", StringComparison.Ordinal);

        var agr = Diagnostics(build.Output).Where(d => d.Id.StartsWith("AGR", StringComparison.Ordinal)).ToList();
        // The scoped tool is no longer silent: this consumer registers no AgentRules guard in its MCP server, so its
        // [EnvironmentScope] is declared but not enforced (AGR0016), and AGR0001 stays at the unscoped tool only.
        var unenforced = Assert.Single(agr, d => d.Id == "AGR0016");
        Assert.StartsWith("Tool 'reset_sandbox' declares", unenforced.Message, StringComparison.Ordinal); // the build-log parser stops at '['
        var only = Assert.Single(agr, d => d.Id != "AGR0016");
        Assert.Equal(("AdminTools.cs", line + 1, column + 1, "warning", "AGR0001"), (Path.GetFileName(only.File), only.Line, only.Column, only.Severity, only.Id));
        // The MCP C# SDK names the method 'delete_table': the message names the tool the model sees.
        Assert.Equal("Destructive tool 'delete_table' has no environment scope (declared Destructive = true)", only.Message);
        Assert.Equal("https://github.com/agentrules/AgentRules/blob/main/docs/rules/AGR0001.md", only.HelpLink);
        AssertAnalyzersLoaded(build.Output);
    }

    [Fact]
    public void Mcp_server_build_writes_AGR0001_to_the_SARIF_log_with_its_help_link()
    {
        var consumer = package.CreateConsumer("McpServer");
        var build = package.Build(consumer);
        Assert.True(build.ExitCode == 0, build.ToString());

        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer, "build.sarif")));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "AGR0001");
        Assert.Equal("warning", result.GetProperty("level").GetString());

        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "AGR0001");
        Assert.Equal("https://github.com/agentrules/AgentRules/blob/main/docs/rules/AGR0001.md", rule.GetProperty("helpUri").GetString());
    }

    [Fact]
    public void Library_without_AI_code_builds_with_no_AgentRules_diagnostics_and_no_warnings()
    {
        var consumer = package.CreateConsumer("PlainLibrary");
        var build = package.Build(consumer);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(Diagnostics(build.Output));
        Assert.DoesNotContain("AGR", build.Output, StringComparison.Ordinal);
        AssertAnalyzersLoaded(build.Output);
    }

    private static void AssertAnalyzersLoaded(string output)
    {
        // CS8032: an analyzer could not be created; CS8784/CS8785: a generator failed; AD0001: an analyzer threw.
        foreach (var id in new[] { "CS8032", "CS8033", "CS8784", "CS8785", "AD0001" })
        {
            Assert.DoesNotContain(id, output, StringComparison.Ordinal);
        }
    }

    private static System.Collections.Generic.List<(string File, int Line, int Column, string Severity, string Id, string Message, string HelpLink)> Diagnostics(string output) =>
        DiagnosticLine().Matches(output)
            .Select(m => (m.Groups["file"].Value, int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["severity"].Value, m.Groups["id"].Value, m.Groups["message"].Value.Trim(), m.Groups["help"].Value))
            .Distinct()
            .ToList();
}
