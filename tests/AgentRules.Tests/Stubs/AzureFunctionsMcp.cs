// Stand-in for the Azure Functions MCP extension for the .NET isolated worker
// (Microsoft.Azure.Functions.Worker.Extensions.Mcp 1.6.0: tool triggers, and the prompt trigger McpPromptTrigger with
// McpPromptArgument and PromptInvocationContext), which the registry here does not serve, and the few worker
// types its trigger attributes build on (Microsoft.Azure.Functions.Worker.Extensions.Abstractions 1.3.0,
// .Storage.Blobs 6.8.2), declared here so the stand-in stays self-contained.
#nullable enable
using System;
using System.Collections.Generic;

namespace Microsoft.Azure.Functions.Worker
{
    // Microsoft.Azure.Functions.Worker.Extensions.Storage.Blobs
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
    public sealed class BlobInputAttribute(string blobPath) : Microsoft.Azure.Functions.Worker.Extensions.Abstractions.InputBindingAttribute
    {
        public string BlobPath { get; } = blobPath;
        public string? Connection { get; set; }
    }

    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.ReturnValue)]
    public sealed class BlobOutputAttribute(string blobPath) : Microsoft.Azure.Functions.Worker.Extensions.Abstractions.OutputBindingAttribute
    {
        public string BlobPath { get; } = blobPath;
        public string? Connection { get; set; }
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class FunctionAttribute : Attribute
    {
        public FunctionAttribute(string name) { Name = name; }
        public string Name { get; }
    }
}

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions
{
    public abstract class BindingAttribute : Attribute { }
    public abstract class TriggerBindingAttribute : BindingAttribute { }
    public abstract class InputBindingAttribute : BindingAttribute { }
    public abstract class OutputBindingAttribute : BindingAttribute { }
}

namespace Microsoft.Azure.Functions.Worker.Extensions.Mcp
{
    public interface IMcpBindingAttribute
    {
        string BindingName { get; }
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class McpToolTriggerAttribute(string toolName, string? description = null)
        : Microsoft.Azure.Functions.Worker.Extensions.Abstractions.TriggerBindingAttribute, IMcpBindingAttribute
    {
        public string ToolName { get; set; } = toolName;
        public string? Description { get; set; } = description;
        public string BindingName => ToolName;
    }

    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
    public sealed class McpToolPropertyAttribute(string propertyName, string description, bool isRequired = false)
        : Microsoft.Azure.Functions.Worker.Extensions.Abstractions.InputBindingAttribute, IMcpBindingAttribute
    {
        public string PropertyName { get; set; } = propertyName;
        public string? Description { get; set; } = description;
        public bool IsRequired { get; set; } = isRequired;
        public string BindingName => PropertyName;
    }

    public class ToolInvocationContext
    {
        public required string Name { get; init; }
        public Dictionary<string, object>? Arguments { get; init; }
        public string? SessionId { get; init; }
    }

    // Prompts (worker package since 1.5.0): the prompt function's trigger parameter, its arguments, its context.
    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class McpPromptTriggerAttribute(string promptName)
        : Microsoft.Azure.Functions.Worker.Extensions.Abstractions.TriggerBindingAttribute, IMcpBindingAttribute
    {
        public string PromptName { get; } = promptName;
        public string? Title { get; init; }
        public string? Description { get; init; }
        public string? PromptArguments { get; init; }
        public string? Metadata { get; init; }
        public string? Icons { get; init; }
        string IMcpBindingAttribute.BindingName => PromptName;
    }

    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
    public sealed class McpPromptArgumentAttribute(string argumentName, string? description = null, bool isRequired = false)
        : Microsoft.Azure.Functions.Worker.Extensions.Abstractions.InputBindingAttribute, IMcpBindingAttribute
    {
        public string ArgumentName { get; set; } = argumentName;
        public string? Description { get; set; } = description;
        public bool IsRequired { get; set; } = isRequired;
        public string BindingName => ArgumentName;
    }

    public class PromptInvocationContext
    {
        public required string Name { get; init; }
        public Dictionary<string, string>? Arguments { get; init; }
        public string? SessionId { get; init; }
    }
}
