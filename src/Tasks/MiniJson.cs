using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AgentRules.Tasks;

/// <summary>
/// A small JSON reader (objects as dictionaries, arrays as lists, numbers as doubles): enough to read the compiler's
/// SARIF log without depending on a JSON library MSBuild may load in another version.
/// </summary>
public static class MiniJson
{
    public static object? Parse(string text)
    {
        var index = 0;
        var value = ReadValue(text, ref index);
        SkipWhitespace(text, ref index);
        if (index != text.Length)
        {
            throw new FormatException($"Unexpected text after the JSON value at offset {index}.");
        }

        return value;
    }

    private static object? ReadValue(string s, ref int i)
    {
        SkipWhitespace(s, ref i);
        if (i >= s.Length)
        {
            throw new FormatException("Unexpected end of JSON.");
        }

        switch (s[i])
        {
            case '{': return ReadObject(s, ref i);
            case '[': return ReadArray(s, ref i);
            case '"': return ReadString(s, ref i);
            case 't': Expect(s, ref i, "true"); return true;
            case 'f': Expect(s, ref i, "false"); return false;
            case 'n': Expect(s, ref i, "null"); return null;
            default: return ReadNumber(s, ref i);
        }
    }

    private static Dictionary<string, object?> ReadObject(string s, ref int i)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        i++;
        SkipWhitespace(s, ref i);
        if (i < s.Length && s[i] == '}')
        {
            i++;
            return result;
        }

        while (true)
        {
            SkipWhitespace(s, ref i);
            var name = ReadString(s, ref i);
            SkipWhitespace(s, ref i);
            Expect(s, ref i, ":");
            result[name] = ReadValue(s, ref i);
            SkipWhitespace(s, ref i);
            if (i < s.Length && s[i] == ',')
            {
                i++;
                continue;
            }

            Expect(s, ref i, "}");
            return result;
        }
    }

    private static List<object?> ReadArray(string s, ref int i)
    {
        var result = new List<object?>();
        i++;
        SkipWhitespace(s, ref i);
        if (i < s.Length && s[i] == ']')
        {
            i++;
            return result;
        }

        while (true)
        {
            result.Add(ReadValue(s, ref i));
            SkipWhitespace(s, ref i);
            if (i < s.Length && s[i] == ',')
            {
                i++;
                continue;
            }

            Expect(s, ref i, "]");
            return result;
        }
    }

    private static string ReadString(string s, ref int i)
    {
        Expect(s, ref i, "\"");
        var sb = new StringBuilder();
        while (i < s.Length)
        {
            var c = s[i++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (i >= s.Length)
            {
                break;
            }

            var escape = s[i++];
            switch (escape)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (i + 4 > s.Length)
                    {
                        throw new FormatException("Truncated \\u escape in JSON string.");
                    }

                    sb.Append((char)int.Parse(s.Substring(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default:
                    throw new FormatException($"Invalid escape '\\{escape}' in JSON string.");
            }
        }

        throw new FormatException("Unterminated JSON string.");
    }

    private static double ReadNumber(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && "+-0123456789.eE".IndexOf(s[i]) >= 0)
        {
            i++;
        }

        if (start == i || !double.TryParse(s.Substring(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"Invalid JSON value at offset {start}.");
        }

        return value;
    }

    private static void Expect(string s, ref int i, string token)
    {
        if (string.CompareOrdinal(s, i, token, 0, token.Length) != 0)
        {
            throw new FormatException($"Expected '{token}' at offset {i}.");
        }

        i += token.Length;
    }

    private static void SkipWhitespace(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }
    }
}
