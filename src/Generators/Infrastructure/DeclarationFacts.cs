using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Generators.Infrastructure;

/// <summary>
/// What a compilation declares, as fingerprints, so per-member generator steps can keep their results across
/// compilations: every keystroke is a new compilation, and re-binding a thousand [AgentTool] methods for it costs a
/// quarter of a second. A member's model (its parameters' JSON shapes, descriptions, defaults, documentation) depends
/// only on declarations — never on method bodies — so:
/// <list type="bullet">
/// <item>each syntax tree gets a hash of its text outside member bodies (computed once per tree object, then reused:
/// an edit makes one new tree, the others are the same objects in the next compilation);</item>
/// <item><see cref="CompilationDeclarations"/> combines those hashes with the references and options into one value
/// that compares equal across edits inside bodies, so a step keyed on it and on the member's syntax node is not run
/// at all;</item>
/// <item>when declarations did change, <see cref="DependencyMemo{T}"/> re-binds a member only when a tree it depends
/// on changed or a type or namespace name it mentions was added or removed.</item>
/// </list>
/// Only strings and numbers are kept per tree; compilations are held weakly.
/// </summary>
internal static class DeclarationFacts
{
    private static readonly WeakCache<SyntaxTree, TreeFacts> s_trees = new();
    private static readonly WeakCache<Compilation, CompilationDeclarations> s_compilations = new();
    private static readonly WeakCache<object, StrongBox<long>> s_identities = new();
    private static long s_nextIdentity;

    /// <summary>The facts of one tree (computed on first use, then cached for the tree's lifetime).</summary>
    public static TreeFacts Tree(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (s_trees.TryGetValue(tree, out var facts))
        {
            return facts;
        }

        var computed = TreeFacts.Compute(tree, Identity(tree.Options), cancellationToken);
        return s_trees.GetValue(tree, _ => computed);
    }

    /// <summary>The declarations of <paramref name="compilation"/> (computed once per compilation).</summary>
    public static CompilationDeclarations Of(Compilation compilation, CancellationToken cancellationToken)
    {
        if (s_compilations.TryGetValue(compilation, out var existing))
        {
            return existing;
        }

        var computed = CompilationDeclarations.Compute(compilation, cancellationToken);
        return s_compilations.GetValue(compilation, _ => computed);
    }

    /// <summary>A number unique to this object for the process's lifetime (options and references compare by identity).</summary>
    internal static long Identity(object value) =>
        s_identities.GetValue(value, static _ => new StrongBox<long>(Interlocked.Increment(ref s_nextIdentity))).Value;

    internal static ulong Mix(ulong hash, ulong value)
    {
        hash ^= value;
        hash *= 0x100000001B3UL;
        hash ^= hash >> 29;
        return hash;
    }

    internal static ulong Mix(ulong hash, string value)
    {
        foreach (var c in value)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return Mix(hash, (ulong)value.Length);
    }
}

/// <summary>Per-tree facts: the declaration hash, the declared type and namespace names, global usings.</summary>
internal sealed class TreeFacts
{
    private readonly WeakReference<SyntaxTree> _tree;
    private HashSet<string>? _identifiers;
    private WeakReference<Compilation>? _latest;

    private TreeFacts(SyntaxTree tree, ulong declarationHash, ulong globalUsingsHash, string[] declaredNames)
    {
        _tree = new WeakReference<SyntaxTree>(tree);
        Path = tree.FilePath;
        DeclarationHash = declarationHash;
        GlobalUsingsHash = globalUsingsHash;
        DeclaredNames = declaredNames;
        foreach (var name in declaredNames)
        {
            NamesHash += DeclarationFacts.Mix(14695981039346656037UL, name); // a sum: the multiset, in any order
        }
    }

    public string Path { get; }

    /// <summary>The hash of the tree's text outside method, accessor and operator bodies (and its parse options).</summary>
    public ulong DeclarationHash { get; }

    /// <summary>The hash of its <c>global using</c> directives (they change name binding in every file).</summary>
    public ulong GlobalUsingsHash { get; }

