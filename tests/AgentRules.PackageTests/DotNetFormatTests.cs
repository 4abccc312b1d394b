using System;
using System.Linq;
using System.Text.RegularExpressions;
using AgentRules.Tests;
using Xunit;

namespace AgentRules.PackageTests;

/// <summary>
/// The packed code fixes through the real host: <c>dotnet format analyzers</c> on a consumer with a diagnostic of
/// every fixable rule, then <c>dotnet build</c>. The project must still compile and the fixed diagnostics be gone.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class DotNetFormatTests(PackageFixture package)
{
    private static readonly string[] Fixable = ["AGR0001", "AGR0002", "AGR0003", "AGR0004", "AGR0005", "AGR0007", "AGR0008"];

    [GeneratedRegex(@": (?:warning|info|error) (?<id>AGR\d{4}):")]
    private static partial Regex AgentRulesDiagnostic();

    [Fact]
    public void Dotnet_format_applies_every_fix_and_the_project_still_builds()
    {
        var consumer = package.CreateConsumer("FormatFixes");

        // dotnet format loads the project itself and takes no -p: the packed version comes from a props file.
        System.IO.File.WriteAllText(
            System.IO.Path.Combine(consumer, "Directory.Build.props"),
            $"<Project><PropertyGroup><AgentRulesVersion>{package.Version}</AgentRulesVersion></PropertyGroup></Project>");
        var before = package.Build(consumer);
        Assert.True(before.ExitCode == 0, before.ToString());
        var reported = Ids(before.Output);
        Assert.All(Fixable, id => Assert.Contains(id, reported));

        // One run of dotnet format applies each rule's fix once; a fix can reveal a finding of another rule (declaring
        // a read-only tool destructive makes it an AGR0001 and AGR0008 case), which the next run fixes. After every run
        // the project must still build; after at most three, nothing fixable is left.
        var remaining = reported.Intersect(Fixable).ToList();
        for (var run = 1; run <= 3 && remaining.Count > 0; run++)
        {
            var format = DotNetCli.Run(
                consumer,
                ["format", "analyzers", "FormatFixes.csproj", "--diagnostics", .. Fixable, "--severity", "info", "--verbosity", "detailed"],
                TimeSpan.FromMinutes(10));
            Assert.True(format.ExitCode == 0, format.ToString());
            Assert.DoesNotContain("Unable to fix", format.Output, StringComparison.Ordinal);

            var after = package.Build(consumer, "--no-incremental");
            Assert.True(after.ExitCode == 0, $"The project does not build after dotnet format run {run}:" + Environment.NewLine + after);
            remaining = Ids(after.Output).Intersect(Fixable).ToList();
            Assert.True(remaining.Count == 0 || run < 3, "Still reported after three dotnet format runs: " + string.Join(", ", remaining) + Environment.NewLine + after.Output);
        }

        // The feedback message a loop sends back to the model was declared as a prompt where it is used.
        var prompts = System.IO.File.ReadAllText(System.IO.Path.Combine(consumer, "Prompts.cs"));
        Assert.Contains("history.Add(new ChatMessage(ChatRole.User, FeedbackPrompt));", prompts, StringComparison.Ordinal);
        Assert.Contains("[Prompt(\"json_answers.feedback\", Version = 1)]", prompts, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotnet_format_registers_the_guard_a_declared_control_needs_and_the_project_still_builds()
    {
        // AGR0016's fix appends .WithAgentRules() from AgentRules.ModelContextProtocol: offered only where that
        // companion is referenced, so the consumer restores it from the same feed, packed with the same version.
        package.PackCompanion("ModelContextProtocol");
        var consumer = package.CreateConsumer("GuardFix");
        System.IO.File.WriteAllText(
            System.IO.Path.Combine(consumer, "Directory.Build.props"),
            $"<Project><PropertyGroup><AgentRulesVersion>{package.Version}</AgentRulesVersion></PropertyGroup></Project>");
        var before = package.Build(consumer);
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains("AGR0016", Ids(before.Output));

        var format = DotNetCli.Run(
            consumer,
            ["format", "analyzers", "GuardFix.csproj", "--diagnostics", "AGR0016", "--severity", "info", "--verbosity", "detailed"],
            TimeSpan.FromMinutes(10));
        Assert.True(format.ExitCode == 0, format.ToString());
        Assert.DoesNotContain("Unable to fix", format.Output, StringComparison.Ordinal);

        // The registration lands at the end of the server's builder chain, in the file that builds it, once.
        var server = System.IO.File.ReadAllText(System.IO.Path.Combine(consumer, "Server.cs"));
        Assert.Contains(".WithTools<AdminTools>().WithAgentRules();", server, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(server, @"\.WithAgentRules\(\)"));
        Assert.Equal(
            System.IO.File.ReadAllText(RepositoryPaths.Combine("tests", "AgentRules.PackageTests", "Consumers", "GuardFix", "AdminTools.cs")),
            System.IO.File.ReadAllText(System.IO.Path.Combine(consumer, "AdminTools.cs")));

        var after = package.Build(consumer, "--no-incremental");
        Assert.True(after.ExitCode == 0, "The project does not build after dotnet format:" + Environment.NewLine + after);
        Assert.DoesNotContain("AGR0016", Ids(after.Output));
    }

    [Fact]
    public void Dotnet_format_caps_harness_agents_and_the_project_still_builds()
    {
        // AGR0009's fix on the real Agent Framework Harness 1.19: sets MaximumIterationsPerRequest in the options written
        // in the call, or adds options with it.
        var consumer = package.CreateConsumer("HarnessFix");
        System.IO.File.WriteAllText(
            System.IO.Path.Combine(consumer, "Directory.Build.props"),
            $"<Project><PropertyGroup><AgentRulesVersion>{package.Version}</AgentRulesVersion></PropertyGroup></Project>");
        // AGR0009 is Info, so the build log does not print it: the fix shows in the file dotnet format rewrites.
        var before = package.Build(consumer);
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.DoesNotContain("MaximumIterationsPerRequest", System.IO.File.ReadAllText(System.IO.Path.Combine(consumer, "Harnesses.cs")), StringComparison.Ordinal);

        var format = DotNetCli.Run(
            consumer,
            ["format", "analyzers", "HarnessFix.csproj", "--diagnostics", "AGR0009", "--severity", "info", "--verbosity", "detailed"],
            TimeSpan.FromMinutes(10));
        Assert.True(format.ExitCode == 0, format.ToString());
        Assert.DoesNotContain("Unable to fix", format.Output, StringComparison.Ordinal);

        var harnesses = System.IO.File.ReadAllText(System.IO.Path.Combine(consumer, "Harnesses.cs"));
        Assert.Equal(2, Regex.Count(harnesses, @"MaximumIterationsPerRequest = \d+"));

        var after = package.Build(consumer, "--no-incremental");
        Assert.True(after.ExitCode == 0, "The project does not build after dotnet format:" + Environment.NewLine + after);
    }

    private static string[] Ids(string output) =>
        AgentRulesDiagnostic().Matches(output).Select(m => m.Groups["id"].Value).Distinct().ToArray();
}
