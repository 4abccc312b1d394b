using System;

namespace AgentRules;

/// <summary>
/// Marks a method as a tool an agent may call. AgentRules generates a guarded wrapper for it (kill switch,
/// environment scope, budget and duplicate-call checks before every call) and, when Microsoft.Extensions.AI is
/// referenced, a reflection-free <c>AIFunction</c>. The declaring type must be <c>partial</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AgentToolAttribute : Attribute
{
    /// <summary>Marks a tool named after its method.</summary>
    public AgentToolAttribute()
    {
    }

    /// <summary>Marks a tool with an explicit name, as the model sees it.</summary>
    /// <param name="name">The tool name, for example <c>"delete_customer"</c>.</param>
    public AgentToolAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The tool name the model sees; the method name when not set.</summary>
    public string? Name { get; set; }
}