    /// <summary>Every declared type (name, arity, kind, modifiers) and namespace name, as keys.</summary>
    public string[] DeclaredNames { get; }

    /// <summary>An order-independent hash of <see cref="DeclaredNames"/>.</summary>
    public ulong NamesHash { get; }

    /// <summary>The last compilation seen containing this tree, weakly.</summary>
    public Compilation? LatestCompilation => _latest is { } latest && latest.TryGetTarget(out var compilation) ? compilation : null;

    internal void SetLatest(WeakReference<Compilation> compilation) => Volatile.Write(ref _latest, compilation);

    /// <summary>
    /// True when the tree's declarations (outside bodies, doc comments included) mention one of
    /// <paramref name="names"/>, or when the tree is gone (so nothing can be ruled out).
    /// </summary>
    public bool MentionsAny(HashSet<string> names)
    {
        var identifiers = _identifiers;
        if (identifiers is null)
        {
            if (!_tree.TryGetTarget(out var tree))
            {
                return true;
            }

            identifiers = new HashSet<string>(StringComparer.Ordinal);
            CollectIdentifiers(tree.GetRoot(), identifiers);
            _identifiers = identifiers;
        }

        foreach (var name in names)
        {
            if (identifiers.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    public static TreeFacts Compute(SyntaxTree tree, long optionsIdentity, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        var text = tree.GetText(cancellationToken);
        var skipped = new List<TextSpan>();
        var names = new List<string>();
        var globalUsings = 14695981039346656037UL;
        if (root is CompilationUnitSyntax unit)
        {
            foreach (var directive in unit.Usings)
            {
                if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                {
                    globalUsings = DeclarationFacts.Mix(globalUsings, directive.ToString());
                }
            }
        }

        Walk(root, string.Empty, skipped, names, cancellationToken);

        var hash = DeclarationFacts.Mix(14695981039346656037UL, tree.FilePath);
        hash = DeclarationFacts.Mix(hash, (ulong)optionsIdentity);
        var buffer = new char[4096];
        var position = 0;
        foreach (var span in skipped)
        {
            hash = HashText(text, position, span.Start, buffer, hash);
            hash = DeclarationFacts.Mix(hash, 0xB0D1UL);
            position = span.End;
        }

        hash = HashText(text, position, text.Length, buffer, hash);
        return new TreeFacts(tree, hash, globalUsings, names.ToArray());
    }

    private static ulong HashText(SourceText text, int start, int end, char[] buffer, ulong hash)
    {
        while (start < end)
        {
            var count = Math.Min(buffer.Length, end - start);
            text.CopyTo(start, buffer, 0, count);
            for (var i = 0; i < count; i++)
            {
                hash = (hash ^ buffer[i]) * 0x100000001B3UL;
            }

            start += count;
        }

        return hash;
    }

    /// <summary>Collects the bodies to leave out of the hash, and the declared names.</summary>
    private static void Walk(SyntaxNode node, string prefix, List<TextSpan> skipped, List<string> names, CancellationToken cancellationToken)
    {
        foreach (var child in node.ChildNodes())
        {
            switch (child)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    AddNamespaceNames(ns.Name, names);
                    Walk(ns, prefix + ns.Name.ToString() + ".", skipped, names, cancellationToken);
                    break;
                case TypeDeclarationSyntax type:
                    names.Add(prefix + TypeKey(type.Identifier.ValueText, type.TypeParameterList?.Parameters.Count ?? 0, type.Keyword.ValueText, type.Modifiers));
                    cancellationToken.ThrowIfCancellationRequested();
                    Walk(type, prefix + type.Identifier.ValueText + "+", skipped, names, cancellationToken);
                    break;
                case EnumDeclarationSyntax enumDeclaration:
                    names.Add(prefix + TypeKey(enumDeclaration.Identifier.ValueText, 0, "enum", enumDeclaration.Modifiers));
                    break;
                case DelegateDeclarationSyntax delegateDeclaration:
                    names.Add(prefix + TypeKey(delegateDeclaration.Identifier.ValueText, delegateDeclaration.TypeParameterList?.Parameters.Count ?? 0, "delegate", delegateDeclaration.Modifiers));
                    break;
                case BaseMethodDeclarationSyntax method when !IsPartial(method.Modifiers):
                    Skip(method.Body, skipped);
                    Skip(method.ExpressionBody, skipped);
                    break;
                case BasePropertyDeclarationSyntax property when !IsPartial(property.Modifiers):
                    Skip((property as PropertyDeclarationSyntax)?.ExpressionBody ?? (property as IndexerDeclarationSyntax)?.ExpressionBody, skipped);
                    if (property.AccessorList is { } accessors)
                    {
                        foreach (var accessor in accessors.Accessors)
                        {
                            Skip(accessor.Body, skipped);
                            Skip(accessor.ExpressionBody, skipped);
                        }
                    }

                    break;
                case GlobalStatementSyntax statement:
                    Skip(statement.Statement, skipped);
                    break;
            }
        }
    }

    private static void Skip(SyntaxNode? body, List<TextSpan> skipped)
    {
        // A body holding a directive (#if ... spanning members) stays in: it can change what is declared.
        if (body is not null && !body.ContainsDirectives)
        {
            skipped.Add(body.FullSpan);
        }
    }

    private static bool IsPartial(SyntaxTokenList modifiers)
    {
        foreach (var modifier in modifiers)
        {
            if (modifier.IsKind(SyntaxKind.PartialKeyword))
            {
                return true;
            }
        }

        return false;
    }

    private static string TypeKey(string name, int arity, string kind, SyntaxTokenList modifiers) =>
        name + "`" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + kind + " " + modifiers.ToString();

    private static void AddNamespaceNames(NameSyntax name, List<string> names)
    {
        switch (name)
        {
            case QualifiedNameSyntax qualified:
                AddNamespaceNames(qualified.Left, names);
                AddNamespaceNames(qualified.Right, names);
                break;
            case SimpleNameSyntax simple:
                names.Add(simple.Identifier.ValueText + " namespace");
                break;
        }
    }

    private static void CollectIdentifiers(SyntaxNode root, HashSet<string> identifiers)
    {
        foreach (var token in root.DescendantTokens(static n => !IsBody(n), descendIntoTrivia: true))
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                identifiers.Add(token.ValueText);
            }
        }
    }

