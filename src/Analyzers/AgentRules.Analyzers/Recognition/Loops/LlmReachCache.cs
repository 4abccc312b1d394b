using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// Carries an <see cref="LlmReach"/> from one compilation to the next when the trees that differ cannot change it, so
/// that a keystroke in the IDE (a new compilation with one new tree) does not redo the propagation over every file of
/// the project (1–2 s on the 2,716 files of the Azure MCP server under load; see docs/performance.md).
/// </summary>
/// <remarks>
/// <para>
/// The reach is a function of syntax alone: the seeds (the LLM API names the references and options give), and for
/// each tree the words of the reach it spells (which decide whether and when it is read), the units it declares
/// (<see cref="AgentLoopSyntax.GetFacts"/>, which decide the names it adds), and its HttpClient-post facts (which
/// decide the endpoint names). A previous result is reused only when the seeds are the same and every tree that
/// differs — removed trees on one side, added ones on the other — can be paired with one that has exactly the same
/// facts, compared against the previous result's own words. Then the least fixed point <see cref="LlmReach.Compute"/>
/// finds is the same one (it only ever asks a tree about words of the final set), and only the set of trees read
/// changes, by the same pairing. Anything else — a unit added or changed, a name spelled or no longer spelled, a new
/// file with a method that calls a model, more than <see cref="MaxChangedTrees"/> trees changed — recomputes.
/// </para>
/// <para>
/// No symbol is held: a snapshot keeps names, the trees of the compilation it was made for (shared with the next
/// compilation but for the edited ones) and its word sets. At most <see cref="Capacity"/> snapshots are kept (one per
/// project being edited), the most recently used first.
/// </para>
/// </remarks>
internal static class LlmReachCache
{
    /// <summary>More changed trees than this and the reach is recomputed (checking costs a word search per changed tree).</summary>
    private const int MaxChangedTrees = 16;

    private const int Capacity = 4;

    private static readonly object s_lock = new();
    private static readonly List<Snapshot> s_snapshots = new();
    private static readonly SourceIndex.WordSet s_httpPostWords = SourceIndex.CreateWordSet(AgentLoopApis.HttpPostMethods);

    /// <summary>The endpoint names (see <c>AgentLoopContext.FindEndpointNames</c>) and the member names its second pass searched for.</summary>
    internal delegate HashSet<string>? FindEndpointNames(out List<string> memberWords);

    /// <summary>
    /// The reach of <paramref name="compilation"/>: a previous compilation's when provably the same, else computed
    /// (and remembered). <paramref name="reused"/> tells which.
    /// </summary>
    public static LlmReach GetOrCompute(Compilation compilation, HashSet<string> seeds, HashSet<string> gatedSeeds, HashSet<string> apiTypeNames, bool everything, bool httpPosts, FindEndpointNames findEndpointNames, CancellationToken cancellationToken, out bool reused)
    {
        reused = false;
        var trees = compilation.SyntaxTrees as IReadOnlyList<SyntaxTree> ?? new List<SyntaxTree>(compilation.SyntaxTrees);
        if (!everything && (seeds.Count > 0 || httpPosts))
        {
            Snapshot[] candidates;
            lock (s_lock)
            {
                candidates = s_snapshots.ToArray();
            }

            foreach (var candidate in candidates)
            {
                if (TryReuse(candidate, trees, seeds, gatedSeeds, apiTypeNames, httpPosts, cancellationToken) is { } next)
                {
                    Remember(next, candidate);
                    reused = true;
                    return next.Reach;
                }
            }
        }

        var memberWords = new List<string>();
        var endpointNames = httpPosts ? findEndpointNames(out memberWords) : null;
        var reach = LlmReach.Compute(compilation, seeds, gatedSeeds, apiTypeNames, endpointNames, everything, cancellationToken);
        if (!everything && (seeds.Count > 0 || endpointNames is not null))
        {
            Remember(new Snapshot(new HashSet<SyntaxTree>(trees), new HashSet<string>(seeds, StringComparer.Ordinal), new HashSet<string>(gatedSeeds, StringComparer.Ordinal), new HashSet<string>(apiTypeNames, StringComparer.Ordinal), httpPosts, memberWords.Count > 0 ? SourceIndex.CreateWordSet(memberWords) : null, reach, SourceIndex.CreateWordSet(reach.Words)), null);
        }

        return reach;
    }

    private static void Remember(Snapshot snapshot, Snapshot? replaces)
    {
        lock (s_lock)
        {
            if (replaces is not null)
            {
                s_snapshots.Remove(replaces);
            }

            s_snapshots.Insert(0, snapshot);
            if (s_snapshots.Count > Capacity)
            {
                s_snapshots.RemoveAt(s_snapshots.Count - 1);
            }
        }
    }

