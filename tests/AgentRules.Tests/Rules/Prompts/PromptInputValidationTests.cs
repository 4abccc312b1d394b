using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// Prompt input that used to fail silently or loudly: an &lt;AgentPrompt&gt; item without an Id (dropped), a binary
/// file taken as prompt text, and a lock file whose every line is malformed (one diagnostic per line).
/// </summary>
public class PromptInputValidationTests
{
    // What the package's targets pass for <AgentPrompt Include="prompts/triage.md" /> (no Id) and for a binary file.
    private const string Config = """
        root = true

        [*.cs]

        [prompts/triage.md]
        build_metadata.AdditionalFiles.AgentPrompt = true
        build_metadata.AdditionalFiles.AgentPromptId =
        build_metadata.AdditionalFiles.AgentPromptVersion = 2

        [prompts/logo.md]
        build_metadata.AdditionalFiles.AgentPrompt = true
        build_metadata.AdditionalFiles.AgentPromptId = support.logo
        build_metadata.AdditionalFiles.AgentPromptVersion = 1

        [prompts/scan.md]
        build_metadata.AdditionalFiles.AgentPrompt = true
        build_metadata.AdditionalFiles.AgentPromptId = support.scan
        """;

    [Fact]
    public async Task An_AgentPrompt_item_without_an_Id_and_binary_prompt_files_are_reported()
    {
        await new PromptVersionRulesTest
        {
            Source = "public static class Empty { }",
            EditorConfig = Config,
            AdditionalFiles =
            {
                ("prompts/triage.md", "{|AGR0013:# Triage|}\n\nYou triage support tickets.\n"),
                ("prompts/logo.md", "{|AGR0013:\u0089PNG|}\r\n\u001a\n\0\0\0\rIHDR\0\0\0\u0010"),
                ("prompts/scan.md", "{|AGR0013:%PDF-1.7 \uFFFD\uFFFD\uFFFD\uFFFD|}\n"),
                ("notes.md", "Not a prompt: no AgentPrompt metadata.\n"),
            },
            ExpectedMessages =
            {
                "Prompt 'triage.md' cannot be versioned: the <AgentPrompt> item has no Id metadata (write <AgentPrompt Include=\"triage.md\" Id=\"area.name\" Version=\"1\" />)",
                "Prompt 'support.logo' cannot be versioned: its file is binary, not text (it contains NUL characters)",
                "Prompt 'support.scan' cannot be versioned: its file is not valid text (bytes that are not UTF-8 or its declared encoding)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task A_lock_file_of_malformed_lines_gives_the_first_20_and_one_summary()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            text.Append("garbage line ").Append(i).Append(" x y\n");
        }

        var project = new TestProject { Source = "public static class Empty { }", AdditionalFiles = { ("AgentPrompts.lock", text.ToString()) } }
            .CreateProject(["public static class Empty { }"], [("AgentPrompts.lock", text.ToString())]);
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, [.. RuleGroups.PromptVersions()]);

        var lockErrors = diagnostics.Where(d => d.Id == "AGR0011").ToList();
        Assert.Equal(PromptVersionAnalyzer.MaxLockFileErrors + 1, lockErrors.Count);
        Assert.Equal("AgentPrompts.lock: line 1 should be '<id> <version> <sha256>' but has 5 fields", lockErrors[0].GetMessage());
        Assert.Equal(
            "AgentPrompts.lock: and 99,980 more lines cannot be read, from line 21 on (only the first 20 are reported one by one)".Replace("99,980", "99980"),
            lockErrors[^1].GetMessage());
        Assert.Equal(20, lockErrors[^1].Location.GetLineSpan().StartLinePosition.Line);
    }
}
