using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Extensions.AI;
using Microsoft.Extensions.AI;
using Xunit;

namespace AgentRules.Integrations.Tests.Enforcement;

/// <summary><c>UseAgentRules()</c> in a real Microsoft.Extensions.AI 11 pipeline with its real function-invocation loop.</summary>
[Collection(EnforcementCollection.Name)]
public sealed class ExtensionsAITests : IDisposable
{
    public ExtensionsAITests()
    {
        KillSwitch.Global.Reset();
        SupportTools.Reset();
        AgentEnvironment.Set(AgentEnvironment.Production);
    }

    public void Dispose()
    {
        KillSwitch.Global.Reset();
        SupportTools.Reset();
        AgentEnvironment.Reset();
    }

    private static string NewAgent() => "agent-" + Guid.NewGuid().ToString("N");

    private static IChatClient Pipeline(ScriptedChatClient model, Action<AgentRulesChatClientOptions>? configure = null) =>
        model.AsBuilder().UseAgentRules(configure).Build();

    private static ChatOptions WithTools() => new() { Tools = [.. SupportTools.AsAIFunctions()] };

    [Fact]
    public async Task An_out_of_scope_tool_is_absent_from_the_tool_list_and_refused_if_called()
    {
        var model = new ScriptedChatClient((i, _, _) => i == 0 ? ScriptedChatClient.Call("delete_customer", "c1", new Dictionary<string, object?> { ["customerId"] = 7 }) : ScriptedChatClient.Text("done"));
        using var client = Pipeline(model, o => o.AgentName = NewAgent());

        var response = await client.GetResponseAsync("delete customer 7", WithTools());

        Assert.All(model.OfferedTools, tools => Assert.DoesNotContain("delete_customer", tools));
        Assert.Contains("get_order", model.OfferedTools.First());
        Assert.Equal(0, SupportTools.Deletes);
        var result = model.Requests.Last().SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Equal("c1", result.CallId);
        Assert.Contains("not found", result.Result?.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("done", response.Text);
    }

    [Fact]
    public async Task An_out_of_scope_tool_kept_in_the_list_is_refused_with_the_guards_message()
    {
        var model = new ScriptedChatClient((i, _, _) => i == 0 ? ScriptedChatClient.Call("delete_customer", "c1", new Dictionary<string, object?> { ["customerId"] = 7 }) : ScriptedChatClient.Text("done"));
        using var client = Pipeline(model, o => o.RemoveOutOfScopeTools = false);

        await client.GetResponseAsync("delete customer 7", WithTools());

        Assert.Contains("delete_customer", model.OfferedTools.First());
        Assert.Equal(0, SupportTools.Deletes);
        var result = model.Requests.Last().SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.StartsWith("Tool call refused (environment): 'delete_customer' may run only in Development, Staging; this session runs in Production.", result.Result?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_scope_the_same_tool_is_offered_and_runs()
    {
        AgentEnvironment.Set(AgentEnvironment.Staging);
        var model = new ScriptedChatClient((i, _, _) => i == 0 ? ScriptedChatClient.Call("delete_customer", "c1", new Dictionary<string, object?> { ["customerId"] = 7 }) : ScriptedChatClient.Text("done"));
        using var client = Pipeline(model);

        await client.GetResponseAsync("delete customer 7", WithTools());

        Assert.Contains("delete_customer", model.OfferedTools.First());
        Assert.Equal(1, SupportTools.Deletes);
    }

    [Fact]
    public async Task A_RequiresApproval_tool_is_not_run_but_turned_into_an_approval_request()
    {
        var model = new ScriptedChatClient((i, _, _) => i == 0 ? ScriptedChatClient.Call("refund_order", "r1", new Dictionary<string, object?> { ["orderId"] = 3 }) : ScriptedChatClient.Text("done"));
        using var client = Pipeline(model);

        var response = await client.GetResponseAsync("refund order 3", WithTools());

        Assert.Equal(0, SupportTools.Refunds);
        var request = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>());
        Assert.Equal("refund_order", ((FunctionCallContent)request.ToolCall).Name);
    }

    [Fact]
    public async Task A_token_budget_stops_the_tool_loop_within_one_response_of_the_limit()
    {
        const long N = 1_000;
        const long Response = 130; // 120 in, 10 out
        var model = new ScriptedChatClient((i, _, _) => ScriptedChatClient.Call("get_order", "c" + i, new Dictionary<string, object?> { ["orderId"] = i }, input: 120, output: 10));
        using var budget = new RunBudget(new RunBudgetOptions { MaxTotalTokens = N });
        using var client = Pipeline(model, o =>
        {
            o.RunBudget = budget;
            o.ConfigureFunctionInvocation = loop => loop.MaximumIterationsPerRequest = 1_000;
        });

        var thrown = await Assert.ThrowsAsync<AgentBudgetExceededException>(() => client.GetResponseAsync("loop", WithTools()));

        Assert.Equal(RunBudgetLimit.TotalTokens, thrown.Limit);
        Assert.InRange(budget.TotalTokens, N, N + Response - 1);
        Assert.Equal(8, model.Calls); // 7 x 130 = 910 < 1000; the 8th brings it to 1040; the 9th is refused before it starts
    }

    [Fact]
    public async Task A_model_call_cap_holds_inside_the_function_loop()
    {
        var model = new ScriptedChatClient((i, _, _) => ScriptedChatClient.Call("get_order", "c" + i, new Dictionary<string, object?> { ["orderId"] = i }));
        using var client = Pipeline(model, o => o.Budget.MaxModelCalls = 5);

        var thrown = await Assert.ThrowsAsync<AgentBudgetExceededException>(() => client.GetResponseAsync("loop", WithTools()));

        Assert.Equal(RunBudgetLimit.ModelCalls, thrown.Limit);
        Assert.Equal(5, model.Calls);
        Assert.Equal(5, SupportTools.Lookups);
    }

    [Fact]
    public async Task Exactly_N_model_calls_are_admitted_under_8_threads()
    {
        const int N = 200;
        var model = new ScriptedChatClient((_, _, _) => ScriptedChatClient.Text("ok"));
        using var client = Pipeline(model, o => o.Budget.MaxModelCalls = N);
        var refused = 0;
        using var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 100; i++)
            {
                try
                {
                    await client.GetResponseAsync($"question {t}/{i}");
                }
                catch (AgentBudgetExceededException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })).ToArray();
        await Task.WhenAll(threads);

        Assert.Equal(N, model.Calls);
        Assert.Equal((8 * 100) - N, refused);
    }

