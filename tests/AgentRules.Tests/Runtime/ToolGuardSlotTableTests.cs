using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Xunit;

namespace AgentRules.Tests.Runtime;

/// <summary>
/// Descriptors created at run time must not grow a guard's per-tool table without bound: the table indexed by the
/// descriptors' process-wide ids is capped, the ids of collected descriptors are reused (lowest first), and tools
/// beyond the cap keep every limit.
/// </summary>
[Collection(ProcessStateCollection.Name)]
public sealed class ToolGuardSlotTableTests : IDisposable
{
    private const int ManyDescriptors = 100_000;

    public ToolGuardSlotTableTests() => KillSwitch.Global.Reset();

    // The many descriptors die with the test; their ids go back for the tests that follow.
    public void Dispose() => CollectGarbage();

    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    // Ids are handed out lowest first: with this many descriptors alive, the next one's id is at least this large.
    private static (List<ToolDescriptor> Alive, ToolDescriptor Late) LateDescriptor(int maxCalls = 0)
    {
        var alive = new List<ToolDescriptor>(ManyDescriptors);
        for (var i = 0; i < ManyDescriptors; i++)
        {
            alive.Add(new ToolDescriptor("runtime_tool"));
        }

        return (alive, new ToolDescriptor("late_tool", maxCalls: maxCalls));
    }

    [Fact]
    public void A_tool_with_a_large_id_does_not_grow_the_guard_by_its_id()
    {
        var warmUp = new ToolDescriptor("warm_up");
        var (alive, late) = LateDescriptor();
        var guard = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 0 });
        Assert.False(guard.Check(warmUp, 1).IsRefused);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(guard.Check(late, 2).IsRefused);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A table indexed by the id would take 16 bytes per id: 1.6 MB here, 16 MB after a million descriptors.
        Assert.True(allocated < 16 * 1024, $"The first call of a tool with a large id allocated {allocated:N0} bytes.");
        Assert.Equal(1, guard.CallsTo(late));
        GC.KeepAlive(alive);
    }

    [Fact]
    public void Limits_counts_and_Reset_work_for_tools_with_large_ids()
    {
        var (alive, late) = LateDescriptor(maxCalls: 2);
        var guard = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 0 });
        var other = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 0 });

        Assert.Equal(0, guard.CallsTo(late));
        Assert.False(guard.TryAdmit(late, 1)); // never on the fast path: the full path decides
        Assert.False(guard.Begin(late, 1).IsRefused);
        Assert.False(guard.Check(late, 2).IsRefused);
        var refusal = guard.Check(late, 3);

        Assert.Equal(ToolRefusalReason.Budget, refusal.Reason);
        Assert.Equal(2, guard.CallsTo(late));
        Assert.Equal(0, other.CallsTo(late)); // per guard, not per descriptor

        guard.Reset();
        Assert.Equal(0, guard.CallsTo(late));
        Assert.False(guard.Check(late, 4).IsRefused);
        Assert.Equal(1, guard.CallsTo(late));

        var perTool = new ToolGuardOptions();
        perTool.MaxCallsPerTool["late_tool"] = 1;
        var overridden = new ToolGuard(perTool);
        Assert.False(overridden.Check(late, 5).IsRefused);
        Assert.True(overridden.Check(late, 6).IsRefused);
        GC.KeepAlive(alive);
    }

    [Fact]
    public void Descriptors_made_after_many_were_collected_are_admitted_on_the_fast_path()
    {
        MakeAndDropMany();
        CollectGarbage();

        var tool = new ToolDescriptor("after_the_churn");
        var guard = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 0 });

        Assert.False(guard.TryAdmit(tool, 1)); // the first call resolves the tool's slot
        Assert.False(guard.Check(tool, 1).IsRefused);
        Assert.True(guard.TryAdmit(tool, 2)); // an id reused from the collected ones: a slot in the dense table
        Assert.Equal(2, guard.CallsTo(tool));
    }

    [Fact]
    public void A_guard_keeps_its_count_for_a_tool_even_when_the_caller_drops_the_descriptor()
    {
        var guard = new ToolGuard(new ToolGuardOptions { MaxIdenticalCalls = 0 });
        var name = CallAndDrop(guard);
        MakeAndDropMany();
        CollectGarbage();

        // The guard held the dropped descriptor, so its id was not handed to any of the new ones: each starts at 0.
        for (var i = 0; i < 100; i++)
        {
            var fresh = new ToolDescriptor(name + i, maxCalls: 1);
            Assert.False(guard.Check(fresh, (ulong)i).IsRefused);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string CallAndDrop(ToolGuard guard)
    {
        var tool = new ToolDescriptor("dropped_tool", maxCalls: 1);
        Assert.False(guard.Check(tool, 1).IsRefused);
        return "dropped_tool";
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MakeAndDropMany()
    {
        var alive = new List<ToolDescriptor>(ManyDescriptors);
        for (var i = 0; i < ManyDescriptors; i++)
        {
            alive.Add(new ToolDescriptor("runtime_tool"));
        }

        GC.KeepAlive(alive);
    }
}
