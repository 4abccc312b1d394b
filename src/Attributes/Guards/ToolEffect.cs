namespace AgentRules;

/// <summary>What a tool declares about its effect on the world outside the process.</summary>
public enum ToolEffect
{
    /// <summary>The tool declares neither <see cref="ReadOnlyAttribute"/> nor <see cref="DestructiveAttribute"/>.</summary>
    Unspecified = 0,

    /// <summary>The tool only reads (<see cref="ReadOnlyAttribute"/>).</summary>
    ReadOnly = 1,

    /// <summary>The tool changes state outside the process (<see cref="DestructiveAttribute"/>).</summary>
    Destructive = 2,
}
