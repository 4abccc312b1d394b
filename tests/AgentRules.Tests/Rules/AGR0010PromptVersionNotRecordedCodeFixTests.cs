using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>The AGR0010 code fix (record the prompt version in the lock file, creating it when missing): one at a time and Fix All in one edit.</summary>
public class AGR0010PromptVersionNotRecordedCodeFixTests
{
    private static readonly string Triage = PromptLockTestSources.TriageSha;

    [Fact]
    public async Task Creates_the_lock_file_when_the_project_has_none()
    {
        await new PromptVersionRulesFixTest<AGR0010PromptVersionNotRecordedCodeFix>
        {
            Source = PromptLockTestSources.TriageSource("{|AGR0010:Prompt(\"support.triage\", Version = 3)|}"),
            FixedSource = PromptLockTestSources.TriageSource(),
            FixedAdditionalFiles = { ("AgentPrompts.lock", PromptLockFile.Header + $"support.triage 3 {Triage}\n") },
            ExpectedCodeActionTitle = "Record prompt 'support.triage' version 3 in AgentPrompts.lock",
        }.RunAsync();
    }

    [Fact]
    public async Task Inserts_lines_in_sorted_position_and_fix_all_records_everything_in_one_edit()
    {
        var other = PromptHash.Compute("other");
        var billing = PromptHash.Compute("You answer billing questions.");
        var escalation = PromptHash.Compute("You decide when to escalate.");
        await new PromptVersionRulesFixTest<AGR0010PromptVersionNotRecordedCodeFix>
        {
            Source = """
                using AgentRules;

                public static class Prompts
                {
                    [{|AGR0010:Prompt("support.escalation", Version = 2)|}]
                    public const string Escalation = "You decide when to escalate.";

                    [{|AGR0010:Prompt("billing")|}]
                    public const string Billing = "You answer billing questions.";
                }
                """,
            AdditionalFiles = { ("AgentPrompts.lock", $"# our prompts\r\nsupport.escalation 1 {other}\r\nsupport.triage 3 {other}\r\n") },
            FixedSource = """
                using AgentRules;

                public static class Prompts
                {
                    [Prompt("support.escalation", Version = 2)]
                    public const string Escalation = "You decide when to escalate.";

                    [Prompt("billing")]
                    public const string Billing = "You answer billing questions.";
                }
                """,
            FixedAdditionalFiles = { ("AgentPrompts.lock", $"# our prompts\r\nbilling 1 {billing}\r\nsupport.escalation 1 {other}\r\nsupport.escalation 2 {escalation}\r\nsupport.triage 3 {other}\r\n") },
        }.RunAsync();
    }

    [Fact]
    public void Adding_entries_keeps_comments_and_unknown_lines_and_skips_recorded_versions()
    {
        var sha = new string('a', 64);
        var text = PromptLockFile.AddEntries("# header\n\nb 1 " + sha + "\nnot a valid line\nd 1 " + sha + "\n", new[] { ("c", 1, sha), ("a", 1, sha), ("b", 1, sha), ("e", 10, sha), ("e", 9, sha) });
        Assert.Equal("# header\n\na 1 " + sha + "\nb 1 " + sha + "\nnot a valid line\nc 1 " + sha + "\nd 1 " + sha + "\ne 9 " + sha + "\ne 10 " + sha + "\n", text);
    }

    [Fact]
    public async Task Records_a_prompt_file_from_its_additional_file_diagnostic()
    {
        var test = new PromptVersionRulesTest
        {
            Source = "public static class Empty { }",
            EditorConfig = "root = true\n\n[*.cs]\n\n[prompts/triage.md]\nbuild_metadata.AdditionalFiles.AgentPromptId = support.triage\n",
            AdditionalFiles = { ("prompts/triage.md", "{|AGR0010:You triage.|}\n") },
        };
        await test.RunAsync();

        var project = test.CreateProject(test.Sources, new[] { ("prompts/triage.md", "You triage.\n") });
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create(RuleGroups.PromptVersions()));
        var diagnostic = Assert.Single(diagnostics);
        var promptFile = project.AdditionalDocuments.Single();

        var actions = new System.Collections.Generic.List<CodeAction>();
        var context = new CodeFixContext(promptFile, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new AGR0010PromptVersionNotRecordedCodeFix().RegisterCodeFixesAsync(context);
        var operations = await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;

        var lockFile = solution.GetProject(project.Id)!.AdditionalDocuments.Single(d => d.Name == "AgentPrompts.lock");
        Assert.Equal(TestProject.AdditionalFilePath("AgentPrompts.lock"), lockFile.FilePath);
        Assert.EndsWith($"support.triage 1 {PromptHash.Compute("You triage.\n")}\n", (await lockFile.GetTextAsync()).ToString());
    }
}
