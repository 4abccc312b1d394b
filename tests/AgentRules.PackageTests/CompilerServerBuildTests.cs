using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AgentRules.Tests;
using Xunit;

namespace AgentRules.PackageTests;

/// <summary>
/// The compiler server (VBCSCompiler) keeps the analyzers and generators loaded between builds, so every process-wide
/// cache they hold meets the compilations of earlier builds. On a developer machine it is the default; this
/// environment and the other package tests turn it off, which is how a server-only failure (every analyzer threw AD0001
/// from the second build on, because a cache compared the server's compilation options with <c>Equals</c>) went unseen.
/// This test builds an agent consumer twice through one server of its own: a pipe name no other build uses
/// (<c>SharedCompilationId</c>), shut down afterwards by that name, so it never touches the servers other builds share.
/// </summary>
[Collection(PackageCollection.Name)]
public partial class CompilerServerBuildTests(PackageFixture package)
{
    // "  1>/path/AdminTools.cs(11,26): warning AGR0001: message (link) [project]" at normal verbosity.
    [GeneratedRegex(@"(?<file>[^\s>(]+\.cs)\((?<line>\d+),(?<column>\d+)\): (?<severity>warning|error|info) (?<id>[A-Z]+\d+): ", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();

    // Logged by the compiler's build task for each compilation the server ran (not when it fell back to csc).
    private const string ServerCompiled = "CompilerServer: server - server processed compilation";

    [Fact]
    public void A_warm_compiler_server_builds_an_agent_consumer_twice_with_the_same_diagnostics_and_spec()
    {
        var consumer = package.CreateConsumer("McpServer");
        // Short: on Unix the pipe is a socket in the temp folder, whose path length is limited.
        var pipe = "agr-e2e-" + Guid.NewGuid().ToString("N")[..12];
        CommandResult first;
        CommandResult second;
        byte[] specAfterFirst;
        CommandResult shutdown;
        try
        {
            first = BuildThroughServer(consumer, pipe);
            Assert.True(first.ExitCode == 0, first.ToString());
            specAfterFirst = File.ReadAllBytes(Path.Combine(consumer, "AgentProcessSpec.md"));

            // A rebuild of everything in the same warm server: the analyzers' process-wide caches now hold the first
            // build's compilation, which is where the server's options and resolvers meet.
            second = BuildThroughServer(consumer, pipe, "--no-incremental");
            Assert.True(second.ExitCode == 0, second.ToString());
        }
        finally
        {
            shutdown = ShutdownServer(consumer, pipe);
        }

        var source = File.ReadAllLines(Path.Combine(consumer, "AdminTools.cs"));
        var deleteTable = Array.FindIndex(source, l => l.Contains("string DeleteTable(", StringComparison.Ordinal)) + 1;
        var resetSandbox = Array.FindIndex(source, l => l.Contains("string ResetSandbox(", StringComparison.Ordinal)) + 1;
        var expected = new[] { ("AdminTools.cs", deleteTable, "AGR0001"), ("AdminTools.cs", resetSandbox, "AGR0016") };
        foreach (var build in new[] { first, second })
        {
            // The server compiled it: without this the test would pass on a silent fallback to the command-line compiler.
            Assert.True(build.Output.Contains(ServerCompiled, StringComparison.Ordinal), "the compiler server did not compile the consumer:" + Environment.NewLine + build);
            // AD0001: an analyzer threw; CS8784/CS8785: a generator failed; CS8032/CS8033: one could not be created.
            foreach (var id in new[] { "AD0001", "CS8784", "CS8785", "CS8032", "CS8033" })
            {
                Assert.False(build.Output.Contains(id, StringComparison.Ordinal), $"{id} in a compiler-server build:{Environment.NewLine}{build}");
            }

            Assert.Equal(expected, AgentRulesDiagnostics(build.Output));
        }

        // The spec is written by the first build and describes the same tools and findings after the second: a rule
        // that threw in the server would drop its finding and rewrite the spec without it.
        var spec = File.ReadAllText(Path.Combine(consumer, "AgentProcessSpec.md"));
        Assert.Contains("process spec written", first.Output, StringComparison.Ordinal);
        Assert.Contains("| `delete_table` | MCP | destructive (declared Destructive = true) | **any** |", spec, StringComparison.Ordinal);
        Assert.Contains("| [AGR0001](https://github.com/agentrules/AgentRules/blob/main/docs/rules/AGR0001.md) | Destructive tool has no environment scope | warning | 1 | `AdminTools.cs:", spec, StringComparison.Ordinal);
        Assert.Equal(specAfterFirst, File.ReadAllBytes(Path.Combine(consumer, "AgentProcessSpec.md")));

        Assert.True(shutdown.ExitCode == 0, "the test's compiler server did not shut down:" + Environment.NewLine + shutdown);
    }

    private CommandResult BuildThroughServer(string consumer, string pipe, params string[] extraArguments) =>
        // Not package.Build: it disables the build servers. Normal verbosity, for the server's "processed" line.
        // UseSharedCompilation on the command line outranks the environment's UseSharedCompilation=false.
        DotNetCli.Run(consumer,
        [
            "build", "-p:AgentRulesVersion=" + package.Version, "-p:UseSharedCompilation=true", "-p:SharedCompilationId=" + pipe,
            "-nodeReuse:false", "-v:n", .. extraArguments,
        ]);

    /// <summary>
    /// Asks the server on the test's own pipe to shut down (and waits for it to exit), through the VBCSCompiler of the
    /// SDK that built the consumer. Not <c>dotnet build-server shutdown</c>: that stops the SDK's default server,
    /// the one every other build on the machine shares, and never reaches a server on a pipe of its own.
    /// </summary>
    private static CommandResult ShutdownServer(string consumer, string pipe)
    {
        var version = DotNetCli.Run(consumer, ["--version"]).Output.Trim();
        // "10.0.401 [/usr/share/dotnet/sdk]": the folder of the SDK this consumer builds with.
        var sdks = DotNetCli.Run(consumer, ["--list-sdks"]).Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var line = sdks.Single(l => l.StartsWith(version + " [", StringComparison.Ordinal));
        var root = line[(version.Length + 2)..^1];
        var server = Path.Combine(root, version, "Roslyn", "bincore", "VBCSCompiler.dll");
        return DotNetCli.Run(consumer, [server, "-shutdown", "-pipename:" + pipe], TimeSpan.FromMinutes(2));
    }

    private static List<(string File, int Line, string Id)> AgentRulesDiagnostics(string output) =>
        DiagnosticLine().Matches(output)
            .Where(m => m.Groups["id"].Value.StartsWith("AGR", StringComparison.Ordinal))
            .Select(m => (Path.GetFileName(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture), m.Groups["id"].Value))
            .Distinct()
            .OrderBy(d => d.Item3, StringComparer.Ordinal)
            .ToList();
}
