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

/// <summary>The AGR0006 code fix (bump the prompt version past every recorded one).</summary>
public class AGR0006PromptChangedWithoutVersionBumpCodeFixTests
{
    [Fact]
    public async Task Bumps_the_version_past_every_recorded_one()
    {
        var old = PromptHash.Compute("old text");
        await new PromptVersionRulesFixTest<AGR0006PromptChangedWithoutVersionBumpCodeFix>
        {
            Source = PromptLockTestSources.TriageSource("{|AGR0006:Prompt(\"support.triage\", Version = 3)|}"),
            AdditionalFiles = { ("AgentPrompts.lock", $"support.triage 3 {old}\nsupport.triage 4 {old}\n") },
            FixedSource = PromptLockTestSources.TriageSource("{|AGR0010:Prompt(\"support.triage\", Version = 5)|}"),
            ExpectedCodeActionTitle = "Bump prompt 'support.triage' to version 5",
        }.RunAsync();
    }

    [Fact]
    public async Task Sets_the_version_when_the_attribute_uses_the_default_and_fixes_all()
    {
        var old = PromptHash.Compute("old text");
        await new PromptVersionRulesFixTest<AGR0006PromptChangedWithoutVersionBumpCodeFix>
        {
            Source = """
                using AgentRules;

                public static class Prompts
                {
                    [{|AGR0006:Prompt("a")|}]
                    public const string A = "You are A.";

                    [{|AGR0006:Prompt("b", Version = 1)|}]
                    public static string B(string name) => $"You are B, talking to {name}.";
                }
                """,
            AdditionalFiles = { ("AgentPrompts.lock", $"a 1 {old}\nb 1 {old}\n") },
            FixedSource = """
                using AgentRules;

                public static class Prompts
                {
                    [{|AGR0010:Prompt("a", Version = 2)|}]
                    public const string A = "You are A.";

                    [{|AGR0010:Prompt("b", Version = 2)|}]
                    public static string B(string name) => $"You are B, talking to {name}.";
                }
                """,
        }.RunAsync();
    }
}
