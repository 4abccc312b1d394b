using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AgentRules;

/// <summary>
/// What the guard needs to know about one tool: its name, declared effect, environment scope, approval requirement
/// and budget. Generated code creates one per <see cref="AgentToolAttribute"/> method, once, in a static field; the
/// same instance is passed to <see cref="ToolGuard.Begin"/> on every call.
/// </summary>
public sealed class ToolDescriptor
{

    private readonly string[] _environments;
    private EnvironmentDecision? _lastDecision;

    /// <summary>Describes a tool.</summary>
    /// <param name="name">The tool name the model sees.</param>
    /// <param name="description">What the tool does, as the model reads it.</param>
    /// <param name="effect">The declared effect.</param>
    /// <param name="environments">The environments the tool may run in; null or empty for any.</param>
    /// <param name="requiresApproval">True when a human must approve each call.</param>
    /// <param name="maxCalls">The most calls one session may make to this tool; 0 for no per-tool limit.</param>
    /// <param name="cost">Cost units one call takes from the session's cost budget.</param>
    public ToolDescriptor(
        string name,
        string? description = null,
        ToolEffect effect = ToolEffect.Unspecified,
        string[]? environments = null,
        bool requiresApproval = false,
        int maxCalls = 0,
        int cost = 1)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A tool name is required.", nameof(name));
        }

        if (maxCalls < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCalls), maxCalls, "The call limit cannot be negative.");
        }

        if (cost < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cost), cost, "The cost cannot be negative.");
        }

        Name = name;
        Description = description ?? string.Empty;
        Effect = effect;
        _environments = environments is null || environments.Length == 0 ? Array.Empty<string>() : (string[])environments.Clone();
        RequiresApproval = requiresApproval;
        MaxCalls = maxCalls;
        Cost = cost;
        ActivityName = "execute_tool " + name;
        Id = DescriptorIds.Rent();
        HashSeed = ToolArgumentHash.Seed(Id);
        HasEnvironmentScope = _environments.Length > 0;
    }

    /// <summary>Returns the descriptor's id for reuse.</summary>
    ~ToolDescriptor()
    {
        DescriptorIds.Return(Id);
    }

    /// <summary>The tool name the model sees.</summary>
    public string Name { get; }

    /// <summary>What the tool does; empty when undocumented.</summary>
    public string Description { get; }

    /// <summary>The declared effect.</summary>
    public ToolEffect Effect { get; }

    /// <summary>The environments the tool may run in; empty when it may run in any.</summary>
    public IReadOnlyList<string> Environments => _environments;

    /// <summary>True when a human must approve each call.</summary>
    public bool RequiresApproval { get; }

    /// <summary>The most calls one session may make to this tool; 0 for no per-tool limit.</summary>
    public int MaxCalls { get; }

    /// <summary>Cost units one call takes from the session's cost budget.</summary>
    public int Cost { get; }

    /// <summary>The tracing span name, <c>execute_tool {name}</c>.</summary>
    internal string ActivityName { get; }

    /// <summary>A process-wide index for per-session state; dense, from 0; reused once its descriptor is collected.</summary>
    internal int Id { get; }

    /// <summary>The argument hash of a call before any argument is added.</summary>
    internal ulong HashSeed { get; }

    /// <summary>True when the tool declares environments.</summary>
    internal bool HasEnvironmentScope { get; }

    /// <summary>True when the tool may run in <paramref name="environment"/> (case-insensitive); always true for unscoped tools.</summary>
    public bool IsAllowedIn(string environment)
    {
        if (_environments.Length == 0)
        {
            return true;
        }

        // The current environment is one cached string instance, so the answer for it is cached by reference: the
        // hot path is one volatile read and one reference comparison.
        var last = Volatile.Read(ref _lastDecision);
        if (last is not null && ReferenceEquals(last.Environment, environment))
        {
            return last.Allowed;
        }

        var allowed = false;
        foreach (var candidate in _environments)
        {
            if (string.Equals(candidate, environment, StringComparison.OrdinalIgnoreCase))
            {
                allowed = true;
                break;
            }
        }

        Volatile.Write(ref _lastDecision, new EnvironmentDecision(environment, allowed));
        return allowed;
    }

    /// <summary>
    /// True when the cached decision for this exact environment string says the tool may run: the fast path's check
    /// (one volatile read, one reference comparison). False when it may not, or when nothing is cached for it yet;
    /// <see cref="IsAllowedIn"/> decides those.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsKnownAllowedIn(string? environment)
    {
        var last = Volatile.Read(ref _lastDecision);
        return last is not null && ReferenceEquals(last.Environment, environment) && last.Allowed;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private sealed class EnvironmentDecision(string environment, bool allowed)
    {
        public string Environment { get; } = environment;

        public bool Allowed { get; } = allowed;
    }
}

/// <summary>
/// <see cref="ToolDescriptor.Id"/>s: the lowest free id first, and the ids of collected descriptors reused, so ids
/// stay about as dense as the descriptors alive at once. Guards index per-tool state by id, so their tables stay small
/// even when descriptors are created at run time by the million. A guard holds every descriptor it has state for, so
/// an id is never reused while a guard still counts calls under it.
/// </summary>
internal static class DescriptorIds
{
    private static readonly object s_gate = new();
    private static int s_next;
    private static int[] s_free = new int[16]; // a binary min-heap of returned ids
    private static int s_freeCount;

    public static int Rent()
    {
        lock (s_gate)
        {
            if (s_freeCount == 0)
            {
                return s_next++;
            }

            var lowest = s_free[0];
            var last = s_free[--s_freeCount];
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= s_freeCount)
                {
                    break;
                }

                if (child + 1 < s_freeCount && s_free[child + 1] < s_free[child])
                {
                    child++;
                }

                if (last <= s_free[child])
                {
                    break;
                }

                s_free[i] = s_free[child];
                i = child;
            }

            if (s_freeCount > 0)
            {
                s_free[i] = last;
            }

            return lowest;
        }
    }

    public static void Return(int id)
    {
        lock (s_gate)
        {
            if (s_freeCount == s_free.Length)
            {
                Array.Resize(ref s_free, s_free.Length * 2);
            }

            var i = s_freeCount++;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (s_free[parent] <= id)
                {
                    break;
                }

                s_free[i] = s_free[parent];
                i = parent;
            }

            s_free[i] = id;
        }
    }
}
