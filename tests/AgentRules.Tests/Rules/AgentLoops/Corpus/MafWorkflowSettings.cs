// Microsoft Agent Framework: workflow and loop-agent caps.
#pragma warning disable MAAI001 // LoopAgentOptions is evaluation-only in Agent Framework 1.28
using System.Collections.Generic;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;

namespace Corpus.MafWorkflows;

public static class Workflows
{
    public static Workflow Magentic(AIAgent manager, IReadOnlyList<AIAgent> team) =>
        AgentWorkflowBuilder.CreateMagenticBuilderWith(manager)
            .AddParticipants(team)
            // expect: AGR0002
            .WithMaxRounds(null)
            .Build();

    public static Workflow BoundedMagentic(AIAgent manager, IReadOnlyList<AIAgent> team) =>
        AgentWorkflowBuilder.CreateMagenticBuilderWith(manager)
            .AddParticipants(team)
            .WithMaxRounds(15)
            .Build();

    public static GroupChatManager RoundRobin(IReadOnlyList<AIAgent> agents) =>
        new RoundRobinGroupChatManager(agents) { MaximumIterationCount = 5 };

    public static LoopAgentOptions Refinement() => new()
    {
        // expect: AGR0002
        MaxIterations = int.MaxValue,
        FreshContextPerIteration = true,
    };

    public static LoopAgentOptions Polishing() => new() { MaxIterations = 3 };
}
