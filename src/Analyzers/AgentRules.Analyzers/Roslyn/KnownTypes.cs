using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Roslyn;

/// <summary>
/// Resolves types by metadata name once per compilation. Create one in a compilation-start action (or per generator
/// compilation) and share it; lookups are thread-safe and cached, including misses.
/// </summary>
/// <remarks>
/// <para>
/// Every <see cref="KnownTypes"/> of one compilation shares its answers (the tool, prompt and loop engines each make
/// one). In the IDE every keystroke is a new compilation, and resolving the rules' types again cost tens of
/// milliseconds per keystroke on a large project: the first lookups of a new compilation build its merged namespace
/// tree over every reference. So answers that come from the references (a type a referenced assembly defines, or no
/// type at all) are carried to the next compilation of the same project when nothing that decides them can differ:
/// the same referenced assembly symbols (the very same objects, so a carried symbol is the one the new compilation
/// would return), the same options and assembly name, and the same trees but for at most 16, each replaced by one
/// with the same path that declares exactly the same things (<see cref="TreeDelta.SameDeclarations"/>): no type was
/// added, removed or renamed, so no source type can now shadow or satisfy a carried name. A type the compilation
/// itself declares is never carried (its symbol belongs to its compilation) and is resolved again. No source symbol is
/// held across compilations: a snapshot keeps the trees, the referenced assembly symbols and the carried answers; at
/// most eight snapshots are kept (two per project being edited: with and without generated files), the most recently used first.
/// </para>
/// </remarks>
public sealed class KnownTypes
{
    private const int MaxChangedTrees = 16;

    /// <summary>Snapshots kept: a project's compilation with and without its generated files counts twice.</summary>
    private const int Capacity = 8;

    private static readonly WeakCache<Compilation, Resolutions> s_resolutions = new();
    private static readonly object s_lock = new();
    private static readonly List<Snapshot> s_snapshots = new();

    private readonly Compilation _compilation;
    private readonly Resolutions _resolutions;
    private readonly Func<string, INamedTypeSymbol?> _resolve;
    private readonly ConcurrentDictionary<string, bool> _namespaces = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _namespaceExists;

    public KnownTypes(Compilation compilation)
    {
        _compilation = compilation;
        _resolutions = GetResolutions(compilation);
        _resolve = Resolve;
        _namespaceExists = NamespaceExists;
    }

    public Compilation Compilation => _compilation;

    /// <summary>True when this compilation's answers were seeded from a previous compilation's (for tests).</summary>
    internal bool Carried => _resolutions.Carried;

    /// <summary>The type with this metadata name, or null when the compilation cannot see exactly one.</summary>
    public INamedTypeSymbol? Get(string metadataName) =>
        _resolutions.Types.TryGetValue(metadataName, out var known) ? known : _resolutions.Types.GetOrAdd(metadataName, _resolve);

