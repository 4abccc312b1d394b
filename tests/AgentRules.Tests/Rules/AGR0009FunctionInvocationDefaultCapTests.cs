using System.Collections.Immutable;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using static AgentRules.Tests.Rules.FunctionInvocationCapTestSources;

namespace AgentRules.Tests.Rules;

/// <summary>
/// AGR0009: function-invocation sites that leave the framework's default cap in force.
/// </summary>
public class AGR0009FunctionInvocationDefaultCapTests
{
    // ---- Microsoft.Extensions.AI ------------------------------------------------------------------------------

    [Fact]
    public async Task UseFunctionInvocation_without_configuration_leaves_the_default()
    {
        await VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;

            public static class Setup
            {
                public static IChatClient Build(IChatClient inner) => inner.AsBuilder().{|AGR0009:UseFunctionInvocation|}().Build();

                public static IChatClient BuildWithLogging(IChatClient inner, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory) =>
                    new ChatClientBuilder(inner).{|AGR0009:UseFunctionInvocation|}(loggerFactory, configure: c => c.AllowConcurrentInvocation = true).Build();
            }
            """,
            "UseFunctionInvocation() leaves the framework's default iteration cap in force: " + MeaiDefault,
            "UseFunctionInvocation() leaves the framework's default iteration cap in force: " + MeaiDefault);
    }

    [Theory]
    [InlineData("configure: c => c.MaximumIterationsPerRequest = 8")]
    [InlineData("null, c => { c.AllowConcurrentInvocation = true; c.MaximumIterationsPerRequest = MaxToolRounds; }")]
    [InlineData("configure: Configure")]
    [InlineData("configure: c => c.MaximumIterationsPerRequest = settings.MaxToolRounds")]
    [InlineData("configure: external")]
    public async Task UseFunctionInvocation_that_sets_the_cap_is_not_reported(string arguments)
    {
        await VerifyAsync(
            $$"""
            using System;
            using Microsoft.Extensions.AI;

            public sealed class Settings { public int MaxToolRounds { get; set; } = 5; }

            public static class Setup
            {
                private const int MaxToolRounds = 5;

                public static IChatClient Build(IChatClient inner, Settings settings, Action<FunctionInvokingChatClient> external) =>
                    inner.AsBuilder().UseFunctionInvocation({{arguments}}).Build();

                private static void Configure(FunctionInvokingChatClient client) => client.MaximumIterationsPerRequest = MaxToolRounds;
            }
            """);
    }

    [Fact]
    public async Task New_FunctionInvokingChatClient_without_the_cap_leaves_the_default()
    {
        await VerifyAsync(
            """
            using Microsoft.Extensions.AI;

            public static class Setup
            {
                public static IChatClient Default(IChatClient inner) => new {|AGR0009:FunctionInvokingChatClient|}(inner);

                public static IChatClient Initialized(IChatClient inner) => new FunctionInvokingChatClient(inner) { MaximumIterationsPerRequest = 6 };

                public static IChatClient AssignedLater(IChatClient inner)
                {
                    var client = new FunctionInvokingChatClient(inner);
                    client.MaximumIterationsPerRequest = 6;
                    return client;
                }

                public static ChatClientBuilder InBuilder(ChatClientBuilder builder) =>
                    builder.Use(inner => new {|AGR0009:FunctionInvokingChatClient|}(inner) { AllowConcurrentInvocation = true });
            }
            """,
            "new FunctionInvokingChatClient(...) leaves the framework's default iteration cap in force: " + MeaiDefault,
            "new FunctionInvokingChatClient(...) leaves the framework's default iteration cap in force: " + MeaiDefault);
    }

    // ---- Agent Framework --------------------------------------------------------------------------------------

    [Fact]
    public async Task Agents_with_tools_over_a_client_without_function_invocation_leave_the_default()
    {
        await VerifyAsync(
            """
            using System.ComponentModel;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            public static class Agents
            {
                [Description("Gets the weather for a city.")]
                private static string GetWeather(string city) => "sunny";

                public static AIAgent Weather(ChatClient chatClient) =>
                    chatClient.{|AGR0009:AsAIAgent|}(instructions: "You answer weather questions.", name: "WeatherAgent", tools: [AIFunctionFactory.Create(GetWeather)]);

                public static AIAgent Constructed(IChatClient chatClient) =>
                    new {|AGR0009:ChatClientAgent|}(chatClient.AsBuilder().Build(), "You answer weather questions.", tools: [AIFunctionFactory.Create(GetWeather)]);

                public static AIAgent WithOptions(ChatClient chatClient)
                {
                    IChatClient client = chatClient.AsIChatClient();
                    return client.{|AGR0009:AsAIAgent|}(new ChatClientAgentOptions { Name = "Planner", ChatOptions = new() { Tools = [AIFunctionFactory.Create(GetWeather)] } });
                }
            }
            """,
            "Agent 'WeatherAgent' leaves the framework's default iteration cap in force: " + AgentDetail,
            "ChatClientAgent leaves the framework's default iteration cap in force: " + AgentDetail,
            "AsAIAgent(...) leaves the framework's default iteration cap in force: " + AgentDetail);
    }

    [Fact]
    public async Task Unbound_agents_given_tools_over_a_provider_chat_client_leave_the_default()
    {
        // Azure.AI.OpenAI and Microsoft.Agents.AI.OpenAI are not referenced (as in an IDE before a restore): the
        // calls do not bind, but a GetChatClient(...) client has no function invocation of its own.
        await new FunctionInvocationCapRulesTest
        {
            AllowCompilerErrors = true,
            Source = """
                using System;
                using System.Collections.Generic;
                using Azure.AI.OpenAI;
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                var client = new AzureOpenAIClient(new Uri("https://example.openai.azure.com"), "key");
                List<AITool> tools = [AIFunctionFactory.Create(() => "sunny", "get_weather")];
                var weather = client.GetChatClient("gpt-4.1").{|AGR0009:AsAIAgent|}(instructions: "You answer weather questions.", tools: tools);
                var planner = client.GetChatClient("gpt-4.1")
                    .{|AGR0009:CreateAIAgent|}(name: "Planner", tools: [AIFunctionFactory.Create(() => "done", "plan")]);
                """,
            ExpectedMessages =
            {
                "AsAIAgent(...) leaves the framework's default iteration cap in force: " + AgentDetail,
                "Agent 'Planner' leaves the framework's default iteration cap in force: " + AgentDetail,
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Unbound_agents_without_tools_or_over_a_client_the_call_cannot_see_are_not_reported()
    {
        await new FunctionInvocationCapRulesTest
        {
            AllowCompilerErrors = true,
            Source = """
                using System;
                using Azure.AI.OpenAI;
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                var client = new AzureOpenAIClient(new Uri("https://example.openai.azure.com"), "key");
                var joker = client.GetChatClient("gpt-4.1").AsAIAgent(instructions: "You tell jokes.");
                var empty = client.GetChatClient("gpt-4.1").AsAIAgent(instructions: "You tell jokes.", tools: []);
                var unknown = MakeClient().AsAIAgent(tools: [AIFunctionFactory.Create(() => "sunny", "get_weather")]);
                var responses = client.GetResponsesClient().AsAIAgent("gpt-4.1", tools: [AIFunctionFactory.Create(() => "x", "x")]);

                static AzureChatThing MakeClient() => throw new NotSupportedException();
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Agents_without_tools_or_over_a_configured_client_are_not_reported()
    {
        await VerifyAsync(
            """
            using System.ComponentModel;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            public static class Agents
            {
                [Description("Gets the weather for a city.")]
                private static string GetWeather(string city) => "sunny";

                public static AIAgent NoTools(IChatClient chatClient) => chatClient.AsAIAgent(instructions: "You tell jokes.");

                public static AIAgent EmptyTools(IChatClient chatClient) => chatClient.AsAIAgent(instructions: "You tell jokes.", tools: []);

                public static AIAgent Configured(IChatClient chatClient)
                {
                    var client = chatClient.AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 5).Build();
                    return client.AsAIAgent(instructions: "You answer weather questions.", tools: [AIFunctionFactory.Create(GetWeather)]);
                }

                public static AIAgent AsIs(IChatClient chatClient) =>
                    chatClient.AsAIAgent(new ChatClientAgentOptions { UseProvidedChatClientAsIs = true, ChatOptions = new() { Tools = [AIFunctionFactory.Create(GetWeather)] } });
            }
            """);
    }

    [Fact]
    public async Task Agent_over_an_injected_client_is_reported_only_when_the_project_sets_up_no_function_invocation()
    {
        const string Agent = """
            using System.ComponentModel;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            public sealed class WeatherAgentFactory(IChatClient chatClient)
            {
                [Description("Gets the weather for a city.")]
                private static string GetWeather(string city) => "sunny";

                public AIAgent Create() => chatClient.{|AGR0009:AsAIAgent|}(instructions: "You answer weather questions.", tools: [AIFunctionFactory.Create(GetWeather)]);
            }
            """;

        await VerifyAsync(Agent, "AsAIAgent(...) leaves the framework's default iteration cap in force: " + AgentDetail);

        var withSetup = new FunctionInvocationCapRulesTest
        {
            Sources =
            {
                Agent.Replace("{|AGR0009:AsAIAgent|}", "AsAIAgent", System.StringComparison.Ordinal),
                """
                using Microsoft.Extensions.AI;

                public static class Registration
                {
                    public static IChatClient Build(IChatClient inner) => inner.AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 6).Build();
                }
                """,
            },
        };
        await withSetup.RunAsync();
    }

    // ---- Semantic Kernel --------------------------------------------------------------------------------------

    [Fact]
    public async Task Semantic_Kernel_auto_invocation_leaves_the_internal_128_limit()
    {
        await VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            public static class Prompts
            {
                public static Task<FunctionResult> AskAsync(Kernel kernel)
                {
                    PromptExecutionSettings settings = new() { FunctionChoiceBehavior = FunctionChoiceBehavior.{|AGR0009:Auto|}() };
                    return kernel.InvokePromptAsync("What is the weather in Boston?", new(settings));
                }

                public static OpenAIPromptExecutionSettings Legacy() => new() { ToolCallBehavior = ToolCallBehavior.{|AGR0009:AutoInvokeKernelFunctions|} };

                public static PromptExecutionSettings Manual() => new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) };

                public static PromptExecutionSettings Required() => new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Required() };