    private static bool IsBody(SyntaxNode node) =>
        node is BlockSyntax or ArrowExpressionClauseSyntax
        && node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax
        && !node.ContainsDirectives;
}

/// <summary>
/// A compilation's declarations: equal (<see cref="Fingerprint"/>) for two compilations that differ only inside
/// member bodies. Holds its compilation weakly, for the steps that must bind a member again.
/// </summary>
internal sealed class CompilationDeclarations : IEquatable<CompilationDeclarations>
{
    private readonly WeakReference<Compilation> _compilation;
    private readonly Dictionary<string, TreeFacts> _trees;
    private readonly Dictionary<string, int> _names;
    private static readonly char[] s_nameEnd = { '`', ' ' };
    private static readonly char[] s_nameSeparators = { '.', '+' };
    private Tuple<CompilationDeclarations, HashSet<string>>? _lastChanged;

    private CompilationDeclarations(Compilation compilation, ulong fingerprint, ulong environment, ulong namesHash, Dictionary<string, TreeFacts> trees, Dictionary<string, int> names)
    {
        _compilation = new WeakReference<Compilation>(compilation);
        Fingerprint = fingerprint;
        Environment = environment;
        NamesHash = namesHash;
        _trees = trees;
        _names = names;
    }

    /// <summary>Every tree's declaration hash, the references, the options.</summary>
    public ulong Fingerprint { get; }

    /// <summary>What changes every member's binding: references, compilation options, global usings.</summary>
    public ulong Environment { get; }

