// Caps set in configuration code, some removed by accident.
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel.Agents;
using Microsoft.SemanticKernel.Agents.Chat;

namespace Corpus.CapSettings;

public static class Tuning
{
    public static IChatClient Generous(IChatClient inner) =>
        inner.AsBuilder()
            .UseFunctionInvocation(configure: c =>
            {
                // expect: AGR0002
                c.MaximumIterationsPerRequest = 500;
                c.IncludeDetailedErrors = true;
            })
            .Build();

    public static void Relax(TerminationStrategy strategy)
    {
        // expect: AGR0002
        strategy.MaximumIterations = int.MaxValue;
    }

    public static void Tighten(TerminationStrategy strategy) => strategy.MaximumIterations = 12;

    public static AgentGroupChat Chat(params Agent[] agents) => new(agents);
}
