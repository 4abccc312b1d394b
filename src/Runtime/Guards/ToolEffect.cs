namespace AgentRules;

/// <summary>What a tool declares about its effect on the world outside the process.</summary>
public enum ToolEffect
{
    /// <summary>The tool declares neither <see cref="ReadOnlyToolAttribute"/> nor <see cref="DestructiveToolAttribute"/>.</summary>
    Unspecified = 0,

    /// <summary>The tool only reads (<see cref="ReadOnlyToolAttribute"/>).</summary>
    ReadOnly = 1,

    /// <summary>The tool changes state outside the process (<see cref="DestructiveToolAttribute"/>).</summary>
    Destructive = 2,
}
