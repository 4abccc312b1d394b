using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace AgentRules;

/// <summary>
/// A kill switch that stops agents from outside their reasoning path. <see cref="Global"/> stops every agent in the
/// process; <see cref="ForAgent"/> returns a named switch for one agent, which is also tripped whenever the global
/// switch is.
/// </summary>
/// <remarks>
/// <para>
/// Tripping is thread-safe and immediate: once <see cref="Trip"/> returns, <see cref="IsTripped"/> is true on every
/// thread and <see cref="Token"/> is cancelled, so LLM calls that were given the token abort in flight. Checking
/// <see cref="IsTripped"/> costs one or two volatile reads and never allocates.
/// </para>
/// <para>
/// Pass <see cref="Token"/> to LLM calls (alone or linked with a request's token) and check
/// <see cref="IsTripped"/> or call <see cref="ThrowIfTripped"/> once per loop iteration; AgentRules' loop rules
/// (AGR0003) accept either as a kill-switch check, and generated tool wrappers check it before every tool call.
/// </para>
/// </remarks>
public sealed class KillSwitch
{
    private static readonly ConcurrentDictionary<string, KillSwitch> s_agents = new(StringComparer.OrdinalIgnoreCase);

    private readonly KillSwitch? _parent;
    private readonly object _gate = new();
    private volatile Generation _generation;

    // True while the current generation is tripped: what IsTripped reads (one volatile read per switch instead of
    // following the generation). Written only under _gate, together with the generation it describes.
    private volatile bool _tripped;

    // The global switch's _tripped, also kept here: reading a static is one load less on every tool call.
    private static volatile bool s_globalTripped;
    private List<FileWatch>? _watches;

    private KillSwitch(string name, KillSwitch? parent)
    {
        Name = name;
        _parent = parent;
        _generation = new Generation(parent?._generation.Source.Token);
    }

    /// <summary>The process-wide switch: tripping it stops every agent.</summary>
    public static KillSwitch Global { get; } = new("global", parent: null);

    /// <summary>The switch of one agent (names compare case-insensitively). It is tripped when the global switch is.</summary>
    public static KillSwitch ForAgent(string agentName)
    {
        if (string.IsNullOrWhiteSpace(agentName))
        {
            throw new ArgumentException("An agent name is required.", nameof(agentName));
        }

        return s_agents.GetOrAdd(agentName, static name => new KillSwitch(name, Global));
    }

    /// <summary>"global", or the agent's name.</summary>
    public string Name { get; }

    /// <summary>True once this switch, or the global switch, has been tripped.</summary>
    /// <remarks>Two volatile reads (this switch's state and the global one's); never allocates.</remarks>
    public bool IsTripped => _tripped || s_globalTripped;

    /// <summary>Why the switch was tripped (its own reason first, else the global one); null while not tripped.</summary>
    public string? Reason => Volatile.Read(ref _generation.State)?.Reason ?? _parent?.Reason;

    /// <summary>When the switch was tripped (UTC); null while not tripped.</summary>
    public DateTimeOffset? TrippedAt => Volatile.Read(ref _generation.State)?.At ?? _parent?.TrippedAt;

    /// <summary>A token cancelled when the switch (or the global switch) trips. Pass it to LLM and tool calls.</summary>
    public CancellationToken Token => _generation.Source.Token;

    /// <summary>
    /// Trips the switch. Returns true when this call tripped it, false when it was already tripped (the first
    /// reason is kept). Callbacks registered on <see cref="Token"/> run before this method returns.
    /// </summary>
    /// <param name="reason">Why, for logs and for the refusals generated wrappers return.</param>
    public bool Trip(string reason)
    {
        var state = new TripState(string.IsNullOrWhiteSpace(reason) ? "tripped" : reason, DateTimeOffset.UtcNow);
        Generation generation;
        lock (_gate)
        {
            // Under the gate, so a concurrent Reset cannot separate the flag from the generation it describes.
            generation = _generation;
            if (Interlocked.CompareExchange(ref generation.State, state, null) is not null)
            {
                return false;
            }

            _tripped = true;
            if (_parent is null)
            {
                s_globalTripped = true;
            }
        }

        // The flag is published before cancellation and before Trip returns: any thread that observes the cancelled
        // token, or starts a check after Trip has returned, also observes IsTripped.
        generation.Source.Cancel();
        return true;
    }

    /// <summary>Throws <see cref="KillSwitchTrippedException"/> when the switch (or the global switch) is tripped.</summary>
    public void ThrowIfTripped()
    {
        if (IsTripped)
        {
            throw new KillSwitchTrippedException(Name, Reason ?? "tripped", Token);
        }
    }

    /// <summary>
    /// Re-arms the switch: for tests, and for recovery once an operator has dealt with the cause. Resetting the global
    /// switch also resets every agent's switch. Tokens handed out before the reset stay cancelled.
    /// </summary>
    public void Reset()
    {
        lock (_gate)
        {
            _generation = new Generation(_parent?._generation.Source.Token);
            _tripped = false;
            if (_parent is null)
            {
                s_globalTripped = false;
            }
        }

        if (_parent is null)
        {
            foreach (var agent in s_agents.Values)
            {
                agent.Reset();
            }
        }
    }

