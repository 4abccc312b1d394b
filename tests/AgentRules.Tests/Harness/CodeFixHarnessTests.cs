using System;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules.ToolSafety;
using AgentRules.CodeFixes.ToolSafety;
using AgentRules.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace AgentRules.Tests.Harness;

/// <summary>The code fix verifier fails on a wrong result and names the first differing line.</summary>
public class CodeFixHarnessTests
{
    private const string Before = """
        using AgentRules;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed class Tools
        {
            [McpServerTool(Destructive = true)]
            public void [|Drop|]() { }
        }
        """;

    [Fact]
    public async Task Fails_when_the_fixed_code_differs()
    {
        var error = await Assert.ThrowsAsync<FailException>(() => new CodeFixTest<DestructiveToolAnalyzer, AddEnvironmentScopeCodeFix>
        {
            Source = Before,
            FixedSource = Before.Replace("[|Drop|]", "Drop", StringComparison.Ordinal),
        }.RunAsync());

        Assert.Contains("Test0.cs after fixing one diagnostic at a time differs from the expected text, first at line 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_when_the_source_has_nothing_to_fix()
    {
        var error = await Assert.ThrowsAsync<FailException>(() => new CodeFixTest<DestructiveToolAnalyzer, AddEnvironmentScopeCodeFix>
        {
            Source = "public sealed class Calculator { }",
            FixedSource = "public sealed class Calculator { }",
        }.RunAsync());

        Assert.Contains("no diagnostic the code fix can fix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_when_a_diagnostic_remains_that_the_fixed_markup_does_not_expect()
    {
        // Without the AgentRules runtime the fix offers nothing, so the diagnostic is still there.
        var error = await Assert.ThrowsAsync<FailException>(() => new CodeFixTest<DestructiveToolAnalyzer, AddEnvironmentScopeCodeFix>
        {
            Source = Before.Replace("using AgentRules;\n", string.Empty, StringComparison.Ordinal),
            FixedSource = Before.Replace("using AgentRules;\n", string.Empty, StringComparison.Ordinal).Replace("[|Drop|]", "Drop", StringComparison.Ordinal),
            References = TestReferences.Net.AddRange(TestReferences.Frameworks),
        }.RunAsync());

        Assert.Contains("offered no action", error.Message, StringComparison.Ordinal);
    }
}
