using System.Text;

namespace AgentRules.Analyzers.Roslyn;

/// <summary>Text shaping shared by diagnostics' messages and generated documentation.</summary>
public static class TextFormatting
{
    /// <summary>
    /// The text on one line: leading and trailing whitespace dropped, every inner run of whitespace (line breaks
    /// included) made one space. Longer than <paramref name="maxLength"/> characters, it is cut there and ends in '…'.
    /// </summary>
    public static string CollapseWhitespace(string text, int maxLength = int.MaxValue)
    {
        var builder = new StringBuilder(text.Length < maxLength ? text.Length : maxLength + 1);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
            if (builder.Length >= maxLength)
            {
                builder.Append('…');
                break;
            }
        }

        return builder.ToString();
    }
}
