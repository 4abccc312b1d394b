using System;
using System.Text;

namespace AgentRules.Generators.Infrastructure;

/// <summary>
/// A small indented text writer for generated C#: always '\n' line endings and four-space indents, so output is
/// byte-identical across machines.
/// </summary>
public sealed class SourceWriter
{
    private readonly StringBuilder _builder;
    private int _indent;

    public SourceWriter()
        : this(16)
    {
    }

    /// <param name="capacity">The characters to reserve: the expected length of the output.</param>
    public SourceWriter(int capacity)
    {
        _builder = new StringBuilder(capacity);
    }

    public int Indent
    {
        get => _indent;
        set => _indent = Math.Max(0, value);
    }

    public SourceWriter WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(line);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Appends text as it is (already indented, its lines ended with '\n').</summary>
    public SourceWriter WriteRaw(string text)
    {
        _builder.Append(text);
        return this;
    }

    /// <summary>Writes a line and opens a brace block.</summary>
    public SourceWriter OpenBlock(string line)
    {
        WriteLine(line);
        WriteLine("{");
        _indent++;
        return this;
    }

    public SourceWriter CloseBlock(string suffix = "")
    {
        _indent--;
        WriteLine("}" + suffix);
        return this;
    }

    public override string ToString() => _builder.ToString();

    /// <summary>
    /// Text for an XML doc comment line: XML-escaped, and with line breaks and other control characters (which would
    /// end the <c>///</c> comment and leave the rest as code) replaced by spaces.
    /// </summary>
    public static string DocText(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '\u0085' or '\u2028' or '\u2029':
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A C# string literal (verbatim-safe, escaped) for arbitrary text.</summary>
    public static string StringLiteral(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }
}
