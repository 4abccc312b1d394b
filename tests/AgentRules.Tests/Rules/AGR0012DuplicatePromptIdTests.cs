using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using static AgentRules.Tests.Rules.PromptLockTestSources;

namespace AgentRules.Tests.Rules;

/// <summary>
/// AGR0012: two prompts (members or prompt files) declared with one id. The undeclared versions they also mark are AGR0010.
/// </summary>
public class AGR0012DuplicatePromptIdTests
{
    [Fact]
    public async Task Duplicate_prompt_ids_are_reported_at_the_later_declaration()
    {
        await new PromptVersionRulesTest
        {
            Sources =
            {
                """
                using AgentRules;
                public static class Billing
                {
                    [{|AGR0010:Prompt("support.system")|}]
                    public const string System = "You handle billing questions.";
                }
                """,
                """
                using AgentRules;
                public static class Shipping
                {
                    [{|AGR0010:{|AGR0012:Prompt("support.system")|}|}]
                    public const string System = "You handle shipping questions.";
                }
                """,
            },
            ExpectedMessages =
            {
                $"Prompt 'support.system' version 1 is not recorded in AgentPrompts.lock (line: support.system 1 {PromptHash.Compute("You handle billing questions.")})",
                "Prompt id 'support.system' is already declared by 'Billing.System'",
                $"Prompt 'support.system' version 1 is not recorded in AgentPrompts.lock (line: support.system 1 {PromptHash.Compute("You handle shipping questions.")})",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task A_prompt_file_and_a_prompt_member_with_the_same_id_are_duplicates()
    {
        await new PromptVersionRulesTest
        {
            // Declarations are ordered by path, then position: /src/Test0.cs comes before /src/prompts/triage.md.
            Source = TriageSource("{|AGR0010:Prompt(\"support.triage\", Version = 3)|}"),
            EditorConfig = PromptFileConfig,
            AdditionalFiles = { ("prompts/triage.md", "{|AGR0010:{|AGR0012:You triage.|}|}\n") },
        }.RunAsync();
    }
}
