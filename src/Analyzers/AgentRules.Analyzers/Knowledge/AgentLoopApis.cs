using System.Collections.Immutable;

namespace AgentRules.Analyzers.Knowledge;

/// <summary>What an LLM-call API does, as far as the loop rules care.</summary>
public enum LlmCallKind
{
    /// <summary>Asks a model for a response (chat completion, prompt, agent run).</summary>
    Model,

    /// <summary>Asks a model for a streamed response.</summary>
    ModelStreaming,

    /// <summary>Runs a tool the model asked for (<c>AIFunction.InvokeAsync</c>).</summary>
    Tool,

    /// <summary>A method listed in <c>agentrules.llm_methods</c>.</summary>
    Configured,
}

/// <summary>One LLM-call API: a framework type (matched with its subtypes, and as the receiver of extension methods) and the members that call a model.</summary>
/// <param name="TypeMetadataName">The type's metadata name.</param>
/// <param name="DisplayType">The short type name used in messages.</param>
/// <param name="Members">The calling members.</param>
/// <param name="Kind">What they do.</param>
public sealed record LlmApi(string TypeMetadataName, string DisplayType, ImmutableArray<string> Members, LlmCallKind Kind);

/// <summary>A cap setting of a framework: a property that bounds an agent or orchestration loop.</summary>
/// <param name="TypeMetadataName">The type declaring the property.</param>
/// <param name="Property">The property.</param>
/// <param name="Default">The framework's default, as users should read it ("40", "10", "unlimited").</param>
/// <param name="NullMeansUnlimited">Whether assigning null removes the cap.</param>
public sealed record CapSetting(string TypeMetadataName, string Property, string Default, bool NullMeansUnlimited = false);

/// <summary>
/// The APIs the agent-loop rules recognise, in one place: what calls a model, what waits for a person or for work,
/// and which framework settings cap a loop. Everything is matched by metadata name. In-house clients are added with
/// <c>agentrules.llm_methods</c>, other human-input methods with <c>agentrules.human_input_methods</c>.
/// </summary>
public static class AgentLoopApis
{
    // Frameworks.
    public const string IChatClient = "Microsoft.Extensions.AI.IChatClient";
    public const string AIFunction = "Microsoft.Extensions.AI.AIFunction";
    public const string FunctionInvokingChatClient = "Microsoft.Extensions.AI.FunctionInvokingChatClient";
    public const string FunctionInvokingChatClientBuilderExtensions = "Microsoft.Extensions.AI.FunctionInvokingChatClientBuilderExtensions";
    public const string FunctionInvokingRealtimeClient = "Microsoft.Extensions.AI.FunctionInvokingRealtimeClient";
    public const string FunctionInvokingRealtimeClientBuilderExtensions = "Microsoft.Extensions.AI.FunctionInvokingRealtimeClientBuilderExtensions";
    public const string HandoffWorkflowBuilderCore = "Microsoft.Agents.AI.Workflows.HandoffWorkflowBuilderCore`1";
    public const string ToolApprovalAgent = "Microsoft.Agents.AI.ToolApprovalAgent";
    public const string ToolApprovalAgentBuilderExtensions = "Microsoft.Agents.AI.ToolApprovalAgentBuilderExtensions";
    public const string ToolApprovalAgentOptions = "Microsoft.Agents.AI.ToolApprovalAgentOptions";
    public const string ChatClientBuilder = "Microsoft.Extensions.AI.ChatClientBuilder";
    public const string ChatOptions = "Microsoft.Extensions.AI.ChatOptions";
    public const string AIAgent = "Microsoft.Agents.AI.AIAgent";
    public const string ChatClientAgent = "Microsoft.Agents.AI.ChatClientAgent";
    public const string ChatClientAgentOptions = "Microsoft.Agents.AI.ChatClientAgentOptions";
    public const string AIContextProvider = "Microsoft.Agents.AI.AIContextProvider";
    public const string AIContext = "Microsoft.Agents.AI.AIContext";
    public const string MagenticWorkflowBuilder = "Microsoft.Agents.AI.Workflows.MagenticWorkflowBuilder";
    public const string HarnessAgent = "Microsoft.Agents.AI.HarnessAgent";
    public const string HarnessAgentOptions = "Microsoft.Agents.AI.HarnessAgentOptions";
    public const string ChatClientHarnessExtensions = "Microsoft.Extensions.AI.ChatClientHarnessExtensions";
    public const string OpenAIChatClient = "OpenAI.Chat.ChatClient";
    public const string OpenAIResponsesClient = "OpenAI.Responses.ResponsesClient";
    public const string OpenAIResponseClientLegacy = "OpenAI.Responses.OpenAIResponseClient";
    public const string RequestOptions = "System.ClientModel.Primitives.RequestOptions";
    public const string Kernel = "Microsoft.SemanticKernel.Kernel";
    public const string KernelFunction = "Microsoft.SemanticKernel.KernelFunction";
    public const string IChatCompletionService = "Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService";
    public const string ITextGenerationService = "Microsoft.SemanticKernel.TextGeneration.ITextGenerationService";
    public const string SemanticKernelAgent = "Microsoft.SemanticKernel.Agents.Agent";
    public const string SemanticKernelAgentChat = "Microsoft.SemanticKernel.Agents.AgentChat";
    public const string SemanticKernelFunctionCallContent = "Microsoft.SemanticKernel.FunctionCallContent";
    public const string FunctionChoiceBehavior = "Microsoft.SemanticKernel.FunctionChoiceBehavior";
    public const string ToolCallBehavior = "Microsoft.SemanticKernel.Connectors.OpenAI.ToolCallBehavior";
    public const string IAutoFunctionInvocationFilter = "Microsoft.SemanticKernel.IAutoFunctionInvocationFilter";
    public const string SemanticKernelGroupChatManager = "Microsoft.SemanticKernel.Agents.Orchestration.GroupChat.GroupChatManager";
    public const string SemanticKernelMagenticManager = "Microsoft.SemanticKernel.Agents.Magentic.MagenticManager";
    public const string AzureInferenceChatCompletionsClient = "Azure.AI.Inference.ChatCompletionsClient";
    public const string AzureOpenAIClientLegacy = "Azure.AI.OpenAI.OpenAIClient";