                public static OpenAIPromptExecutionSettings Enabled() => new() { ToolCallBehavior = ToolCallBehavior.EnableKernelFunctions };
            }
            """,
            "FunctionChoiceBehavior.Auto() leaves the framework's default iteration cap in force: " + SkDetail,
            "ToolCallBehavior.AutoInvokeKernelFunctions leaves the framework's default iteration cap in force: " + SkDetail);
    }

    [Fact]
    public async Task An_auto_function_invocation_filter_that_terminates_caps_the_loop()
    {
        await VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            public sealed class MaxRoundsFilter : IAutoFunctionInvocationFilter
            {
                private const int MaxRequests = 5;

                public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
                {
                    await next(context);
                    if (context.RequestSequenceIndex >= MaxRequests)
                    {
                        context.Terminate = true;
                    }
                }
            }

            public static class Prompts
            {
                public static PromptExecutionSettings Settings() => new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
            }
            """);
    }

    [Fact]
    public void The_default_cap_follows_the_version_of_Microsoft_Extensions_AI()
    {
        // Microsoft.Extensions.AI raised FunctionInvokingChatClient.MaximumIterationsPerRequest's default from 10 to
        // 40 in 9.8. The registry serves no version before 9.8 (its oldest is 9.10.2), so the old default is checked on
        // the assembly identity the rule reads, and the current one on the real 11.0.0 assembly.
        static Microsoft.CodeAnalysis.AssemblyIdentity Meai(int major, int minor) => new("Microsoft.Extensions.AI", new System.Version(major, minor, 0, 0));

        Assert.Equal(10, FunctionInvocationSiteRecognizer.FunctionInvocationDefaultFor(Meai(9, 7)));
        Assert.Equal(10, FunctionInvocationSiteRecognizer.FunctionInvocationDefaultFor(Meai(8, 0)));
        Assert.Equal(40, FunctionInvocationSiteRecognizer.FunctionInvocationDefaultFor(Meai(9, 8)));
        Assert.Equal(40, FunctionInvocationSiteRecognizer.FunctionInvocationDefaultFor(Meai(9, 10)));
        Assert.Equal(40, FunctionInvocationSiteRecognizer.FunctionInvocationDefaultFor(null));
        Assert.Equal(40, FunctionInvocationSiteRecognizer.FunctionInvocationDefaultFor(new Microsoft.CodeAnalysis.AssemblyIdentity("Other.AI", new System.Version(1, 0, 0, 0))));

        var real = typeof(Microsoft.Extensions.AI.FunctionInvokingChatClient).Assembly.GetName();
        Assert.Equal(11, real.Version!.Major);
        Assert.Equal(40, FunctionInvocationSiteRecognizer.FunctionInvocationDefaultFor(new Microsoft.CodeAnalysis.AssemblyIdentity(real.Name!, real.Version)));
        Assert.Equal(40, new Microsoft.Extensions.AI.FunctionInvokingChatClient(new Microsoft.Extensions.AI.ChatClientBuilder(new NullChatClient()).Build()).MaximumIterationsPerRequest);
    }

    // ---- Cost -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Registers_no_actions_when_no_framework_loop_type_is_referenced()
    {
        var test = new FunctionInvocationCapRulesTest
        {
            Source = "public static class Calculator { public static int Add(int a, int b) => a + b; }",
            References = TestReferences.Net.Add(TestReferences.AgentRules),
        };
        await test.RunAsync();

        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        foreach (var analyzer in RuleGroups.FunctionInvocationCaps())
        {
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), project.AnalyzerOptions);
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);
            Assert.Equal(1, telemetry.CompilationStartActionsCount);
            Assert.Equal(0, telemetry.SymbolActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.OperationActionsCount + telemetry.OperationBlockStartActionsCount + telemetry.SemanticModelActionsCount);
        }
    }
}