    [Fact]
    public async Task After_Trip_returns_no_model_call_and_no_tool_call_starts()
    {
        var agent = NewAgent();
        var model = new ScriptedChatClient((i, _, _) => ScriptedChatClient.Call("get_order", "c" + i, new Dictionary<string, object?> { ["orderId"] = i }));
        using var client = Pipeline(model, o => o.AgentName = agent);

        // The first tool call trips the switch: the loop's next model call must not start.
        SupportTools.OnLookup = () => KillSwitch.ForAgent(agent).Trip("operator stop");
        await Assert.ThrowsAsync<KillSwitchTrippedException>(() => client.GetResponseAsync("go", WithTools()));
        Assert.Equal(1, model.Calls);
        Assert.Equal(1, SupportTools.Lookups);

        // A new request does not reach the model either, and a guarded tool called directly does not run.
        await Assert.ThrowsAsync<KillSwitchTrippedException>(() => client.GetResponseAsync("again", WithTools()));
        Assert.Equal(1, model.Calls);
        var guarded = new GuardedAIFunction(SupportTools.AsAIFunctions()[0], new ToolGuard(new ToolGuardOptions { AgentName = agent }));
        var result = await guarded.InvokeAsync(new AIFunctionArguments { ["orderId"] = 1 });
        Assert.StartsWith("Tool call refused (kill switch)", result?.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, SupportTools.Lookups);
    }

    [Fact]
    public async Task The_kill_switch_token_reaches_every_model_call_in_flight()
    {
        var agent = NewAgent();
        var model = new ScriptedChatClient((_, _, _) => ScriptedChatClient.Text("ok"));
        using var client = Pipeline(model, o => o.AgentName = agent);
        using var caller = new CancellationTokenSource();
        var seen = new List<bool>();
        model.OnCall = token =>
        {
            Assert.False(token.IsCancellationRequested);
            KillSwitch.ForAgent(agent).Trip("stop");
            seen.Add(token.IsCancellationRequested);
            KillSwitch.ForAgent(agent).Reset();
        };

        // Without a caller token the call gets the budget's; with one, the two are linked.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("one"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("two", cancellationToken: caller.Token));

        Assert.Equal([true, true], seen);
        Assert.False(caller.IsCancellationRequested);
    }

