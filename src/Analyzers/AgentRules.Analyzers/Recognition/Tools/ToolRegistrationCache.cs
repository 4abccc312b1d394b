using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// Carries which files declare a method that a factory registers (<see cref="ToolRegistrationIndex.RegisteredMethodTrees"/>),
/// or call the app's helper that registers a lambda or a chat tool, from one compilation to the next when the trees that differ cannot change it, so that a keystroke in the IDE in a
/// file with no tool does not bind every registration of the project again to learn that the file holds none (the
/// registration index cost most of the tool rules' time per edit on the Azure MCP server; see docs/performance.md).
/// </summary>
/// <remarks>
/// <para>
/// What the index finds depends on the registration trees (those that spell a registration word,
/// <c>IndexWords</c>), the trees that call one of the app's forwarding helpers (<see cref="ToolRegistrationIndex.HelperNames"/>),
/// the references and options the calls bind against, and the declarations of every tree (which method a method
/// group, a <c>GetMethod("M")</c> or a <c>GetMethods()</c> loop resolves to) — never the bodies of other files'
/// members. So a previous answer is reused when the references, the compilation options and the assembly name are
/// the same, and every tree that differs pairs (by position and path) with one that spells none of those words, on either side,
/// and declares exactly the same things: the same tokens outside member bodies (the bodies of methods,
/// constructors, operators, accessors and expression-bodied properties may differ; trivia may differ). Then every
/// registration binds to the same declarations, and a tree declares a registered method exactly when the tree it
/// replaces did. Anything else — a new or removed file, a declaration changed, a registration file edited, more than
/// <see cref="MaxChangedTrees"/> files changed — builds the index again.
/// </para>
/// <para>
/// Only the question "may this file hold a tool?" (<see cref="ToolSafetyContext.MayContainTools"/>) is answered from a
/// snapshot. A file that may hold one is recognised with the compilation's own index, built as before. No symbol is
/// held: a snapshot keeps the trees of its compilation (shared with the next one but for the edited file), the
/// references, the trees that declare registered methods and the words that decide which trees were read. At most
/// <see cref="Capacity"/> snapshots are kept (one per project being edited), the most recently used first.
/// </para>
/// </remarks>
internal static class ToolRegistrationCache
{
    /// <summary>More changed trees than this and the index is rebuilt (checking costs a token walk per changed tree).</summary>
    private const int MaxChangedTrees = 16;

    private const int Capacity = 4;

    private static readonly object s_lock = new();
    private static readonly List<Snapshot> s_snapshots = new();

    /// <summary>A previous compilation's answer carried to <paramref name="compilation"/>, or null when it may differ.</summary>
    public static Snapshot? TryReuse(Compilation compilation, CancellationToken cancellationToken)
    {
        Snapshot[] candidates;
        lock (s_lock)
        {
            if (s_snapshots.Count == 0)
            {
                return null;
            }

            candidates = s_snapshots.ToArray();
        }

        var trees = compilation.SyntaxTrees.ToArray();
        foreach (var candidate in candidates)
        {
            if (TryReuse(candidate, compilation, trees, cancellationToken) is { } next)
            {
                Remember(next, candidate);
                return next;
            }
        }

        return null;
    }

    /// <summary>
    /// Keeps, for the next compilations, which trees of <paramref name="compilation"/> hold a registered tool (declare a
    /// registered method, or call a helper that registers one) and the words of the trees the index read.
    /// </summary>
    public static Snapshot Remember(Compilation compilation, HashSet<SyntaxTree> toolTrees, ImmutableArray<string> readWords, Snapshot? replaces)
    {
        var snapshot = new Snapshot(
            compilation.SyntaxTrees.ToArray(),
            compilation.ExternalReferences,
            compilation.Options,
            compilation.AssemblyName,
            toolTrees,
            readWords.Distinct(StringComparer.Ordinal).ToArray());
        Remember(snapshot, replaces);
        return snapshot;
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

    private static Snapshot? TryReuse(Snapshot previous, Compilation compilation, SyntaxTree[] trees, CancellationToken cancellationToken)
    {
        // Options by reference, never with Equals: the compiler server's reference resolver throws from Equals (see KnownTypes.CanCarry).
        if (trees.Length != previous.Trees.Length
            || !string.Equals(compilation.AssemblyName, previous.AssemblyName, StringComparison.Ordinal)
            || !SameReferences(compilation.ExternalReferences, previous.References)
            || !ReferenceEquals(compilation.Options, previous.Options))
        {
            return null;
        }

        // The trees that differ, by position (an edit keeps the order): each with the one it replaces, same path.
        if (TreeDelta.PairChanged(previous.Trees, trees, MaxChangedTrees) is not { } changed)
        {
            return null;
        }

        var registered = previous.RegisteredMethodTrees;
        if (changed.Count > 0)
        {
            registered = new HashSet<SyntaxTree>(registered);
            foreach (var (old, tree) in changed)
            {
                if (SourceIndex.ContainsAny(old, previous.ReadWords, cancellationToken)
                    || SourceIndex.ContainsAny(tree, previous.ReadWords, cancellationToken)
                    || !SameDeclarations(old, tree, cancellationToken))
                {
                    return null;
                }

                if (registered.Remove(old))
                {
                    registered.Add(tree);
                }
            }
        }

        return new Snapshot(trees, previous.References, previous.Options, previous.AssemblyName, registered, previous.ReadWords);
    }

    private static bool SameReferences(ImmutableArray<MetadataReference> current, ImmutableArray<MetadataReference> previous)
    {
        if (current.Length != previous.Length)
        {
            return false;
        }

        for (var i = 0; i < current.Length; i++)
        {
            if (!ReferenceEquals(current[i], previous[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when two trees have the same tokens outside member bodies: they declare the same things.</summary>
    internal static bool SameDeclarations(SyntaxTree previous, SyntaxTree current, CancellationToken cancellationToken) =>
        TreeDelta.SameDeclarations(previous, current, cancellationToken);

    /// <summary>What the registration index says about the trees of one compilation, without symbols.</summary>
    internal sealed class Snapshot
    {
        public Snapshot(SyntaxTree[] trees, ImmutableArray<MetadataReference> references, CompilationOptions options, string? assemblyName, HashSet<SyntaxTree> registeredMethodTrees, string[] readWords)
        {
            Trees = trees;
            References = references;
            Options = options;
            AssemblyName = assemblyName;
            RegisteredMethodTrees = registeredMethodTrees;
            ReadWords = readWords;
        }

        /// <summary>The trees of the compilation it describes, in order.</summary>
        public SyntaxTree[] Trees { get; }

        public ImmutableArray<MetadataReference> References { get; }

        public CompilationOptions Options { get; }

        public string? AssemblyName { get; }

        /// <summary>The trees that declare a method a factory registers or call a helper that registers a lambda or a chat tool.</summary>
        public HashSet<SyntaxTree> RegisteredMethodTrees { get; }

        /// <summary>The words of the trees the index reads (registration APIs, forwarding helpers): a changed tree that spells one rebuilds it.</summary>
        public string[] ReadWords { get; }

        public bool Contains(SyntaxTree tree) => RegisteredMethodTrees.Contains(tree);
    }
}
