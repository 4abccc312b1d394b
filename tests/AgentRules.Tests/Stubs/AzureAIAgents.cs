// Stand-in for Azure AI Foundry agents (Azure.AI.Agents.Persistent 1.1.0), which the registry here does not serve.
// Compiled against the real Azure.Core (Response<T>). Only the members AgentRules recognises.
#nullable enable
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Azure.AI.Agents.Persistent
{
    using Azure;

    public class ToolDefinition
    {
    }

    public class PersistentAgent
    {
        public string Id { get; } = string.Empty;
        public string? Instructions { get; }
    }

    public class PersistentAgentsAdministrationClient
    {
        public virtual Response<PersistentAgent> CreateAgent(string model, string? name = null, string? description = null, string? instructions = null, IEnumerable<ToolDefinition>? tools = null, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<Response<PersistentAgent>> CreateAgentAsync(string model, string? name = null, string? description = null, string? instructions = null, IEnumerable<ToolDefinition>? tools = null, CancellationToken cancellationToken = default) => throw null!;
    }

    public class PersistentAgentsClient
    {
        public PersistentAgentsClient(string endpoint, object credential) { }
        public virtual PersistentAgentsAdministrationClient Administration => throw null!;
    }
}