    // AgentRules runtime and the BCL.
    public const string KillSwitch = "AgentRules.KillSwitch";
    public const string AgentStepLimit = "AgentRules.AgentStepLimit";
    public const string AgentStepLimitExceededException = "AgentRules.AgentStepLimitExceededException";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string CancellationTokenSource = "System.Threading.CancellationTokenSource";
    public const string BackgroundService = "Microsoft.Extensions.Hosting.BackgroundService";

    /// <summary>Calls that ask a model for something, or run a tool it asked for.</summary>
    public static ImmutableArray<LlmApi> LlmApis { get; } = ImmutableArray.Create(
        new LlmApi(IChatClient, "IChatClient", ImmutableArray.Create("GetResponseAsync"), LlmCallKind.Model),
        new LlmApi(IChatClient, "IChatClient", ImmutableArray.Create("GetStreamingResponseAsync"), LlmCallKind.ModelStreaming),
        new LlmApi(AIAgent, "AIAgent", ImmutableArray.Create("RunAsync"), LlmCallKind.Model),
        new LlmApi(AIAgent, "AIAgent", ImmutableArray.Create("RunStreamingAsync"), LlmCallKind.ModelStreaming),
        new LlmApi(OpenAIChatClient, "ChatClient", ImmutableArray.Create("CompleteChat", "CompleteChatAsync"), LlmCallKind.Model),
        new LlmApi(OpenAIChatClient, "ChatClient", ImmutableArray.Create("CompleteChatStreaming", "CompleteChatStreamingAsync"), LlmCallKind.ModelStreaming),
        new LlmApi(OpenAIResponsesClient, "ResponsesClient", ImmutableArray.Create("CreateResponse", "CreateResponseAsync"), LlmCallKind.Model),
        new LlmApi(OpenAIResponsesClient, "ResponsesClient", ImmutableArray.Create("CreateResponseStreamingAsync"), LlmCallKind.ModelStreaming), // no synchronous streaming in OpenAI 2.15
        new LlmApi(OpenAIResponseClientLegacy, "OpenAIResponseClient", ImmutableArray.Create("CreateResponse", "CreateResponseAsync"), LlmCallKind.Model),
        new LlmApi(OpenAIResponseClientLegacy, "OpenAIResponseClient", ImmutableArray.Create("CreateResponseStreaming", "CreateResponseStreamingAsync"), LlmCallKind.ModelStreaming),
        new LlmApi(IChatCompletionService, "IChatCompletionService", ImmutableArray.Create("GetChatMessageContentsAsync", "GetChatMessageContentAsync"), LlmCallKind.Model),
        new LlmApi(IChatCompletionService, "IChatCompletionService", ImmutableArray.Create("GetStreamingChatMessageContentsAsync"), LlmCallKind.ModelStreaming),
        new LlmApi(ITextGenerationService, "ITextGenerationService", ImmutableArray.Create("GetTextContentsAsync", "GetTextContentAsync"), LlmCallKind.Model),
        new LlmApi(ITextGenerationService, "ITextGenerationService", ImmutableArray.Create("GetStreamingTextContentsAsync"), LlmCallKind.ModelStreaming),
        new LlmApi(Kernel, "Kernel", ImmutableArray.Create("InvokePromptAsync", "InvokeAsync"), LlmCallKind.Model),
        new LlmApi(Kernel, "Kernel", ImmutableArray.Create("InvokePromptStreamingAsync", "InvokeStreamingAsync"), LlmCallKind.ModelStreaming),
        new LlmApi(SemanticKernelAgent, "Agent", ImmutableArray.Create("InvokeAsync"), LlmCallKind.Model),
        new LlmApi(SemanticKernelAgent, "Agent", ImmutableArray.Create("InvokeStreamingAsync"), LlmCallKind.ModelStreaming),
        new LlmApi(SemanticKernelAgentChat, "AgentChat", ImmutableArray.Create("InvokeAsync"), LlmCallKind.Model),
        new LlmApi(SemanticKernelAgentChat, "AgentChat", ImmutableArray.Create("InvokeStreamingAsync"), LlmCallKind.ModelStreaming),
        new LlmApi(AzureInferenceChatCompletionsClient, "ChatCompletionsClient", ImmutableArray.Create("Complete", "CompleteAsync"), LlmCallKind.Model),
        new LlmApi(AzureInferenceChatCompletionsClient, "ChatCompletionsClient", ImmutableArray.Create("CompleteStreaming", "CompleteStreamingAsync"), LlmCallKind.ModelStreaming),
        new LlmApi(AzureOpenAIClientLegacy, "OpenAIClient", ImmutableArray.Create("GetChatCompletions", "GetChatCompletionsAsync"), LlmCallKind.Model),
        new LlmApi(AzureOpenAIClientLegacy, "OpenAIClient", ImmutableArray.Create("GetChatCompletionsStreaming", "GetChatCompletionsStreamingAsync"), LlmCallKind.ModelStreaming),
        new LlmApi("Anthropic.SDK.Messaging.MessagesEndpoint", "MessagesEndpoint", ImmutableArray.Create("GetClaudeMessageAsync"), LlmCallKind.Model),
        new LlmApi("Anthropic.SDK.Messaging.MessagesEndpoint", "MessagesEndpoint", ImmutableArray.Create("StreamClaudeMessageAsync"), LlmCallKind.ModelStreaming),
        new LlmApi("OllamaSharp.IOllamaApiClient", "IOllamaApiClient", ImmutableArray.Create("ChatAsync", "GenerateAsync"), LlmCallKind.ModelStreaming),
        new LlmApi("OllamaSharp.Chat", "Chat", ImmutableArray.Create("SendAsync", "SendAsAsync"), LlmCallKind.ModelStreaming),
        // Running a tool the model asked for (KernelFunction derives from AIFunction).
        new LlmApi(AIFunction, "AIFunction", ImmutableArray.Create("InvokeAsync"), LlmCallKind.Tool),
        new LlmApi(SemanticKernelFunctionCallContent, "FunctionCallContent", ImmutableArray.Create("InvokeAsync"), LlmCallKind.Tool));

