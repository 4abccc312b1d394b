using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AgentRules.Generators.Prompts;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Generators;

/// <summary>
/// The generators' whole output, byte for byte, against the files under <c>Generators/Golden/&lt;case&gt;/</c>. A change
/// to generated code shows up here as a readable diff of the expected files. To accept a deliberate change, run
/// <c>AGENTRULES_UPDATE_GOLDEN=1 dotnet test tests/AgentRules.Tests --filter GoldenFileTests</c> and review the diff
/// before committing it; without the variable the test only compares.
/// </summary>
public class GoldenFileTests
{
    /// <summary>Set to 1 to rewrite the expected files from the current generators.</summary>
    public const string UpdateVariable = "AGENTRULES_UPDATE_GOLDEN";

    [Fact]
    public async Task Tool_wrappers_with_AIFunctions_and_UTF8_schemas()
    {
        var run = await new GeneratorTest<ToolWrapperGenerator> { Source = ToolWrapperGeneratorTests.SupportTools }.RunAsync();
        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run);
        AssertMatchesGolden("ToolWrappers.SupportTools", run.GeneratedSources);
    }

    [Fact]
    public void Tool_wrappers_before_CSharp_11_with_string_schemas()
    {
        var source = ToolWrapperGeneratorTests.SupportTools.Replace("namespace Support.Agent;", "namespace Support.Agent {", StringComparison.Ordinal) + "}";
        var run = ToolWrapperGeneratorTests.RunWith(source, TestProject.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp10));
        Assert.Empty(run.Diagnostics);
        AssertMatchesGolden("ToolWrappers.SupportTools.CSharp10", run.GeneratedSources);
    }

    [Fact]
    public async Task Tool_wrappers_without_Microsoft_Extensions_AI()
    {
        var run = await new GeneratorTest<ToolWrapperGenerator> { Source = ToolWrapperGeneratorTests.SupportTools, References = TestReferences.Net.Add(TestReferences.AgentRules) }.RunAsync();
        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run);
        AssertMatchesGolden("ToolWrappers.SupportTools.NoAIFunctions", run.GeneratedSources);
    }

    [Fact]
    public async Task Prompt_registry()
    {
        var run = await PromptRegistryGeneratorTests.Test().RunAsync();
        GeneratorTest<PromptRegistryGenerator>.AssertCompilesWithoutWarnings(run);
        AssertMatchesGolden("Prompts.Support", run.GeneratedSources);
    }

    [Fact]
    public void The_expected_files_are_kept_out_of_the_test_build_and_have_no_stale_cases()
    {
        // Every case folder belongs to a test above (a renamed case leaves its old folder behind otherwise).
        var cases = new[] { "ToolWrappers.SupportTools", "ToolWrappers.SupportTools.CSharp10", "ToolWrappers.SupportTools.NoAIFunctions", "Prompts.Support" };
        var folders = Directory.GetDirectories(GoldenRoot).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(cases.OrderBy(n => n, StringComparer.Ordinal), folders);
    }

    private static string GoldenRoot => RepositoryPaths.Combine("tests", "AgentRules.Tests", "Generators", "Golden");

    private static void AssertMatchesGolden(string caseName, ImmutableDictionary<string, string> generated)
    {
        Assert.NotEmpty(generated);
        var folder = Path.Combine(GoldenRoot, caseName);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            foreach (var (hintName, text) in generated)
            {
                File.WriteAllText(Path.Combine(folder, hintName), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }

            return;
        }

        Assert.True(Directory.Exists(folder), $"No expected files for '{caseName}' in {folder}. Create them with {UpdateVariable}=1.");
        var expectedNames = Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(expectedNames, generated.Keys.OrderBy(n => n, StringComparer.Ordinal));

        var failures = new List<string>();
        foreach (var (hintName, text) in generated.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var expected = File.ReadAllText(Path.Combine(folder, hintName));
            if (!string.Equals(expected, text, StringComparison.Ordinal))
            {
                failures.Add($"{caseName}/{hintName}: {FirstDifference(expected, text)}");
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail("Generated code differs from the expected files (rerun with " + UpdateVariable + "=1 to accept a deliberate change, then review the diff):"
                + Environment.NewLine + string.Join(Environment.NewLine, failures));
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (!string.Equals(e, a, StringComparison.Ordinal))
            {
                return $"line {i + 1}: expected `{e.TrimEnd('\r')}`, generated `{a}`" + (e.EndsWith('\r') ? " (the expected file has CRLF line endings)" : string.Empty);
            }
        }

        return "same lines, different bytes";
    }
}
