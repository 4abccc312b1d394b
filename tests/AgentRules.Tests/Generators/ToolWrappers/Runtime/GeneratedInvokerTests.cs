using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Tests.Runtime;
using Xunit;

namespace AgentRules.Tests.Generators.ToolWrappers.Runtime;

/// <summary>The generated guarded invokers, called for real: guard order, refusals, results and zero allocations.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class GeneratedInvokerTests : IDisposable
{
    public GeneratedInvokerTests()
    {
        KillSwitch.Global.Reset();
        AgentEnvironment.Set(AgentEnvironment.Development);
    }

    public void Dispose()
    {
        KillSwitch.Global.Reset();
        AgentEnvironment.Reset();
    }

    [Fact]
    public void Admitted_call_runs_the_tool_and_returns_its_value()
    {
        var tools = new TestTools();
        var guard = new ToolGuard();

        var result = tools.GetCustomerGuarded(guard, 42);

        Assert.False(result.IsRefused);
        Assert.Equal("customer 42", result.Value);
        Assert.Equal(1, tools.Calls);
        Assert.Equal(1, guard.CallsTo(TestTools.AgentToolDescriptors.GetCustomer));
        Assert.Equal(3, TestTools.SumGuarded(guard, 1, 2L).Value);
    }

    [Fact]
    public void Descriptors_carry_the_declared_name_description_effect_scope_approval_and_budget()
    {
        var close = TestTools.AgentToolDescriptors.CloseTicket;
        Assert.Equal("close_ticket", close.Name);
        Assert.Equal("Closes a support ticket.", close.Description);
        Assert.Equal(ToolEffect.Destructive, close.Effect);
        Assert.Equal(["Development", "Staging"], close.Environments);
        Assert.True(close.RequiresApproval);
        Assert.Equal(2, close.MaxCalls);
        Assert.Equal(5, close.Cost);

        var get = TestTools.AgentToolDescriptors.GetCustomer;
        Assert.Equal(("get_customer", "Looks up a customer by id.", ToolEffect.ReadOnly, false, 0, 1), (get.Name, get.Description, get.Effect, get.RequiresApproval, get.MaxCalls, get.Cost));
        Assert.Empty(get.Environments);
        Assert.Equal("Counts things: a tool with every primitive type.", TestTools.AgentToolDescriptors.Primitives.Description);
        Assert.Equal(10, TestTools.AgentToolDescriptors.All.Count);
    }

    [Fact]
    public void Kill_switch_refusal_does_not_run_the_tool()
    {
        var tools = new TestTools();
        var guard = new ToolGuard(new ToolGuardOptions { AgentName = "invoker-" + Guid.NewGuid().ToString("N") });
        guard.KillSwitch.Trip("runaway refunds");

        var result = tools.GetCustomerGuarded(guard, 42);

        Assert.True(result.IsRefused);
        Assert.Equal(ToolRefusalReason.KillSwitch, result.Refusal.Reason);
        Assert.Contains("runaway refunds", result.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, tools.Calls);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public void Out_of_scope_destructive_tool_is_refused_in_production()
    {
        AgentEnvironment.Set(AgentEnvironment.Production);
        var tools = new TestTools();

        var result = tools.CloseTicketGuarded(new ToolGuard(), 7);

        Assert.Equal(ToolRefusalReason.Environment, result.Refusal.Reason);
        Assert.Equal(0, tools.Calls);
    }

    [Fact]
    public void Tool_budget_from_the_attribute_refuses_the_third_call()
    {
        var tools = new TestTools();
        var guard = new ToolGuard();

        Assert.False(tools.CloseTicketGuarded(guard, 1).IsRefused);
        Assert.False(tools.CloseTicketGuarded(guard, 2, TicketPriority.Urgent).IsRefused);
        var third = tools.CloseTicketGuarded(guard, 3);

        Assert.Equal(ToolRefusalReason.Budget, third.Refusal.Reason);
        Assert.Equal(2, tools.Calls);
        Assert.Equal(10, guard.CostSpent);
    }

    [Fact]
    public void Fourth_identical_call_is_refused_and_other_arguments_still_run()
    {
        var tools = new TestTools();
        var guard = new ToolGuard();
        for (var i = 0; i < 3; i++)
        {
            Assert.False(tools.GetCustomerGuarded(guard, 42, "EU").IsRefused);
        }

        Assert.Equal(ToolRefusalReason.Duplicate, tools.GetCustomerGuarded(guard, 42, "EU").Refusal.Reason);
        Assert.False(tools.GetCustomerGuarded(guard, 42, "US").IsRefused);
        Assert.Equal(4, tools.Calls);
    }

    [Fact]
    public async Task Async_invokers_await_the_tool_and_pass_the_token()
    {
        var tools = new TestTools();
        using var cancellation = new CancellationTokenSource();

        var result = await tools.WaitGuardedAsync(new ToolGuard(), 1, cancellation.Token);

        Assert.Equal("waited 1", result.Value);
        Assert.Equal(cancellation.Token, tools.LastToken);
        Assert.False((await tools.PingGuardedAsync(new ToolGuard())).IsRefused);
    }

    [Fact]
    public void Exceptions_from_the_tool_propagate()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new TestTools().FailGuarded(new ToolGuard(), "boom"));
        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public async Task Traced_calls_take_the_full_path_with_a_span_for_each_admitted_refused_and_failed_call()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentRulesTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (stopped) { stopped.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        var tools = new TestTools();
        var guard = new ToolGuard(new ToolGuardOptions { MaxCalls = 4 });

        Assert.Equal("customer 1", tools.GetCustomerGuarded(guard, 1).Value);
        Assert.Equal("customer 2", tools.GetCustomerGuarded(guard, 2).Value);
        Assert.Equal("waited 0", (await tools.WaitGuardedAsync(guard, 0, CancellationToken.None)).Value);
        var error = Assert.Throws<InvalidOperationException>(() => tools.FailGuarded(guard, "boom"));
        Assert.Equal("boom", error.Message);
        Assert.Equal(ToolRefusalReason.Budget, tools.GetCustomerGuarded(guard, 3).Refusal.Reason);

        List<Activity> Spans(string tool)
        {
            lock (stopped)
            {
                return stopped.Where(a => a.DisplayName == "execute_tool " + tool && ReferenceEquals(a.Source, AgentRulesTelemetry.ActivitySource)).ToList();
            }
        }

        var customer = Spans("get_customer");
        Assert.Equal(3, customer.Count);
        Assert.Equal(2, customer.Count(a => a.Status == ActivityStatusCode.Unset));
        Assert.Equal("budget", Assert.Single(customer, a => a.Status == ActivityStatusCode.Error).GetTagItem(AgentRulesTelemetry.RefusalAttribute));
        Assert.Equal(ActivityStatusCode.Unset, Assert.Single(Spans("wait")).Status);
        var failed = Assert.Single(Spans("fail"));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("System.InvalidOperationException", failed.GetTagItem("error.type"));
        Assert.Equal(4, guard.CallCount);
    }

    [Fact]
    public void Untraced_calls_after_the_first_run_the_tool_with_the_same_results()
    {
        var tools = new TestTools();
        var guard = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 0 });
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal("customer " + i, tools.GetCustomerGuarded(guard, i).Value);
            Assert.False(tools.CloseTicketGuarded(guard, i).IsRefused && i < 2);
        }

        Assert.Equal(102, tools.Calls);
        Assert.Equal(100, guard.CallsTo(TestTools.AgentToolDescriptors.GetCustomer));
        Assert.Equal(2, guard.CallsTo(TestTools.AgentToolDescriptors.CloseTicket));
        Assert.Equal(98, guard.RefusalCount(ToolRefusalReason.Budget));
        Assert.Equal(100 + (2 * 5), guard.CostSpent);
    }

    [Fact]
    public void Null_guard_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => new TestTools().GetCustomerGuarded(null!, 1));
    }

    [Fact]
    public void Guarded_calls_of_primitive_and_string_tools_allocate_nothing()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxCalls = 1_000_000, MaxCost = 1_000_000 });
        var codes = new[] { "A-1", " B-22 ", "C-333", "D-4444" };
        long sink = 0;
        for (var i = 0; i < 100; i++)
        {
            sink += AllocationFreeTools.AddGuarded(guard, i, i).Value;
            sink += AllocationFreeTools.CodeLengthGuarded(guard, codes[i % codes.Length], i % 2 == 0, i).Value;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            sink += AllocationFreeTools.AddGuarded(guard, i, i).Value;
            sink += AllocationFreeTools.CodeLengthGuarded(guard, codes[i % codes.Length], i % 2 == 0, i).Value;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(sink > 0);
        Assert.Equal(20_200, guard.CallCount);
    }
}
