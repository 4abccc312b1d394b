using Xunit;

namespace AgentRules.Tests.Runtime;

/// <summary>
/// Tests that touch process-wide runtime state (<see cref="KillSwitch.Global"/>, <see cref="AgentEnvironment"/>)
/// join this collection so they never run in parallel with each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "Process-wide runtime state";
}
