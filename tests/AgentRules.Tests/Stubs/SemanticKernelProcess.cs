// Stand-in for Microsoft.SemanticKernel.Process.Abstractions (1.82.0-alpha), which the registry here does not serve:
// process steps use [KernelFunction] too, but are not agent tools. Compiled against the REAL Microsoft.SemanticKernel
// 1.82.0. Only what AgentRules recognises; bodies are never run.
#nullable enable
using System.Threading.Tasks;

namespace Microsoft.SemanticKernel
{
    public class KernelProcessStepState
    {
        public string? Name { get; init; }
    }

    public class KernelProcessStep
    {
        public virtual ValueTask ActivateAsync(KernelProcessStepState state) => default;
    }

    public class KernelProcessStep<TState> : KernelProcessStep where TState : class, new()
    {
    }

    public sealed class KernelProcessStepContext
    {
        public ValueTask EmitEventAsync(string eventId, object? data = null) => default;
    }
}
