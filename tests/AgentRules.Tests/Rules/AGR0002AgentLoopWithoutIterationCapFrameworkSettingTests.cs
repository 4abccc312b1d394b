using System.Collections.Immutable;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using static AgentRules.Tests.Rules.FunctionInvocationCapTestSources;

namespace AgentRules.Tests.Rules;

/// <summary>
/// AGR0002 on framework loop settings: caps removed in configuration (above the ceiling) and caps kept.
/// </summary>
public class AGR0002AgentLoopWithoutIterationCapFrameworkSettingTests
{
    [Theory]
    [InlineData("int.MaxValue", "int.MaxValue")]
    [InlineData("1000", "1000")]
    public async Task MaximumIterationsPerRequest_above_the_ceiling_removes_the_cap(string value, string shown)
    {
        await VerifyAsync(
            $$"""
            using Microsoft.Extensions.AI;

            public static class Setup
            {
                public static IChatClient Build(IChatClient inner) =>
                    inner.AsBuilder().UseFunctionInvocation(configure: c => c.{|AGR0002:MaximumIterationsPerRequest|} = {{value}}).Build();
            }
            """,
            "The function-invocation loop has no iteration cap: FunctionInvokingChatClient.MaximumIterationsPerRequest is set to " + shown + ", above agentrules.max_iterations_ceiling (100)");
    }

    [Fact]
    public async Task The_ceiling_is_configurable()
    {
        await VerifyWithConfigAsync(
            """
            using Microsoft.Extensions.AI;

            public static class Setup
            {
                public static IChatClient Relaxed(IChatClient inner) => new FunctionInvokingChatClient(inner) { MaximumIterationsPerRequest = 150 };

                public static IChatClient Strict(IChatClient inner) => new FunctionInvokingChatClient(inner) { {|AGR0002:MaximumIterationsPerRequest|} = 250 };
            }
            """,
            "agentrules.max_iterations_ceiling = 200",
            "The function-invocation loop has no iteration cap: FunctionInvokingChatClient.MaximumIterationsPerRequest is set to 250, above agentrules.max_iterations_ceiling (200)");
    }

    [Theory]
    [InlineData("new LoopAgentOptions { {|AGR0002:MaxIterations|} = int.MaxValue }", "The loop agent has no iteration cap: LoopAgentOptions.MaxIterations is set to int.MaxValue, above agentrules.max_iterations_ceiling (100)")]
    [InlineData("new RoundRobinGroupChatManager(agents) { {|AGR0002:MaximumIterationCount|} = 500 }", "The group chat workflow has no iteration cap: GroupChatManager.MaximumIterationCount is set to 500, above agentrules.max_iterations_ceiling (100)")]
    [InlineData("AgentWorkflowBuilder.CreateMagenticBuilderWith(manager).{|AGR0002:WithMaxRounds|}(null).Build()", "The Magentic workflow has no iteration cap: WithMaxRounds(null) means unlimited rounds")]
    [InlineData("AgentWorkflowBuilder.CreateMagenticBuilderWith(manager).{|AGR0002:WithMaxRounds|}().Build()", "The Magentic workflow has no iteration cap: WithMaxRounds(null) means unlimited rounds")]
    [InlineData("AgentWorkflowBuilder.{|AGR0002:CreateMagenticBuilderWith|}(manager).AddParticipants(agents).Build()", "The Magentic workflow has no iteration cap: rounds are unlimited unless WithMaxRounds(n) is called")]
    [InlineData("new {|AGR0002:MagenticWorkflowBuilder|}(manager).Build()", "The Magentic workflow has no iteration cap: rounds are unlimited unless WithMaxRounds(n) is called")]
    [InlineData("new ToolApprovalAgentOptions { {|AGR0002:MaxAutoApprovalIterations|} = int.MaxValue }", "The tool-approval loop has no iteration cap: ToolApprovalAgentOptions.MaxAutoApprovalIterations is set to int.MaxValue, above agentrules.max_iterations_ceiling (100)")]
    public async Task Agent_Framework_settings_that_remove_a_cap(string expression, string message)
    {
        await VerifyAsync(
            $$"""
            #pragma warning disable MAAI001 // LoopAgentOptions is evaluation-only in Agent Framework 1.28
            using System.Collections.Generic;
            using Microsoft.Agents.AI;
            using Microsoft.Agents.AI.Workflows;

            public static class Orchestration
            {
                public static object Create(AIAgent manager, IReadOnlyList<AIAgent> agents) => {{expression}};
            }
            """,
            message);
    }

