using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Xunit;

namespace AgentRules.Integrations.Tests.Enforcement;

public sealed class KernelSupportPlugin
{
    private static int s_lookups;
    private static int s_deletes;
    private static int s_refunds;

    public static int Lookups => Volatile.Read(ref s_lookups);

    public static int Deletes => Volatile.Read(ref s_deletes);

    public static int Refunds => Volatile.Read(ref s_refunds);

    public static Action? OnLookup { get; set; }

    public static void Reset()
    {
        s_lookups = 0;
        s_deletes = 0;
        s_refunds = 0;
        OnLookup = null;
    }

    [KernelFunction("get_order"), Description("Looks up an order.")]
    public string GetOrder(int orderId)
    {
        Interlocked.Increment(ref s_lookups);
        OnLookup?.Invoke();
        return $"order {orderId}: shipped";
    }

    [KernelFunction("delete_customer"), Description("Deletes a customer.")]
    [EnvironmentScope("Development", "Staging")]
    public string DeleteCustomer(int customerId)
    {
        Interlocked.Increment(ref s_deletes);
        return $"customer {customerId} deleted";
    }

    [KernelFunction("refund_order"), Description("Refunds an order.")]
    [RequiresApproval]
    public string RefundOrder(int orderId)
    {
        Interlocked.Increment(ref s_refunds);
        return $"order {orderId} refunded";
    }
}

/// <summary>The AgentRules filters in a real Semantic Kernel 1.82 kernel, with a scripted model behind its chat service.</summary>
[Collection(EnforcementCollection.Name)]
public sealed class SemanticKernelTests : IDisposable
{
    public SemanticKernelTests()
    {
        KillSwitch.Global.Reset();
        KernelSupportPlugin.Reset();
        AgentEnvironment.Set(AgentEnvironment.Production);
    }

    public void Dispose()
    {
        KillSwitch.Global.Reset();
        KernelSupportPlugin.Reset();
        AgentEnvironment.Reset();
    }

    private static Kernel Build(ScriptedChatClient model, bool viaBuilder, Action<AgentRules.SemanticKernel.AgentRulesKernelOptions>? configure = null)
    {
        var builder = Kernel.CreateBuilder();
        // Semantic Kernel's own function-calling loop over an IChatClient, as SK documents it.
        builder.Services.AddSingleton<IChatCompletionService>(model.AsBuilder().UseKernelFunctionInvocation().Build().AsChatCompletionService());
        builder.Plugins.AddFromType<KernelSupportPlugin>("support");
        if (viaBuilder)
        {
            builder.AddAgentRules(configure);
        }

        var kernel = builder.Build();
        return viaBuilder ? kernel : kernel.UseAgentRules(configure);
    }

    private static KernelArguments Auto() => new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() });

    private static ScriptedChatClient Calls(string function, string argument, int value) =>
        new((i, _, _) => i == 0 ? ScriptedChatClient.Call(function, "c1", new Dictionary<string, object?> { [argument] = value }) : ScriptedChatClient.Text("done"));

    private static string ToolResult(ScriptedChatClient model) =>
        model.Requests.Last().SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionResultContent>().Single().Result?.ToString() ?? "";

    [Fact]
    public async Task UseAgentRules_leaves_an_out_of_scope_function_out_of_the_offered_tools_and_it_does_not_run_if_called()
    {
        var model = Calls("support_delete_customer", "customerId", 7);
        var kernel = Build(model, viaBuilder: false);

        await kernel.InvokePromptAsync("delete customer 7", Auto());

        var offered = model.OfferedTools.First();
        Assert.Contains(offered, name => name.EndsWith("get_order", StringComparison.Ordinal));
        Assert.DoesNotContain(offered, name => name.Contains("delete_customer", StringComparison.Ordinal));
        Assert.Equal(0, KernelSupportPlugin.Deletes);
    }

    [Fact]
    public async Task AddAgentRules_refuses_an_out_of_scope_function_with_the_guards_message()
    {
        var model = Calls("support_delete_customer", "customerId", 7);
        var kernel = Build(model, viaBuilder: true);

        await kernel.InvokePromptAsync("delete customer 7", Auto());
        var direct = await kernel.InvokeAsync("support", "delete_customer", new KernelArguments { ["customerId"] = 8 });

        Assert.Equal(0, KernelSupportPlugin.Deletes);
        Assert.StartsWith("Tool call refused (environment): 'delete_customer'", ToolResult(model), StringComparison.Ordinal);
        Assert.StartsWith("Tool call refused (environment)", direct.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_scope_the_function_runs()
    {
        AgentEnvironment.Set(AgentEnvironment.Staging);
        var model = Calls("support_delete_customer", "customerId", 7);
        var kernel = Build(model, viaBuilder: false);

        await kernel.InvokePromptAsync("delete customer 7", Auto());

        Assert.Equal(1, KernelSupportPlugin.Deletes);
    }

    [Fact]
    public async Task After_Trip_returns_no_function_and_no_further_model_call_of_the_loop_starts()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N");
        var model = new ScriptedChatClient((i, _, _) => ScriptedChatClient.Call("support_get_order", "c" + i, new Dictionary<string, object?> { ["orderId"] = i }));
        var kernel = Build(model, viaBuilder: true, o => o.AgentName = agent);
        KernelSupportPlugin.OnLookup = () => KillSwitch.ForAgent(agent).Trip("operator stop");

        await kernel.InvokePromptAsync("loop", Auto());
        var direct = await kernel.InvokeAsync("support", "get_order", new KernelArguments { ["orderId"] = 99 });

        Assert.Equal(1, model.Calls);
        Assert.Equal(1, KernelSupportPlugin.Lookups);
        Assert.StartsWith("Tool call refused (kill switch)", direct.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_RequiresApproval_function_is_refused_without_an_approver_and_runs_when_approved()
    {
        var refused = Build(Calls("support_refund_order", "orderId", 3), viaBuilder: true);
        var result = await refused.InvokeAsync("support", "refund_order", new KernelArguments { ["orderId"] = 3 });
        Assert.Contains("no approver is configured", result.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, KernelSupportPlugin.Refunds);

        var approved = Build(Calls("support_refund_order", "orderId", 3), viaBuilder: true, o => o.Approve = _ => ValueTask.FromResult(true));
        await approved.InvokeAsync("support", "refund_order", new KernelArguments { ["orderId"] = 3 });
        Assert.Equal(1, KernelSupportPlugin.Refunds);
    }
}
