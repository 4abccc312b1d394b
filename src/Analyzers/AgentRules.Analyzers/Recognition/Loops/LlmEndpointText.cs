using System;
using System.Threading;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// Whether a file's text contains one of <see cref="AgentLoopApis.LlmEndpointFragments"/>, ignoring case, cached per
/// tree so that in the IDE only edited files are scanned again.
/// </summary>
public static class LlmEndpointText
{
    private static readonly WeakCache<SyntaxTree, object> s_results = new();
    private static readonly object s_yes = true;
    private static readonly object s_no = false;

    /// <summary>True when the tree's text spells an LLM REST endpoint (what makes an HttpClient post an LLM call).</summary>
    public static bool Mentions(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!s_results.TryGetValue(tree, out var result))
        {
            var found = Scan(tree.GetText(cancellationToken).ToString(), cancellationToken) ? s_yes : s_no;
            result = s_results.GetValue(tree, _ => found);
        }

        return (bool)result;
    }

    /// <summary>Whether a text contains a fragment (the runtime's vectorised case-insensitive search, one pass per fragment).</summary>
    internal static bool Scan(string text, CancellationToken cancellationToken)
    {
        foreach (var fragment in AgentLoopApis.LlmEndpointFragments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (text.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