    /// <summary>
    /// The namespaces of the frameworks whose members <see cref="LlmApis"/> lists, and of framework types derived from
    /// them (<c>KernelFunction</c>, <c>McpClientTool</c> are <c>AIFunction</c>s): a file that spells none of them, no
    /// global using of one, and no framework type name (<see cref="LlmFrameworkTypeNames"/>) cannot call their members
    /// except through values it never names, so their member names are not model calls there (see LlmFrameworkEvidence).
    /// </summary>
    public static ImmutableArray<string> LlmFrameworkNamespaces { get; } = ImmutableArray.Create(
        "Microsoft.Extensions.AI", "Microsoft.SemanticKernel", "Microsoft.Agents.AI", "OpenAI", "Azure.AI.OpenAI", "Azure.AI.Inference",
        "Azure.AI.Agents", "Azure.AI.Projects", "Anthropic", "OllamaSharp", "ModelContextProtocol.Client");

    /// <summary>Framework type names that hold an LLM API's members (besides the API types themselves): a file that names one can call them.</summary>
    public static ImmutableArray<string> LlmFrameworkTypeNames { get; } = ImmutableArray.Create(
        "IChatClient", "AIFunction", "AIAgent", "KernelFunction", "Kernel", "McpClientTool", "ChatClientAgent", "DelegatingChatClient",
        "DelegatingAIFunction", "AIFunctionFactory", "KernelFunctionFactory", "ChatCompletionAgent", "OpenAIAssistantAgent", "AzureAIAgent",
        "AgentGroupChat", "FunctionCallContent", "IChatCompletionService", "ITextGenerationService", "OpenAIClient", "AzureOpenAIClient");

