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
/// AGR0014: prompt ids that map to one member name in the generated registry. The undeclared versions they also mark are AGR0010.
/// </summary>
public class AGR0014PromptRegistryNameCollisionTests
{
    [Fact]
    public async Task Ids_that_map_to_the_same_registry_member_are_reported()
    {
        await new PromptVersionRulesTest
        {
            Source = """
                using AgentRules;
                public static class Prompts
                {
                    [{|AGR0010:Prompt("support.triage")|}]
                    public const string A = "You triage.";

                    [{|AGR0010:{|AGR0014:Prompt("support_triage")|}|}]
                    public const string B = "You also triage.";
                }
                """,
            ExpectedMessages =
            {
                $"Prompt 'support.triage' version 1 is not recorded in AgentPrompts.lock (line: support.triage 1 {PromptHash.Compute("You triage.")})",
                "Prompt id 'support_triage' maps to AgentPrompts.SupportTriage, already taken by 'support.triage'; read it with AgentPrompts.Find(\"support_triage\")",
                $"Prompt 'support_triage' version 1 is not recorded in AgentPrompts.lock (line: support_triage 1 {PromptHash.Compute("You also triage.")})",
            },
        }.RunAsync();
    }
}
