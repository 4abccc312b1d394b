using System;
using System.Collections.Generic;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// Which names can lead to an LLM call, decided from syntax alone, so that the loop rules bind only the code that can
/// possibly call a model. A superset of what <see cref="AgentLoopContext.LlmSearch"/> can find: it never rules out a
/// loop the search would classify.
/// </summary>
/// <remarks>
/// <para>
/// The seeds are the member names of the LLM APIs (<see cref="AgentLoopContext.GetLlmCall"/> matches an invocation only
/// when it calls one of them). From them, levels are computed over the declarations of the compilation, as the search
/// follows calls: a method whose body invokes a seed, or mentions a method of level <c>k - 1</c>, has level <c>k</c>
/// (as deep as calls go: a fixed point over the names); a delegate field, property or local assigned a lambda or method group that reaches a
/// level within the depth is itself matched when invoked, like a seed. A loop, or a method calling itself, can be an
/// agent loop only when its text contains an invocation of a seed or delegate name, or any mention of a name with a level.
/// </para>
/// <para>
/// Only trees whose <see cref="SourceIndex"/> may contain one of the names found so far are read, and each tree's
/// declarations are read once for its lifetime (<see cref="AgentLoopSyntax.GetFacts"/>), so a project where most files
/// never spell an LLM API or a method that calls one costs a text scan of each file and a syntax walk of a few.
/// </para>
/// <para>
/// Calls that name no method in the source — a target-typed <c>new(...)</c>, a collection initializer's <c>Add</c>, a
/// query expression's <c>Select</c> — count in trees that are read, so a constructor or an <c>Add</c> method that
/// calls a model is followed from files that mention some name of the closure, as real agent code does.
/// </para>
/// </remarks>
internal sealed class LlmReach
{
    /// <summary>
    /// How far names are followed: as far as calls go (<see cref="AgentLoopContext.LlmSearch"/> is unbounded too); the
    /// largest level below "unreached" (<see cref="int.MaxValue"/>), so that every reached name counts.
    /// </summary>
    public const int MaxDepth = int.MaxValue - 1;

    private readonly Dictionary<string, int> _methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _constructors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _invoked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _delegates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gated;
    private readonly LlmFrameworkEvidence? _evidence;
    private readonly HashSet<string> _interesting = new(StringComparer.Ordinal);
    private SourceIndex.WordSet? _interestingWords;
    private readonly HashSet<SyntaxTree> _readTrees;
    private readonly bool _everything;
    private readonly HashSet<string>? _endpointNames;
    private string[] _words = Array.Empty<string>();

    private LlmReach(bool everything, HashSet<string>? endpointNames, HashSet<string> gated, LlmFrameworkEvidence? evidence)
    {
        _everything = everything;
        _endpointNames = endpointNames;
        _gated = gated;
        _evidence = evidence;
        _readTrees = new HashSet<SyntaxTree>();
    }

    /// <summary>A copy of <paramref name="source"/> for another compilation whose trees it read are <paramref name="readTrees"/>; the names are shared (never changed after <see cref="Compute"/>).</summary>
    private LlmReach(LlmReach source, HashSet<SyntaxTree> readTrees)
    {
        _everything = source._everything;
        _endpointNames = source._endpointNames;
        _methods = source._methods;
        _constructors = source._constructors;
        _invoked = source._invoked;
        _delegates = source._delegates;
        _gated = source._gated;
        _evidence = source._evidence;
        _interesting = source._interesting;
        _interestingWords = source._interestingWords;
        _words = source._words;
        _readTrees = readTrees;
    }

    /// <summary>
    /// The same names for a compilation that differs from this one's by trees that leave them unchanged (see
    /// <see cref="LlmReachCache"/>, which proves it): <paramref name="removed"/> leave the trees read, and of
    /// <paramref name="added"/>, those for which <paramref name="isRead"/> holds (they spell one of <see cref="Words"/>) join them.
    /// </summary>
    internal LlmReach WithTrees(List<SyntaxTree> removed, List<SyntaxTree> added, Func<SyntaxTree, bool> isRead)
    {
        var readTrees = new HashSet<SyntaxTree>(_readTrees);
        foreach (var tree in removed)
        {
            readTrees.Remove(tree);
        }

        foreach (var tree in added)
        {
            if (isRead(tree))
            {
                readTrees.Add(tree);
            }
        }

        return new LlmReach(this, readTrees);
    }

