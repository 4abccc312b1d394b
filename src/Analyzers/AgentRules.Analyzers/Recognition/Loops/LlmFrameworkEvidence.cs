using System;
using System.Collections.Generic;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// Whether a file can call an LLM framework's member at all, decided from its text: the per-file evidence that makes
/// a framework member name (<c>InvokeAsync</c>, <c>RunAsync</c>, <c>SendAsync</c>...) a seed of <see cref="LlmReach"/>
/// in that file. Without it, <c>connection.InvokeAsync(...)</c> of SignalR or <c>parseResult.InvokeAsync()</c> of
/// System.CommandLine seeded the reach as if it were <c>AIFunction.InvokeAsync</c>, and through every method that calls
/// a method of the same name the reach grew to thousands of names in code that calls no model.
/// </summary>
/// <remarks>
/// <para>
/// A file has the evidence when it spells a framework namespace (<see cref="AgentLoopApis.LlmFrameworkNamespaces"/>:
/// a <c>using</c>, an alias, a namespace declaration, a qualified name), when some file of the compilation has a
/// <c>global using</c> of one, or when it spells the name of a framework type the rules match
/// (<see cref="AgentLoopApis.LlmFrameworkTypeNames"/>, the API types present) or of a type of the compilation that
/// derives from one (by the names in its base list, transitively). To call an extension method of a framework the
/// file must import its namespace; to call an instance method it must have a value of the framework's type, which
/// code almost always names.
/// </para>
/// <para>
/// What it misses: a file that gets a framework value only through <c>var</c> from members declared elsewhere and
/// names nothing of the framework (<c>var tool = registry.Find(name); await tool.InvokeAsync(args);</c> with no
/// <c>using</c> of the framework). Binding stays exact: a loop bound for another reason still finds such a call.
/// </para>
/// </remarks>
internal sealed class LlmFrameworkEvidence
{
    private static readonly WeakCache<SyntaxTree, TreeEvidence> s_trees = new();
    private static readonly SourceIndex.WordSet s_namespaceRoots = SourceIndex.CreateWordSet(NamespaceRoots());

    private readonly HashSet<string> _typeNames;

    private LlmFrameworkEvidence(bool global, HashSet<string> typeNames)
    {
        Global = global;
        _typeNames = typeNames;
        TypeWords = SourceIndex.CreateWordSet(typeNames);
    }

    /// <summary>Some file has a <c>global using</c> of a framework namespace: every file has the evidence.</summary>
    public bool Global { get; }

    /// <summary>The framework type names and the names of the compilation's types derived from them.</summary>
    public SourceIndex.WordSet TypeWords { get; }

    /// <summary>
    /// The evidence of a compilation: whether a global using imports a framework, and the type names (the framework's
    /// plus <paramref name="apiTypeNames"/> and the compilation's types that derive from them, by name).
    /// </summary>
    public static LlmFrameworkEvidence Create(IReadOnlyList<SyntaxTree> trees, IEnumerable<string> apiTypeNames, CancellationToken cancellationToken)
    {
        var global = false;
        foreach (var tree in trees)
        {
            if (SourceIndex.MayContain(tree, "global", cancellationToken) && Of(tree, cancellationToken).GlobalUsing)
            {
                global = true;
                break;
            }
        }

        var names = new HashSet<string>(AgentLoopApis.LlmFrameworkTypeNames, StringComparer.Ordinal);
        names.UnionWith(apiTypeNames);
        if (global)
        {
            return new LlmFrameworkEvidence(global, names);
        }

        // Types of the compilation derived from those (class MyClient : IChatClient, class MyTool : MyBaseTool): a
        // tree that declares one spells its base, so each round reads the trees that spell a name found in the last.
        var pending = new List<string>(names);
        while (pending.Count > 0)
        {
            var words = SourceIndex.CreateWordSet(pending);
            pending.Clear();
            foreach (var tree in trees)
            {
                if (!SourceIndex.ContainsAny(tree, words, cancellationToken))
                {
                    continue;
                }

                foreach (var derived in AgentLoopSyntax.GetFacts(tree, cancellationToken).DerivedTypes)
                {
                    if (AnyIn(derived.Bases, names) && names.Add(derived.Name))
                    {
                        pending.Add(derived.Name);
                    }
                }
            }
        }

        return new LlmFrameworkEvidence(global, names);
    }

