namespace AgentRules.Analyzers.Knowledge;

/// <summary>
/// Metadata names of the types the tool recognition engine matches: every tool form, the effect and scope
/// declarations, and the approval wrappers. (<c>[EnvironmentScope]</c> and <c>[McpServerTool]</c> are in <c>MetadataNames</c>.)
/// </summary>
public static class ToolMetadataNames
{
    // AgentRules runtime (src/Runtime).
    public const string AgentToolAttribute = "AgentRules.AgentToolAttribute";
    public const string ReadOnlyAttribute = "AgentRules.ReadOnlyToolAttribute";
    public const string DestructiveAttribute = "AgentRules.DestructiveToolAttribute";
    public const string RequiresApprovalAttribute = "AgentRules.RequiresApprovalAttribute";
    public const string ToolBudgetAttribute = "AgentRules.ToolBudgetAttribute";
    public const string AgentEnvironment = "AgentRules.AgentEnvironment";

    // MCP C# SDK (ModelContextProtocol.Core).
    public const string McpServerTool = "ModelContextProtocol.Server.McpServerTool";
    public const string McpServerToolCreateOptions = "ModelContextProtocol.Server.McpServerToolCreateOptions";
    public const string McpServerBuilderExtensions = "Microsoft.Extensions.DependencyInjection.McpServerBuilderExtensions";

    // Semantic Kernel.
    public const string KernelFunctionAttribute = "Microsoft.SemanticKernel.KernelFunctionAttribute";
    public const string KernelFunctionFactory = "Microsoft.SemanticKernel.KernelFunctionFactory";
    public const string KernelExtensions = "Microsoft.SemanticKernel.KernelExtensions";
    public const string KernelPluginFactory = "Microsoft.SemanticKernel.KernelPluginFactory";
    public const string FunctionInvocationFilter = "Microsoft.SemanticKernel.IFunctionInvocationFilter";
    public const string AutoFunctionInvocationFilter = "Microsoft.SemanticKernel.IAutoFunctionInvocationFilter";

    // Microsoft.Extensions.AI (Abstractions).
    public const string AIFunctionFactory = "Microsoft.Extensions.AI.AIFunctionFactory";
    public const string AIFunctionFactoryOptions = "Microsoft.Extensions.AI.AIFunctionFactoryOptions";
    public const string AIFunctionNameAttribute = "Microsoft.Extensions.AI.AIFunctionNameAttribute";
    public const string ApprovalRequiredAIFunction = "Microsoft.Extensions.AI.ApprovalRequiredAIFunction";

    // OpenAI .NET SDK.
    public const string ChatTool = "OpenAI.Chat.ChatTool";

    // Azure Functions MCP extension (isolated worker).
    public const string McpToolTriggerAttribute = "Microsoft.Azure.Functions.Worker.Extensions.Mcp.McpToolTriggerAttribute";
    public const string McpToolPropertyAttribute = "Microsoft.Azure.Functions.Worker.Extensions.Mcp.McpToolPropertyAttribute";
    public const string OutputBindingAttribute = "Microsoft.Azure.Functions.Worker.Extensions.Abstractions.OutputBindingAttribute";

    // BCL.
    public const string DescriptionAttribute = "System.ComponentModel.DescriptionAttribute";
    public const string MethodInfo = "System.Reflection.MethodInfo";
    public const string Type = "System.Type";
}
