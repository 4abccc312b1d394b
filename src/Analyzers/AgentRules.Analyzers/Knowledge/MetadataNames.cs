namespace AgentRules.Analyzers.Knowledge;

/// <summary>
/// Metadata names (namespace + type) of the framework and AgentRules types the rules recognise. Types are always
/// matched by these names, never by a simple name, so a user's own <c>McpServerToolAttribute</c> in another
/// namespace is not mistaken for the SDK's.
/// </summary>
public static class MetadataNames
{
    // AgentRules runtime (src/Runtime).
    public const string EnvironmentScopeAttribute = "AgentRules.EnvironmentScopeAttribute";

    // MCP C# SDK (ModelContextProtocol.Core).
    public const string McpServerToolAttribute = "ModelContextProtocol.Server.McpServerToolAttribute";
    public const string McpServerToolTypeAttribute = "ModelContextProtocol.Server.McpServerToolTypeAttribute";

    // Prompts (issue 5). The prompt-site rows are in Knowledge/PromptApis.cs.
    public const string PromptAttribute = "AgentRules.PromptAttribute";
    public const string AgentPrompt = "AgentRules.AgentPrompt";
    public const string McpServerPromptAttribute = "ModelContextProtocol.Server.McpServerPromptAttribute";

    // Azure Functions MCP extension (Microsoft.Azure.Functions.Worker.Extensions.Mcp): a prompt function's trigger parameter.
    public const string McpPromptTriggerAttribute = "Microsoft.Azure.Functions.Worker.Extensions.Mcp.McpPromptTriggerAttribute";
}
