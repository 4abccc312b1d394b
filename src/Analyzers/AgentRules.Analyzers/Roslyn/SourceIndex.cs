using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Analyzers.Roslyn;

/// <summary>
/// Answers "may this file mention identifier X?" without parsing or binding: one pass over a tree's text records
/// the signature of every identifier-shaped word in a Bloom filter. No false negatives (a word that occurs is always found, in code,
/// comments and strings alike); a few false positives, which callers confirm with syntax or semantics.
/// </summary>
/// <remarks>
/// <para>
/// This is how the rules stay cheap on code that is not agent code: a file that never spells
/// <c>GetResponseAsync</c>, <c>McpServerTool</c> or <c>ChatMessage</c> costs one text scan, nothing more. The index of
/// a tree is built once and cached for the tree's lifetime, so in the IDE only edited files are scanned again.
/// </para>
/// <para>
/// A tree is not indexed until it is worth it: a query of a few words on a tree without a filter searches the text
/// directly (a vectorized ordinal search per word costs several times less than building the filter), and the filter is
/// built once a tree has been searched directly for <see cref="DirectSearchBudget"/> words or a larger query arrives.
/// A project that references AgentRules but no agent framework asks each file about a handful of words, so its files
/// are never indexed.
/// </para>
/// <para>
/// Words are taken as C# identifiers are written: a letter or '_' (or '@') followed by letters, digits and '_'.
/// Identifiers spelled with Unicode escapes (<c>\u0041bc</c>) are not recognised; nobody writes API names that way.
/// </para>
/// </remarks>
public static class SourceIndex
{
    private const byte Other = 0;
    private const byte Letter = 1;
    private const byte Digit = 2;

    /// <summary>How many words a tree is searched for directly before its filter is built.</summary>
    private const int DirectSearchBudget = 10;

    private static readonly ConditionalWeakTable<SyntaxTree, Entry> s_entries = new();
    private static readonly ConditionalWeakTable<SyntaxTree, Entry>.CreateValueCallback s_createEntry = static _ => new Entry();
    private static readonly byte[] s_classes = CreateClassTable();

    /// <summary>
    /// Builds the tree's filter now unless it exists: for compilation-wide scans in projects that use an agent
    /// framework, whose files are going to be asked about many words anyway (searching them directly first would only
    /// add to the cost).
    /// </summary>
    public static void Index(SyntaxTree tree, CancellationToken cancellationToken) => Get(tree, int.MaxValue, cancellationToken);

    /// <summary>Whether the tree's filter has been built (it is built only when the queries make it worth it).</summary>
    public static bool IsIndexed(SyntaxTree tree) => s_entries.TryGetValue(tree, out var entry) && Volatile.Read(ref entry.Filter) is not null;

    /// <summary>True when the tree's text may contain <paramref name="identifier"/> as a whole word.</summary>
    public static bool MayContain(SyntaxTree tree, string identifier, CancellationToken cancellationToken) =>
        Get(tree, 1, cancellationToken) is { } filter
            ? filter.MayContain(identifier)
            : ContainsWord(tree.GetText(cancellationToken).ToString(), identifier);