    /// <summary>An order-independent hash of every declared type and namespace name (with repeats).</summary>
    public ulong NamesHash { get; }

    public static CompilationDeclarations Compute(Compilation compilation, CancellationToken cancellationToken)
    {
        var environment = DeclarationFacts.Mix(14695981039346656037UL, (ulong)DeclarationFacts.Identity(compilation.Options));
        environment = DeclarationFacts.Mix(environment, compilation.AssemblyName ?? string.Empty);
        foreach (var reference in compilation.References)
        {
            environment = DeclarationFacts.Mix(environment, (ulong)DeclarationFacts.Identity(reference));
        }

        var latest = new WeakReference<Compilation>(compilation);
        var trees = new Dictionary<string, TreeFacts>(StringComparer.Ordinal);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var fingerprint = environment;
        var namesHash = 0UL;
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var facts = DeclarationFacts.Tree(tree, cancellationToken);
            facts.SetLatest(latest);
            trees[facts.Path] = facts;
            fingerprint = DeclarationFacts.Mix(fingerprint, facts.DeclarationHash);
            namesHash += facts.NamesHash;
            if (facts.GlobalUsingsHash != 14695981039346656037UL)
            {
                environment = DeclarationFacts.Mix(environment, facts.GlobalUsingsHash);
            }

            foreach (var name in facts.DeclaredNames)
            {
                names.TryGetValue(name, out var count);
                names[name] = count + 1;
            }
        }

        return new CompilationDeclarations(compilation, DeclarationFacts.Mix(fingerprint, environment), environment, namesHash, trees, names);
    }

    /// <summary>
    /// A compilation that contains <paramref name="tree"/> and declares what this one does: this one if it is still
    /// alive and contains the tree, else the last compilation the tree was seen in.
    /// </summary>
    public Compilation? CompilationFor(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (_compilation.TryGetTarget(out var compilation) && compilation.ContainsSyntaxTree(tree))
        {
            return compilation;
        }

        var latest = DeclarationFacts.Tree(tree, cancellationToken).LatestCompilation;
        return latest is not null && latest.ContainsSyntaxTree(tree) ? latest : null;
    }

    /// <summary>The facts of the tree at <paramref name="path"/> in this compilation, or null.</summary>
    public TreeFacts? TreeAt(string path) => _trees.TryGetValue(path, out var facts) ? facts : null;

    /// <summary>The simple names of types and namespaces declared in one of the two compilations and not (as often) in the other.</summary>
    public HashSet<string> ChangedNames(CompilationDeclarations other)
    {
        var cached = _lastChanged;
        if (cached is not null && ReferenceEquals(cached.Item1, other))
        {
            return cached.Item2;
        }

        var changed = ComputeChangedNames(other);
        _lastChanged = Tuple.Create(other, changed);
        return changed;
    }

    private HashSet<string> ComputeChangedNames(CompilationDeclarations other)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in _names)
        {
            if (!other._names.TryGetValue(pair.Key, out var count) || count != pair.Value)
            {
                AddChanged(changed, SimpleName(pair.Key));
            }
        }

        foreach (var pair in other._names)
        {
            if (!_names.ContainsKey(pair.Key))
            {
                AddChanged(changed, SimpleName(pair.Key));
            }
        }

        return changed;
    }

    private static void AddChanged(HashSet<string> changed, string name)
    {
        changed.Add(name);
        if (name.Length > "Attribute".Length && name.EndsWith("Attribute", StringComparison.Ordinal))
        {
            changed.Add(name.Substring(0, name.Length - "Attribute".Length)); // [Name] binds NameAttribute
        }
    }

    private static string SimpleName(string key)
    {
        var end = key.IndexOfAny(s_nameEnd);
        var name = end < 0 ? key : key.Substring(0, end);
        var start = name.LastIndexOfAny(s_nameSeparators) + 1;
        return start == 0 ? name : name.Substring(start);
    }

    public bool Equals(CompilationDeclarations? other) => other is not null && other.Fingerprint == Fingerprint;

    public override bool Equals(object? obj) => Equals(obj as CompilationDeclarations);

    public override int GetHashCode() => Fingerprint.GetHashCode();
}

