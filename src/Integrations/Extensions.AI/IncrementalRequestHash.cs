using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.Extensions.AI;

namespace AgentRules.Extensions.AI;

/// <summary>
/// The request hash of <see cref="RequestHash"/>, computed incrementally: a conversation grows by appending, so the
/// hash after each message of the last request is kept, and the next request hashes only the messages that are new
/// or changed since. The result is the same number <see cref="RequestHash.Compute"/> gives.
/// </summary>
/// <remarks>
/// A kept message is reused only when it is provably the same: the same <see cref="ChatMessage"/> object with the same
/// role string, the same contents list of the same length holding the same content objects, and for each the same
/// text string (<see cref="TextContent.Text"/>), arguments dictionary with the same count
/// (<see cref="FunctionCallContent.Arguments"/>) or result object (<see cref="FunctionResultContent.Result"/>). An edit
/// that replaces any of these (a new message in the list, <c>Contents[i] = …</c>, <c>Text = …</c>) is seen, and the
/// request is hashed again from that message on. Not seen: a change made inside an object that stays the same (an
/// arguments dictionary whose values are replaced in place, keeping its count; a mutable result object).
/// </remarks>
internal sealed class IncrementalRequestHash
{
    // Per kept message i: the hash after it (_after[i]) and where its identities end in _refs (_ends[i]). A message
    // contributes 3 identities (message, role string, contents list; the list's length follows from the end) and 2
    // per content item (the item and its detail; _counts holds an arguments dictionary's count next to it).
    private object?[] _refs = new object?[64];
    private int[] _counts = new int[64];
    private int[] _ends = new int[16];
    private ulong[] _after = new ulong[16];
    private int _kept;

    /// <summary>The request hash of <paramref name="messages"/> and <paramref name="options"/>, reusing what the last request shares with this one.</summary>
    public ulong Compute(IList<ChatMessage> messages, ChatOptions? options)
    {
        // A List (what callers and the function loop pass) is read as a span: no interface call per message.
        var hash = messages is List<ChatMessage> list ? Compute(CollectionsMarshal.AsSpan(list)) : ComputeList(messages);
        return RequestHash.Finish(hash, options);
    }

    private ulong Compute(ReadOnlySpan<ChatMessage> messages)
    {
        var hash = RequestHash.Start;
        var i = 0;
        var position = 0;
        while (i < messages.Length && i < _kept && Same(messages[i], position, _ends[i]))
        {
            hash = _after[i];
            position = _ends[i];
            i++;
        }

        _kept = i;
        for (; i < messages.Length; i++)
        {
            hash = Append(messages[i], i, hash, ref position);
        }

        return hash;
    }

    private ulong ComputeList(IList<ChatMessage> messages)
    {
        var count = messages.Count;
        var hash = RequestHash.Start;
        var i = 0;
        var position = 0;
        while (i < count && i < _kept && Same(messages[i], position, _ends[i]))
        {
            hash = _after[i];
            position = _ends[i];
            i++;
        }

        _kept = i;
        for (; i < count; i++)
        {
            hash = Append(messages[i], i, hash, ref position);
        }

        return hash;
    }

    // Hashes message i (the first one not kept, or later) and keeps it.
    private ulong Append(ChatMessage message, int i, ulong hash, ref int position)
    {
        hash = RequestHash.Add(hash, message);
        position = Keep(message, position);
        if (i == _after.Length)
        {
            Array.Resize(ref _after, _after.Length * 2);
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        _after[i] = hash;
        _ends[i] = position;
        _kept = i + 1;
        return hash;
    }

    /// <summary>
    /// Takes the cache kept in <paramref name="slot"/> (null when another call is using it: that call then hashes
    /// the request in full), so concurrent calls never share one; <see cref="Return"/> puts it back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IncrementalRequestHash? Take(ref IncrementalRequestHash? slot) => Interlocked.Exchange(ref slot, null);

    /// <summary>Puts a cache back into an empty slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Return(ref IncrementalRequestHash? slot, IncrementalRequestHash hash) => Volatile.Write(ref slot, hash);

    private bool Same(ChatMessage message, int start, int end)
    {
        var refs = _refs;
        var contents = message.Contents;
        if (!ReferenceEquals(refs[start], message)
            || !ReferenceEquals(refs[start + 1], message.Role.Value)
            || !ReferenceEquals(refs[start + 2], contents))
        {
            return false;
        }

        // The message's own list (a List unless someone set another) as a span: no interface call per item.
        return contents.GetType() == typeof(List<AIContent>)
            ? SameItems(CollectionsMarshal.AsSpan(Unsafe.As<List<AIContent>>(contents)), start + 3, end)
            : SameItems(contents, start + 3, end);
    }

    private bool SameItems(ReadOnlySpan<AIContent> contents, int position, int end)
    {
        if (end - position != 2 * contents.Length)
        {
            return false;
        }

        foreach (var content in contents)
        {
            if (!ReferenceEquals(_refs[position], content) || !ReferenceEquals(_refs[position + 1], DetailOf(content, out var detailCount)) || _counts[position + 1] != detailCount)
            {
                return false;
            }

            position += 2;
        }

        return true;
    }

    private bool SameItems(IList<AIContent> contents, int position, int end)
    {
        var items = contents.Count;
        if (end - position != 2 * items)
        {
            return false;
        }

        for (var j = 0; j < items; j++)
        {
            var content = contents[j];
            if (!ReferenceEquals(_refs[position], content) || !ReferenceEquals(_refs[position + 1], DetailOf(content, out var detailCount)) || _counts[position + 1] != detailCount)
            {
                return false;
            }

            position += 2;
        }

        return true;
    }

    private int Keep(ChatMessage message, int position)
    {
        var contents = message.Contents;
        var needed = position + 3 + (2 * contents.Count);
        if (needed > _refs.Length)
        {
            var size = Math.Max(needed, _refs.Length * 2);
            Array.Resize(ref _refs, size);
            Array.Resize(ref _counts, size);
        }

        var refs = _refs;
        refs[position++] = message;
        refs[position++] = message.Role.Value;
        refs[position++] = contents;
        for (var j = 0; j < contents.Count; j++)
        {
            var content = contents[j];
            refs[position++] = content;
            refs[position] = DetailOf(content, out _counts[position]);
            position++;
        }

        return position;
    }

    // What an edit of a content item replaces: its text, its arguments dictionary (and their count, so an argument
    // added or removed in place is seen), its result. The exact types first (a type compare each); a subclass takes
    // the type tests.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static object? DetailOf(AIContent content, out int count)
    {
        count = 0;
        var type = content.GetType();
        if (type == typeof(TextContent))
        {
            return Unsafe.As<TextContent>(content).Text;
        }

        if (type == typeof(FunctionResultContent))
        {
            return Unsafe.As<FunctionResultContent>(content).Result;
        }

        if (type == typeof(FunctionCallContent))
        {
            var arguments = Unsafe.As<FunctionCallContent>(content).Arguments;
            count = arguments?.Count ?? -1;
            return arguments;
        }

        return DetailOfDerived(content, out count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object? DetailOfDerived(AIContent content, out int count)
    {
        count = 0;
        switch (content)
        {
            case TextContent text:
                return text.Text;
            case FunctionCallContent call:
                count = call.Arguments?.Count ?? -1;
                return call.Arguments;
            case FunctionResultContent result:
                return result.Result;
            default:
                return null;
        }
    }
}
