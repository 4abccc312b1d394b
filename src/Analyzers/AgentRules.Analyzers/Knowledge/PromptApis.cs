using System.Collections.Generic;
using AgentRules.Analyzers.Recognition.Prompts;

namespace AgentRules.Analyzers.Knowledge;

/// <summary>
/// The framework APIs that take prompt text (prompt sinks), by metadata name: constructors and methods with the
/// parameter that carries the text, and properties that take it when assigned. <see cref="PromptSiteTable"/> resolves
/// these rows once per compilation; add a row here when a framework ships a new way to pass a prompt.
/// </summary>
public static class PromptApis
{
    // Constructors and methods: (type, method or null for constructors, text parameter, role parameter, contents parameter, kind, role-based message).
    internal static readonly (string Type, string? Method, string Text, string? Role, string? Contents, PromptSiteKind Kind, bool IsMessage)[] Calls =
    {
        // Microsoft.Extensions.AI
        ("Microsoft.Extensions.AI.ChatMessage", null, "content", "role", "contents", PromptSiteKind.SystemMessage, true),

        // OpenAI .NET SDK
        ("OpenAI.Chat.SystemChatMessage", null, "content", null, null, PromptSiteKind.SystemMessage, false),
        ("OpenAI.Chat.DeveloperChatMessage", null, "content", null, null, PromptSiteKind.DeveloperMessage, false),
        ("OpenAI.Chat.ChatMessage", "CreateSystemMessage", "content", null, null, PromptSiteKind.SystemMessage, false),
        ("OpenAI.Chat.ChatMessage", "CreateDeveloperMessage", "content", null, null, PromptSiteKind.DeveloperMessage, false),

        // Azure.AI.OpenAI 1.0 betas up to beta.8 (verified on the real beta.6): one role-based ChatMessage(ChatRole role,
        // string content); the later betas' ChatRequestSystemMessage is not served, so it is not listed.
        ("Azure.AI.OpenAI.ChatMessage", null, "content", "role", null, PromptSiteKind.SystemMessage, false),

        // User and assistant messages are prompt sites only as feedback a loop sends back to the model (issue 18).
        ("OpenAI.Chat.UserChatMessage", null, "content", null, null, PromptSiteKind.FeedbackMessage, false),
        ("OpenAI.Chat.AssistantChatMessage", null, "content", null, null, PromptSiteKind.FeedbackMessage, false),
        ("OpenAI.Chat.ChatMessage", "CreateUserMessage", "content", null, null, PromptSiteKind.FeedbackMessage, false),
        ("OpenAI.Chat.ChatMessage", "CreateAssistantMessage", "content", null, null, PromptSiteKind.FeedbackMessage, false),
        ("Microsoft.SemanticKernel.ChatCompletion.ChatHistory", "AddUserMessage", "content", null, null, PromptSiteKind.FeedbackMessage, false),
        ("Microsoft.SemanticKernel.ChatCompletion.ChatHistory", "AddAssistantMessage", "content", null, null, PromptSiteKind.FeedbackMessage, false),

        // Semantic Kernel
        ("Microsoft.SemanticKernel.ChatCompletion.ChatHistory", null, "systemMessage", null, null, PromptSiteKind.SystemMessage, false),
        ("Microsoft.SemanticKernel.ChatCompletion.ChatHistory", null, "message", "role", null, PromptSiteKind.SystemMessage, false),
        ("Microsoft.SemanticKernel.ChatCompletion.ChatHistory", "AddSystemMessage", "content", null, null, PromptSiteKind.SystemMessage, false),
        ("Microsoft.SemanticKernel.ChatCompletion.ChatHistory", "AddDeveloperMessage", "content", null, null, PromptSiteKind.DeveloperMessage, false),
        ("Microsoft.SemanticKernel.ChatCompletion.ChatHistory", "AddMessage", "content", "authorRole", null, PromptSiteKind.SystemMessage, false),
        ("Microsoft.SemanticKernel.ChatMessageContent", null, "content", "role", null, PromptSiteKind.SystemMessage, false),
        ("Microsoft.SemanticKernel.KernelExtensions", "InvokePromptAsync", "promptTemplate", null, null, PromptSiteKind.PromptTemplate, false),
        ("Microsoft.SemanticKernel.KernelExtensions", "InvokePromptStreamingAsync", "promptTemplate", null, null, PromptSiteKind.PromptTemplate, false),
        ("Microsoft.SemanticKernel.KernelExtensions", "CreateFunctionFromPrompt", "promptTemplate", null, null, PromptSiteKind.PromptTemplate, false),
        ("Microsoft.SemanticKernel.KernelFunctionFactory", "CreateFromPrompt", "promptTemplate", null, null, PromptSiteKind.PromptTemplate, false),
        ("Microsoft.SemanticKernel.KernelFunctionYaml", "FromPromptYaml", "text", null, null, PromptSiteKind.PromptTemplate, false),
        ("Microsoft.SemanticKernel.KernelFunctionYaml", "ToPromptTemplateConfig", "text", null, null, PromptSiteKind.PromptTemplate, false),
        ("Microsoft.SemanticKernel.PromptYamlKernelExtensions", "CreateFunctionFromPromptYaml", "text", null, null, PromptSiteKind.PromptTemplate, false),
        ("Microsoft.SemanticKernel.PromptTemplateConfig", null, "template", null, null, PromptSiteKind.PromptTemplate, false),
        ("Microsoft.SemanticKernel.PromptyKernelExtensions", "CreateFunctionFromPrompty", "promptyTemplate", null, null, PromptSiteKind.PromptTemplate, false),

        // Semantic Kernel's OpenAI assistant helpers (Microsoft.SemanticKernel.Agents.OpenAI).
        ("Microsoft.SemanticKernel.Agents.OpenAI.AssistantClientExtensions", "CreateAssistantAsync", "instructions", null, null, PromptSiteKind.AgentInstructions, false),

        // Azure AI Foundry agents (Azure.AI.Agents.Persistent), which Agent Framework and SK samples create directly.
        ("Azure.AI.Agents.Persistent.PersistentAgentsAdministrationClient", "CreateAgent", "instructions", null, null, PromptSiteKind.AgentInstructions, false),
        ("Azure.AI.Agents.Persistent.PersistentAgentsAdministrationClient", "CreateAgentAsync", "instructions", null, null, PromptSiteKind.AgentInstructions, false),
        ("Azure.AI.Agents.Persistent.PersistentAgentsAdministrationClient", "UpdateAgent", "instructions", null, null, PromptSiteKind.AgentInstructions, false),
        ("Azure.AI.Agents.Persistent.PersistentAgentsAdministrationClient", "UpdateAgentAsync", "instructions", null, null, PromptSiteKind.AgentInstructions, false),

        // Agent Framework workflows 1.28: the message a handoff workflow in autonomous mode sends to keep an agent going.
        ("Microsoft.Agents.AI.Workflows.HandoffWorkflowBuilderCore`1", "WithAutonomousMode", "continuationPrompt", null, null, PromptSiteKind.AgentInstructions, false),
    };