    /// <summary>True when any of the named types resolves: the cheap "is this framework referenced" check.</summary>
    public bool AnyExists(params string[] metadataNames)
    {
        foreach (var name in metadataNames)
        {
            if (Get(name) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private INamedTypeSymbol? Resolve(string metadataName)
    {
        var type = ResolveInCompilation(metadataName);
        if (type is null || type.DeclaringSyntaxReferences.IsEmpty)
        {
            _resolutions.Snapshot.Carried[metadataName] = type; // from the references (or nowhere): the next compilation may reuse it
        }

        return type;
    }

    private INamedTypeSymbol? ResolveInCompilation(string metadataName)
    {
        // Most lookups miss (the rules know many frameworks; a project uses one or two), and a miss searches every
        // reference twice below. A type in a namespace that neither the source nor any reference declares cannot
        // exist, and the merged namespace tree answers that with a few cached member lookups.
        var nested = metadataName.IndexOf('+');
        var dot = metadataName.LastIndexOf('.', nested < 0 ? metadataName.Length - 1 : nested);
        if (dot > 0 && !_namespaces.GetOrAdd(metadataName.Substring(0, dot), _namespaceExists))
        {
            return null;
        }

        // GetTypeByMetadataName prefers the compilation's own definition and returns null when several referenced
        // assemblies define the name. In that case take the one public definition, if there is exactly one.
        var type = _compilation.GetTypeByMetadataName(metadataName);
        if (type is not null)
        {
            return type;
        }

        INamedTypeSymbol? candidate = null;
        foreach (var t in _compilation.GetTypesByMetadataName(metadataName))
        {
            if (t.DeclaredAccessibility != Accessibility.Public)
            {
                continue;
            }

            if (candidate is not null)
            {
                return null;
            }

            candidate = t;
        }

        return candidate;
    }

    private bool NamespaceExists(string name)
    {
        var current = _compilation.GlobalNamespace;
        foreach (var part in name.Split('.'))
        {
            INamespaceSymbol? next = null;
            foreach (var member in current.GetMembers(part))
            {
                if (member is INamespaceSymbol ns)
                {
                    next = ns;
                    break;
                }
            }

            if (next is null)
            {
                return false;
            }

            current = next;
        }

        return true;
    }

    private static Resolutions GetResolutions(Compilation compilation)
    {
        if (s_resolutions.TryGetValue(compilation, out var existing))
        {
            return existing;
        }

        lock (s_lock)
        {
            if (s_resolutions.TryGetValue(compilation, out existing))
            {
                return existing;
            }

            var created = CreateResolutions(compilation);
            s_resolutions.Add(compilation, created);
            return created;
        }
    }

    /// <summary>A new compilation's answers, seeded from a previous compilation of the same project when they cannot differ (under the lock).</summary>
    private static Resolutions CreateResolutions(Compilation compilation)
    {
        var trees = compilation.SyntaxTrees.ToArray();
        var assemblies = compilation.SourceModule.ReferencedAssemblySymbols;
        foreach (var previous in s_snapshots)
        {
            if (CanCarry(previous, compilation, trees, assemblies))
            {
                var types = new ConcurrentDictionary<string, INamedTypeSymbol?>(previous.Carried, StringComparer.Ordinal);
                var next = new Snapshot(trees, assemblies, compilation.Options, compilation.AssemblyName, new ConcurrentDictionary<string, INamedTypeSymbol?>(previous.Carried, StringComparer.Ordinal));
                Remember(next, previous);
                return new Resolutions(types, next, carried: true);
            }
        }

        var fresh = new Snapshot(trees, assemblies, compilation.Options, compilation.AssemblyName, new ConcurrentDictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal));
        Remember(fresh, null);
        return new Resolutions(new ConcurrentDictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal), fresh, carried: false);
    }

    private static bool CanCarry(Snapshot previous, Compilation compilation, SyntaxTree[] trees, ImmutableArray<IAssemblySymbol> assemblies)
    {
        // The options are compared by reference, never with Equals: a keystroke keeps the project's options object, and
        // the compiler server's options hold a reference resolver whose Equals throws (NotImplementedException) when
        // two builds of one server process meet here. Equal but distinct options only lose the carry.
        if (previous.Carried.IsEmpty
            || !string.Equals(previous.AssemblyName, compilation.AssemblyName, StringComparison.Ordinal)
            || previous.Assemblies.Length != assemblies.Length
            || !ReferenceEquals(previous.Options, compilation.Options))
        {
            return false;
        }

        for (var i = 0; i < assemblies.Length; i++)
        {
            if (!ReferenceEquals(previous.Assemblies[i], assemblies[i]))
            {
                return false;
            }
        }

        if (TreeDelta.PairChanged(previous.Trees, trees, MaxChangedTrees) is not { } changed)
        {
            return false;
        }

        foreach (var (before, after) in changed)
        {
            if (!TreeDelta.SameDeclarations(before, after, default))
            {
                return false;
            }
        }

        return true;
    }

    private static void Remember(Snapshot snapshot, Snapshot? replaces)
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

    /// <summary>One compilation's answers (every name asked, source types included) and the snapshot the next compilation may start from.</summary>
    private sealed class Resolutions(ConcurrentDictionary<string, INamedTypeSymbol?> types, Snapshot snapshot, bool carried)
    {
        public ConcurrentDictionary<string, INamedTypeSymbol?> Types { get; } = types;

        public Snapshot Snapshot { get; } = snapshot;

        public bool Carried { get; } = carried;
    }

    /// <summary>What decides the carried answers of one compilation, without a source symbol: its trees, referenced assemblies, options and the answers from references.</summary>
    private sealed class Snapshot(SyntaxTree[] trees, ImmutableArray<IAssemblySymbol> assemblies, CompilationOptions options, string? assemblyName, ConcurrentDictionary<string, INamedTypeSymbol?> carried)
    {
        public SyntaxTree[] Trees { get; } = trees;

        public ImmutableArray<IAssemblySymbol> Assemblies { get; } = assemblies;

        public CompilationOptions Options { get; } = options;

        public string? AssemblyName { get; } = assemblyName;

        /// <summary>Metadata names resolved to a referenced assembly's type, or to nothing.</summary>
        public ConcurrentDictionary<string, INamedTypeSymbol?> Carried { get; } = carried;
    }
}
