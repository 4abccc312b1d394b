// Stand-in for Microsoft.Agents.AI.Hosting (1.28.0-preview, the Agent Framework's host registration), which the
// registry here does not serve. Compiled against the REAL Microsoft.Agents.AI 1.28.0 and Microsoft.Extensions.Hosting.
// Only what AgentRules recognises; bodies are never run.
#nullable enable

namespace Microsoft.Agents.AI.Hosting
{
    // Microsoft.Agents.AI.Hosting: agents registered with the host.
    public interface IHostedAgentBuilder
    {
        string Name { get; }
    }

    public static class HostApplicationBuilderAgentExtensions
    {
        public static IHostedAgentBuilder AddAIAgent(this Microsoft.Extensions.Hosting.IHostApplicationBuilder builder, string name, string? instructions) => throw null!;
        public static IHostedAgentBuilder AddAIAgent(this Microsoft.Extensions.Hosting.IHostApplicationBuilder builder, string name, string? instructions, string? description, object? chatClientServiceKey) => throw null!;
    }
}
