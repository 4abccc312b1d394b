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
/// AGR0011: lock file lines that cannot be read.
/// </summary>
public class AGR0011MalformedPromptLockFileTests
{
    [Fact]
    public async Task Malformed_lock_file_lines_are_reported_at_the_line()
    {
        await new PromptVersionRulesTest
        {
            Source = TriageSource(),
            AdditionalFiles =
            {
                ("AgentPrompts.lock", $$"""
                    # AgentPrompts.lock
                    support.triage 3 {{TriageSha}}
                    {|AGR0011:support.escalation 1|}
                    {|AGR0011:support.refunds two {{TriageSha}}|}
                    {|AGR0011:support.greeting 1 not-a-hash|}
                    {|AGR0011:support.triage 3 {{PromptHash.Compute("other")}}|}

                    """),
            },
            ExpectedMessages =
            {
                "AgentPrompts.lock: line 3 should be '<id> <version> <sha256>' but has 2 fields",
                "AgentPrompts.lock: line 4: version 'two' of prompt 'support.refunds' is not a whole number of 1 or more",
                "AgentPrompts.lock: line 5: 'not-a-hash' is not a SHA-256 hash (64 hexadecimal digits)",
                "AgentPrompts.lock: line 6 conflicts with line 2: prompt 'support.triage' version 3 is recorded twice",
            },
        }.RunAsync();
    }
}
