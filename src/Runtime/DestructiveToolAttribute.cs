using System;

namespace AgentRules;

/// <summary>
/// Declares that a tool changes state outside the process: deletes, writes, creates, sends, publishes, deploys or
/// pays. Destructive tools need an environment scope (AGR0001) and should sit behind human approval (AGR0008).
/// </summary>
/// <remarks>
/// Use it where a framework has no effect annotation of its own (Semantic Kernel, Microsoft.Extensions.AI, OpenAI,
/// <see cref="AgentToolAttribute"/>). For MCP tools prefer <c>[McpServerTool(Destructive = true)]</c>, which clients see.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DestructiveToolAttribute : Attribute
{
}
