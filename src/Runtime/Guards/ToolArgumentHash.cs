using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AgentRules;

/// <summary>
/// Hashes a tool and its arguments for duplicate-call detection without allocating: generated wrappers start from
/// the tool (<see cref="Start"/>) and add each argument. Hashes are stable within a process, not across processes.
/// </summary>
public static class ToolArgumentHash
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong NullMarker = 0x27D4EB2F165667C5UL;

    /// <summary>The hash of a call of <paramref name="tool"/> before any argument is added.</summary>
    public static ulong Start(ToolDescriptor tool) => Requires.NotNull(tool, nameof(tool)).HashSeed;

    /// <summary>Adds a string (by value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong hash, string? value)
    {
        if (value is null)
        {
            return Mix(hash, NullMarker);
        }

        // Four characters per word; the last word carries the remaining characters and the length (so "a" and "a\0"
        // differ). Strings of up to three characters (codes, regions, currencies) are that one word.
        var length = value.Length;
        var last = (ulong)(uint)length << 48;
        if (length < 4)
        {
            if (length > 0)
            {
                last |= value[0];
                if (length > 1)
                {
                    last |= (ulong)value[1] << 16;
                    if (length > 2)
                    {
                        last |= (ulong)value[2] << 32;
                    }
                }
            }

            return Mix(hash, last);
        }

        // Longer strings: whole words read straight from the characters, then the remaining one to three.
        var chars = value.AsSpan();
        var words = MemoryMarshal.Cast<char, ulong>(chars);
        foreach (var word in words)
        {
            hash = Mix(hash, word);
        }

        var rest = chars.Slice(words.Length * 4);
        switch (rest.Length)
        {
            case 3:
                last |= rest[0] | ((ulong)rest[1] << 16) | ((ulong)rest[2] << 32);
                break;
            case 2:
                last |= rest[0] | ((ulong)rest[1] << 16);
                break;
            case 1:
                last |= rest[0];
                break;
        }

        return Mix(hash, last);
    }

    /// <summary>Adds UTF-8 bytes (for example a JSON argument's raw text), eight at a time; allocates nothing.</summary>
    public static ulong AddUtf8(ulong hash, ReadOnlySpan<byte> bytes)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words)
        {
            hash = Mix(hash, word);
        }

        var last = (ulong)bytes.Length << 56;
        var rest = bytes.Slice(words.Length * 8);
        for (var i = 0; i < rest.Length; i++)
        {
            last |= (ulong)rest[i] << (i * 8);
        }

        return Mix(hash, last);
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

    // The hash's dependency chain is one rotate and one add per value: the multiply that spreads the value's bits
    // depends only on the value, so it runs in parallel with the chain (a generated wrapper hashes its arguments just
    // before the guard's one atomic operation, which waits for them). Duplicate detection needs speed and a good
    // spread, not resistance to crafted collisions, and the hash never leaves the process. Each step is a bijection
    // in the hash and in the value.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong hash, ulong value) => ((hash << 5) | (hash >> 59)) + (value * Prime1);
}