    /// <summary>
    /// Trips the switch when a file appears at <paramref name="path"/> (or already exists): a way to stop agents from
    /// outside the process, e.g. <c>touch /var/run/agents/STOP</c>. A file system watcher reacts at once where the
    /// platform reports changes; a poll every <paramref name="pollInterval"/> (default one second) covers where it
    /// does not. The folder may not exist yet: the poll notices the file once the folder and the file are created
    /// (and then starts the watcher). A folder created at <paramref name="path"/> itself trips the switch too.
    /// Dispose the result to stop watching.
    /// </summary>
    /// <param name="path">The kill file's path (a file, not a folder).</param>
    /// <param name="pollInterval">How often to look for the file: more than zero, at most a day (default one second).</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, not a valid path, or an existing folder.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pollInterval"/> is zero, negative or longer than a day.</exception>
    public IDisposable WatchFile(string path, TimeSpan? pollInterval = null)
    {
        // Everything is checked before anything starts: a watcher or timer started before a failed check could never
        // be disposed.
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        var interval = pollInterval ?? TimeSpan.FromSeconds(1);
        if (interval <= TimeSpan.Zero || interval > MaxPollInterval)
        {
            throw new ArgumentOutOfRangeException(
                nameof(pollInterval),
                interval,
                $"The kill file's poll interval must be more than zero and at most {MaxPollInterval.TotalHours:0} hours; with no poll, a kill file in a folder the file system watcher cannot see would never trip the switch.");
        }

        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            throw new ArgumentException($"'{path}' is not a valid kill file path: {e.Message}", nameof(path), e);
        }

        if (Directory.Exists(fullPath) || EndsInSeparator(path))
        {
            throw new ArgumentException(
                $"'{path}' is a folder; WatchFile watches for a file. Pass the kill file's path inside it, e.g. '{Path.Combine(fullPath, "STOP")}'.",
                nameof(path));
        }

        var watch = new FileWatch(this, fullPath, interval);
        lock (_gate)
        {
            (_watches ??= new List<FileWatch>()).Add(watch);
        }

        try
        {
            watch.Start();
        }
        catch
        {
            watch.Dispose();
            throw;
        }

        return watch;
    }

    /// <summary>The longest poll interval <see cref="WatchFile"/> accepts (one day).</summary>
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromDays(1);

    private static bool EndsInSeparator(string path) =>
        path.Length > 0 && (path[path.Length - 1] == Path.DirectorySeparatorChar || path[path.Length - 1] == Path.AltDirectorySeparatorChar);

    private void Forget(FileWatch watch)
    {
        lock (_gate)
        {
            _watches?.Remove(watch);
        }
    }

    private sealed class TripState(string reason, DateTimeOffset at)
    {
        public string Reason { get; } = reason;

        public DateTimeOffset At { get; } = at;
    }

    private sealed class Generation
    {
        public readonly CancellationTokenSource Source;
        public TripState? State;

        public Generation(CancellationToken? parentToken)
        {
            Source = parentToken is { } token ? CancellationTokenSource.CreateLinkedTokenSource(token) : new CancellationTokenSource();
        }
    }

    private sealed class FileWatch : IDisposable
    {
        private readonly KillSwitch _owner;
        private readonly string _path;
        private readonly string? _directory;
        private readonly TimeSpan _pollInterval;
        private readonly object _gate = new();
        private FileSystemWatcher? _watcher;
        private Timer? _timer;
        private bool _disposed;

        public FileWatch(KillSwitch owner, string path, TimeSpan pollInterval)
        {
            _owner = owner;
            _path = path;
            _directory = Path.GetDirectoryName(path);
            _pollInterval = pollInterval;
        }

        public void Start()
        {
            lock (_gate)
            {
                TryStartWatcher();
                _timer = new Timer(static state => ((FileWatch)state!).Poll(), this, TimeSpan.Zero, _pollInterval);
            }
        }

        // Under _gate. The watcher needs the folder; while it does not exist the poll looks for it and starts the
        // watcher once it does. A watcher that cannot start is no error: the poll covers the file alone.
        private void TryStartWatcher()
        {
            if (_disposed || _watcher is not null || _directory is null || !Directory.Exists(_directory))
            {
                return;
            }

            FileSystemWatcher? watcher = null;
            try
            {
                watcher = new FileSystemWatcher(_directory, Path.GetFileName(_path)) { NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.CreationTime };
                watcher.Created += (_, _) => Check();
                watcher.Renamed += (_, _) => Check();
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
            }
            catch (Exception e) when (e is IOException or PlatformNotSupportedException or ArgumentException or UnauthorizedAccessException)
            {
                watcher?.Dispose();
            }
        }

        private void Poll()
        {
            if (Volatile.Read(ref _watcher) is null)
            {
                lock (_gate)
                {
                    TryStartWatcher();
                }
            }

            Check();
        }

        private void Check()
        {
            if (!Volatile.Read(ref _disposed) && (File.Exists(_path) || Directory.Exists(_path)))
            {
                _owner.Trip($"kill file {_path} appeared");
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _watcher?.Dispose();
                _timer?.Dispose();
            }

            _owner.Forget(this);
        }
    }
}

/// <summary>Thrown by <see cref="KillSwitch.ThrowIfTripped"/>: an operation was stopped by a kill switch.</summary>
public sealed class KillSwitchTrippedException : OperationCanceledException
{
    /// <summary>Creates the exception for a tripped switch.</summary>
    public KillSwitchTrippedException(string switchName, string reason, CancellationToken token)
        : base($"Kill switch '{switchName}' is tripped: {reason}", token)
    {
        SwitchName = switchName;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message.</summary>
    public KillSwitchTrippedException()
        : this("global", "tripped", default)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KillSwitchTrippedException(string message)
        : base(message)
    {
        SwitchName = "global";
        Reason = message;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public KillSwitchTrippedException(string message, Exception innerException)
        : base(message, innerException)
    {
        SwitchName = "global";
        Reason = message;
    }

    /// <summary>The switch that was tripped.</summary>
    public string SwitchName { get; }

    /// <summary>Why it was tripped.</summary>
    public string Reason { get; }
}