    /// <summary>
    /// Every framework API of the tables, for the knowledge test that resolves them in the real assemblies:
    /// (type metadata name, member name or null for a constructor, parameter name or null for a property).
    /// </summary>
    public static IEnumerable<(string Type, string? Member, string? Parameter)> KnownApis
    {
        get
        {
            foreach (var call in Calls)
            {
                yield return (call.Type, call.Method, call.Text);
                if (call.Role is { } role)
                {
                    yield return (call.Type, call.Method, role);
                }

                if (call.Contents is { } contents)
                {
                    yield return (call.Type, call.Method, contents);
                }
            }

            foreach (var property in Properties)
            {
                yield return (property.Type, property.Property, null);
            }
        }
    }

    // Properties that take prompt text when assigned (object initializers included).
    internal static readonly (string Type, string Property, PromptSiteKind Kind, bool McpPromptOnly)[] Properties =
    {
        ("Microsoft.Extensions.AI.ChatOptions", "Instructions", PromptSiteKind.ChatInstructions, false),
        ("Microsoft.Agents.AI.ChatClientAgentOptions", "Instructions", PromptSiteKind.AgentInstructions, false), // previews before ChatOptions.Instructions
        ("Microsoft.Agents.AI.AIContext", "Instructions", PromptSiteKind.AgentInstructions, false), // added by AIContextProviders per run
        ("Microsoft.SemanticKernel.Agents.Agent", "Instructions", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.SemanticKernel.Agents.AgentInvokeOptions", "AdditionalInstructions", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.SemanticKernel.Agents.AgentDefinition", "Instructions", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.SemanticKernel.PromptTemplateConfig", "Template", PromptSiteKind.PromptTemplate, false),
        ("Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings", "ChatSystemPrompt", PromptSiteKind.SystemMessage, false),
        ("Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings", "ChatDeveloperPrompt", PromptSiteKind.DeveloperMessage, false),
        ("ModelContextProtocol.Server.McpServerOptions", "ServerInstructions", PromptSiteKind.McpServerInstructions, false),
        ("ModelContextProtocol.Protocol.TextContentBlock", "Text", PromptSiteKind.McpPrompt, true),
        ("OpenAI.Assistants.AssistantCreationOptions", "Instructions", PromptSiteKind.AgentInstructions, false),
        ("OpenAI.Assistants.AssistantModificationOptions", "Instructions", PromptSiteKind.AgentInstructions, false),
        ("OpenAI.Assistants.RunCreationOptions", "InstructionsOverride", PromptSiteKind.AgentInstructions, false),
        ("OpenAI.Assistants.RunCreationOptions", "AdditionalInstructions", PromptSiteKind.AgentInstructions, false),
        ("OpenAI.Responses.ResponseCreationOptions", "Instructions", PromptSiteKind.ChatInstructions, false),
        ("OpenAI.Responses.CreateResponseOptions", "Instructions", PromptSiteKind.ChatInstructions, false),
        ("OpenAI.Realtime.ConversationSessionOptions", "Instructions", PromptSiteKind.ChatInstructions, false),
        ("OpenAI.Realtime.RealtimeSessionOptions", "Instructions", PromptSiteKind.ChatInstructions, false),
        ("OpenAI.Realtime.RealtimeConversationSessionOptions", "Instructions", PromptSiteKind.ChatInstructions, false), // OpenAI 2.15
        ("OpenAI.Realtime.RealtimeResponseOptions", "Instructions", PromptSiteKind.ChatInstructions, false),

        // MCP sampling: the system prompt a server asks the client's model to use (ModelContextProtocol.Core 2.4).
        ("ModelContextProtocol.Protocol.CreateMessageRequestParams", "SystemPrompt", PromptSiteKind.SystemMessage, false),

        // Microsoft.Extensions.AI 11: realtime sessions and responses, and the summarizing chat reducer's prompt.
        ("Microsoft.Extensions.AI.RealtimeSessionOptions", "Instructions", PromptSiteKind.ChatInstructions, false),
        ("Microsoft.Extensions.AI.CreateResponseRealtimeClientMessage", "Instructions", PromptSiteKind.ChatInstructions, false),
        ("Microsoft.Extensions.AI.SummarizingChatReducer", "SummarizationPrompt", PromptSiteKind.SystemMessage, false),

        // Agent Framework 1.28: the prompts its context providers, loop evaluators and Magentic orchestrator add.
        ("Microsoft.Agents.AI.TodoProviderOptions", "Instructions", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.AgentModeProviderOptions", "Instructions", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.FileAccessProviderOptions", "Instructions", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.FileMemoryProviderOptions", "Instructions", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.BackgroundAgentsProviderOptions", "Instructions", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.AIJudgeLoopEvaluatorOptions", "Instructions", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.AgentSkillsProviderOptions", "SkillsInstructionPrompt", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.TextSearchProviderOptions", "ContextPrompt", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.TextSearchProviderOptions", "CitationsPrompt", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.Workflows.MagenticPromptOverrides", "TaskLedgerFactsPrompt", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.Workflows.MagenticPromptOverrides", "TaskLedgerPlanPrompt", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.Workflows.MagenticPromptOverrides", "TaskLedgerFullPrompt", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.Workflows.MagenticPromptOverrides", "TaskLedgerFactsUpdatePrompt", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.Workflows.MagenticPromptOverrides", "TaskLedgerPlanUpdatePrompt", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.Workflows.MagenticPromptOverrides", "ProgressLedgerPrompt", PromptSiteKind.AgentInstructions, false),
        ("Microsoft.Agents.AI.Workflows.MagenticPromptOverrides", "FinalAnswerPrompt", PromptSiteKind.AgentInstructions, false),

        // Agent Framework Harness 1.19 (Microsoft.Agents.AI.Harness): the harness-level instructions, sent before the
        // agent's own ChatOptions.Instructions (which the ChatOptions row covers; HarnessAgentOptions.ChatOptions makes them agent instructions).
        ("Microsoft.Agents.AI.HarnessAgentOptions", "HarnessInstructions", PromptSiteKind.AgentInstructions, false),
    };

    /// <summary>
    /// The simple names of every row's type, method and property, whatever the compilation references: a superset of
    /// <see cref="PromptSiteTable.ConstructorTypeNames"/>, <see cref="PromptSiteTable.MethodNames"/> and <see cref="PromptSiteTable.PropertyNames"/> without configured sinks.
    /// </summary>
    internal static IEnumerable<string> StaticWords
    {
        get
        {
            foreach (var call in Calls)
            {
                yield return call.Type.Substring(call.Type.LastIndexOf('.') + 1);
                if (call.Method is not null)
                {
                    yield return call.Method;
                }
            }

            foreach (var property in Properties)
            {
                yield return property.Property;
            }
        }
    }
}
