using System.Collections.Immutable;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AgentRules.Tests.Rules.Enforcement;

/// <summary>The test references plus AgentRules' real companion guards (MCP server, Microsoft.Extensions.AI).</summary>
internal static class EnforcementTestReferences
{
    // The MCP companion is already among the frameworks' references (TestReferences: the AGR0015 tests call it).
    public static ImmutableArray<MetadataReference> WithCompanions { get; } = TestReferences.All.Add(
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.AgentRulesChatClientBuilderExtensions).Assembly.Location));
}