    /// <summary>Whether framework member names can be framework calls in this tree.</summary>
    public bool Has(SyntaxTree tree, CancellationToken cancellationToken) =>
        Global || Of(tree, cancellationToken).SpellsNamespace || SourceIndex.ContainsAny(tree, TypeWords, cancellationToken);

    /// <summary>
    /// What of a tree decides the evidence, as text, for <see cref="LlmReachCache"/>: its own evidence, whether it has a
    /// global using of a framework, and the types it declares that derive from a framework type name.
    /// </summary>
    public string Facts(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var evidence = Of(tree, cancellationToken);
        var text = (evidence.SpellsNamespace ? "n" : "-") + (evidence.GlobalUsing ? "g" : "-") + (SourceIndex.ContainsAny(tree, TypeWords, cancellationToken) ? "t" : "-");
        if (SourceIndex.ContainsAny(tree, TypeWords, cancellationToken))
        {
            var derived = new List<string>();
            foreach (var declaration in AgentLoopSyntax.GetFacts(tree, cancellationToken).DerivedTypes)
            {
                if (AnyIn(declaration.Bases, _typeNames))
                {
                    derived.Add(declaration.Name);
                }
            }

            derived.Sort(StringComparer.Ordinal);
            text += string.Join(",", derived);
        }

        return text;
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

    private static TreeEvidence Of(SyntaxTree tree, CancellationToken cancellationToken) =>
        s_trees.TryGetValue(tree, out var evidence) ? evidence : s_trees.GetValue(tree, _ => Read(tree, cancellationToken));

    private static TreeEvidence Read(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!SourceIndex.MayContainAny(tree, s_namespaceRoots, cancellationToken))
        {
            return TreeEvidence.None;
        }

        var text = tree.GetText(cancellationToken).ToString();
        var spells = false;
        foreach (var name in AgentLoopApis.LlmFrameworkNamespaces)
        {
            if (SpellsNamespace(text, name))
            {
                spells = true;
                break;
            }
        }

        var global = false;
        if (spells && tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
        {
            foreach (var usingDirective in unit.Usings)
            {
                if (!usingDirective.GlobalKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None) && usingDirective.NamespaceOrType is { } target)
                {
                    var targetText = target.ToString();
                    foreach (var name in AgentLoopApis.LlmFrameworkNamespaces)
                    {
                        if (SpellsNamespace(targetText, name))
                        {
                            global = true;
                        }
                    }
                }
            }
        }

        return spells ? new TreeEvidence(true, global) : TreeEvidence.None;
    }

    /// <summary>Whether a text spells a namespace (or a namespace inside it) as a whole: <c>OpenAI.Chat</c> and <c>global::OpenAI</c> count, <c>MyOpenAI</c> does not.</summary>
    internal static bool SpellsNamespace(string text, string name)
    {
        for (var index = text.IndexOf(name, StringComparison.Ordinal); index >= 0; index = text.IndexOf(name, index + 1, StringComparison.Ordinal))
        {
            var after = index + name.Length;
            if ((index == 0 || !IsIdentifierPart(text[index - 1])) && (after == text.Length || !IsIdentifierPart(text[after])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);

    private static IEnumerable<string> NamespaceRoots()
    {
        foreach (var name in AgentLoopApis.LlmFrameworkNamespaces)
        {
            var dot = name.IndexOf('.');
            yield return dot < 0 ? name : name.Substring(0, dot);
        }
    }

    private sealed class TreeEvidence(bool spellsNamespace, bool globalUsing)
    {
        public static readonly TreeEvidence None = new(false, false);

        public bool SpellsNamespace { get; } = spellsNamespace;

        public bool GlobalUsing { get; } = globalUsing;
    }
}
