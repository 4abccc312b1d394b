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

    private static readonly char[] s_anchors = { '/', ':' };

    // Each fragment with the position of its first '/' or ':' (-1 when it has none, then it is searched on its own).
    private static readonly (string Fragment, int Anchor)[] s_fragments = CreateFragments();

    /// <summary>
    /// Whether a text contains a fragment, ignoring case. Every fragment has a '/' or ':' — characters that equal only
    /// themselves ignoring case — so one vectorised pass over those two characters finds every place a fragment can
    /// start, where it is compared; the same answer as searching for each fragment in turn (seven passes, 0.4–0.8 s
    /// over the Azure MCP server's files at load 40, most of the loop rules' endpoint-name search).
    /// </summary>
    internal static bool Scan(string text, CancellationToken cancellationToken)
    {
        foreach (var (fragment, anchor) in s_fragments)
        {
            if (anchor < 0 && text.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        var visited = 0;
        for (var index = text.IndexOfAny(s_anchors); index >= 0; index = index + 1 < text.Length ? text.IndexOfAny(s_anchors, index + 1) : -1)
        {
            if ((++visited & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            foreach (var (fragment, anchor) in s_fragments)
            {
                var start = index - anchor;
                if (anchor >= 0
                    && text[index] == fragment[anchor]
                    && start >= 0
                    && start + fragment.Length <= text.Length
                    && string.Compare(text, start, fragment, 0, fragment.Length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static (string, int)[] CreateFragments()
    {
        var fragments = new (string, int)[AgentLoopApis.LlmEndpointFragments.Length];
        for (var i = 0; i < fragments.Length; i++)
        {
            var fragment = AgentLoopApis.LlmEndpointFragments[i];
            fragments[i] = (fragment, fragment.IndexOfAny(s_anchors));
        }

        return fragments;
    }
}
