using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Xunit;

namespace AgentRules.Integrations.Tests.Enforcement;

/// <summary><c>UseAgentRules()</c> on a real Agent Framework 1.28 <see cref="ChatClientAgent"/> with a scripted model.</summary>
[Collection(EnforcementCollection.Name)]
public sealed class AgentsAITests : IDisposable
{
    public AgentsAITests()
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

    private static AIAgent Agent(ScriptedChatClient model, string name, Action<AgentRules.Agents.AI.AgentRulesAgentOptions>? configure = null) =>
        new ChatClientAgent(model.AsBuilder().UseAgentRules().Build(), instructions: "You help customers.", name: name, tools: [.. SupportTools.AsAIFunctions()])
            .AsBuilder()
            .UseAgentRules(configure)
            .Build();

    private static string NewAgent() => "agent-" + Guid.NewGuid().ToString("N");

    private static ScriptedChatClient Looping() =>
        new((i, _, _) => ScriptedChatClient.Call("get_order", "c" + i, new Dictionary<string, object?> { ["orderId"] = i }));

    [Fact]
    public async Task An_out_of_scope_tool_is_absent_from_the_tool_list_and_refused_if_called()
    {
        var model = new ScriptedChatClient((i, _, _) => i == 0 ? ScriptedChatClient.Call("delete_customer", "c1", new Dictionary<string, object?> { ["customerId"] = 7 }) : ScriptedChatClient.Text("done"));
        var agent = Agent(model, NewAgent());

        var response = await agent.RunAsync("delete customer 7");

        Assert.Contains("get_order", model.OfferedTools.First());
        Assert.All(model.OfferedTools, tools => Assert.DoesNotContain("delete_customer", tools));
        Assert.Equal(0, SupportTools.Deletes);
        Assert.Equal("done", response.Text);
    }

    [Fact]
    public async Task Each_run_gets_its_own_model_call_budget_that_holds_inside_the_tool_loop()
    {
        var model = Looping();
        var agent = Agent(model, NewAgent(), o => o.Budget.MaxModelCalls = 3);

        var first = await Assert.ThrowsAsync<AgentBudgetExceededException>(() => agent.RunAsync("loop"));
        Assert.Equal(RunBudgetLimit.ModelCalls, first.Limit);
        Assert.Equal(3, model.Calls);

        await Assert.ThrowsAsync<AgentBudgetExceededException>(() => agent.RunAsync("loop again"));
        Assert.Equal(6, model.Calls);
    }

    [Fact]
    public async Task A_token_budget_is_exceeded_by_at_most_one_response()
    {
        const long N = 500;
        var model = new ScriptedChatClient((i, _, _) => ScriptedChatClient.Call("get_order", "c" + i, new Dictionary<string, object?> { ["orderId"] = i }, input: 90, output: 30));
        using var budget = new RunBudget(new RunBudgetOptions { MaxTotalTokens = N });
        var agent = Agent(model, NewAgent(), o => o.RunBudget = budget);

        await Assert.ThrowsAsync<AgentBudgetExceededException>(() => agent.RunAsync("loop"));

        Assert.InRange(budget.TotalTokens, N, N + 120 - 1);
    }

    [Fact]
    public async Task Exactly_N_model_calls_are_admitted_under_8_threads()
    {
        const int N = 100;
        var model = new ScriptedChatClient((_, _, _) => ScriptedChatClient.Text("ok"));
        using var budget = new RunBudget(new RunBudgetOptions { MaxModelCalls = N, MaxIdenticalRequests = 0 });
        var agent = Agent(model, NewAgent(), o => o.RunBudget = budget);
        var refused = 0;
        using var start = new Barrier(8);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 25; i++)
            {
                try
                {
                    await agent.RunAsync($"question {t}/{i}");
                }
                catch (AgentBudgetExceededException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })));

        Assert.Equal(N, model.Calls);
        Assert.Equal(200 - N, refused);
    }

    [Fact]
    public async Task After_Trip_returns_no_model_call_and_no_tool_call_starts()
    {
        var name = NewAgent();
        var model = Looping();
        var agent = Agent(model, name);
        SupportTools.OnLookup = () => KillSwitch.ForAgent(name).Trip("operator stop");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => agent.RunAsync("go"));
        Assert.Equal(1, model.Calls);
        Assert.Equal(1, SupportTools.Lookups);

        await Assert.ThrowsAsync<KillSwitchTrippedException>(() => agent.RunAsync("again"));
        await Assert.ThrowsAsync<KillSwitchTrippedException>(async () =>
        {
            await foreach (var _ in agent.RunStreamingAsync("streamed"))
            {
            }
        });
        Assert.Equal(1, model.Calls);
        Assert.Equal(1, SupportTools.Lookups);
    }

    [Fact]
    public async Task An_agent_on_an_unguarded_chat_client_refuses_to_run()
    {
        var model = new ScriptedChatClient((_, _, _) => ScriptedChatClient.Text("ok"));
        var agent = new ChatClientAgent(model, name: NewAgent()).AsBuilder().UseAgentRules().Build();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => agent.RunAsync("hi"));

        Assert.Contains("UseAgentRules()", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(0, model.Calls);
    }
}
