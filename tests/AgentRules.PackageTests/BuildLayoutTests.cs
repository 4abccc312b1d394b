using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace AgentRules.PackageTests;

/// <summary>
/// The package's targets in the output layouts real projects use: the SDK's artifacts layout, an absolute
/// BaseIntermediateOutputPath, and a project folder with spaces. The compiler's SARIF log (where the process spec's
/// findings come from) must land in the intermediate folder, and the build must not fail (CS0016) on its path.
/// </summary>
[Collection(PackageCollection.Name)]
public class BuildLayoutTests(PackageFixture package)
{
    [Fact]
    public void Artifacts_layout_builds_and_the_spec_lists_the_findings()
    {
        var consumer = McpServerWithoutErrorLog(package.CreateConsumer("McpServer"));
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <UseArtifactsOutput>true</UseArtifactsOutput>
              </PropertyGroup>
            </Project>
            """);

        AssertBuildsWithFindings(consumer);
        Assert.True(File.Exists(Path.Combine(consumer, "artifacts", "obj", "McpServer", "debug", "AgentRules.sarif")));
        Assert.False(Directory.Exists(Path.Combine(consumer, "obj")));
    }

    [Fact]
    public void An_absolute_BaseIntermediateOutputPath_builds_and_the_spec_lists_the_findings()
    {
        var consumer = McpServerWithoutErrorLog(package.CreateConsumer("McpServer"));
        var intermediate = Path.Combine(Path.GetDirectoryName(consumer)!, "intermediate", "McpServer") + Path.DirectorySeparatorChar;
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <BaseIntermediateOutputPath>{intermediate}</BaseIntermediateOutputPath>
              </PropertyGroup>
            </Project>
            """);

        AssertBuildsWithFindings(consumer);
        Assert.True(File.Exists(Path.Combine(intermediate, "Debug", "net10.0", "AgentRules.sarif")));
    }

    [Fact]
    public void A_project_folder_with_spaces_builds_and_the_spec_lists_the_findings()
    {
        var source = package.CreateConsumer("McpServer");
        var consumer = Path.Combine(Path.GetDirectoryName(source)!, "with spaces", "Mcp Server");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(consumer, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        McpServerWithoutErrorLog(consumer);

        AssertBuildsWithFindings(consumer);
        Assert.True(File.Exists(Path.Combine(consumer, "obj", "Debug", "net10.0", "AgentRules.sarif")));
    }

    /// <summary>The McpServer consumer sets its own ErrorLog; without it, the package's targets choose the path.</summary>
    private static string McpServerWithoutErrorLog(string consumer)
    {
        var project = Path.Combine(consumer, "McpServer.csproj");
        var lines = File.ReadAllLines(project).Where(line => !line.Contains("ErrorLog", StringComparison.Ordinal) && !line.Contains("SARIF, as CI", StringComparison.Ordinal));
        File.WriteAllLines(project, lines);
        return consumer;
    }

    private void AssertBuildsWithFindings(string consumer)
    {
        var build = package.Build(consumer);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("CS0016", build.Output, StringComparison.Ordinal);

        // The finding in the spec was read from the SARIF log the targets asked the compiler for.
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer, "AgentProcessSpec.json")));
        var finding = spec.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "AGR0001");
        Assert.Equal("AdminTools.cs", finding.GetProperty("locations")[0].GetProperty("path").GetString());
    }
}