    [Theory]
    [InlineData("new LoopAgentOptions { MaxIterations = 5 }")]
    [InlineData("new LoopAgentOptions { MaxIterations = null }")]
    [InlineData("new RoundRobinGroupChatManager(agents) { MaximumIterationCount = 5 }")]
    [InlineData("new RoundRobinGroupChatManager(agents)")]
    [InlineData("AgentWorkflowBuilder.CreateMagenticBuilderWith(manager).AddParticipants(agents).WithMaxRounds(10).Build()")]
    [InlineData("new MagenticWorkflowBuilder(manager).WithMaxRounds(maxRounds: 20)")]
    public async Task Agent_Framework_settings_within_the_ceiling_are_not_reported(string expression)
    {
        await VerifyAsync(
            $$"""
            #pragma warning disable MAAI001 // LoopAgentOptions is evaluation-only in Agent Framework 1.28
            using System.Collections.Generic;
            using Microsoft.Agents.AI;
            using Microsoft.Agents.AI.Workflows;

            public static class Orchestration
            {
                public static object Create(AIAgent manager, IReadOnlyList<AIAgent> agents) => {{expression}};
            }
            """);
    }

    [Fact]
    public async Task Magentic_builder_kept_in_a_variable_is_judged_by_its_later_calls()
    {
        await VerifyAsync(
            """
            using Microsoft.Agents.AI;
            using Microsoft.Agents.AI.Workflows;

            public static class Orchestration
            {
                public static Workflow Capped(AIAgent manager)
                {
                    var builder = AgentWorkflowBuilder.CreateMagenticBuilderWith(manager);
                    builder.WithMaxRounds(12);
                    return builder.Build();
                }

                public static Workflow Uncapped(AIAgent manager)
                {
                    var builder = new {|AGR0002:MagenticWorkflowBuilder|}(manager);
                    builder.AddParticipants(manager);
                    return builder.Build();
                }
            }
            """,
            "The Magentic workflow has no iteration cap: rounds are unlimited unless WithMaxRounds(n) is called");
    }

    [Theory]
    [InlineData("new {|AGR0002:RoundRobinGroupChatManager|}()", "The RoundRobinGroupChatManager orchestration has no iteration cap: RoundRobinGroupChatManager.MaximumInvocationCount defaults to int.MaxValue")]
    [InlineData("new RoundRobinGroupChatManager { {|AGR0002:MaximumInvocationCount|} = int.MaxValue }", "The group chat orchestration has no iteration cap: GroupChatManager.MaximumInvocationCount is set to int.MaxValue, above agentrules.max_iterations_ceiling (100)")]
    [InlineData("new {|AGR0002:StandardMagenticManager|}(service, new PromptExecutionSettings())", "The StandardMagenticManager orchestration has no iteration cap: StandardMagenticManager.MaximumInvocationCount defaults to int.MaxValue")]
    [InlineData("new AgentGroupChat { ExecutionSettings = new() { TerminationStrategy = new ApprovalStrategy { {|AGR0002:MaximumIterations|} = 1000 } } }", "The agent group chat has no iteration cap: TerminationStrategy.MaximumIterations is set to 1000, above agentrules.max_iterations_ceiling (100)")]
    public async Task Semantic_Kernel_orchestrations_without_a_cap(string expression, string message)
    {
        await VerifyAsync(
            SemanticKernelOrchestration(expression),
            message);
    }

    [Theory]
    [InlineData("new RoundRobinGroupChatManager { MaximumInvocationCount = 5 }")]
    [InlineData("new StandardMagenticManager(service, new PromptExecutionSettings()) { MaximumInvocationCount = 5 }")]
    [InlineData("new CappedManager()")]
    [InlineData("new AgentGroupChat { ExecutionSettings = new() { TerminationStrategy = new ApprovalStrategy { MaximumIterations = 10 } } }")]
    public async Task Semantic_Kernel_orchestrations_with_a_cap(string expression)
    {
        await VerifyAsync(SemanticKernelOrchestration(expression));
    }
}
