using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using AgentRules.Tests.Rules.Enforcement;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// AGR0009 on AgentRules' own chat pipeline: <c>UseAgentRules()</c> (the real AgentRules.Extensions.AI over
/// Microsoft.Extensions.AI 11) replaces <c>UseFunctionInvocation()</c> and owns the function loop, so it is a
/// function-invocation site whose cap is read from its options.
/// </summary>
public class UseAgentRulesCapTests
{
    private const string Default = "UseAgentRules() leaves the framework's default iteration cap in force: its FunctionInvokingChatClient keeps MaximumIterationsPerRequest = 40; "
        + "set ConfigureFunctionInvocation = c => c.MaximumIterationsPerRequest = ..., or cap the run with Budget.MaxModelCalls";

    private static Task VerifyAsync(string source, params string[] messages)
    {
        var test = new FunctionInvocationCapRulesTest { Source = source, References = EnforcementTestReferences.WithCompanions };
        test.ExpectedMessages.AddRange(messages);
        return test.RunAsync();
    }

    [Fact]
    public async Task UseAgentRules_without_a_cap_leaves_the_default()
    {
        await VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;

            public static class Setup
            {
                public static IChatClient Bare(IChatClient inner) => inner.AsBuilder().{|AGR0009:UseAgentRules|}().Build();

                public static IChatClient Named(IChatClient inner) =>
                    new ChatClientBuilder(inner).{|AGR0009:UseAgentRules|}(o =>
                    {
                        o.AgentName = "support";
                        o.Budget.MaxTotalTokens = 20_000;
                        o.Budget.MaxModelCalls = 0; // 0 is no limit
                        o.ConfigureFunctionInvocation = c => c.AllowConcurrentInvocation = true;
                    }).Build();
            }
            """,
            Default,
            Default);
    }

    [Theory]
    [InlineData("o => o.ConfigureFunctionInvocation = c => c.MaximumIterationsPerRequest = 8")]
    [InlineData("o => { o.AgentName = \"a\"; o.ConfigureFunctionInvocation = ConfigureLoop; }")]
    [InlineData("o => o.Budget.MaxModelCalls = 10")]
    [InlineData("o => o.Budget.MaxModelCalls = settings.MaxCalls")]
    [InlineData("ConfigureOptions")]
    [InlineData("external")]
    public async Task UseAgentRules_whose_options_cap_the_loop_is_not_reported(string configure)
    {
        await VerifyAsync(
            $$"""
            using System;
            using AgentRules.Extensions.AI;
            using Microsoft.Extensions.AI;

            public sealed class Settings { public int MaxCalls { get; set; } = 5; }

            public static class Setup
            {
                public static IChatClient Build(IChatClient inner, Settings settings, Action<AgentRulesChatClientOptions> external) =>
                    inner.AsBuilder().UseAgentRules({{configure}}).Build();

                private static void ConfigureLoop(FunctionInvokingChatClient loop) => loop.MaximumIterationsPerRequest = 6;

                private static void ConfigureOptions(AgentRulesChatClientOptions o) => o.ConfigureFunctionInvocation = c => c.MaximumIterationsPerRequest = 4;
            }
            """);
    }

    [Fact]
    public async Task A_run_budget_given_from_elsewhere_leaves_the_loop_cap_to_the_default()
    {
        // o.RunBudget replaces o.Budget: the MaxModelCalls written here is not the one that runs.
        await VerifyAsync(
            """
            using AgentRules;
            using Microsoft.Extensions.AI;

            public static class Setup
            {
                public static IChatClient Build(IChatClient inner, RunBudget budget) =>
                    inner.AsBuilder().{|AGR0009:UseAgentRules|}(o => { o.RunBudget = budget; o.Budget.MaxModelCalls = 10; }).Build();
            }
            """,
            Default);
    }

    [Fact]
    public async Task UseAgentRules_that_removes_the_cap_is_reported_at_the_setting()
    {
        await VerifyAsync(
            """
            using Microsoft.Extensions.AI;

            public static class Setup
            {
                public static IChatClient Build(IChatClient inner) =>
                    inner.AsBuilder().UseAgentRules(o => o.ConfigureFunctionInvocation = c => c.{|AGR0002:MaximumIterationsPerRequest|} = int.MaxValue).Build();
            }
            """,
            "The function-invocation loop has no iteration cap: FunctionInvokingChatClient.MaximumIterationsPerRequest is set to int.MaxValue, above agentrules.max_iterations_ceiling (100)");
    }

    [Fact]
    public async Task An_agent_over_a_UseAgentRules_client_adds_no_loop_of_its_own()
    {
        // The agent finds UseAgentRules()'s FunctionInvokingChatClient and adds none: only the pipeline is judged.
        await VerifyAsync(
            """
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            public static class Setup
            {
                public static string Lookup(string id) => id;

                public static AIAgent Capped(IChatClient inner) =>
                    inner.AsBuilder()
                        .UseAgentRules(o => o.ConfigureFunctionInvocation = c => c.MaximumIterationsPerRequest = 8)
                        .BuildAIAgent(instructions: "You answer order questions.", tools: [AIFunctionFactory.Create(Lookup)]);

                public static AIAgent Default(IChatClient inner)
                {
                    var client = inner.AsBuilder().{|AGR0009:UseAgentRules|}().Build();
                    return new ChatClientAgent(client, instructions: "You answer order questions.", tools: [AIFunctionFactory.Create(Lookup)]);
                }
            }
            """,
            Default);
    }
}
