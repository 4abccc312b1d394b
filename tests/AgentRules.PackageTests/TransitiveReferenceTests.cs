using System;
using System.IO;
using AgentRules.Tests;
using Xunit;

namespace AgentRules.PackageTests;

/// <summary>
/// A library that references AgentRules, and an app that uses the library without referencing AgentRules. What flows
/// to the app: the runtime (a dependency of the library's public API), and the analyzers and generators (NuGet's
/// default for analyzers, so the app's own agent code is checked and wrapped). What does not: the process spec, which
/// only a project that references AgentRules itself opts into.
/// </summary>
[Collection(PackageCollection.Name)]
public class TransitiveReferenceTests(PackageFixture package)
{
    [Fact]
    public void An_app_that_gets_AgentRules_through_a_library_gets_the_runtime_and_generators_but_no_spec()
    {
        var root = package.CreateConsumer("Transitive");
        var app = Path.Combine(root, "App");
        var library = Path.Combine(root, "AgentLibrary");

        var build = package.Build(app);
        Assert.True(build.ExitCode == 0, build.ToString());

        // The library references AgentRules: it gets its spec.
        Assert.True(File.Exists(Path.Combine(library, "AgentProcessSpec.md")), build.ToString());
        // The app does not: no spec, though it has an agent tool of its own.
        Assert.Empty(Directory.GetFiles(app, "AgentProcessSpec.*"));

        // The runtime and the generated wrappers (the library's and the app's own) work in the app.
        var run = DotNetCli.Run(app, ["run", "--no-build"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Order 7", run.Output, StringComparison.Ordinal);
        Assert.Contains("ping", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_can_opt_in_to_the_spec()
    {
        var root = package.CreateConsumer("Transitive");
        var app = Path.Combine(root, "App");

        var build = package.Build(app, "-p:AgentRulesSpec=true");
        Assert.True(build.ExitCode == 0, build.ToString());

        Assert.Contains("`ping`", File.ReadAllText(Path.Combine(app, "AgentProcessSpec.md")), StringComparison.Ordinal);
    }
}
