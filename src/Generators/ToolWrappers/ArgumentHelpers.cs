using System;
using System.Collections.Generic;
using System.IO;

namespace AgentRules.Generators.ToolWrappers;

/// <summary>
/// The body of the generated <c>AgentRulesArguments</c> class: reading JSON elements and CLR values into parameter
/// types without reflection. Emitted once per tool-declaring type, as a private nested class, so assemblies never
/// share (or clash over) it. The code is a real C# file, <c>Emitted/AgentRulesArguments.cs</c>, embedded in this
/// assembly: the lines between its <c>// emitted:begin</c> and <c>// emitted:end</c> comments, eight spaces less
/// indented, are what the generated class holds.
/// </summary>
internal static class ArgumentHelpers
{
    /// <summary>The manifest resource name of <c>Emitted/AgentRulesArguments.cs</c> (set in the project file).</summary>
    public const string ResourceName = "AgentRules.Generators.ToolWrappers.AgentRulesArguments.cs";

    private const string Begin = "// emitted:begin";
    private const string End = "// emitted:end";
    private const int Indent = 8;

    // Read once per process: the text is part of this assembly and never changes while it is loaded.
    private static readonly Lazy<string[]> s_stringSchema = new(() => Extract(ReadResource(), utf8Schema: false));
    private static readonly Lazy<string[]> s_utf8Schema = new(() => Extract(ReadResource(), utf8Schema: true));

    // The body as SourceWriter would write it line by line at the indents it is emitted at (one per nesting depth of
    // the tool type): built once per process and appended whole, instead of ~500 lines per tool-declaring type.
    private static readonly string?[] s_stringBlocks = new string?[8];
    private static readonly string?[] s_utf8Blocks = new string?[8];

    /// <summary>The lines of the class body, at indent zero; the schema is parsed from UTF-8 bytes (C# 11+) or a string.</summary>
    public static IReadOnlyList<string> Lines(bool utf8Schema) => utf8Schema ? s_utf8Schema.Value : s_stringSchema.Value;

    /// <summary>
    /// The class body as one text, each line as <see cref="Infrastructure.SourceWriter.WriteLine"/> writes it at
    /// <paramref name="indent"/> (the same characters as writing <see cref="Lines"/> one by one).
    /// </summary>
    public static string Block(bool utf8Schema, int indent)
    {
        var blocks = utf8Schema ? s_utf8Blocks : s_stringBlocks;
        if (indent >= blocks.Length)
        {
            return Join(Lines(utf8Schema), indent);
        }

        return blocks[indent] ??= Join(Lines(utf8Schema), indent);
    }

    private static string Join(IReadOnlyList<string> lines, int indent)
    {
        var writer = new Infrastructure.SourceWriter { Indent = indent };
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }

        return writer.ToString();
    }

    /// <summary>The emitted lines of <paramref name="fileText"/> (the resource's text), as <see cref="Lines"/> returns them.</summary>
    internal static string[] Extract(string fileText, bool utf8Schema)
    {
        var lines = fileText.Replace("\r\n", "\n").Split('\n');
        var body = new List<string>(lines.Length);
        var inside = false;
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (trimmed == Begin)
            {
                inside = true;
            }
            else if (trimmed == End)
            {
                break;
            }
            else if (inside)
            {
                var text = trimmed.Length == 0 ? string.Empty : line.Length > Indent && line.Substring(0, Indent).Trim().Length == 0 ? line.Substring(Indent) : line.TrimStart();
                body.Add(utf8Schema ? ToUtf8Schema(text) : text);
            }
        }

        return body.ToArray();
    }

    // Before C# 11 there are no UTF-8 literals, and the file (written for C# 8) parses the schema from a string.
    private static string ToUtf8Schema(string line) => line
        .Replace("ParseSchema(string json)", "ParseSchema(global::System.ReadOnlySpan<byte> utf8)")
        .Replace("JsonDocument.Parse(json)", "JsonDocument.Parse(utf8.ToArray())");

    private static string ReadResource()
    {
        using var stream = typeof(ArgumentHelpers).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            return string.Empty;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
