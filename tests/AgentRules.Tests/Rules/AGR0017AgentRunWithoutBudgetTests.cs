using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using AgentRules.Tests.Rules.Enforcement;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0017: tool-calling loops in a project that sets no token or money budget anywhere.</summary>
public class AGR0017AgentRunWithoutBudgetTests
{
    private const string Message = "UseFunctionInvocation() runs tools in a model loop with no token or money budget";

    private static Task VerifyAsync(string source, params string[] messages)
    {
        var test = new AnalyzerTest<AGR0017AgentRunWithoutBudgetAnalyzer> { Source = source, References = EnforcementTestReferences.WithCompanions };
        test.ExpectedMessages.AddRange(messages);
        return test.RunAsync();
    }

    [Fact]
    public async Task Function_invocation_without_any_budget_is_reported()
    {
        await VerifyAsync(
            """
            using Microsoft.Extensions.AI;

            public static class Setup
            {
                public static IChatClient Build(IChatClient inner) =>
                    inner.AsBuilder().{|AGR0017:UseFunctionInvocation|}(configure: c => c.MaximumIterationsPerRequest = 8).Build();
            }
            """,
            Message);
    }

    [Fact]
    public async Task A_call_cap_alone_is_not_a_token_or_money_budget()
    {
        await VerifyAsync(
            """
            using Microsoft.Extensions.AI;

            public static class Setup
            {
                public static IChatClient Build(IChatClient inner) =>
                    inner.AsBuilder()
                        .{|AGR0017:UseAgentRules|}(o => o.Budget.MaxModelCalls = 20)
                        .Build();
            }
            """,
            "UseAgentRules() runs tools in a model loop with no token or money budget");
    }

    [Theory]
    [InlineData("inner.AsBuilder().UseAgentRules(o => o.Budget.MaxTotalTokens = 200_000)")]
    [InlineData("inner.AsBuilder().UseAgentRules(o => { o.Budget.MaxCost = 5m; o.Budget.Prices = new AgentRules.ModelPriceTable().Add(\"gpt-4o\", 2.5m, 10m); })")]
    [InlineData("inner.AsBuilder().UseAgentRules(o => o.Budget.MaxOutputTokens = Limits.Output)")]
    public async Task A_token_or_money_limit_silences_the_rule(string builder)
    {
        await VerifyAsync(
            $$"""
            using Microsoft.Extensions.AI;

            public static class Limits { public const long Output = 4_000; }

            public static class Setup
            {
                public static IChatClient Build(IChatClient inner) =>
                    {{builder}}.Build();
            }
            """);
    }

    [Fact]
    public async Task A_budget_set_elsewhere_in_the_project_silences_every_site()
    {
        await VerifyAsync(
            """
            using AgentRules;
            using Microsoft.Extensions.AI;

            public static class Budgets
            {
                public static RunBudget ForSession() => new(new RunBudgetOptions { AgentName = "support", MaxInputTokens = 100_000 });
            }

            public static class Setup
            {
                public static IChatClient Build(IChatClient inner) => inner.AsBuilder().UseFunctionInvocation().Build();
            }
            """);
    }

    [Fact]
    public async Task A_same_named_property_of_another_type_is_no_budget()
    {
        await VerifyAsync(
            """
            using Microsoft.Extensions.AI;

            public sealed class MySettings { public long MaxTotalTokens { get; set; } }

            public static class Setup
            {
                public static IChatClient Build(IChatClient inner)
                {
                    var settings = new MySettings { MaxTotalTokens = 10 };
                    return inner.AsBuilder().{|AGR0017:UseFunctionInvocation|}().Build();
                }
            }
            """,
            Message);
    }

    [Fact]
    public async Task Projects_without_a_tool_loop_are_not_reported()
    {
        await VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public static class Ask
            {
                public static Task<ChatResponse> Once(IChatClient client) => client.GetResponseAsync("hello");
            }
            """);
    }
}
