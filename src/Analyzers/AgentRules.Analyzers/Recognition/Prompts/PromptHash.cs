using System.Security.Cryptography;
using System.Text;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>
/// The content hash recorded in <c>AgentPrompts.lock</c> and exposed by the generated registry: the lowercase
/// hexadecimal SHA-256 of the UTF-8 text with line endings normalised to '\n', so a checkout with CRLF line endings
/// hashes the same as one with LF.
/// </summary>
public static class PromptHash
{
    /// <summary>The number of hexadecimal digits of a hash.</summary>
    public const int Length = 64;

    public static string Compute(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(NormalizeLineEndings(text));
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(bytes);
        var builder = new StringBuilder(Length);
        foreach (var b in hash)
        {
            builder.Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
        }

        return builder.ToString();
    }

    /// <summary>'\r\n' and lone '\r' become '\n'.</summary>
    public static string NormalizeLineEndings(string text)
    {
        if (text.IndexOf('\r') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>True for exactly 64 hexadecimal digits (either case).</summary>
    public static bool IsWellFormed(string value)
    {
        if (value.Length != Length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            {
                return false;
            }
        }

        return true;
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);
}
