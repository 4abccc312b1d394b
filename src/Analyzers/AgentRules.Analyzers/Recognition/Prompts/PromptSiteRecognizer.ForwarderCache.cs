using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Recognition.Prompts;

public sealed partial class PromptSiteRecognizer
{
    /// <summary>
    /// Carries which trees declare prompt forwarders (and their forwarders) from one compilation to the next, so that a
    /// keystroke in the IDE asks only the edited file again instead of every file whether it can hold a prompt site
    /// (30 words per file, 2,716 files on the Azure MCP server: 20–140 ms per keystroke there under load).
    /// </summary>
    /// <remarks>
    /// A tree's forwarders are a function of its syntax and of the names the candidate filter checks (the filter's
    /// names, kept under an interned key, and the words that make a file a candidate, which include the global aliases
    /// of the type names; see <see cref="ForwardersOf"/>). So the previous answer is reused when both are the same and
    /// the trees are the same but for at most <see cref="MaxChangedTrees"/> at the same positions with the same paths
    /// (<see cref="TreeDelta.PairChanged"/>); the changed trees are asked again. Anything else scans every tree. No
    /// symbol is held: a snapshot keeps its compilation's trees and their forwarders' declaration nodes. At most
    /// <see cref="Capacity"/> snapshots are kept, the most recently used first.
    /// </remarks>
    private static class ForwarderCache
    {
        private const int MaxChangedTrees = 16;
        private const int Capacity = 4;

        private static readonly object s_lock = new();
        private static readonly List<Snapshot> s_snapshots = new();

        /// <summary>
        /// The previous compilation's forwarders by tree (a copy), and the trees that changed, when they can be carried
        /// to a compilation of <paramref name="trees"/>; null otherwise.
        /// </summary>
        public static Dictionary<SyntaxTree, TreeForwarders>? TryCarry(SyntaxTree[] trees, object namesKey, ImmutableArray<string> treeWords, out List<(SyntaxTree Previous, SyntaxTree Current)>? changed)
        {
            lock (s_lock)
            {
                foreach (var previous in s_snapshots)
                {
                    if (ReferenceEquals(previous.NamesKey, namesKey)
                        && previous.TreeWords.SequenceEqual(treeWords, StringComparer.Ordinal)
                        && TreeDelta.PairChanged(previous.Trees, trees, MaxChangedTrees) is { } pairs)
                    {
                        changed = pairs;
                        return new Dictionary<SyntaxTree, TreeForwarders>(previous.PerTree);
                    }
                }
            }

            changed = null;
            return null;
        }

        /// <summary>Keeps a compilation's forwarders by tree for the next compilations (replacing the snapshot of the same trees' project).</summary>
        public static void Remember(SyntaxTree[] trees, object namesKey, ImmutableArray<string> treeWords, Dictionary<SyntaxTree, TreeForwarders> perTree)
        {
            var snapshot = new Snapshot(trees, namesKey, treeWords, new Dictionary<SyntaxTree, TreeForwarders>(perTree));
            lock (s_lock)
            {
                // The snapshot this compilation was carried from (or an equal one) is replaced: one per project.
                s_snapshots.RemoveAll(s => s.Trees.Length == trees.Length && ReferenceEquals(s.NamesKey, namesKey) && TreeDelta.PairChanged(s.Trees, trees, MaxChangedTrees) is not null);
                s_snapshots.Insert(0, snapshot);
                if (s_snapshots.Count > Capacity)
                {
                    s_snapshots.RemoveAt(s_snapshots.Count - 1);
                }
            }
        }

        private sealed class Snapshot(SyntaxTree[] trees, object namesKey, ImmutableArray<string> treeWords, Dictionary<SyntaxTree, TreeForwarders> perTree)
        {
            public SyntaxTree[] Trees { get; } = trees;

            public object NamesKey { get; } = namesKey;

            public ImmutableArray<string> TreeWords { get; } = treeWords;

            public Dictionary<SyntaxTree, TreeForwarders> PerTree { get; } = perTree;
        }
    }
}
