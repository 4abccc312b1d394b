using System;
using System.Linq;
using System.Reflection;
using Xunit;

namespace AgentRules.Integrations.Tests;

/// <summary>The companion assemblies keep the framework dependencies out of the core AgentRules assembly.</summary>
public sealed class PackagingTests
{
    [Fact]
    public void CoreAssemblyReferencesNoAgentFramework()
    {
        var references = typeof(AgentRules.KillSwitch).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToArray();
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal)
            || n.StartsWith("ModelContextProtocol", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.Agents", StringComparison.Ordinal)
            || n.StartsWith("StackExchange.Redis", StringComparison.Ordinal));
    }
}
