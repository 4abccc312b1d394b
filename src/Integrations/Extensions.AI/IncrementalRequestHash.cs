using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.Extensions.AI;

namespace AgentRules.Extensions.AI;

/// <summary>
/// The key a model call's request is counted under for duplicate detection, at a cost that does not grow with the
/// history: a conversation grows by appending, so the hash after each message of the last request is kept and the next
/// request hashes only the messages after the last one it shares by identity with the kept ones.
/// </summary>
/// <remarks>
/// <para>
/// Reusing a kept hash is not proof: a message can be edited in place (<c>Text = …</c>, an argument's value, a mutable
/// result) without any reference changing, and checking every kept message on every call is what made the cost grow
/// with the history. So a hash that reused kept messages is <b>provisional</b>, and a provisional request is never
/// counted as what it seems to be: it is recorded under a key of its own that matches no other request (a fresh
/// 64-bit number), so it can neither be refused as a duplicate nor make a later request one.
/// </para>
/// <para>
/// Only an <b>exact</b> hash — every message of the request hashed now (<see cref="RequestHash"/>, the same number) —
/// is recorded as itself. A request is hashed exactly when nothing is reused (a new or rebuilt list, a short one) and
/// whenever its provisional hash equals one of this client's recent requests: the only time it could be a duplicate of
/// them. The exact pass also resets the kept hashes. So a refusal for duplicates always rests on requests whose whole
/// content was hashed when they were made; an edit in place is never mistaken for a repeat. The price is a miss: the
/// first of a run of repeats that arrived as an extension of a history already kept is not counted, so a repeated
/// request is refused at most one call later than <see cref="RunBudgetOptions.MaxIdenticalRequests"/> says.
/// </para>
/// </remarks>
internal sealed class IncrementalRequestHash
{
    // How many recent request hashes of this client are searched for a possible repeat (the budget's default window
    // is 10). A repeat further back is hashed only provisionally: missed, never invented.
    private const int RecentCount = 16;

    // Fewer shared messages than this are hashed again (exactly): trusting them would save next to nothing.
    private const int MinShared = 4;

    private int _busy;

    // Per kept message i: the message object and the hash after it (object[]: a store needs no element type check).
    private object?[] _messages = new object?[16];
    private ulong[] _after = new ulong[16];
    private int _kept;

    private readonly ulong[] _recent = new ulong[RecentCount];
    private int _recentNext;

    // The state of the generator of provisional keys (splitmix64: a bijection of the counter, so no key repeats).
    private ulong _provisional = (ulong)Random.Shared.NextInt64() | 1;

    /// <summary>
    /// The key to count <paramref name="messages"/> and <paramref name="options"/> under: the exact request hash, or a
    /// provisional key that matches nothing when the request's earlier messages were taken on trust.
    /// </summary>
    public ulong Compute(IList<ChatMessage> messages, ChatOptions? options)
    {
        bool exact;
        ulong hash;
        if (messages is List<ChatMessage> list)
        {
            var span = CollectionsMarshal.AsSpan(list);
            var shared = Shared(span);
            hash = RequestHash.Finish(Extend(span, shared), options);
            exact = shared == 0;
            if (!exact && IsRecent(hash))
            {
                hash = RequestHash.Finish(Extend(span, 0), options);
                exact = true;
            }
        }
        else
        {
            var shared = Shared(messages);
            hash = RequestHash.Finish(Extend(messages, shared), options);
            exact = shared == 0;
            if (!exact && IsRecent(hash))
            {
                hash = RequestHash.Finish(Extend(messages, 0), options);
                exact = true;
            }
        }

        _recent[_recentNext] = hash;
        _recentNext = (_recentNext + 1) & (RecentCount - 1);
        return exact ? hash : NextProvisional();
    }

    /// <summary>
    /// Takes the cache for one call: false when another call is using it (that call then hashes the request in full),
    /// so concurrent calls never share it; <see cref="Release"/> gives it back. A flag, not a swapped reference: no GC
    /// write barrier on the path of every call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTake() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    /// <summary>Gives the cache back after <see cref="TryTake"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release() => Volatile.Write(ref _busy, 0);

    // How many leading messages to take from the kept hashes: up to the last position where the request holds the very
    // message object kept there, provided the first message is the kept first one too (a list rebuilt around a few
    // shared objects, shifted by a reducer, starts over) and at least MinShared are shared. Two reference checks for a
    // loop that appends or replaces its last message; more only while the end of the request differs from what was
    // kept. None of this is proof (see the remarks): it only decides what is worth hashing again.
    private int Shared(ReadOnlySpan<ChatMessage> messages)
    {
        var shared = Math.Min(messages.Length, _kept);
        if (shared == 0 || !ReferenceEquals(messages[0], _messages[0]))
        {
            return 0;
        }

        var kept = _messages;
        while (!ReferenceEquals(messages[shared - 1], kept[shared - 1]))
        {
            shared--;
        }

        return shared < MinShared ? 0 : shared;
    }

    private int Shared(IList<ChatMessage> messages)
    {
        var shared = Math.Min(messages.Count, _kept);
        if (shared == 0 || !ReferenceEquals(messages[0], _messages[0]))
        {
            return 0;
        }

        var kept = _messages;
        while (!ReferenceEquals(messages[shared - 1], kept[shared - 1]))
        {
            shared--;
        }

        return shared < MinShared ? 0 : shared;
    }

    // Hashes the messages from `shared` on, starting from the hash kept after the one before, and keeps them.
    private ulong Extend(ReadOnlySpan<ChatMessage> messages, int shared)
    {
        var hash = shared == 0 ? RequestHash.Start : _after[shared - 1];
        Reserve(messages.Length);
        for (var i = shared; i < messages.Length; i++)
        {
            hash = RequestHash.Add(hash, messages[i]);
            _messages[i] = messages[i];
            _after[i] = hash;
        }

        Forget(messages.Length);
        return hash;
    }

    private ulong Extend(IList<ChatMessage> messages, int shared)
    {
        var count = messages.Count;
        var hash = shared == 0 ? RequestHash.Start : _after[shared - 1];
        Reserve(count);
        for (var i = shared; i < count; i++)
        {
            var message = messages[i];
            hash = RequestHash.Add(hash, message);
            _messages[i] = message;
            _after[i] = hash;
        }

        Forget(count);
        return hash;
    }

    private void Reserve(int count)
    {
        if (count > _messages.Length)
        {
            var size = Math.Max(count, _messages.Length * 2);
            Array.Resize(ref _messages, size);
            Array.Resize(ref _after, size);
        }
    }

    // Keeps `count` messages; the references past them (a shorter request than the last) are dropped.
    private void Forget(int count)
    {
        if (count < _kept)
        {
            Array.Clear(_messages, count, _kept - count);
        }

        _kept = count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsRecent(ulong hash) => ((ReadOnlySpan<ulong>)_recent).Contains(hash);

    // splitmix64 (Steele, Lea, Flood 2014): the counter's increment and finalizer; never 0, which means "no hash".
    private ulong NextProvisional()
    {
        var z = _provisional += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return z == 0 ? 1 : z;
    }
}