    /// <summary>True when nothing can be ruled out by name (an <c>agentrules.llm_methods</c> wildcard whose type is not found).</summary>
    public bool Everything => _everything;

    /// <summary>The per-file evidence that makes a framework member name a seed there (null when no seed needs it).</summary>
    internal LlmFrameworkEvidence? Evidence => _evidence;

    /// <summary>Every name (seeds, delegates, methods and constructors' types within the depth), for <see cref="SourceIndex"/> queries.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>
    /// Computes the names for a compilation from the seeds (the LLM API member names it can match) and, when
    /// HttpClient posts can be LLM calls (some file spells an endpoint), the names declared with an endpoint.
    /// </summary>
    /// <remarks>
    /// An HttpClient post (<see cref="AgentLoopApis.HttpPostMethods"/>) is an LLM call only when its arguments spell
    /// an endpoint or name a variable, field or property whose declaration does (what <c>PostsToLlmEndpoint</c>
    /// reads), so only such posts count as seeds: a tool that posts to a web API is not an LLM caller.
    /// </remarks>
    /// <param name="compilation">The compilation.</param>
    /// <param name="seeds">The member names an LLM call is matched by.</param>
    /// <param name="gatedSeeds">
    /// Of <paramref name="seeds"/>, the framework members (not configured ones): they are seeds only in files that
    /// can refer to a framework (<see cref="LlmFrameworkEvidence"/>); elsewhere they are names like any other.
    /// </param>
    /// <param name="apiTypeNames">The simple names of the LLM API types present (evidence where a file names one).</param>
    /// <param name="endpointNames">The endpoint names, when HttpClient posts can be LLM calls.</param>
    /// <param name="everything">Nothing can be ruled out by name.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static LlmReach Compute(Compilation compilation, IReadOnlyCollection<string> seeds, IReadOnlyCollection<string> gatedSeeds, IEnumerable<string> apiTypeNames, HashSet<string>? endpointNames, bool everything, CancellationToken cancellationToken)
    {
        if (everything || (seeds.Count == 0 && endpointNames is null))
        {
            return new LlmReach(everything, endpointNames, new HashSet<string>(StringComparer.Ordinal), null);
        }

        var gated = new HashSet<string>(gatedSeeds, StringComparer.Ordinal);
        gated.IntersectWith(seeds);
        var allTrees = compilation.SyntaxTrees as IReadOnlyList<SyntaxTree> ?? new List<SyntaxTree>(compilation.SyntaxTrees);
        foreach (var tree in allTrees)
        {
            SourceIndex.Index(tree, cancellationToken); // an LLM API is referenced: every file will be asked about many names
        }

        var evidence = gated.Count > 0 ? LlmFrameworkEvidence.Create(allTrees, apiTypeNames, cancellationToken) : null;
        var reach = new LlmReach(everything, endpointNames, gated, evidence);
        var words = new List<string>();
        foreach (var seed in seeds)
        {
            if (reach._invoked.Add(seed))
            {
                words.Add(seed);
            }
        }

        if (endpointNames is not null)
        {
            foreach (var post in AgentLoopApis.HttpPostMethods)
            {
                if (!reach._invoked.Contains(post))
                {
                    words.Add(post);
                }
            }
        }

        var units = new List<(ReachUnit Unit, bool Evidence)>();
        var unread = new List<SyntaxTree>(allTrees);

        var pending = new List<string>(words);
        while (pending.Count > 0)
        {
            // Read the trees that may mention a name found in the last round; the others cannot use it.
            var pendingWords = SourceIndex.CreateWordSet(pending);
            for (var i = unread.Count - 1; i >= 0; i--)
            {
                if (AgentLoopSyntax.MentionsAny(unread[i], pendingWords, cancellationToken))
                {
                    var hasEvidence = reach.HasEvidence(unread[i], cancellationToken);
                    foreach (var unit in AgentLoopSyntax.GetFacts(unread[i], cancellationToken).Units)
                    {
                        units.Add((unit, hasEvidence));
                    }

                    reach._readTrees.Add(unread[i]);
                    unread.RemoveAt(i);
                }
            }

            pending.Clear();
            reach.Propagate(units, pending, cancellationToken);
            words.AddRange(pending);
        }

        reach._words = words.ToArray();
        reach._interesting.UnionWith(reach._invoked);
        reach._interesting.UnionWith(reach._methods.Keys);
        reach._interesting.UnionWith(reach._constructors.Keys);
        reach._interesting.Add("Invoke");
        if (endpointNames is not null)
        {
            reach._interesting.UnionWith(AgentLoopApis.HttpPostMethods);
        }

        reach._interestingWords = SourceIndex.CreateWordSet(reach._interesting);
        return reach;
    }

