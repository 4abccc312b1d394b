using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AgentRules.Tests.Runtime;

[Collection(ProcessStateCollection.Name)]
public sealed class KillSwitchTests : IDisposable
{
    public KillSwitchTests() => KillSwitch.Global.Reset();

    public void Dispose() => KillSwitch.Global.Reset();

    private static KillSwitch NewAgent() => KillSwitch.ForAgent("agent-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Trip_sets_state_reason_and_cancels_the_token()
    {
        var agent = NewAgent();
        Assert.False(agent.IsTripped);
        Assert.Null(agent.Reason);
        Assert.False(agent.Token.IsCancellationRequested);

        Assert.True(agent.Trip("filed 1,200 wrong tickets"));

        Assert.True(agent.IsTripped);
        Assert.Equal("filed 1,200 wrong tickets", agent.Reason);
        Assert.NotNull(agent.TrippedAt);
        Assert.True(agent.Token.IsCancellationRequested);
    }

    [Fact]
    public void Second_trip_keeps_the_first_reason()
    {
        var agent = NewAgent();
        Assert.True(agent.Trip("first"));
        Assert.False(agent.Trip("second"));
        Assert.Equal("first", agent.Reason);
    }

    [Fact]
    public void Tripping_the_global_switch_trips_every_agent_but_not_the_other_way_round()
    {
        var a = NewAgent();
        var b = NewAgent();

        a.Trip("agent a misbehaves");
        Assert.True(a.IsTripped);
        Assert.False(b.IsTripped);
        Assert.False(KillSwitch.Global.IsTripped);

        KillSwitch.Global.Trip("incident 4711");
        Assert.True(b.IsTripped);
        Assert.True(b.Token.IsCancellationRequested);
        Assert.Equal("incident 4711", b.Reason);
        Assert.Equal("agent a misbehaves", a.Reason);
    }

    [Fact]
    public void ForAgent_returns_one_switch_per_name_ignoring_case()
    {
        var name = "Refunds-" + Guid.NewGuid().ToString("N");
        Assert.Same(KillSwitch.ForAgent(name), KillSwitch.ForAgent(name.ToUpperInvariant()));
        Assert.Throws<ArgumentException>(() => KillSwitch.ForAgent(" "));
    }

    [Fact]
    public void ThrowIfTripped_throws_an_OperationCanceledException_with_the_reason()
    {
        var agent = NewAgent();
        agent.ThrowIfTripped();

        agent.Trip("budget exceeded");
        var error = Assert.Throws<KillSwitchTrippedException>(agent.ThrowIfTripped);
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Equal("budget exceeded", error.Reason);
        Assert.Equal(agent.Name, error.SwitchName);
        Assert.Equal(agent.Token, error.CancellationToken);
    }

    [Fact]
    public async Task Trip_aborts_an_LLM_call_in_flight_that_was_given_the_token()
    {
        var agent = NewAgent();
        var call = Task.Delay(TimeSpan.FromMinutes(5), agent.Token);

        agent.Trip("operator stop");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public void Reset_rearms_the_switch_and_global_reset_rearms_agents()
    {
        var agent = NewAgent();
        var oldToken = agent.Token;
        agent.Trip("x");
        agent.Reset();
        Assert.False(agent.IsTripped);
        Assert.False(agent.Token.IsCancellationRequested);
        Assert.True(oldToken.IsCancellationRequested);

        KillSwitch.Global.Trip("y");
        Assert.True(agent.IsTripped);
        KillSwitch.Global.Reset();
        Assert.False(agent.IsTripped);
        Assert.False(agent.Token.IsCancellationRequested);
    }

    [Fact]
    public void Trip_racing_Reset_leaves_the_flag_and_the_reason_in_agreement()
    {
        var agent = NewAgent();
        for (var round = 0; round < 200; round++)
        {
            using var start = new Barrier(2);
            var tripper = new Thread(() =>
            {
                start.SignalAndWait();
                agent.Trip("race " + round);
            });
            tripper.Start();
            start.SignalAndWait();
            agent.Reset();
            tripper.Join();

            // Either order is fine; a tripped switch without a reason (or the other way round) is not.
            Assert.Equal(agent.IsTripped, agent.Reason is not null);
            Assert.Equal(agent.IsTripped, agent.Token.IsCancellationRequested);
            agent.Reset();
        }
    }

    [Fact]
    public void The_global_switch_stops_agents_created_before_and_after_it_trips()
    {
        var before = NewAgent();
        KillSwitch.Global.Trip("incident");
        var after = NewAgent();

        Assert.True(before.IsTripped);
        Assert.True(after.IsTripped);
        Assert.Equal("incident", after.Reason);
        after.Reset(); // an agent's own reset does not re-arm what the global switch stopped
        Assert.True(after.IsTripped);

        KillSwitch.Global.Reset();
        Assert.False(before.IsTripped);
        Assert.False(after.IsTripped);
    }

    [Fact]
    public void After_Trip_returns_every_thread_sees_it()
    {
        const int Threads = 8;
        var agent = NewAgent();
        using var tripped = new ManualResetEventSlim();
        var seenBeforeTrip = new bool[Threads];
        var seenAfterTrip = new bool[Threads];
        using var ready = new CountdownEvent(Threads);

        var workers = new Thread[Threads];
        for (var i = 0; i < Threads; i++)
        {
            var index = i;
            workers[i] = new Thread(() =>
            {
                seenBeforeTrip[index] = agent.IsTripped;
                ready.Signal();
                tripped.Wait();
                seenAfterTrip[index] = agent.IsTripped && agent.Token.IsCancellationRequested;
            });
            workers[i].Start();
        }

        ready.Wait();
        agent.Trip("stop");
        tripped.Set();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        Assert.All(seenBeforeTrip, Assert.False);
        Assert.All(seenAfterTrip, Assert.True);
    }

    [Fact]
    public void Concurrent_trips_trip_exactly_once()
    {
        var agent = NewAgent();
        var winners = 0;
        Parallel.For(0, 64, i =>
        {
            if (agent.Trip("caller " + i))
            {
                Interlocked.Increment(ref winners);
            }
        });

        Assert.Equal(1, winners);
    }

    [Fact]
    public void IsTripped_does_not_allocate()
    {
        var agent = NewAgent();
        _ = agent.IsTripped;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var any = false;
        for (var i = 0; i < 1000; i++)
        {
            any |= agent.IsTripped || KillSwitch.Global.IsTripped;
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.False(any);
    }

    [Fact]
    public async Task A_kill_file_appearing_trips_the_switch()
    {
        var directory = Directory.CreateTempSubdirectory("agentrules-killfile-").FullName;
        try
        {
            var agent = NewAgent();
            var stopFile = Path.Combine(directory, "STOP");
            using var watch = agent.WatchFile(stopFile, TimeSpan.FromMilliseconds(50));
            Assert.False(agent.IsTripped);

            var trippedTask = WaitForCancellationAsync(agent.Token);
            await File.WriteAllTextAsync(stopFile, "incident");

            var winner = await Task.WhenAny(trippedTask, Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.Same(trippedTask, winner);
            Assert.Contains("STOP", agent.Reason, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_kill_file_that_already_exists_trips_on_watch_and_a_disposed_watch_stops()
    {
        var directory = Directory.CreateTempSubdirectory("agentrules-killfile-").FullName;
        try
        {
            var existing = Path.Combine(directory, "STOP");
            File.WriteAllText(existing, string.Empty);
            var agent = NewAgent();
            using (agent.WatchFile(existing, TimeSpan.FromMilliseconds(20)))
            {
                SpinWait.SpinUntil(() => agent.IsTripped, TimeSpan.FromSeconds(30));
                Assert.True(agent.IsTripped);
            }

            var other = NewAgent();
            var later = Path.Combine(directory, "LATER");
            other.WatchFile(later, TimeSpan.FromMilliseconds(20)).Dispose();
            File.WriteAllText(later, string.Empty);
            Thread.Sleep(200);
            Assert.False(other.IsTripped);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task WaitForCancellationAsync(CancellationToken token)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => completion.TrySetResult());
        return completion.Task;
    }
}
