using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace AgentRules;

/// <summary>
/// Hashes a tool and its arguments for duplicate-call detection without allocating: generated wrappers start from
/// the tool (<see cref="Start"/>) and add each argument. Hashes are stable within a process, not across processes.
/// </summary>
public static class ToolArgumentHash
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong NullMarker = 0x27D4EB2F165667C5UL;

    /// <summary>The hash of a call of <paramref name="tool"/> before any argument is added.</summary>
    public static ulong Start(ToolDescriptor tool) => Requires.NotNull(tool, nameof(tool)).HashSeed;

    /// <summary>Adds a string (by value).</summary>
    public static ulong Add(ulong hash, string? value)
    {
        if (value is null)
        {
            return Mix(hash, NullMarker);
        }

        if (value.Length > 16)
        {
            return Mix(Mix(hash, (ulong)value.Length), (uint)StringComparer.Ordinal.GetHashCode(value));
        }

        // Short strings (ids, codes, regions): FNV-1a over the characters is cheaper than the randomized string hash.
        var text = 0xCBF29CE484222325UL;
        foreach (var c in value)
        {
            text = (text ^ c) * 0x100000001B3UL;
        }

        return Mix(Mix(hash, (ulong)value.Length), text);
    }

    /// <summary>Adds a boolean.</summary>
    public static ulong Add(ulong hash, bool value) => Mix(hash, value ? 1UL : 2UL);

    /// <summary>Adds a 32-bit integer.</summary>
    public static ulong Add(ulong hash, int value) => Mix(hash, (ulong)(long)value);

    /// <summary>Adds a 64-bit integer.</summary>
    public static ulong Add(ulong hash, long value) => Mix(hash, (ulong)value);

    /// <summary>Adds an unsigned 64-bit integer.</summary>
    public static ulong Add(ulong hash, ulong value) => Mix(hash, value);

    /// <summary>Adds a double (by its bits; 0.0 and -0.0 differ).</summary>
    public static ulong Add(ulong hash, double value) => Mix(hash, (ulong)BitConverter.DoubleToInt64Bits(value));

    /// <summary>Adds any other value by its <see cref="EqualityComparer{T}.Default"/> hash code (no boxing for value types).</summary>
    public static ulong Add<T>(ulong hash, T value) =>
        value is null ? Mix(hash, NullMarker) : Mix(hash, (uint)EqualityComparer<T>.Default.GetHashCode(value));

    /// <summary>Adds a nullable value.</summary>
    public static ulong Add<T>(ulong hash, T? value)
        where T : struct =>
        value.HasValue ? Add(Mix(hash, 3UL), value.GetValueOrDefault()) : Mix(hash, NullMarker);

    /// <summary>Adds the items of a sequence, in order.</summary>
    public static ulong AddItems<T>(ulong hash, IEnumerable<T>? items)
    {
        if (items is null)
        {
            return Mix(hash, NullMarker);
        }

        var count = 0UL;
        if (items is T[] array)
        {
            foreach (var item in array)
            {
                hash = Add(hash, item);
            }

            return Mix(hash, (ulong)array.Length);
        }

        foreach (var item in items)
        {
            hash = Add(hash, item);
            count++;
        }

        return Mix(hash, count);
    }

    internal static ulong Seed(int toolId) => Mix(Prime1, (ulong)toolId + 1);

    // One multiply per value (the FxHash step): duplicate detection needs speed and a good spread, not resistance to
    // crafted collisions, and the hash never leaves the process.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong value) => (((hash << 5) | (hash >> 59)) ^ value) * Prime1;
}
