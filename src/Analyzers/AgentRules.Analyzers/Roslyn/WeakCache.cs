using System;
using System.Runtime.CompilerServices;

namespace AgentRules.Analyzers.Roslyn;

/// <summary>
/// A cache whose entries live exactly as long as their key: a <c>SyntaxTree</c>, a <c>Compilation</c>, a node or an
/// assembly symbol. The only way code outside <c>Roslyn/</c> may keep state across analyzer actions or generator runs
/// (the banned-API list forbids <c>ConditionalWeakTable</c> elsewhere), so every such cache is one declaration that a
/// search for <c>WeakCache&lt;</c> finds, and docs/architecture.md lists them.
/// </summary>
/// <remarks>
/// Keys are compared by reference, as the compiler hands out new trees and compilations on every edit: an edited file
/// misses, an unchanged one hits, and nothing holds an old compilation alive. Thread-safe; when two threads create a
/// value for the same key at once, both get the one that was stored first.
/// </remarks>
/// <example><c>private static readonly WeakCache&lt;SyntaxTree, TreeFacts&gt; s_facts = new();</c></example>
public sealed class WeakCache<TKey, TValue>
    where TKey : class
    where TValue : class
{
    private readonly ConditionalWeakTable<TKey, TValue> _table = new();

    /// <summary>The value cached for <paramref name="key"/>, if any.</summary>
    public bool TryGetValue(TKey key, out TValue value) => _table.TryGetValue(key, out value!);

    /// <summary>The value cached for <paramref name="key"/>, created with <paramref name="create"/> on a miss.</summary>
    public TValue GetValue(TKey key, Func<TKey, TValue> create) =>
        _table.TryGetValue(key, out var value) ? value : _table.GetValue(key, k => create(k));

    /// <summary>Stores <paramref name="value"/> for a key that has none yet (throws when it has one, like the table).</summary>
    public void Add(TKey key, TValue value) => _table.Add(key, value);
}
