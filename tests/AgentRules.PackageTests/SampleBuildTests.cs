using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AgentRules.Tests;
using Xunit;

namespace AgentRules.PackageTests;

/// <summary>
/// The README's first command, <c>dotnet build samples/SupportAgent</c>, shows every rule: each AGR diagnostic the
/// build prints sits exactly on a line the sample marks with <c>// expect: AGRxxxx</c> (the marker precedes the
/// line), and every rule is shown at least once.
/// </summary>
[Collection(PackageCollection.Name)]
public partial class SampleBuildTests
{
    /// <summary>Rules a compiling sample cannot show, and why.</summary>
    private static readonly Dictionary<string, string> NotShownInSample = new(StringComparer.Ordinal)
    {
        // Agent loops (issue 4): every AGR0009 site needs FunctionInvokingChatClient (the Microsoft.Extensions.AI
        // package), Semantic Kernel or the Agent Framework, none of which the registry serves; docs/rules/AGR0009.md
        // shows it instead.
        ["AGR0009"] = "needs FunctionInvokingChatClient, Semantic Kernel or Agent Framework packages, which are not available to the sample",

        ["AGR0200"] = "reported by the build task in check mode only; the sample's committed spec matches its code (CI builds it in check mode)",
        ["AGR0201"] = "reported by the build task when the spec's folder cannot be written; the sample's can",
        ["AGR0202"] = "not a finding: it carries the process spec to the build task in the SARIF log, reported suppressed",

        ["AGR0104"] = "needs a C# version before 8; the sample uses the latest",
        ["AGR0300"] = "needs an invalid agentrules.* option in .editorconfig; the sample's options are valid (AGR0300InvalidOptionTests shows it)",
        ["AGR0016"] = "the sample enforces what its tools declare (WithAgentRules on its MCP server, UseAgentRules on its chat pipeline), which is what the rule asks for",
        ["AGR0017"] = "an info diagnostic, which dotnet build does not print",
        ["AGR0120"] = "needs a RootNamespace that is not a C# namespace; the sample's is SupportAgent",

        ["AGR0010"] = "an info diagnostic, which dotnet build does not print; the sample records every prompt version it declares",
        ["AGR0011"] = "a malformed AgentPrompts.lock would leave the sample's prompts unchecked",
        ["AGR0012"] = "a duplicate prompt id makes one of the two prompts unreachable by id",
        ["AGR0013"] = "an invalid [Prompt] declaration is a mistake the sample has no reason to make",
        ["AGR0014"] = "colliding prompt ids would take a registry member away from the sample",
    };

    [GeneratedRegex(@"^(?<file>[^\s(]+\.cs)\((?<line>\d+),\d+\): (?:warning|error|info) (?<id>AGR\d{4}):", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex(@"//\s*expect:\s*(?<ids>AGR\d{4}(?:\s*,\s*AGR\d{4})*)")]
    private static partial Regex ExpectMarker();

    [Fact]
    public void Sample_build_reports_exactly_the_marked_diagnostics_and_shows_every_rule()
    {
        var sample = RepositoryPaths.Combine("samples", "SupportAgent");
        var build = DotNetCli.Run(RepositoryPaths.Root, ["build", Path.Combine(sample, "SupportAgent.csproj"), "--no-incremental", "-v:minimal", "-nodeReuse:false", "--disable-build-servers"]);
        Assert.True(build.ExitCode == 0, build.ToString());

        var actual = DiagnosticLine().Matches(build.Output)
            .Select(m => $"{Relative(sample, m.Groups["file"].Value)}({m.Groups["line"].Value}): {m.Groups["id"].Value}")
            .Distinct()
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

        var expected = new List<string>();
        foreach (var file in Directory.EnumerateFiles(sample, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(sample, f)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (ExpectMarker().Match(lines[i]) is { Success: true } marker)
                {
                    expected.AddRange(marker.Groups["ids"].Value.Split(',').Select(id => $"{Relative(sample, file)}({i + 2}): {id.Trim()}"));
                }
            }
        }

        expected.Sort(StringComparer.Ordinal);
        Assert.Equal(expected, actual);

        var rules = Directory.EnumerateFiles(RepositoryPaths.Combine("docs", "rules"), "AGR*.md").Select(Path.GetFileNameWithoutExtension).ToList();
        var shown = expected.Select(e => e[^7..]).ToHashSet(StringComparer.Ordinal);
        Assert.All(rules, id => Assert.True(shown.Contains(id!) || NotShownInSample.ContainsKey(id!), $"{id} is not shown in samples/SupportAgent"));
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static bool IsBuildOutput(string root, string path)
    {
        var relative = Relative(root, path);
        return relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal);
    }
}
