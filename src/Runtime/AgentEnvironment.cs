using System;
using System.Threading;

namespace AgentRules;

/// <summary>
/// The environment an agent runs in ("Development", "Staging", "Production", ...). Set it explicitly with
/// <see cref="Set"/>; otherwise it is read once from <c>AGENTRULES_ENVIRONMENT</c>, then <c>DOTNET_ENVIRONMENT</c>,
/// then <c>ASPNETCORE_ENVIRONMENT</c>, and is <c>"Production"</c> when none is set: an unknown environment gets the
/// most restrictive treatment.
/// </summary>
public static class AgentEnvironment
{
    /// <summary>The development environment name.</summary>
    public const string Development = "Development";

    /// <summary>The staging environment name.</summary>
    public const string Staging = "Staging";

    /// <summary>The production environment name, and the default.</summary>
    public const string Production = "Production";

    private static string? s_current;

    /// <summary>The current environment name.</summary>
    public static string Current => Volatile.Read(ref s_current) ?? InitializeFromEnvironmentVariables();

    /// <summary>The current environment name once it is known (set, or read from the environment variables); else null.</summary>
    internal static string? CurrentIfKnown => Volatile.Read(ref s_current);

    /// <summary>True when the current environment is <paramref name="environment"/> (case-insensitive).</summary>
    public static bool Is(string environment) => string.Equals(Current, environment, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the current environment is one of <paramref name="environments"/> (case-insensitive).</summary>
    public static bool IsAny(params string[] environments)
    {
        if (environments is null)
        {
            return false;
        }

        var current = Current;
        foreach (var environment in environments)
        {
            if (string.Equals(current, environment, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True in the development environment.</summary>
    public static bool IsDevelopment => Is(Development);

    /// <summary>True in the staging environment.</summary>
    public static bool IsStaging => Is(Staging);

    /// <summary>True in the production environment (also when no environment is configured).</summary>
    public static bool IsProduction => Is(Production);

    /// <summary>Sets the current environment for the whole process, overriding environment variables.</summary>
    public static void Set(string environment)
    {
        if (string.IsNullOrWhiteSpace(environment))
        {
            throw new ArgumentException("An environment name is required.", nameof(environment));
        }

        Volatile.Write(ref s_current, environment.Trim());
    }

    /// <summary>Forgets an explicit or cached environment; the next read consults environment variables again.</summary>
    public static void Reset() => Volatile.Write(ref s_current, null);

    private static string InitializeFromEnvironmentVariables()
    {
        var value = Read("AGENTRULES_ENVIRONMENT") ?? Read("DOTNET_ENVIRONMENT") ?? Read("ASPNETCORE_ENVIRONMENT") ?? Production;
        return Interlocked.CompareExchange(ref s_current, value, null) ?? value;
    }

    private static string? Read(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
