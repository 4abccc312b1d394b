using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using static AgentRules.Tests.Rules.PromptLockTestSources;

namespace AgentRules.Tests.Rules;

/// <summary>
/// AGR0010: declared prompt versions not recorded in the lock file yet, and half-written input.
/// </summary>
public class AGR0010PromptVersionNotRecordedTests
{
    [Fact]
    public async Task A_prompt_version_missing_from_the_lock_file_is_reported_at_its_attribute_with_the_line_to_record()
    {
        await new PromptVersionRulesTest
        {
            Source = TriageSource("{|AGR0010:Prompt(\"support.triage\", Version = 3)|}"),
            ExpectedMessages = { $"Prompt 'support.triage' version 3 is not recorded in AgentPrompts.lock (line: support.triage 3 {TriageSha})" },
        }.RunAsync();
    }

    [Fact]
    public async Task Half_written_declarations_and_lock_files_do_not_throw()
    {
        await new PromptVersionRulesTest
        {
            AllowCompilerErrors = true,
            Source = """
                using AgentRules;
                public static class Prompts
                {
                    [Prompt(]
                    public const string A = "x";
                    [Prompt("b", Version = )]
                    public const string B = ;
                    [Prompt(Missing)]
                    public static string C() =>
                    [Prompt("d")]
                    public Unknown D => "x";
                    [Prompt("e")]
                    public const string E = "Still analysed.";
                }
                """,
            AdditionalFiles = { ("AgentPrompts.lock", "\uFEFF\t\n  \n#\n") },
            ExpectedDiagnostics =
            {
                // Half-written attributes and members are the compiler's to report; the complete prompt is still checked.
                new Microsoft.CodeAnalysis.Testing.DiagnosticResult("AGR0010", DiagnosticSeverity.Info).WithSpan(TestProject.SourcePath(0), 12, 6, 12, 17),
            },
        }.RunAsync();
    }
}