    /// <summary>Sets levels over the units until nothing changes; names that get one for the first time go to <paramref name="added"/>.</summary>
    private void Propagate(List<(ReachUnit Unit, bool Evidence)> units, List<string> added, CancellationToken cancellationToken)
    {
        bool changed;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            changed = false;
            foreach (var (unit, evidence) in units)
            {
                var level = Level(unit, evidence);
                switch (unit.Kind)
                {
                    case ReachUnitKind.Method when level < MaxDepth:
                        changed |= Lower(_methods, unit.Name, level + 1, added);
                        break;
                    case ReachUnitKind.Constructor when level < MaxDepth:
                        changed |= Lower(_constructors, unit.Name, level + 1, added);
                        changed |= Lower(_constructors, AgentLoopSyntax.ImplicitCreation, level + 1, null);
                        break;
                    case ReachUnitKind.Delegate or ReachUnitKind.LocalDelegate when level <= MaxDepth:
                        if (_delegates.Add(unit.Name))
                        {
                            if (_invoked.Add(unit.Name) && unit.Kind == ReachUnitKind.Delegate)
                            {
                                added.Add(unit.Name); // a local is invoked only in its own tree, which is read already
                            }

                            changed = true;
                        }

                        break;
                    case ReachUnitKind.Alias when level <= MaxDepth:
                        changed |= Lower(_constructors, unit.Name, level, added);
                        break;
                }
            }
        }
        while (changed);
    }

    /// <summary>The lowest level a unit's uses reach: 0 when it invokes a seed (in a tree with the evidence <paramref name="evidence"/> says) or delegate.</summary>
    private int Level(ReachUnit unit, bool evidence)
    {
        // An HTTP helper that posts where its caller says is a candidate once some file spells an endpoint: whether
        // a call of it reaches a model is decided at the call, from the URL the caller passes (GetLlmCall).
        if (_endpointNames is not null && (unit.PostsEndpointText || unit.ForwardsUrl || AnyIn(unit.PostArguments, _endpointNames)))
        {
            return 0;
        }

        var level = int.MaxValue;
        foreach (var name in unit.Invoked)
        {
            if (IsInvokedSeed(name, evidence))
            {
                return 0;
            }

            Min(_methods, name, ref level);
        }

        foreach (var name in unit.Groups)
        {
            Min(_methods, name, ref level);
        }

        foreach (var name in unit.Created)
        {
            Min(_constructors, name, ref level);
        }

        return level;
    }

    private static bool AnyIn(string[] names, HashSet<string> set)
    {
        foreach (var name in names)
        {
            if (set.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    private static void Min(Dictionary<string, int> levels, string name, ref int level)
    {
        if (levels.TryGetValue(name, out var found) && found < level)
        {
            level = found;
        }
    }

    private bool Lower(Dictionary<string, int> levels, string name, int level, List<string>? added)
    {
        if (levels.TryGetValue(name, out var current))
        {
            if (current <= level)
            {
                return false;
            }
        }
        else if (!_invoked.Contains(name) && !_methods.ContainsKey(name) && !_constructors.ContainsKey(name))
        {
            added?.Add(name);
        }

        levels[name] = level;
        return true;
    }

    /// <summary>Whether a call of a same-compilation method (or constructor) can lead to an LLM call, decided by its name.</summary>
    public bool MayReach(IMethodSymbol method)
    {
        if (_everything)
        {
            return true;
        }

        return method.MethodKind == MethodKind.Constructor
            ? _constructors.ContainsKey(method.ContainingType?.Name ?? string.Empty)
            : _methods.ContainsKey(SimpleName(method.Name));
    }

    /// <summary>Whether invoking a delegate field, property or local with this name can be an LLM call.</summary>
    public bool IsDelegateName(string name) => _everything || _invoked.Contains(name);

    /// <summary>
    /// Whether a tree may contain a loop or recursion that calls a model: whether it spells one of the
    /// <see cref="Words"/>. Those are exactly the trees <see cref="Compute"/> read (each word was looked for in every
    /// tree not read yet), so this is a set lookup.
    /// </summary>
    public bool IsCandidateTree(SyntaxTree tree) => _everything || _readTrees.Contains(tree);

    /// <summary>
    /// One pass over a tree's tokens: the start positions of the mentions that can lead to an LLM call (invocations
    /// of seeds and delegates, calls, method groups and creations of names within the depth, HttpClient posts with
    /// endpoint evidence), sorted; the tree's loop statements; and its methods and local functions (where recursion
    /// can be). Only identifiers whose text is one of the names, and a few keywords, are looked at more closely.
    /// </summary>
    public void Walk(SyntaxNode root, List<int> hits, List<SyntaxNode> loops, List<SyntaxNode> functions, CancellationToken cancellationToken)
    {
        var interesting = _interesting;
        bool? evidence = null;
        foreach (var token in root.DescendantTokens())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_everything)
            {
                hits.Add(token.SpanStart);
            }

            switch ((SyntaxKind)token.RawKind)
            {
                case SyntaxKind.IdentifierToken:
                    var parent = token.Parent;
                    if (parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                    {
                        functions.Add(parent);
                    }
                    else if (parent is SimpleNameSyntax name && interesting.Contains(token.ValueText) && IsHit(name, evidence ??= HasEvidence(root.SyntaxTree, cancellationToken)))
                    {
                        hits.Add(name.SpanStart);
                    }

                    break;
                case SyntaxKind.WhileKeyword when token.Parent is WhileStatementSyntax:
                case SyntaxKind.DoKeyword when token.Parent is DoStatementSyntax:
                case SyntaxKind.ForKeyword when token.Parent is ForStatementSyntax:
                case SyntaxKind.ForEachKeyword when token.Parent is CommonForEachStatementSyntax:
                    loops.Add(token.Parent!);
                    break;
                case SyntaxKind.NewKeyword when token.Parent is ImplicitObjectCreationExpressionSyntax creation && CreatesReachingType(creation):
                    hits.Add(creation.SpanStart);
                    break;
                case SyntaxKind.OpenBraceToken when token.Parent is InitializerExpressionSyntax initializer
                    && initializer.IsKind(SyntaxKind.CollectionInitializerExpression) && IsInvokable("Add"):
                    hits.Add(initializer.SpanStart);
                    break;
                case SyntaxKind.FromKeyword when token.Parent is FromClauseSyntax { Parent: QueryExpressionSyntax query } from
                    && query.FromClause == from && AnyInvokable(AgentLoopSyntax.QueryMethods):
                    hits.Add(query.SpanStart);
                    break;
            }
        }

        hits.Sort(); // an invocation's hit is its start, which precedes the names inside it
    }

    /// <summary>
    /// Whether <see cref="FindHits"/> can find every hit by searching for words: false when every name may matter
    /// (<see cref="Everything"/>) or a call that spells no name (a collection initializer's <c>Add</c>, a query's
    /// <c>Select</c>) can reach a model; then <see cref="Walk"/> reads the whole tree.
    /// </summary>
    public bool CanSearchWords => !_everything && !IsInvokable("Add") && !AnyInvokable(AgentLoopSyntax.QueryMethods);

    /// <summary>
    /// The nodes of a tree whose text can lead to an LLM call (<see cref="Walk"/>'s hits), found from the words alone:
    /// each word the tree's index may hold is searched in its text, and each token found is judged by how it is used;
    /// target-typed <c>new(...)</c> is searched as the keyword when constructors reach a model.
    /// </summary>
    public List<SyntaxNode> FindHits(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var result = new List<SyntaxNode>();
        var text = tree.GetText(cancellationToken).ToString();
        var root = tree.GetRoot(cancellationToken);
        var tokens = new List<SyntaxToken>();
        var words = _interestingWords!;
        for (var i = 0; i < words.Count; i++)
        {
            if (SourceIndex.MayContain(tree, words, i, cancellationToken))
            {
                AgentLoopSyntax.FindTokens(root, text, words.Words[i], root.FullSpan, tokens);
            }
        }

        var evidence = tokens.Count > 0 && HasEvidence(tree, cancellationToken);
        foreach (var token in tokens)
        {
            if (token.Parent is SimpleNameSyntax name && IsHit(name, evidence))
            {
                result.Add(name);
            }
        }

        if (_constructors.Count > 0 && SourceIndex.MayContain(tree, "new", cancellationToken))
        {
            tokens.Clear();
            AgentLoopSyntax.FindTokens(root, text, "new", root.FullSpan, tokens);
            foreach (var token in tokens)
            {
                if (token.Parent is ImplicitObjectCreationExpressionSyntax creation && CreatesReachingType(creation))
                {
                    result.Add(creation);
                }
            }
        }

        return result;
    }

    /// <summary>Whether a use of one of the names can lead to an LLM call, by how it is used.</summary>
    private bool IsHit(SimpleNameSyntax name, bool evidence)
    {
        var text = name.Identifier.ValueText;
        switch (AgentLoopSyntax.GetUse(name))
        {
            case NameUse.Invoked:
                if (IsInvokedSeed(text, evidence) || _methods.ContainsKey(text))
                {
                    return true;
                }

                // d.Invoke(...) on a delegate, or an HttpClient post with endpoint evidence.
                SyntaxNode expression = name.Parent is MemberAccessExpressionSyntax or MemberBindingExpressionSyntax ? name.Parent : name;
                return expression.Parent is InvocationExpressionSyntax invocation && IsReachingInvocation(invocation);
            case NameUse.Group:
                return _methods.ContainsKey(text);
            case NameUse.Created:
                return _constructors.ContainsKey(text);
            default:
                return false;
        }
    }

    /// <summary>A delegate invoked through <c>.Invoke</c>, or an HttpClient post whose arguments spell or name an endpoint.</summary>
    private bool IsReachingInvocation(InvocationExpressionSyntax invocation)
    {
        var name = AgentLoopSyntax.InvokedName(invocation, out var receiver);
        if (receiver is not null && _invoked.Contains(receiver))
        {
            return true;
        }

        if (_endpointNames is null || name is null || !AgentLoopSyntax.IsHttpPostName(name))
        {
            return false;
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (AgentLoopSyntax.RightmostName(argument.Expression) is { } argumentName && _endpointNames.Contains(argumentName))
            {
                return true;
            }
        }

        return AgentLoopSyntax.PostsEndpointText(invocation);
    }

    private bool CreatesReachingType(ImplicitObjectCreationExpressionSyntax creation)
    {
        if (AgentLoopSyntax.ImplicitCreationType(creation) is not { } type)
        {
            return _constructors.ContainsKey(AgentLoopSyntax.ImplicitCreation);
        }

        foreach (var node in type.DescendantNodesAndSelf())
        {
            if (node is SimpleNameSyntax name && _constructors.ContainsKey(name.Identifier.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsInvokable(string name) => _invoked.Contains(name) || _methods.ContainsKey(name);

    /// <summary>
    /// Whether invoking <paramref name="name"/> can be an LLM call by itself: a seed (a framework member only where
    /// the file has the framework evidence), a configured member, or a delegate assigned something that reaches one.
    /// </summary>
    private bool IsInvokedSeed(string name, bool evidence) =>
        _invoked.Contains(name) && (evidence || !_gated.Contains(name) || _delegates.Contains(name));

    /// <summary>Whether framework member names can be framework calls in a tree (true when no seed needs the evidence).</summary>
    private bool HasEvidence(SyntaxTree tree, CancellationToken cancellationToken) =>
        _evidence is null || _evidence.Has(tree, cancellationToken);

    private bool AnyInvokable(System.Collections.Immutable.ImmutableArray<string> names)
    {
        foreach (var name in names)
        {
            if (IsInvokable(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a sorted list of hit positions has one inside <paramref name="span"/>.</summary>
    public static bool HasHit(List<int> hits, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        int low = 0, high = hits.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            if (hits[middle] < span.Start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low < hits.Count && hits[low] < span.End;
    }

    /// <summary>An explicit interface implementation's name without its interface ("ILlm.AskAsync" gives "AskAsync").</summary>
    private static string SimpleName(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name.Substring(dot + 1);
    }
}
