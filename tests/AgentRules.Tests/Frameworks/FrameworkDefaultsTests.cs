#pragma warning disable MEAI001, MAAI001 // realtime clients (MEAI 11) and loop agents (Agent Framework 1.28) are [Experimental]
using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Knowledge;
using Microsoft.Extensions.AI;
using Xunit;

namespace AgentRules.Tests.Frameworks;

/// <summary>
/// The default caps the rules and docs/frameworks.md state, read from the real framework assemblies: from public
/// constants, from the internal constants the frameworks use, or from a freshly created instance. A framework update
/// that changes a default fails here, and the messages and docs are updated with it.
/// </summary>
public class FrameworkDefaultsTests
{
    [Fact]
    public void Microsoft_Extensions_AI_function_invocation_defaults_to_40_iterations_and_3_consecutive_errors()
    {
        using var chat = new FunctionInvokingChatClient(new NoChatClient());
        Assert.Equal(AgentLoopApis.FunctionInvocationDefault, chat.MaximumIterationsPerRequest);
        Assert.Equal(3, chat.MaximumConsecutiveErrorsPerRequest);

        using var realtime = new FunctionInvokingRealtimeClient(new NoRealtimeClient());
        Assert.Equal(AgentLoopApis.FunctionInvocationDefault, realtime.MaximumIterationsPerRequest);
        Assert.Equal(3, realtime.MaximumConsecutiveErrorsPerRequest);
    }

    [Fact]
    public void Agent_Framework_caps_are_the_ones_the_rules_state()
    {
        Assert.Equal(10, Microsoft.Agents.AI.LoopAgent.DefaultMaxIterations);
        Assert.Equal(AgentLoopApis.ToolApprovalIterationsDefault, Microsoft.Agents.AI.ToolApprovalAgent.DefaultMaxAutoApprovalIterations);
        Assert.Equal(AgentLoopApis.HandoffAutonomousTurnDefault, Constant(typeof(Microsoft.Agents.AI.Workflows.HandoffWorkflowBuilder).Assembly, "Microsoft.Agents.AI.Workflows.Specialized.HandoffWorkflowBuilderDefaults", "DefaultAutonomousTurnLimit"));
        Assert.Equal(3, Constant(typeof(Microsoft.Agents.AI.Workflows.MagenticWorkflowBuilder).Assembly, "Microsoft.Agents.AI.Workflows.Specialized.Magentic.TaskLimits", "DefaultMaxStallCount"));

        var manager = new Microsoft.Agents.AI.Workflows.RoundRobinGroupChatManager([new Microsoft.Agents.AI.ChatClientAgent(new NoChatClient())]);
        Assert.Equal(40, manager.MaximumIterationCount);

        // The cap table says so too.
        Assert.Equal("10", Default("Microsoft.Agents.AI.LoopAgentOptions", "MaxIterations"));
        Assert.Equal("40", Default("Microsoft.Agents.AI.Workflows.GroupChatManager", "MaximumIterationCount"));
        Assert.Equal("40", Default("Microsoft.Agents.AI.ToolApprovalAgentOptions", "MaxAutoApprovalIterations"));
        Assert.Equal("40", Default(AgentLoopApis.FunctionInvokingRealtimeClient, "MaximumIterationsPerRequest"));
    }