    [Fact]
    public async Task Streaming_usage_is_charged_from_UsageContent()
    {
        var model = new ScriptedChatClient((_, _, _) => ScriptedChatClient.Text("streamed", input: 40, output: 60));
        using var budget = new RunBudget(new RunBudgetOptions { MaxOutputTokens = 100, MaxIdenticalRequests = 0 });
        using var client = Pipeline(model, o => o.RunBudget = budget);

        await foreach (var _ in client.GetStreamingResponseAsync("a"))
        {
        }

        Assert.Equal(40, budget.InputTokens);
        Assert.Equal(60, budget.OutputTokens);
        await foreach (var _ in client.GetStreamingResponseAsync("b"))
        {
        }

        var thrown = await Assert.ThrowsAsync<AgentBudgetExceededException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync("c"))
            {
            }
        });
        Assert.Equal(RunBudgetLimit.OutputTokens, thrown.Limit);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task A_request_repeated_verbatim_is_refused_the_fourth_time()
    {
        var model = new ScriptedChatClient((_, _, _) => ScriptedChatClient.Text("ok"));
        using var client = Pipeline(model);
        for (var i = 0; i < 3; i++)
        {
            await client.GetResponseAsync("same question");
        }

        var thrown = await Assert.ThrowsAsync<AgentBudgetExceededException>(() => client.GetResponseAsync("same question"));

        Assert.Equal(RunBudgetLimit.Duplicate, thrown.Limit);
        Assert.Equal(3, model.Calls);
        await client.GetResponseAsync("another question");
        Assert.Equal(4, model.Calls);
    }

    [Fact]
    public async Task A_budget_per_run_travels_in_the_chat_options()
    {
        var model = new ScriptedChatClient((_, _, _) => ScriptedChatClient.Text("ok"));
        using var client = Pipeline(model, o => o.Budget.MaxModelCalls = 100);
        using var run = new RunBudget(new RunBudgetOptions { MaxModelCalls = 1 });

        await client.GetResponseAsync("first", new ChatOptions().WithAgentRulesRun(run));
        await Assert.ThrowsAsync<AgentBudgetExceededException>(() => client.GetResponseAsync("second", new ChatOptions().WithAgentRulesRun(run)));
        await client.GetResponseAsync("third");

        Assert.Equal(1, run.ModelCalls);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public void A_function_loop_below_UseAgentRules_is_rejected_when_the_pipeline_is_built()
    {
        var model = new ScriptedChatClient((_, _, _) => ScriptedChatClient.Text("ok"));

        var thrown = Assert.Throws<InvalidOperationException>(() => model.AsBuilder().UseAgentRules().UseFunctionInvocation().Build());

        Assert.Contains("UseFunctionInvocation", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_call_spans_carry_the_agent_usage_refusal_and_the_declared_prompt()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentRulesTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var prompt = new AgentPrompt("support.triage", 3, new string('a', 64), "You triage support tickets.");
        var model = new ScriptedChatClient((_, _, _) => ScriptedChatClient.Text("ok", input: 12, output: 4));
        using var client = Pipeline(model, o =>
        {
            o.AgentName = "triage-agent";
            o.Budget.MaxModelCalls = 1;
            o.Prompts.Add(prompt);
        });
        List<ChatMessage> messages = [new(ChatRole.System, prompt.Text), new(ChatRole.User, "my parcel is late")];

        await client.GetResponseAsync(messages);
        await Assert.ThrowsAsync<AgentBudgetExceededException>(() => client.GetResponseAsync(messages));

        var chat = spans.Where(s => s.OperationName.StartsWith("chat", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, chat.Count);
        Assert.Equal("triage-agent", chat[0].GetTagItem("gen_ai.agent.name"));
        Assert.Equal(12L, chat[0].GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(4L, chat[0].GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal("support.triage", chat[0].GetTagItem(AgentPrompt.IdTagName));
        Assert.Equal(3, chat[0].GetTagItem(AgentPrompt.VersionTagName));
        Assert.Equal("model_calls", chat[1].GetTagItem(AgentRulesTelemetry.ModelRefusalAttribute));
        Assert.Equal(ActivityStatusCode.Error, chat[1].Status);
    }
}
