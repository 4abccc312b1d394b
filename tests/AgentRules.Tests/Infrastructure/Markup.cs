using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Tests.Infrastructure;

/// <summary>A span marked in test source, and the diagnostic ID it expects (null: the test's default ID).</summary>
public readonly record struct MarkedSpan(string? Id, TextSpan Span);

/// <summary>
/// Test source markup: <c>[|text|]</c> expects a diagnostic with the test's default ID on <c>text</c>;
/// <c>{|AGR0001:text|}</c> names the ID. Markers may nest. <see cref="Parse"/> returns the source without markers.
/// </summary>
public static class Markup
{
    public static (string Source, ImmutableArray<MarkedSpan> Spans) Parse(string markup)
    {
        var output = new StringBuilder(markup.Length);
        var spans = ImmutableArray.CreateBuilder<MarkedSpan>();
        var open = new Stack<(string? Id, int Start, bool Brace)>();

        for (var i = 0; i < markup.Length; i++)
        {
            if (Matches(markup, i, "[|"))
            {
                open.Push((null, output.Length, false));
                i++;
            }
            else if (Matches(markup, i, "{|"))
            {
                var colon = markup.IndexOf(':', i + 2);
                var id = colon < 0 ? null : markup.Substring(i + 2, colon - i - 2);
                if (id is null || id.Length == 0 || id.IndexOfAny([' ', '\n', '|', '{', '}']) >= 0)
                {
                    throw new FormatException($"Markup '{{|' at offset {i} must be followed by an ID and ':', as in {{|AGR0001:text|}}.");
                }

                open.Push((id, output.Length, true));
                i = colon;
            }
            else if (Matches(markup, i, "|]") || Matches(markup, i, "|}"))
            {
                var brace = markup[i + 1] == '}';
                if (open.Count == 0 || open.Peek().Brace != brace)
                {
                    throw new FormatException($"Unbalanced markup '{markup.Substring(i, 2)}' at offset {i}.");
                }

                var (id, start, _) = open.Pop();
                spans.Add(new MarkedSpan(id, TextSpan.FromBounds(start, output.Length)));
                i++;
            }
            else
            {
                output.Append(markup[i]);
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException($"Markup opened at offset {open.Peek().Start} is never closed.");
        }

        spans.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Span.End.CompareTo(b.Span.End));
        return (output.ToString(), spans.ToImmutable());
    }

    private static bool Matches(string text, int index, string token) =>
        index + token.Length <= text.Length && string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
