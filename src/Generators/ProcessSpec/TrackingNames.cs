namespace AgentRules.Generators.ProcessSpec;

/// <summary>The tracked steps of <see cref="ProcessSpecGenerator"/>.</summary>
/// <remarks>
/// The spec describes the whole compilation, so <see cref="Spec"/> reruns on every compilation by design (see
/// ProcessSpecGenerator); only <see cref="Settings"/> is cached across edits.
/// </remarks>
public static class TrackingNames
{
    public const string Settings = "ProcessSpec.Settings";
    public const string Spec = "ProcessSpec.Spec";

    public static readonly string[] All = { Settings, Spec };
}