    [Fact]
    public void Harness_agents_run_their_own_function_loop_at_40_over_any_client()
    {
        // File memory and skills would touch the working folder; they are not what this test reads.
        static Microsoft.Agents.AI.HarnessAgentOptions Options(int? cap = null) => new() { MaximumIterationsPerRequest = cap, DisableFileMemory = true, DisableAgentSkillsProvider = true };

        var plain = new NoChatClient().AsHarnessAgent(Options());
        Assert.Equal(AgentLoopApis.FunctionInvocationDefault, OuterLoop(plain).MaximumIterationsPerRequest);
        Assert.Equal("40", Default(AgentLoopApis.HarnessAgentOptions, "MaximumIterationsPerRequest"));
        Assert.Equal(7, OuterLoop(new NoChatClient().AsHarnessAgent(Options(7))).MaximumIterationsPerRequest);

        // A client with function invocation of its own (cap 5) gets the harness's loop (40) on top: AGR0009 reports a
        // harness whatever its client, unlike a ChatClientAgent, which keeps the client's loop.
        var capped = new NoChatClient().AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 5).Build();
        var outer = OuterLoop(new Microsoft.Agents.AI.HarnessAgent(capped, Options()));
        Assert.Equal(40, outer.MaximumIterationsPerRequest);
        var below = (IChatClient)typeof(DelegatingChatClient).GetProperty("InnerClient", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(outer)!;
        Assert.Equal(5, below.GetService<FunctionInvokingChatClient>()!.MaximumIterationsPerRequest);

        // Tools even when the project gives none: the harness registers web search (and its providers' tools).
        var chatOptions = plain.GetService<Microsoft.Agents.AI.ChatClientAgent>()!.GetService<ChatOptions>();
        Assert.Contains(chatOptions!.Tools!, t => t is HostedWebSearchTool);

        // DisableToolAutoApproval removes the auto-approval middleware ("don't ask again", auto-approval rules):
        // stricter, not an approval bypass, so the process spec does not list it as one.
        Assert.NotNull(plain.GetService<Microsoft.Agents.AI.ToolApprovalAgent>());
        var strict = new NoChatClient().AsHarnessAgent(new() { DisableToolAutoApproval = true, DisableFileMemory = true, DisableAgentSkillsProvider = true });
        Assert.Null(strict.GetService<Microsoft.Agents.AI.ToolApprovalAgent>());

        static FunctionInvokingChatClient OuterLoop(Microsoft.Agents.AI.AIAgent harness) =>
            harness.GetService<Microsoft.Agents.AI.ChatClientAgent>()!.ChatClient.GetService<FunctionInvokingChatClient>()!;
    }

    [Fact]
    public void Magentic_builder_defaults_leave_rounds_and_resets_unlimited_and_stalls_at_3()
    {
        var builder = typeof(Microsoft.Agents.AI.Workflows.MagenticWorkflowBuilder);
        Assert.Null(builder.GetMethod("WithMaxRounds")!.GetParameters().Single().DefaultValue);
        Assert.Null(builder.GetMethod("WithMaxResets")!.GetParameters().Single().DefaultValue);
        Assert.Equal(3, builder.GetMethod("WithMaxStalls")!.GetParameters().Single().DefaultValue);
    }

    [Fact]
    public void Semantic_Kernel_auto_invokes_at_most_128_times_and_it_is_not_configurable()
    {
        var processor = typeof(Microsoft.SemanticKernel.Kernel).Assembly.GetType("Microsoft.SemanticKernel.Connectors.FunctionCalling.FunctionCallsProcessor")
            ?? typeof(Microsoft.SemanticKernel.KernelExtensions).Assembly.GetType("Microsoft.SemanticKernel.Connectors.FunctionCalling.FunctionCallsProcessor")
            ?? typeof(Microsoft.SemanticKernel.Connectors.OpenAI.ToolCallBehavior).Assembly.GetType("Microsoft.SemanticKernel.Connectors.FunctionCalling.FunctionCallsProcessor");
        Assert.NotNull(processor);
        Assert.False(processor!.IsPublic, "Semantic Kernel's auto-invoke limit lives in an internal type: not configurable.");
        Assert.Equal(AgentLoopApis.SemanticKernelAutoInvokeLimit, Constant(processor.Assembly, processor.FullName!, "MaximumAutoInvokeAttempts"));
    }

    [Fact]
    public void MCP_tool_attribute_defaults_read_as_destructive_and_open_world()
    {
        var attribute = new global::ModelContextProtocol.Server.McpServerToolAttribute();
        Assert.True(attribute.Destructive);
        Assert.False(attribute.ReadOnly);
        Assert.False(attribute.Idempotent);
        Assert.True(attribute.OpenWorld);

        // The create options keep "not said" apart from false: every hint is bool?.
        foreach (var name in new[] { "Destructive", "ReadOnly", "Idempotent", "OpenWorld" })
        {
            Assert.Equal(typeof(bool?), typeof(global::ModelContextProtocol.Server.McpServerToolCreateOptions).GetProperty(name)!.PropertyType);
            Assert.Equal(typeof(bool?), typeof(global::ModelContextProtocol.Protocol.ToolAnnotations).GetProperty(name + "Hint")!.PropertyType);
        }
    }

    private static int Constant(Assembly assembly, string type, string field) =>
        (int)assembly.GetType(type, throwOnError: true)!.GetField(field, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;

    private static string Default(string type, string property) =>
        AgentLoopApis.CapSettings.Single(s => s.TypeMetadataName == type && s.Property == property).Default;

    private sealed class NoChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class NoRealtimeClient : IRealtimeClient
    {
        public Task<IRealtimeClientSession> CreateSessionAsync(RealtimeSessionOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