/// <summary>One dependency of a member's model: a tree's path and the declaration hash it had.</summary>
internal readonly struct TreeDependency
{
    public TreeDependency(string path, ulong declarationHash)
    {
        Path = path;
        DeclarationHash = declarationHash;
    }

    public string Path { get; }

    public ulong DeclarationHash { get; }
}

/// <summary>
/// Keeps each member's model with what it was computed from (the trees it depends on, the compilation's
/// environment and names), keyed by the member's syntax node, and hands it back while those are unchanged.
/// </summary>
internal sealed class DependencyMemo<T>
    where T : class
{
    private readonly WeakCache<SyntaxNode, StrongBox<Entry?>> _entries = new();
    private readonly DeclarationsRead _read = new();

    /// <summary>
    /// The model of <paramref name="node"/> in the compilation described by <paramref name="declarations"/>: the
    /// remembered one when nothing it depends on changed, else <paramref name="compute"/>'s (which returns the model
    /// and the trees it depends on; null dependencies mean "every declaration").
    /// </summary>
    public T? Get(SyntaxNode node, CompilationDeclarations declarations, Func<Compilation, (T? Value, List<TreeDependency>? Dependencies)> compute, CancellationToken cancellationToken)
    {
        var slot = _entries.GetValue(node, static _ => new StrongBox<Entry?>());
        if (Volatile.Read(ref slot.Value) is { } entry && IsValid(entry, declarations))
        {
            entry.Declarations = declarations;
            return entry.Value;
        }

        var compilation = declarations.CompilationFor(node.SyntaxTree, cancellationToken);
        if (compilation is null)
        {
            return null;
        }

        var (value, dependencies) = compute(compilation);
        _read.Add(dependencies);
        Volatile.Write(ref slot.Value, new Entry(value, dependencies?.ToArray(), declarations));
        return value;
    }

    /// <summary>
    /// The declarations of a compilation as this memo's members see them: equal to another compilation's when no
    /// remembered model can differ between the two (see <see cref="DeclarationsRead"/>), so a per-member step keyed
    /// on it is not run at all after a declaration edit in a tree no member was read from.
    /// </summary>
    public MemberDeclarations For(CompilationDeclarations declarations) => _read.For(declarations);

    /// <summary>
    /// Called by the step that reads the collected candidates, which runs when they changed; returns
    /// <paramref name="anyQualifies"/>. See <see cref="DeclarationsRead.For"/>.
    /// </summary>
    public bool CandidatesChanged(bool anyQualifies)
    {
        _read.CandidatesChanged();
        return anyQualifies;
    }

    private static bool IsValid(Entry entry, CompilationDeclarations current)
    {
        var previous = entry.Declarations;
        if (ReferenceEquals(previous, current) || previous.Fingerprint == current.Fingerprint)
        {
            return true;
        }

        if (entry.Dependencies is null || previous.Environment != current.Environment)
        {
            return false;
        }

        foreach (var dependency in entry.Dependencies)
        {
            if (current.TreeAt(dependency.Path) is not { } facts || facts.DeclarationHash != dependency.DeclarationHash)
            {
                return false;
            }
        }

        // A type or namespace added or removed anywhere can change what a name in these trees binds to.
        var changed = previous.ChangedNames(current);
        if (changed.Count > 0)
        {
            foreach (var dependency in entry.Dependencies)
            {
                if (current.TreeAt(dependency.Path)!.MentionsAny(changed))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private sealed class Entry
    {
        public Entry(T? value, TreeDependency[]? dependencies, CompilationDeclarations declarations)
        {
            Value = value;
            Dependencies = dependencies;
            Declarations = declarations;
        }

        public T? Value { get; }

        public TreeDependency[]? Dependencies { get; }

        public volatile CompilationDeclarations Declarations;
    }
}

/// <summary>
/// What the models a <see cref="DependencyMemo{T}"/> computed were read from: the path of every tree (a set that only
/// grows: a path no longer read makes two compilations differ more often, never less), or every declaration once one
/// model depended on all of them.
/// </summary>
internal sealed class DeclarationsRead
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _paths = new(StringComparer.Ordinal);
    private volatile bool _everything;
    private int _candidatesChanged;
    private int _generation;
    private MemberDeclarations? _last;

    public void CandidatesChanged() => Volatile.Write(ref _candidatesChanged, 1);

    /// <summary>
    /// The declarations as the members see them. When the candidates changed (a file with tools replaced) in the
    /// same run as these declarations, the next run's value differs anyway: the generator driver can drop a new
    /// candidate from a per-member step whose two inputs changed in one run (a removed and a new candidate combined
    /// with a changed value), and only a run in which the value changes again rebuilds the step from the candidates
    /// (GlobalAliasTests). When declarations changed on nearly every edit, that came for free.
    /// </summary>
    public MemberDeclarations For(CompilationDeclarations declarations)
    {
        var current = new MemberDeclarations(declarations, this, Volatile.Read(ref _generation));
        var candidatesChanged = Interlocked.Exchange(ref _candidatesChanged, 0) == 1;
        if (candidatesChanged && _last is { } last && !last.Equals(current))
        {
            Interlocked.Increment(ref _generation);
        }

        _last = current;
        return current;
    }

    public void Add(List<TreeDependency>? dependencies)
    {
        if (dependencies is null)
        {
            _everything = true;
            return;
        }

        foreach (var dependency in dependencies)
        {
            if (!_paths.ContainsKey(dependency.Path))
            {
                _paths.TryAdd(dependency.Path, 0);
            }
        }
    }

    /// <summary>
    /// True when no remembered model can differ between the two compilations: the same environment, the same
    /// declarations in every tree a model was read from (in every tree, once a model depends on all of them), and no
    /// type or namespace name added or removed that one of those trees mentions.
    /// </summary>
    public bool Same(CompilationDeclarations left, CompilationDeclarations right)
    {
        if (ReferenceEquals(left, right) || left.Fingerprint == right.Fingerprint)
        {
            return true;
        }

        if (_everything || left.Environment != right.Environment)
        {
            return false;
        }

        foreach (var path in _paths.Keys)
        {
            var before = left.TreeAt(path);
            var after = right.TreeAt(path);
            if (before is null ? after is not null : after is null || before.DeclarationHash != after.DeclarationHash)
            {
                return false;
            }
        }

        if (left.NamesHash == right.NamesHash)
        {
            return true;
        }

        // A type or namespace added or removed can change what a name in those trees binds to (as DependencyMemo
        // checks per model): only names none of them mentions leave every model as it was.
        var changed = left.ChangedNames(right);
        foreach (var path in _paths.Keys)
        {
            if (right.TreeAt(path) is { } facts && facts.MentionsAny(changed))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// A compilation's declarations as a <see cref="DependencyMemo{T}"/>'s per-member step sees them
/// (<see cref="DependencyMemo{T}.For"/>): two are equal when no remembered model can differ between them, which the
/// generator driver asks when it decides whether the per-member step runs.
/// </summary>
internal sealed class MemberDeclarations : IEquatable<MemberDeclarations>
{
    private readonly DeclarationsRead _read;
    private readonly int _generation;

    public MemberDeclarations(CompilationDeclarations declarations, DeclarationsRead read, int generation)
    {
        Declarations = declarations;
        _read = read;
        _generation = generation;
    }

    public CompilationDeclarations Declarations { get; }

    public bool Equals(MemberDeclarations? other) =>
        other is not null && ReferenceEquals(other._read, _read) && other._generation == _generation && _read.Same(Declarations, other.Declarations);

    public override bool Equals(object? obj) => Equals(obj as MemberDeclarations);

    public override int GetHashCode() => Declarations.Environment.GetHashCode(); // equal ones share it
}