    private static Snapshot? TryReuse(Snapshot previous, IReadOnlyList<SyntaxTree> trees, HashSet<string> seeds, HashSet<string> gatedSeeds, HashSet<string> apiTypeNames, bool httpPosts, CancellationToken cancellationToken)
    {
        if (previous.HttpPosts != httpPosts || !previous.Seeds.SetEquals(seeds) || !previous.GatedSeeds.SetEquals(gatedSeeds) || !previous.ApiTypeNames.SetEquals(apiTypeNames) || Math.Abs(trees.Count - previous.Trees.Count) > MaxChangedTrees)
        {
            return null;
        }

        var current = new HashSet<SyntaxTree>();
        var added = new List<SyntaxTree>();
        foreach (var tree in trees)
        {
            current.Add(tree);
            if (!previous.Trees.Contains(tree))
            {
                if (added.Count == MaxChangedTrees)
                {
                    return null;
                }

                added.Add(tree);
            }
        }

        if (added.Count == trees.Count)
        {
            return null; // nothing shared: another project
        }

        var removed = new List<SyntaxTree>();
        foreach (var tree in previous.Trees)
        {
            if (!current.Contains(tree))
            {
                if (removed.Count == MaxChangedTrees)
                {
                    return null;
                }

                removed.Add(tree);
            }
        }

        if (removed.Count != added.Count)
        {
            return null;
        }

        // Pair each added tree with a removed one whose facts are the same (usually one of each: the edited file).
        var unmatched = new List<string>(removed.Count);
        foreach (var tree in removed)
        {
            unmatched.Add(Facts(tree, previous, httpPosts, cancellationToken));
        }

        var read = new HashSet<SyntaxTree>();
        foreach (var tree in added)
        {
            var facts = Facts(tree, previous, httpPosts, cancellationToken);
            var index = unmatched.IndexOf(facts);
            if (index < 0)
            {
                return null;
            }

            unmatched.RemoveAt(index);
            if (facts[0] != '|')
            {
                read.Add(tree); // it spells a word of the reach: Compute reads it
            }
        }

        var reach = previous.Reach.WithTrees(removed, added, read.Contains);
        return new Snapshot(current, previous.Seeds, previous.GatedSeeds, previous.ApiTypeNames, httpPosts, previous.MemberWords, reach, previous.Words);
    }

    /// <summary>
    /// Everything <see cref="LlmReach.Compute"/> and the endpoint-name search read from one tree, as text: the words of
    /// the reach it spells (first, empty when none), its units when it spells one, and its post and endpoint facts.
    /// </summary>
    private static string Facts(SyntaxTree tree, Snapshot previous, bool httpPosts, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        var words = SourceIndex.ContainedWords(tree, previous.Words, cancellationToken);
        foreach (var index in words)
        {
            builder.Append(index).Append(',');
        }

        builder.Append('|');
        if (words.Count > 0)
        {
            foreach (var unit in AgentLoopSyntax.GetFacts(tree, cancellationToken).Units)
            {
                builder.Append(unit.Name).Append('\u0001').Append((int)unit.Kind).Append('\u0001').Append(unit.PostsEndpointText).Append(unit.ForwardsUrl);
                Append(builder, unit.Invoked, sort: false);
                Append(builder, unit.Groups, sort: false);
                Append(builder, unit.Created, sort: false);
                Append(builder, unit.PostArguments, sort: false);
                builder.Append('\u0002');
            }
        }

        if (previous.Reach.Evidence is { } evidence)
        {
            // Whether the tree can call a framework (which makes framework member names seeds in it), whether it
            // gives every tree that evidence (a global using), and the types it derives from framework types.
            builder.Append("|e").Append(evidence.Facts(tree, cancellationToken));
        }

        if (httpPosts)
        {
            // As FindEndpointNames reads a tree: post facts where it spells a post method; endpoint names where it
            // passes a name to one or spells a member name the first pass left open, and spells an endpoint.
            builder.Append('|');
            var posts = AgentLoopSyntax.MentionsAny(tree, s_httpPostWords, cancellationToken);
            var members = previous.MemberWords is { } memberWords && AgentLoopSyntax.MentionsAny(tree, memberWords, cancellationToken);
            var passes = false;
            if (posts)
            {
                var facts = AgentLoopSyntax.GetFacts(tree, cancellationToken);
                builder.Append(facts.PostsEndpointText);
                Append(builder, facts.PostArguments, sort: true);
                passes = facts.PostArguments.Length > 0;
            }

            builder.Append(members ? "|m" : "|");
            if ((passes || members) && LlmEndpointText.Mentions(tree, cancellationToken))
            {
                var names = new List<string>(AgentLoopSyntax.GetEndpointNames(tree, cancellationToken));
                Append(builder, names, sort: true);
            }
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, IReadOnlyList<string> names, bool sort)
    {
        IEnumerable<string> ordered = names;
        if (sort)
        {
            var set = new SortedSet<string>(names, StringComparer.Ordinal);
            ordered = set;
        }

        builder.Append('\u0003');
        foreach (var name in ordered)
        {
            builder.Append(name).Append('\u0001');
        }
    }

    private sealed class Snapshot
    {
        public Snapshot(HashSet<SyntaxTree> trees, HashSet<string> seeds, HashSet<string> gatedSeeds, HashSet<string> apiTypeNames, bool httpPosts, SourceIndex.WordSet? memberWords, LlmReach reach, SourceIndex.WordSet words)
        {
            Trees = trees;
            Seeds = seeds;
            GatedSeeds = gatedSeeds;
            ApiTypeNames = apiTypeNames;
            HttpPosts = httpPosts;
            MemberWords = memberWords;
            Reach = reach;
            Words = words;
        }

        /// <summary>The trees of the compilation it was made for.</summary>
        public HashSet<SyntaxTree> Trees { get; }

        public HashSet<string> Seeds { get; }

        /// <summary>The seeds that are seeds only in files with the framework evidence.</summary>
        public HashSet<string> GatedSeeds { get; }

        /// <summary>The API types present (evidence words).</summary>
        public HashSet<string> ApiTypeNames { get; }

        public bool HttpPosts { get; }

        /// <summary>The member names the endpoint search's second pass looked for, or null.</summary>
        public SourceIndex.WordSet? MemberWords { get; }

        public LlmReach Reach { get; }

        /// <summary>The reach's final words: whether a tree spells each decides whether (and when) it is read.</summary>
        public SourceIndex.WordSet Words { get; }
    }
}
