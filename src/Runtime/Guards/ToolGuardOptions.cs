using System;
using System.Collections.Generic;

namespace AgentRules;

/// <summary>
/// The limits of one agent session, read once when a <see cref="ToolGuard"/> is created. Zero means "no limit"
/// everywhere except <see cref="MaxIdenticalCalls"/>, where it turns duplicate detection off. A negative value (or a
/// <see cref="DuplicateWindow"/> above <see cref="ToolGuard.MaxDuplicateWindow"/>) makes the guard's constructor throw
/// an <see cref="System.ArgumentOutOfRangeException"/> naming the option.
/// </summary>
public sealed class ToolGuardOptions
{
    /// <summary>
    /// The agent's name: its <see cref="KillSwitch.ForAgent"/> switch (which the global switch also trips) stops its
    /// tool calls. When null, only <see cref="KillSwitch.Global"/> applies.
    /// </summary>
    public string? AgentName { get; set; }

    /// <summary>
    /// The environment this session runs in, overriding <see cref="AgentEnvironment.Current"/>; null (the default)
    /// follows <see cref="AgentEnvironment.Current"/>.
    /// </summary>
    public string? Environment { get; set; }

    /// <summary>The most tool calls the session may make, all tools together; 0 for no limit.</summary>
    public int MaxCalls { get; set; }

    /// <summary>The most cost units (<see cref="ToolBudgetAttribute.Cost"/>) the session may spend; 0 for no limit.</summary>
    public int MaxCost { get; set; }

    /// <summary>
    /// Per-tool call limits by tool name, overriding <see cref="ToolBudgetAttribute.MaxCalls"/> (0 removes a
    /// tool's limit). Names compare case-insensitively. A negative limit is rejected when the guard is created.
    /// </summary>
    public IDictionary<string, int> MaxCallsPerTool { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How many identical calls (same tool, same arguments) are allowed in a row, and within the last
    /// <see cref="DuplicateWindow"/> calls, before the next one is refused. Default 3: the fourth identical call is
    /// refused. 0 turns duplicate detection off.
    /// </summary>
    public int MaxIdenticalCalls { get; set; } = 3;

    /// <summary>
    /// How many of the session's most recent admitted calls are searched for identical ones (default 10), so that
    /// loops such as A, B, A, B, ... are caught too. 0 checks only calls in a row; at most
    /// <see cref="ToolGuard.MaxDuplicateWindow"/> (1024).
    /// </summary>
    public int DuplicateWindow { get; set; } = 10;

    /// <summary>Tools exempt from duplicate detection (polling tools, clocks), by name, case-insensitive.</summary>
    public ISet<string> DuplicateCheckExemptTools { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A budget shared with other processes (for example <c>AgentRules.Redis.RedisSharedBudget</c>): each call the
    /// guard admits also takes its cost units from <see cref="SharedBudgetScope"/> there. Null (the default) for none;
    /// the guard's fast path is unchanged then. Calls of a guard with a shared budget take the guard's full path.
    /// </summary>
    public ISharedBudget? SharedBudget { get; set; }

    /// <summary>The scope of <see cref="SharedBudget"/> this session spends, e.g. <c>session:42</c> or <c>tenant:acme</c>; required with it.</summary>
    public string? SharedBudgetScope { get; set; }

    /// <summary>
    /// A copy of these options for one session's guard, with <paramref name="agentName"/> as the agent name where none is
    /// set: the framework integrations build one guard per session or run from the options a user configured once.
    /// </summary>
    /// <param name="agentName">The agent name to use when <see cref="AgentName"/> is null.</param>
    public ToolGuardOptions CopyFor(string? agentName)
    {
        var copy = new ToolGuardOptions
        {
            AgentName = AgentName ?? agentName,
            Environment = Environment,
            MaxCalls = MaxCalls,
            MaxCost = MaxCost,
            MaxIdenticalCalls = MaxIdenticalCalls,
            DuplicateWindow = DuplicateWindow,
            SharedBudget = SharedBudget,
            SharedBudgetScope = SharedBudgetScope,
        };
        foreach (var limit in MaxCallsPerTool)
        {
            copy.MaxCallsPerTool[limit.Key] = limit.Value;
        }

        foreach (var tool in DuplicateCheckExemptTools)
        {
            copy.DuplicateCheckExemptTools.Add(tool);
        }

        return copy;
    }
}
