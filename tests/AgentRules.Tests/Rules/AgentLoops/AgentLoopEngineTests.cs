using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// The recognition engine the process spec uses: every loop and function-invocation site of a file, with its kind,
/// cap, stop signal and LLM-call evidence.
/// </summary>
public class AgentLoopEngineTests
{
    private static async Task<(AgentLoopContext Context, SemanticModel Model)> CompileAsync(string source, string? editorConfig = null)
    {
        var test = new TestProject { Source = source, EditorConfig = editorConfig };
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var context = AgentLoopContext.Create(compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
        Assert.NotNull(context);
        var tree = compilation.SyntaxTrees.Single();
#pragma warning disable RS1030 // a test, not an analyzer
        return (context!, compilation.GetSemanticModel(tree));
#pragma warning restore RS1030
    }

    [Fact]
    public async Task Lists_every_loop_with_kind_cap_pacing_stop_signal_and_evidence()
    {
        var (context, model) = await CompileAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using AgentRules;
            using Microsoft.Extensions.AI;

            public sealed class SupportAgent(IChatClient chatClient)
            {
                private const int MaxTurns = 8;

                public async Task RunAsync(List<ChatMessage> messages, IReadOnlyList<string> tickets, CancellationToken ct)
                {
                    while (true)                                                        // 1: no cap, token passed
                    {
                        var r = await chatClient.GetResponseAsync(messages, cancellationToken: ct);
                        if (r.FinishReason == ChatFinishReason.Stop) break;
                    }

                    for (var turn = 0; turn < MaxTurns; turn++)                         // 2: for bound, kill switch
                    {
                        KillSwitch.Global.ThrowIfTripped();
                        await AskAsync(messages);
                    }

                    foreach (var ticket in tickets)                                     // 3: collection, nothing stops it
                    {
                        await chatClient.GetResponseAsync(ticket);
                    }

                    while (true)                                                        // 4: human-paced
                    {
                        var input = Console.ReadLine();
                        await chatClient.GetResponseAsync(input ?? "", cancellationToken: ct);
                    }
                }

                public async Task StreamAsync()
                {
                    await foreach (var update in chatClient.GetStreamingResponseAsync("Hi"))   // 5: stream consumer
                    {
                        Console.Write(update.Text);
                    }

                    foreach (var colour in new[] { "red", "green" })                   // not an LLM loop: not listed
                    {
                        Console.WriteLine(colour);
                    }
                }

                public async Task<string> SolveAsync(string task, int depth, CancellationToken ct)
                {
                    if (depth > 3) return task;                                         // 6: recursion with a depth cap
                    var answer = (await chatClient.GetResponseAsync(task, cancellationToken: ct)).Text;
                    return await SolveAsync(answer, depth + 1, ct);
                }

                private Task<ChatResponse> AskAsync(List<ChatMessage> messages) => chatClient.GetResponseAsync(messages);
            }
            """);

        var loops = AgentLoopCatalog.FindLoops(context, model, default);

        Assert.Collection(
            loops,
            l =>
            {
                Assert.Equal(AgentLoopKind.While, l.Kind);
                Assert.True(l.IsAgentLoop);
                Assert.True(l.LacksIterationCap);
                Assert.Equal("none", l.CapDescription);
                Assert.Equal(StopSignalKind.TokenPassed, l.Stop.Kind);
                Assert.Equal("ct passed to GetResponseAsync", l.Stop.Description);
                Assert.Equal("IChatClient.GetResponseAsync", l.LlmCall.Description);
                Assert.Equal(TokenUse.Live, l.LlmCall.Call.Token);
            },
            l =>
            {
                Assert.Equal(AgentLoopKind.For, l.Kind);
                Assert.Equal(IterationCapKind.ForBound, l.Cap.Kind);
                Assert.Equal("turn < MaxTurns", l.CapDescription);
                Assert.Equal(StopSignalKind.KillSwitch, l.Stop.Kind);
                Assert.Equal("AskAsync → IChatClient.GetResponseAsync", l.LlmCall.Description);
                Assert.False(l.LacksIterationCap || l.LacksStopSignal);
            },
            l =>
            {
                Assert.Equal(AgentLoopKind.ForEach, l.Kind);
                Assert.Equal("foreach over tickets", l.CapDescription);
                Assert.Equal(StopSignalKind.None, l.Stop.Kind);
                Assert.Equal(TokenUse.Missing, l.LlmCall.Call.Token);
                Assert.True(l.LacksStopSignal);
            },
            l =>
            {
                Assert.Equal(LoopPacing.HumanPaced, l.Pacing);
                Assert.Equal("human-paced (Console.ReadLine)", l.CapDescription);
                Assert.False(l.IsAgentLoop);
            },
            l =>
            {
                Assert.Equal(AgentLoopKind.AwaitForEach, l.Kind);
                Assert.True(l.IsStreamConsumer);
                Assert.False(l.IsAgentLoop);
                Assert.Equal("IChatClient.GetStreamingResponseAsync", l.LlmCall.Description);
            },
            l =>
            {
                Assert.Equal(AgentLoopKind.Recursion, l.Kind);
                Assert.Equal("SolveAsync", l.Method!.Name);
                Assert.Equal(IterationCapKind.RecursionDepth, l.Cap.Kind);
                Assert.Equal("depth > 3", l.CapDescription);
            });
    }

    [Fact]
    public async Task Lists_function_invocation_and_orchestration_sites_with_their_caps()
    {
        var (context, model) = await CompileAsync("""
            using Microsoft.Agents.AI;
            using Microsoft.Agents.AI.Workflows;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;

            public static class Setup
            {
                public static object[] Build(IChatClient inner, AIAgent manager) =>
                [
                    inner.AsBuilder().UseFunctionInvocation().Build(),
                    inner.AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 6).Build(),
                    new FunctionInvokingChatClient(inner) { MaximumIterationsPerRequest = int.MaxValue },
                    new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() },
                    AgentWorkflowBuilder.CreateMagenticBuilderWith(manager).WithMaxRounds(null),
                ];
            }
            """);

        var sites = AgentLoopCatalog.FindSites(context, model, default);

        Assert.Equal(
            new[]
            {
                "UseFunctionInvocation: framework default 40 (AGR0009)",
                "UseFunctionInvocation: 6",
                "CapSetting: 6",
                "FunctionInvokingChatClient: 2147483647 (above the ceiling)",
                "CapSetting: 2147483647 (above the ceiling) (AGR0002)",
                "SemanticKernelAutoInvoke: 128 (not configurable) (AGR0009)",
                "MagenticWorkflow: none (AGR0002)",
            },
            sites.Select(s => $"{s.Kind}: {s.CapDescription}{(s.LeavesDefaultCap ? " (AGR0009)" : s.RemovesCap && s.Kind != FunctionInvocationSiteKind.FunctionInvokingChatClient ? " (AGR0002)" : "")}"));
    }

    [Fact]
    public async Task No_context_without_an_LLM_API_or_framework_loop()
    {
        var test = new TestProject { Source = "public static class C { }", References = TestReferences.Net.Add(TestReferences.AgentRules) };
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Null(AgentLoopContext.Create(compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider));
    }

    [Fact]
    public async Task Configured_llm_methods_alone_create_a_context()
    {
        var test = new TestProject
        {
            Source = "namespace Contoso { public sealed class Llm { public string Ask(string q) => q; } }",
            References = TestReferences.Net.Add(TestReferences.AgentRules),
            EditorConfig = "agentrules.llm_methods = Contoso.Llm.*",
        };
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        var context = AgentLoopContext.Create(compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
        Assert.NotNull(context);
        Assert.True(context!.HasLlmApis);
    }
}
