using System;

namespace AgentRules;

/// <summary>
/// Declares the environments in which a tool may run, for example <c>[EnvironmentScope("Development", "Staging")]</c>.
/// Put it on a tool method, on the class that declares tools, or on the assembly. The nearest declaration wins.
/// Environment names are compared case-insensitively.
/// </summary>
/// <remarks>
/// Rule AGR0001 reports destructive tools that carry no environment scope. Generated tool wrappers refuse calls
/// outside the declared environments and leave such tools out of the tool list the model sees.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class EnvironmentScopeAttribute : Attribute
{
    /// <summary>Creates the attribute with the environments the tool may run in.</summary>
    /// <param name="environments">Environment names such as <c>"Development"</c> or <c>"Staging"</c>.</param>
    public EnvironmentScopeAttribute(params string[] environments)
    {
        Environments = environments ?? Array.Empty<string>();
    }

    /// <summary>The environments the tool may run in.</summary>
    public string[] Environments { get; }
}
