using System;

namespace AgentRules;

/// <summary>Argument checks that work on every target framework.</summary>
internal static class Requires
{
    public static T NotNull<T>(T? value, string name)
        where T : class => value ?? throw new ArgumentNullException(name);
}
