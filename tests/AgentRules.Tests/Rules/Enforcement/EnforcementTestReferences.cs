using System.Collections.Immutable;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AgentRules.Tests.Rules.Enforcement;

/// <summary>The test references plus AgentRules' real companion guards (MCP server, Microsoft.Extensions.AI).</summary>
internal static class EnforcementTestReferences
{
    public static ImmutableArray<MetadataReference> WithCompanions { get; } = TestReferences.All.AddRange(ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.AgentRulesMcpServerBuilderExtensions).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.AgentRulesChatClientBuilderExtensions).Assembly.Location)
    ));
}