    /// <summary>HttpClient methods that post a request body (for LLM REST calls made without an SDK).</summary>
    public static ImmutableArray<string> HttpPostMethods { get; } = ImmutableArray.Create("PostAsync", "PostAsJsonAsync", "SendAsync", "Send");

    /// <summary>
    /// Fragments of LLM REST endpoints (OpenAI and compatible servers, Azure OpenAI, Anthropic, Gemini, Ollama): an
    /// <c>HttpClient</c> post whose URL (or request) contains one is an LLM call.
    /// </summary>
    public static ImmutableArray<string> LlmEndpointFragments { get; } = ImmutableArray.Create(
        "chat/completions", "/v1/responses", "/v1/messages", ":generateContent", ":streamGenerateContent", "/api/chat", "/api/generate");

    /// <summary>
    /// Methods that wait for a person (format <c>Namespace.Type.Method</c>): a loop that calls one each iteration is
    /// paced by a human, not by the model. <c>TextReader</c> reads count when their receiver is <c>Console.In</c>.
    /// </summary>
    public static ImmutableArray<string> DefaultHumanInputMethods { get; } = ImmutableArray.Create(
        "System.Console.ReadLine",
        "System.Console.ReadKey",
        "System.Console.Read",
        "Spectre.Console.AnsiConsole.Ask",
        "Spectre.Console.AnsiConsole.Prompt",
        "Spectre.Console.AnsiConsole.Confirm",
        "Spectre.Console.AnsiConsoleExtensions.Ask",
        "Spectre.Console.AnsiConsoleExtensions.AskAsync",
        "Spectre.Console.AnsiConsoleExtensions.Prompt",
        "Spectre.Console.AnsiConsoleExtensions.PromptAsync",
        "Spectre.Console.AnsiConsoleExtensions.Confirm",
        "Spectre.Console.AnsiConsoleExtensions.ConfirmAsync",
        "Spectre.Console.TextPrompt.Show",
        "Spectre.Console.TextPrompt.ShowAsync",
        "Spectre.Console.SelectionPrompt.Show",
        "Spectre.Console.SelectionPrompt.ShowAsync",
        "Spectre.Console.ConfirmationPrompt.Show",
        "Spectre.Console.ConfirmationPrompt.ShowAsync",
        "Sharprompt.Prompt.Input",
        "Sharprompt.Prompt.Select",
        "Sharprompt.Prompt.Confirm");

    /// <summary>Reads of <c>Console.In</c> (a <c>TextReader</c>) that wait for a person.</summary>
    public static ImmutableArray<string> ConsoleInReads { get; } = ImmutableArray.Create("ReadLine", "ReadLineAsync", "Read", "ReadAsync");

    /// <summary>
    /// Methods that wait for the next work item from outside (a queue, a channel): a loop that takes one item per
    /// iteration is paced by its input. Matched by containing type and name.
    /// </summary>
    public static ImmutableArray<string> InputWaitMethods { get; } = ImmutableArray.Create(
        "System.Threading.Channels.ChannelReader.ReadAsync",
        "System.Threading.Channels.ChannelReader.WaitToReadAsync",
        "System.Threading.Channels.ChannelReader.ReadAllAsync",
        "System.Collections.Concurrent.BlockingCollection.Take",
        "System.Collections.Concurrent.BlockingCollection.GetConsumingEnumerable",
        "Azure.Messaging.ServiceBus.ServiceBusReceiver.ReceiveMessageAsync",
        "Azure.Messaging.ServiceBus.ServiceBusReceiver.ReceiveMessagesAsync",
        "Azure.Storage.Queues.QueueClient.ReceiveMessageAsync",
        "Azure.Storage.Queues.QueueClient.ReceiveMessagesAsync");

