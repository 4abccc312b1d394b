using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Frameworks;

/// <summary>
/// Microsoft.Extensions.AI 11, compiled against the real package: the realtime function-invocation loop (AGR0009,
/// AGR0002) and the new prompt sites (AGR0004).
/// </summary>
public class MeaiFrameworkTests
{
    private const string MeaiDefault = "MaximumIterationsPerRequest defaults to 40; set it explicitly";

    [Fact]
    public async Task Realtime_function_invocation_left_at_its_default_is_reported()
    {
        await new FunctionInvocationCapRulesTest
        {
            Source = """
                #pragma warning disable MEAI001 // realtime clients are [Experimental] in Microsoft.Extensions.AI 11
                using Microsoft.Extensions.AI;

                public static class Voice
                {
                    public static IRealtimeClient Build(IRealtimeClient inner) =>
                        new RealtimeClientBuilder(inner).{|AGR0009:UseFunctionInvocation|}().Build();

                    public static IRealtimeClient Wrap(IRealtimeClient inner) => new {|AGR0009:FunctionInvokingRealtimeClient|}(inner);

                    public static IRealtimeClient Capped(IRealtimeClient inner) =>
                        new RealtimeClientBuilder(inner).UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 5).Build();

                    public static IRealtimeClient CappedWrap(IRealtimeClient inner) => new FunctionInvokingRealtimeClient(inner) { MaximumIterationsPerRequest = 6 };
                }
                """,
            ExpectedMessages =
            {
                "UseFunctionInvocation() leaves the framework's default iteration cap in force: " + MeaiDefault,
                "new FunctionInvokingRealtimeClient(...) leaves the framework's default iteration cap in force: " + MeaiDefault,
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Realtime_function_invocation_without_a_cap_is_reported()
    {
        await new FunctionInvocationCapRulesTest
        {
            Source = """
                #pragma warning disable MEAI001 // realtime clients are [Experimental] in Microsoft.Extensions.AI 11
                using Microsoft.Extensions.AI;

                public static class Voice
                {
                    public static IRealtimeClient Build(IRealtimeClient inner) =>
                        new RealtimeClientBuilder(inner).UseFunctionInvocation(configure: c => c.{|AGR0002:MaximumIterationsPerRequest|} = int.MaxValue).Build();
                }
                """,
            ExpectedMessages = { "The function-invocation loop has no iteration cap: FunctionInvokingRealtimeClient.MaximumIterationsPerRequest is set to int.MaxValue, above agentrules.max_iterations_ceiling (100)" },
        }.RunAsync();
    }

    [Fact]
    public async Task Realtime_session_instructions_and_the_summarization_prompt_are_prompt_sites()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                #pragma warning disable MEAI001 // realtime clients are [Experimental] in Microsoft.Extensions.AI 11
                using AgentRules;
                using Microsoft.Extensions.AI;

                public static class Prompts
                {
                    [Prompt("voice.instructions", Version = 3)]
                    public const string Voice = "You are a friendly voice assistant for a bank.";
                }

                public static class Setup
                {
                    public static RealtimeSessionOptions Session() => new() { Instructions = [|"You are a friendly voice assistant."|] };

                    public static RealtimeSessionOptions Declared() => new() { Instructions = Prompts.Voice };

                    public static CreateResponseRealtimeClientMessage Response() => new() { Instructions = [|"Answer in one sentence."|] };

                    public static SummarizingChatReducer Reducer(IChatClient client) =>
                        new(client, targetCount: 10, threshold: 5) { SummarizationPrompt = [|"Summarise the conversation so far in five bullet points."|] };

                    public static ChatOptions Plain() => new() { Temperature = 0.2f };
                }
                """,
            ExpectedMessages =
            {
                "Unversioned chat instructions: a string literal is not a declared prompt",
                "Unversioned chat instructions: a string literal is not a declared prompt",
                "Unversioned system message: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }
}
