using System;
using System.Collections.Concurrent;
using System.Reflection;

namespace AgentRules;

/// <summary>
/// Descriptors of tools that are not generated from <see cref="AgentToolAttribute"/> methods — <c>AIFunction</c>s,
/// MCP server tools, kernel functions — read from the attributes of the method behind them, for the framework
/// integrations: <see cref="EnvironmentScopeAttribute"/> (the method's, else its type's or an enclosing type's, else
/// its assembly's), <see cref="RequiresApprovalAttribute"/> (method or type) and <see cref="ToolBudgetAttribute"/>
/// (method). Each (method, name) pair gets one descriptor for the life of the process, so a session's per-tool state
/// stays bounded. Reading attributes is trimming- and AOT-safe.
/// </summary>
public static class ToolDescriptors
{
    private static readonly ConcurrentDictionary<(MethodInfo Method, string Name), ToolDescriptor> s_byMethod = new();
    private static readonly ConcurrentDictionary<string, ToolDescriptor> s_byName = new(StringComparer.Ordinal);

    /// <summary>
    /// The descriptor of the tool named <paramref name="name"/> implemented by <paramref name="method"/>; for a tool
    /// with no method (a remote or hand-built tool), an unscoped descriptor with the name.
    /// </summary>
    /// <param name="method">The method behind the tool, when there is one.</param>
    /// <param name="name">The tool name the model sees.</param>
    /// <param name="description">The tool's description (used only when the descriptor is first created).</param>
    public static ToolDescriptor ForMethod(MethodInfo? method, string name, string? description = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A tool name is required.", nameof(name));
        }

        if (method is null)
        {
            return s_byName.TryGetValue(name, out var known) ? known : s_byName.GetOrAdd(name, new ToolDescriptor(name, description));
        }

        var key = (method, name);
        return s_byMethod.TryGetValue(key, out var descriptor) ? descriptor : s_byMethod.GetOrAdd(key, Create(method, name, description));
    }

    /// <summary>The environments the method's tool may run in: the nearest <see cref="EnvironmentScopeAttribute"/>; empty for any.</summary>
    public static string[] EnvironmentsOf(MethodInfo method)
    {
        Requires.NotNull(method, nameof(method));

        var scope = method.GetCustomAttribute<EnvironmentScopeAttribute>(inherit: true);
        for (var type = method.DeclaringType; scope is null && type is not null; type = type.DeclaringType)
        {
            scope = type.GetCustomAttribute<EnvironmentScopeAttribute>(inherit: true);
        }

        scope ??= method.Module.Assembly.GetCustomAttribute<EnvironmentScopeAttribute>();
        return scope?.Environments ?? Array.Empty<string>();
    }

    /// <summary>True when the method, or its type, carries <see cref="RequiresApprovalAttribute"/>.</summary>
    public static bool RequiresApproval(MethodInfo method)
    {
        Requires.NotNull(method, nameof(method));

        return method.IsDefined(typeof(RequiresApprovalAttribute), inherit: false)
            || (method.DeclaringType?.IsDefined(typeof(RequiresApprovalAttribute), inherit: false) ?? false);
    }

    private static ToolDescriptor Create(MethodInfo method, string name, string? description)
    {
        var budget = method.GetCustomAttribute<ToolBudgetAttribute>(inherit: false);
        return new ToolDescriptor(
            name,
            description,
            ToolEffect.Unspecified,
            EnvironmentsOf(method),
            RequiresApproval(method),
            maxCalls: Math.Max(0, budget?.MaxCalls ?? 0),
            cost: Math.Max(0, budget?.Cost ?? 1));
    }
}