    /// <summary>Method names that take the next work item from a queue in code the rules cannot see (an in-house <c>IBackgroundTaskQueue</c>).</summary>
    public static ImmutableArray<string> InputWaitMethodNames { get; } = ImmutableArray.Create("DequeueAsync", "ReceiveAsync", "ReceiveMessageAsync", "ReceiveMessagesAsync");

    /// <summary>Framework settings that cap an agent or orchestration loop. Setting one to <c>int.MaxValue</c> or above the ceiling removes the cap (AGR0002).</summary>
    public static ImmutableArray<CapSetting> CapSettings { get; } = ImmutableArray.Create(
        new CapSetting(FunctionInvokingChatClient, "MaximumIterationsPerRequest", "40"),
        new CapSetting(FunctionInvokingRealtimeClient, "MaximumIterationsPerRequest", "40"),
        new CapSetting("Microsoft.SemanticKernel.Agents.Chat.TerminationStrategy", "MaximumIterations", "99"),
        new CapSetting(SemanticKernelGroupChatManager, "MaximumInvocationCount", "unlimited"),
        new CapSetting(SemanticKernelMagenticManager, "MaximumInvocationCount", "unlimited"),
        new CapSetting("Microsoft.Agents.AI.Workflows.GroupChatManager", "MaximumIterationCount", "40"),
        new CapSetting("Microsoft.Agents.AI.LoopAgentOptions", "MaxIterations", "10"),
        new CapSetting(HarnessAgentOptions, "MaximumIterationsPerRequest", "40"),
        new CapSetting(ToolApprovalAgentOptions, "MaxAutoApprovalIterations", "40"));

    /// <summary>Agent Framework handoff workflows in autonomous mode: <c>WithAutonomousMode(turnLimit: null)</c> allows this many turns.</summary>
    public const int HandoffAutonomousTurnDefault = 50;

    /// <summary>Agent Framework <c>ToolApprovalAgent.DefaultMaxAutoApprovalIterations</c> (<c>MaxAutoApprovalIterations</c> null or unset).</summary>
    public const int ToolApprovalIterationsDefault = 40;

    /// <summary>
    /// Framework names the loop rules match that are not cap settings or LLM calls: (type metadata name, member).
    /// For the knowledge test; the recognizer matches them where it needs them.
    /// </summary>
    public static ImmutableArray<(string Type, string Member)> SiteMembers { get; } = ImmutableArray.Create(
        (FunctionInvokingChatClientBuilderExtensions, "UseFunctionInvocation"),
        (FunctionInvokingRealtimeClientBuilderExtensions, "UseFunctionInvocation"),
        (FunctionInvokingChatClient, "MaximumIterationsPerRequest"),
        (FunctionInvokingRealtimeClient, "MaximumIterationsPerRequest"),
        (ChatClientAgentOptions, "UseProvidedChatClientAsIs"),
        (MagenticWorkflowBuilder, "WithMaxRounds"),
        (MagenticWorkflowBuilder, "WithMaxResets"),
        (MagenticWorkflowBuilder, "WithMaxStalls"),
        (HandoffWorkflowBuilderCore, "WithAutonomousMode"),
        (ToolApprovalAgentBuilderExtensions, "UseToolApproval"),
        (ToolApprovalAgent, "DefaultMaxAutoApprovalIterations"),
        (ChatClientHarnessExtensions, "AsHarnessAgent"),
        (HarnessAgentOptions, "Name"),
        (FunctionChoiceBehavior, "Auto"),
        (ToolCallBehavior, "AutoInvokeKernelFunctions"));

    /// <summary>MEAI's <c>FunctionInvokingChatClient.MaximumIterationsPerRequest</c> default (10 before 9.8).</summary>
    public const int FunctionInvocationDefault = 40;

    /// <summary>The default before Microsoft.Extensions.AI 9.8.</summary>
    public const int FunctionInvocationLegacyDefault = 10;

    /// <summary>Semantic Kernel's internal, non-configurable auto-invoke limit per request.</summary>
    public const int SemanticKernelAutoInvokeLimit = 128;

    /// <summary>The default of <c>agentrules.max_iterations_ceiling</c>.</summary>
    public const int DefaultMaxIterationsCeiling = 100;

    /// <summary>The default of <c>agentrules.default_max_iterations</c> (what code fixes write).</summary>
    public const int DefaultMaxIterations = 10;
}
