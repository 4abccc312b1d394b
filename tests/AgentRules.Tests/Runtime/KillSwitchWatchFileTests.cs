using System;
using System.IO;
using System.Threading;
using Xunit;

namespace AgentRules.Tests.Runtime;

/// <summary>
/// <see cref="KillSwitch.WatchFile"/> with arguments that used to make it never trip, or leave a watcher behind:
/// a zero or negative poll interval, a folder that does not exist yet, a folder path.
/// </summary>
[Collection(ProcessStateCollection.Name)]
public sealed class KillSwitchWatchFileTests : IDisposable
{
    private static readonly TimeSpan Eventually = TimeSpan.FromSeconds(20);

    private readonly string _directory = Directory.CreateTempSubdirectory("agentrules-killfile-").FullName;

    public KillSwitchWatchFileTests() => KillSwitch.Global.Reset();

    public void Dispose()
    {
        KillSwitch.Global.Reset();
        Directory.Delete(_directory, recursive: true);
    }

    private static KillSwitch NewAgent() => KillSwitch.ForAgent("agent-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-5000)]
    public void A_poll_interval_that_is_not_positive_is_rejected(int milliseconds)
    {
        var agent = NewAgent();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => agent.WatchFile(Path.Combine(_directory, "STOP"), TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal("pollInterval", error.ParamName);
    }

    [Fact]
    public void A_poll_interval_longer_than_a_day_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewAgent().WatchFile(Path.Combine(_directory, "STOP"), TimeSpan.FromDays(2)));
    }

    [Fact]
    public void A_rejected_call_leaves_nothing_watching()
    {
        var agent = NewAgent();
        var stopFile = Path.Combine(_directory, "STOP");
        Assert.ThrowsAny<ArgumentException>(() => agent.WatchFile(stopFile, TimeSpan.FromMilliseconds(-5)));

        File.WriteAllText(stopFile, "incident");

        // Nothing is left to notice the file: a watcher started before the failed check would trip the switch here.
        Assert.False(SpinWait.SpinUntil(() => agent.IsTripped, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void A_kill_file_in_a_folder_created_later_trips_the_switch()
    {
        var agent = NewAgent();
        var folder = Path.Combine(_directory, "not-yet", "agents");
        using var watch = agent.WatchFile(Path.Combine(folder, "STOP"), TimeSpan.FromMilliseconds(20));
        Thread.Sleep(100);
        Assert.False(agent.IsTripped);

        Directory.CreateDirectory(folder);
        Thread.Sleep(100); // a few polls with the folder there and no file: the watcher starts, nothing trips
        Assert.False(agent.IsTripped);
        File.WriteAllText(Path.Combine(folder, "STOP"), string.Empty);

        Assert.True(SpinWait.SpinUntil(() => agent.IsTripped, Eventually));
        Assert.Contains("STOP", agent.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_path_is_rejected_with_a_suggestion()
    {
        var agent = NewAgent();

        var existing = Assert.Throws<ArgumentException>(() => agent.WatchFile(_directory, TimeSpan.FromMilliseconds(20)));
        var trailing = Assert.Throws<ArgumentException>(() => agent.WatchFile(Path.Combine(_directory, "later") + Path.DirectorySeparatorChar, TimeSpan.FromMilliseconds(20)));

        Assert.Equal("path", existing.ParamName);
        Assert.Contains("is a folder", existing.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_directory, "STOP"), existing.Message, StringComparison.Ordinal);
        Assert.Equal("path", trailing.ParamName);
        Assert.False(agent.IsTripped);
    }

    [Fact]
    public void A_folder_created_at_the_watched_path_trips_the_switch()
    {
        var agent = NewAgent();
        var stopPath = Path.Combine(_directory, "STOP");
        using var watch = agent.WatchFile(stopPath, TimeSpan.FromMilliseconds(20));

        Directory.CreateDirectory(stopPath);

        Assert.True(SpinWait.SpinUntil(() => agent.IsTripped, Eventually));
    }

    [Fact]
    public void Disposing_twice_and_disposing_while_polling_are_safe()
    {
        var agent = NewAgent();
        var watch = agent.WatchFile(Path.Combine(_directory, "missing", "STOP"), TimeSpan.FromMilliseconds(1));
        Thread.Sleep(20);
        watch.Dispose();
        watch.Dispose();

        Directory.CreateDirectory(Path.Combine(_directory, "missing"));
        File.WriteAllText(Path.Combine(_directory, "missing", "STOP"), string.Empty);
        Assert.False(SpinWait.SpinUntil(() => agent.IsTripped, TimeSpan.FromMilliseconds(300)));
    }
}