    /// <summary>True when the tree's text may contain any of <paramref name="identifiers"/> as a whole word.</summary>
    public static bool MayContainAny(SyntaxTree tree, IEnumerable<string> identifiers, CancellationToken cancellationToken)
    {
        if (Get(tree, CountOf(identifiers), cancellationToken) is not { } filter)
        {
            return ContainsAnyWord(tree, identifiers, cancellationToken);
        }

        foreach (var identifier in identifiers)
        {
            if (filter.MayContain(identifier))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the tree's text contains <paramref name="identifier"/> as a whole word: exact, no false positives.
    /// The filter answers first; only when it says "may" is the text searched, so a miss costs what
    /// <see cref="MayContain"/> costs. Use it where a false positive is expensive (binding a file) and words share
    /// signatures (<c>CreateAIAgent</c> and <c>CreateComment</c> have the same length and ends).
    /// </summary>
    public static bool Contains(SyntaxTree tree, string identifier, CancellationToken cancellationToken) =>
        (Get(tree, 1, cancellationToken) is not { } filter || filter.MayContain(identifier)) && ContainsWord(tree.GetText(cancellationToken).ToString(), identifier);

    /// <summary>True when the tree's text contains any of <paramref name="identifiers"/> as a whole word: exact, see <see cref="Contains"/>.</summary>
    public static bool ContainsAny(SyntaxTree tree, IEnumerable<string> identifiers, CancellationToken cancellationToken)
    {
        if (Get(tree, CountOf(identifiers), cancellationToken) is not { } filter)
        {
            return ContainsAnyWord(tree, identifiers, cancellationToken);
        }

        string? text = null;
        foreach (var identifier in identifiers)
        {
            if (filter.MayContain(identifier) && ContainsWord(text ??= tree.GetText(cancellationToken).ToString(), identifier))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The positions where the tree's text has <paramref name="identifier"/> as a whole word, in order (empty when it
    /// has none): a rule that needs the syntax around a rare word looks there (<c>root.FindToken(position)</c>)
    /// instead of walking the whole tree.
    /// </summary>
    public static ImmutableArray<int> FindWord(SyntaxTree tree, string identifier, CancellationToken cancellationToken)
    {
        if (s_entries.TryGetValue(tree, out var entry) && entry.Filter is { } filter && !filter.MayContain(identifier))
        {
            return ImmutableArray<int>.Empty;
        }

        var text = tree.GetText(cancellationToken).ToString();
        var word = identifier.Length > 0 && identifier[0] == '@' ? identifier.Substring(1) : identifier;
        var positions = ImmutableArray<int>.Empty;
        for (var index = word.Length == 0 ? -1 : text.IndexOf(word, StringComparison.Ordinal); index >= 0; index = text.IndexOf(word, index + 1, StringComparison.Ordinal))
        {
            if (IsWordAt(text, index, word.Length))
            {
                positions = positions.Add(index);
            }
        }

        return positions;
    }

    private static bool IsWordAt(string text, int index, int length)
    {
        var end = index + length;
        return (index == 0 || s_classes[text[index - 1]] == Other) && (end == text.Length || s_classes[text[end]] == Other);
    }

    /// <summary>An ordinal search for the word with identifier boundaries on both sides (a verbatim '@' is not part of it).</summary>
    private static bool ContainsWord(string text, string identifier)
    {
        var word = identifier.Length > 0 && identifier[0] == '@' ? identifier.Substring(1) : identifier;
        if (word.Length == 0)
        {
            return false;
        }

        for (var index = text.IndexOf(word, StringComparison.Ordinal); index >= 0; index = text.IndexOf(word, index + 1, StringComparison.Ordinal))
        {
            if (IsWordAt(text, index, word.Length))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAnyWord(SyntaxTree tree, IEnumerable<string> identifiers, CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken).ToString();
        foreach (var identifier in identifiers)
        {
            if (ContainsWord(text, identifier))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number of words in a query, or a number over the budget when it is not known without enumerating.</summary>
    private static int CountOf(IEnumerable<string> identifiers) =>
        identifiers is IReadOnlyCollection<string> collection ? collection.Count : int.MaxValue;

    /// <summary>
    /// The tree's filter, built now when the tree has been searched directly for enough words already or the query
    /// is too large to search directly; null when the query of <paramref name="words"/> words should search the text.
    /// </summary>
    private static Filter? Get(SyntaxTree tree, int words, CancellationToken cancellationToken)
    {
        var entry = s_entries.TryGetValue(tree, out var existing) ? existing : s_entries.GetValue(tree, s_createEntry);
        if (entry.Filter is { } filter)
        {
            return filter;
        }

        if (words <= DirectSearchBudget && Interlocked.Add(ref entry.DirectWords, words) <= DirectSearchBudget)
        {
            return null;
        }

        filter = Filter.Build(tree.GetText(cancellationToken), cancellationToken);
        return Interlocked.CompareExchange(ref entry.Filter, filter, null) ?? filter;
    }

    /// <summary>What is known of one tree: how many words it was searched for directly, and its filter once built.</summary>
    private sealed class Entry
    {
        public int DirectWords;
        public Filter? Filter;
    }

    /// <summary>
    /// A word's signature — its length and its first two and last two characters — mixed into 64 bits. The same
    /// function at indexing and at query time. Words that share a signature share bits: a false positive, never a
    /// false negative. (For a one-character word "previous" is 0; for two characters it is the first.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Signature(int length, int first, int second, int previous, int last)
    {
        var key = ((ulong)(uint)length << 48) ^ ((ulong)(uint)first << 32) ^ ((ulong)(uint)second << 16) ^ (uint)last ^ ((ulong)(uint)previous << 40);
        key = (key ^ (key >> 31)) * 0x7FB5D329728EA185UL;
        return (key ^ (key >> 27)) * 0x81DADEF4BC2DD44DUL;
    }

    /// <summary>Every UTF-16 code unit's class (letter, digit, other): one load per character in the scan.</summary>
    private static byte[] CreateClassTable()
    {
        var table = new byte[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            table[c] = ch == '_' || char.IsLetter(ch) ? Letter : char.IsDigit(ch) ? Digit : Other;
        }

        return table;
    }

    private sealed class Filter
    {
        private readonly ulong[] _bits;
        private readonly int _mask;

        private Filter(ulong[] bits)
        {
            _bits = bits;
            _mask = (bits.Length * 64) - 1;
        }

        public bool MayContain(string identifier)
        {
            if (identifier.Length == 0)
            {
                return false;
            }

            // A verbatim identifier (@class) is indexed without its '@'.
            var word = identifier[0] == '@' ? identifier.Substring(1) : identifier;
            if (word.Length == 0)
            {
                return false;
            }

            var hash = Signature(word.Length, word[0], word.Length > 1 ? word[1] : 0, word.Length > 1 ? word[word.Length - 2] : 0, word[word.Length - 1]);
            return Test((int)hash & _mask) && Test((int)(hash >> 32) & _mask);
        }

        public static Filter Build(SourceText text, CancellationToken cancellationToken)
        {
            // About 10 bits per distinct word (a word every ~6 characters, many repeated): a few percent false
            // positives with two probes. At least 4 Ki bits so small files stay precise.
            var size = 4096;
            while (size < text.Length * 2 && size < (1 << 26))
            {
                size <<= 1;
            }

            var filter = new Filter(new ulong[size / 64]);
            var classes = s_classes;

            // One pass over the characters, tracking per word only its length and its first two and last two
            // characters; the signature is hashed once at the word's end. A string the text already holds is read in
            // place (SourceText.ToString() of a whole file text returns it without copying); large texts are copied once.
            var chars = text.ToString();
            cancellationToken.ThrowIfCancellationRequested();
            int length = 0, first = 0, second = 0, previous = 0, last = 0;
            foreach (var c in chars)
            {
                var kind = classes[c];
                if (kind != Other)
                {
                    if (length == 0)
                    {
                        if (kind == Digit)
                        {
                            continue;
                        }

                        first = c;
                    }
                    else if (length == 1)
                    {
                        second = c;
                    }

                    previous = last;
                    last = c;
                    length++;
                }
                else if (length != 0)
                {
                    filter.Add(Signature(length, first, second, previous, last));
                    length = 0;
                }
            }

            if (length != 0)
            {
                filter.Add(Signature(length, first, second, previous, last));
            }

            return filter;
        }

        /// <summary>As <see cref="MayContain"/> for a word hashed by <see cref="WordSet"/>.</summary>
        public bool MayContainHash(ulong hash) => Test((int)hash & _mask) && Test((int)(hash >> 32) & _mask);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Add(ulong hash)
        {
            Set((int)hash & _mask);
            Set((int)(hash >> 32) & _mask);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Set(int bit) => _bits[bit >> 6] |= 1UL << (bit & 63);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Test(int bit) => (_bits[bit >> 6] & (1UL << (bit & 63))) != 0;

    }

    /// <summary>Hashes identifiers once, for asking many trees about the same words (<see cref="MayContainAny(SyntaxTree, WordSet, CancellationToken)"/>).</summary>
    public static WordSet CreateWordSet(IEnumerable<string> identifiers) => new(identifiers);

    /// <summary>True when the tree's text may contain any word of the set; like <see cref="MayContainAny(SyntaxTree, IEnumerable{string}, CancellationToken)"/> without hashing the words again.</summary>
    public static bool MayContainAny(SyntaxTree tree, WordSet words, CancellationToken cancellationToken)
    {
        if (words.Count == 0)
        {
            return false;
        }

        if (Get(tree, words.Count, cancellationToken) is not { } filter)
        {
            return ContainsAnyWord(tree, words.Words, cancellationToken);
        }

        for (var i = 0; i < words.Hashes.Length; i++)
        {
            if (words.Findable[i] && filter.MayContainHash(words.Hashes[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the tree's text contains any word of the set as a whole word: exact, see <see cref="Contains"/>.</summary>
    public static bool ContainsAny(SyntaxTree tree, WordSet words, CancellationToken cancellationToken)
    {
        if (words.Count == 0)
        {
            return false;
        }

        if (Get(tree, words.Count, cancellationToken) is not { } filter)
        {
            return ContainsAnyWord(tree, words.Words, cancellationToken);
        }

        string? text = null;
        for (var i = 0; i < words.Hashes.Length; i++)
        {
            if (words.Findable[i] && filter.MayContainHash(words.Hashes[i]) && ContainsWord(text ??= tree.GetText(cancellationToken).ToString(), words.Words[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The positions in <paramref name="words"/> of the words the tree's text contains as whole words (exact, as
    /// <see cref="ContainsAny(SyntaxTree, WordSet, CancellationToken)"/> decides each word), in set order.
    /// </summary>
    public static List<int> ContainedWords(SyntaxTree tree, WordSet words, CancellationToken cancellationToken)
    {
        var found = new List<int>();
        var filter = words.Count == 0 ? null : Get(tree, words.Count, cancellationToken);
        string? text = null;
        for (var i = 0; i < words.Hashes.Length; i++)
        {
            if (words.Findable[i] && (filter is null || filter.MayContainHash(words.Hashes[i])) && ContainsWord(text ??= tree.GetText(cancellationToken).ToString(), words.Words[i]))
            {
                found.Add(i);
            }
        }

        return found;
    }

    /// <summary>True when the tree's text may contain the word at <paramref name="index"/> in the set.</summary>
    public static bool MayContain(SyntaxTree tree, WordSet words, int index, CancellationToken cancellationToken) =>
        words.Findable[index] && (Get(tree, 1, cancellationToken) is { } filter
            ? filter.MayContainHash(words.Hashes[index])
            : ContainsWord(tree.GetText(cancellationToken).ToString(), words.Words[index]));

    /// <summary>Identifiers hashed for <see cref="SourceIndex"/> queries (see <see cref="CreateWordSet"/>); immutable and thread-safe.</summary>
    public sealed class WordSet
    {
        internal WordSet(IEnumerable<string> identifiers)
        {
            var words = new List<string>(identifiers);
            Words = words;
            Hashes = new ulong[words.Count];
            Findable = new bool[words.Count];
            for (var i = 0; i < words.Count; i++)
            {
                // As Filter.MayContain: a verbatim identifier is indexed without its '@'; an empty word is never found.
                var word = words[i].Length > 0 && words[i][0] == '@' ? words[i].Substring(1) : words[i];
                if (word.Length > 0)
                {
                    Hashes[i] = Signature(word.Length, word[0], word.Length > 1 ? word[1] : 0, word.Length > 1 ? word[word.Length - 2] : 0, word[word.Length - 1]);
                    Findable[i] = true;
                }
            }
        }

        /// <summary>The words, in the order given.</summary>
        public IReadOnlyList<string> Words { get; }

        /// <summary>How many words the set has.</summary>
        public int Count => Hashes.Length;

        internal ulong[] Hashes { get; }

        internal bool[] Findable { get; }
    }
}
