using System.Globalization;
using System.Text;

namespace AgentRules.Generators.Infrastructure;

/// <summary>
/// A minimal JSON writer for deterministic documents: two-space indents, '\n' line endings, properties in the order
/// written, strings escaped per RFC 8259 (non-ASCII text kept as is). Generators cannot ship System.Text.Json.
/// </summary>
public sealed class JsonWriter
{
    private readonly StringBuilder _builder;
    private int _depth;
    private bool _needsComma;
    private bool _afterName;

    public JsonWriter()
        : this(16)
    {
    }

    /// <param name="capacity">The characters to reserve: the expected length of the document.</param>
    public JsonWriter(int capacity)
    {
        _builder = new StringBuilder(capacity);
    }

    public JsonWriter StartObject(string? name = null) => Open(name, '{');

    public JsonWriter EndObject() => Close('}');

    public JsonWriter StartArray(string? name = null) => Open(name, '[');

    public JsonWriter EndArray() => Close(']');

    public JsonWriter Property(string name, string? value) => Name(name).Value(value is null ? "null" : Quote(value));

    public JsonWriter Property(string name, long value) => Name(name).Value(value.ToString(CultureInfo.InvariantCulture));

    public JsonWriter Property(string name, long? value) => Name(name).Value(value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "null");

    public JsonWriter Property(string name, bool value) => Name(name).Value(value ? "true" : "false");

    /// <summary>A string element of an array.</summary>
    public JsonWriter Element(string value) => Value(Quote(value));

    public override string ToString()
    {
        // The document and its final newline, copied once.
        var text = _builder.Append('\n').ToString();
        _builder.Length--;
        return text;
    }

    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    private JsonWriter Open(string? name, char bracket)
    {
        if (name is not null)
        {
            Name(name);
        }

        BeginValue();
        _builder.Append(bracket);
        _depth++;
        _needsComma = false;
        return this;
    }

    private JsonWriter Close(char bracket)
    {
        _depth--;
        if (_needsComma)
        {
            NewLine();
        }

        _builder.Append(bracket);
        _needsComma = true;
        return this;
    }

    private JsonWriter Name(string name)
    {
        BeginValue();
        _builder.Append(Quote(name)).Append(": ");
        _afterName = true;
        return this;
    }

    private JsonWriter Value(string literal)
    {
        BeginValue();
        _builder.Append(literal);
        _needsComma = true;
        return this;
    }

    private void BeginValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_needsComma)
        {
            _builder.Append(',');
        }

        if (_builder.Length > 0)
        {
            NewLine();
        }

        _needsComma = false;
    }

    private void NewLine() => _builder.Append('\n').Append(' ', _depth * 2);
}
