using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Frameworks;

/// <summary>
/// Microsoft Agent Framework 1.28 (Microsoft.Agents.AI, .Workflows), compiled against the real packages: handoff
/// autonomous mode, tool approval, Magentic resets (AGR0009, AGR0002) and the prompts providers add (AGR0004).
/// </summary>
public class AgentFrameworkTests
{
    [Fact]
    public async Task Handoff_autonomous_mode_left_at_50_turns_is_reported_and_an_explicit_limit_is_not()
    {
        await new FunctionInvocationCapRulesTest
        {
            Source = """
                using Microsoft.Agents.AI;
                using Microsoft.Agents.AI.Workflows;

                public static class Support
                {
                    public static Workflow Default(AIAgent triage, AIAgent billing) =>
                        new HandoffWorkflowBuilder(triage).WithHandoff(triage, billing).{|AGR0009:WithAutonomousMode|}().Build();

                    public static Workflow Null(AIAgent triage, AIAgent billing) =>
                        new HandoffWorkflowBuilder(triage).WithHandoff(triage, billing).{|AGR0009:WithAutonomousMode|}(turnLimit: null).Build();

                    public static Workflow Capped(AIAgent triage, AIAgent billing) =>
                        new HandoffWorkflowBuilder(triage).WithHandoff(triage, billing).WithAutonomousMode(turnLimit: 8).Build();

                    public static Workflow Unbounded(AIAgent triage, AIAgent billing) =>
                        new HandoffWorkflowBuilder(triage).WithHandoff(triage, billing).{|AGR0002:WithAutonomousMode|}(int.MaxValue).Build();
                }
                """,
            ExpectedMessages =
            {
                "The handoff workflow's autonomous mode leaves the framework's default iteration cap in force: turnLimit defaults to 50 turns; pass turnLimit explicitly",
                "The handoff workflow's autonomous mode leaves the framework's default iteration cap in force: turnLimit defaults to 50 turns; pass turnLimit explicitly",
                "The handoff workflow's autonomous mode has no iteration cap: turnLimit is int.MaxValue, above agentrules.max_iterations_ceiling (100)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Tool_approval_left_at_40_auto_approval_iterations_is_reported()
    {
        await new FunctionInvocationCapRulesTest
        {
            Source = """
                using Microsoft.Agents.AI;

                public static class Hosts
                {
                    public static AIAgent Default(AIAgent agent) => agent.AsBuilder().{|AGR0009:UseToolApproval|}().Build();

                    public static AIAgent Rules(AIAgent agent) =>
                        agent.AsBuilder().{|AGR0009:UseToolApproval|}(new ToolApprovalAgentOptions { MaxAutoApprovalIterations = null }).Build();

                    public static AIAgent Direct(AIAgent agent) => new {|AGR0009:ToolApprovalAgent|}(agent);

                    public static AIAgent Capped(AIAgent agent) =>
                        agent.AsBuilder().UseToolApproval(new ToolApprovalAgentOptions { MaxAutoApprovalIterations = 5 }).Build();

                    public static AIAgent Unbounded(AIAgent agent) =>
                        agent.AsBuilder().UseToolApproval(new ToolApprovalAgentOptions { {|AGR0002:MaxAutoApprovalIterations|} = int.MaxValue }).Build();

                    public static AIAgent External(AIAgent agent, ToolApprovalAgentOptions options) => agent.AsBuilder().UseToolApproval(options).Build();
                }
                """,
            ExpectedMessages =
            {
                "UseToolApproval() leaves the framework's default iteration cap in force: ToolApprovalAgentOptions.MaxAutoApprovalIterations defaults to 40; set it explicitly",
                "UseToolApproval() leaves the framework's default iteration cap in force: ToolApprovalAgentOptions.MaxAutoApprovalIterations defaults to 40; set it explicitly",
                "new ToolApprovalAgent(...) leaves the framework's default iteration cap in force: ToolApprovalAgentOptions.MaxAutoApprovalIterations defaults to 40; set it explicitly",
                "The tool-approval loop has no iteration cap: ToolApprovalAgentOptions.MaxAutoApprovalIterations is set to int.MaxValue, above agentrules.max_iterations_ceiling (100)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Magentic_resets_without_a_limit_are_reported()
    {
        await new FunctionInvocationCapRulesTest
        {
            Source = """
                using Microsoft.Agents.AI;
                using Microsoft.Agents.AI.Workflows;

                public static class Research
                {
                    public static Workflow Unlimited(AIAgent manager, AIAgent researcher) =>
                        new MagenticWorkflowBuilder(manager).AddParticipants(researcher).WithMaxRounds(12).{|AGR0002:WithMaxResets|}(null).Build();

                    public static Workflow Default(AIAgent manager, AIAgent researcher) =>
                        new MagenticWorkflowBuilder(manager).AddParticipants(researcher).WithMaxRounds(12).{|AGR0002:WithMaxResets|}().Build();

                    public static Workflow Capped(AIAgent manager, AIAgent researcher) =>
                        new MagenticWorkflowBuilder(manager).AddParticipants(researcher).WithMaxRounds(12).WithMaxResets(2).WithMaxStalls(3).Build();
                }
                """,
            ExpectedMessages =
            {
                "The Magentic workflow has no iteration cap: WithMaxResets(null) means unlimited plan resets",
                "The Magentic workflow has no iteration cap: WithMaxResets(null) means unlimited plan resets",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Provider_and_orchestrator_prompts_are_prompt_sites()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                #pragma warning disable MAAI001 // the providers are [Experimental] in Agent Framework 1.28
                using AgentRules;
                using Microsoft.Agents.AI;
                using Microsoft.Agents.AI.Workflows;

                public static class Prompts
                {
                    [Prompt("todo.instructions", Version = 1)]
                    public const string Todo = "Keep a todo list of the steps you still have to do.";
                }

                public static class Setup
                {
                    public static TodoProviderOptions Todo() => new() { Instructions = Prompts.Todo };

                    public static AgentModeProviderOptions Modes() => new() { Instructions = [|"Switch to plan mode before you change files."|] };

                    public static FileAccessProviderOptions Files() => new() { Instructions = [|"Only touch files under /workspace."|] };

                    public static AIJudgeLoopEvaluatorOptions Judge() => new() { Instructions = [|"Decide whether the task is complete."|] };

                    public static MagenticPromptOverrides Magentic() => new() { FinalAnswerPrompt = [|"Write the final answer for the user."|] };

                    public static Workflow Handoff(AIAgent triage, AIAgent billing) =>
                        new HandoffWorkflowBuilder(triage).WithHandoff(triage, billing)
                            .WithAutonomousMode(turnLimit: 5, continuationPrompt: [|"Keep going until the refund is done."|]).Build();

                    public static Workflow Declared(AIAgent triage, AIAgent billing) =>
                        new HandoffWorkflowBuilder(triage).WithHandoff(triage, billing).WithAutonomousMode(turnLimit: 5, continuationPrompt: Prompts.Todo).Build();
                }
                """,
            ExpectedMessages =
            {
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }
}
