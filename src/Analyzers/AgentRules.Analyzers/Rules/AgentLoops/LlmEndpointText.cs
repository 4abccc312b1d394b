using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Rules.AgentLoops;

/// <summary>
/// Whether a file's text contains one of <see cref="AgentLoopApis.LlmEndpointFragments"/> (ignoring case, like
/// <c>IndexOf(fragment, StringComparison.OrdinalIgnoreCase)</c>), in one pass and cached per tree.
/// </summary>
/// <remarks>
/// Every fragment contains a '/' or ':', which case-insensitive matching compares only to itself, so a match can
/// only sit where the text has that character: the scan jumps between those characters (a vectorised search) and
/// compares the fragments anchored there, rejecting most places by the next character alone.
/// </remarks>
internal static class LlmEndpointText
{
    private static readonly char[] s_anchors = ['/', ':'];
    private static readonly (string Fragment, int Anchor)[] s_fragments = CreateFragments();
    private static readonly ConditionalWeakTable<SyntaxTree, object> s_results = new();
    private static readonly object s_yes = true;
    private static readonly object s_no = false;

    public static bool Mentions(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!s_results.TryGetValue(tree, out var result))
        {
            var found = Scan(tree.GetText(cancellationToken).ToString(), cancellationToken) ? s_yes : s_no;
            result = s_results.GetValue(tree, _ => found);
        }

        return (bool)result;
    }

    internal static bool Scan(string text, CancellationToken cancellationToken)
    {
        foreach (var (fragment, offset) in s_fragments)
        {
            if (offset < 0 && text.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        for (var position = text.IndexOfAny(s_anchors); position >= 0; position = position + 1 < text.Length ? text.IndexOfAny(s_anchors, position + 1) : -1)
        {
            if ((position & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var anchor = text[position];
            foreach (var (fragment, offset) in s_fragments)
            {
                if (offset < 0 || fragment[offset] != anchor)
                {
                    continue;
                }

                var start = position - offset;
                if (start < 0 || start + fragment.Length > text.Length || !MayEqual(text[position + 1 < text.Length ? position + 1 : position], fragment[offset + 1]))
                {
                    continue;
                }

                if (string.Compare(text, start, fragment, 0, fragment.Length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A quick test before the real comparison: an ASCII character equals an ASCII letter only in either case; anything else is left to the comparison.</summary>
    private static bool MayEqual(char actual, char expected) =>
        actual >= 0x80 || !IsAsciiLetter(expected) || (actual | 0x20) == (expected | 0x20);

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static (string, int)[] CreateFragments()
    {
        var fragments = AgentLoopApis.LlmEndpointFragments;
        var result = new (string, int)[fragments.Length];
        for (var i = 0; i < fragments.Length; i++)
        {
            var anchor = fragments[i].IndexOfAny(s_anchors);
            // A fragment without one (none today) is searched for on its own.
            result[i] = (fragments[i], anchor < 0 || anchor + 1 >= fragments[i].Length ? -1 : anchor);
        }

        return result;
    }
}
