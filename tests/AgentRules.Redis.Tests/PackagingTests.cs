using System;
using System.Linq;
using Xunit;

namespace AgentRules.Redis.Tests;

/// <summary>Redis stays in the companion package: the core AgentRules assembly does not reference it.</summary>
public sealed class PackagingTests
{
    [Fact]
    public void CoreAssemblyDoesNotReferenceRedis()
    {
        var references = typeof(AgentRules.KillSwitch).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "");
        Assert.DoesNotContain("StackExchange.Redis", references);
    }
}
