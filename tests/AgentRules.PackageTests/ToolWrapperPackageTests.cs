using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AgentRules.Tests;
using Xunit;

namespace AgentRules.PackageTests;

/// <summary>
/// The generated tool wrappers in real builds: `dotnet run` of the sample shows every guard outcome, and code
/// generated into a Native-AOT-compatible library passes the trim and AOT analyzers.
/// </summary>
[Collection(PackageCollection.Name)]
public partial class ToolWrapperPackageTests(PackageFixture package)
{
    [GeneratedRegex(@"^(?<file>[^\s(]+)\(\d+,\d+\): warning (?<id>IL\d{4}):", RegexOptions.Multiline)]
    private static partial Regex LinkerWarning();

    [Fact]
    public void Sample_session_shows_scope_budget_duplicate_and_kill_switch_outcomes()
    {
        var project = RepositoryPaths.Combine("samples", "SupportAgent", "SupportAgent.csproj");
        var run = DotNetCli.Run(RepositoryPaths.Root, ["run", "--project", project, "-nodeReuse:false", "--disable-build-servers"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var output = run.Output;

        // A destructive tool is absent from the catalog in Production.
        Assert.Contains("Environment: Production. Tools offered to the model: get_customer, list_orders, track_parcel.", output, StringComparison.Ordinal);
        Assert.Contains("Not in the catalog in Production: delete_customer (Destructive, allowed only in Development).", output, StringComparison.Ordinal);
        // A budget runs out.
        Assert.Contains("Tool call refused (budget): 'track_parcel' may be called at most 3 times per session.", output, StringComparison.Ordinal);
        // A repeated identical call is refused.
        Assert.Contains("Tool call refused (duplicate): 'get_customer' was just called 3 times in a row with the same arguments.", output, StringComparison.Ordinal);
        // A kill switch trip stops the run.
        Assert.Contains("Tool call refused (kill switch): 'get_customer' was not run because the kill switch 'support-agent' is tripped", output, StringComparison.Ordinal);
        Assert.Contains("Run stopped by the kill switch 'support-agent'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("agent>", output, StringComparison.Ordinal);

        var chat = DotNetCli.Run(RepositoryPaths.Root, ["run", "--project", project, "--no-build", "--", "--chat"]);
        Assert.True(chat.ExitCode == 0, chat.ToString());
        Assert.Contains("agent>    Thanks. Order #100 was delivered on Monday", chat.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_wrappers_pass_the_trim_and_AOT_analyzers()
    {
        var consumer = package.CreateConsumer("AotTools");
        var build = package.Build(consumer, "-p:EmitCompilerGeneratedFiles=true");
        Assert.True(build.ExitCode == 0, build.ToString());
        // InventoryTools.cs imports System.ComponentModel and AgentRules and writes [ReadOnlyTool] and [Description].
        Assert.DoesNotContain("CS0104", build.Output, StringComparison.Ordinal);

        var generated = Directory.GetFiles(Path.Combine(consumer, "obj"), "AotTools.InventoryTools.AgentTools.g.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(generated);
        Assert.Contains("RestockAsyncAIFunction", File.ReadAllText(generated[0]), StringComparison.Ordinal);

        var warnings = LinkerWarning().Matches(build.Output).Select(m => (File: Path.GetFileName(m.Groups["file"].Value), Id: m.Groups["id"].Value)).Distinct().ToList();
        Assert.Contains(("Control.cs", "IL2026"), warnings); // the analyzers ran
        Assert.Contains(("Control.cs", "IL3050"), warnings);
        Assert.All(warnings, w => Assert.Equal("Control.cs", w.File));
        Assert.DoesNotContain("AGR", build.Output, StringComparison.Ordinal);
    }
}
