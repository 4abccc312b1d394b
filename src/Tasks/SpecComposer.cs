using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace AgentRules.Tasks;

/// <summary>
/// Completes the documents the generator compiled into the assembly with what only the finished build knows: the
/// open findings the compiler reported, and <c>processSha256</c>, the hash the app sees as <c>AgentProcessSpec.Sha256</c>.
/// </summary>
public static class SpecComposer
{
    private const string HelpBase = "https://github.com/agentrules/AgentRules/blob/main/docs/rules/";

    /// <param name="findings">The build's AgentRules findings; null when the compiler's log is not available.</param>
    public static (string Markdown, string Json) Compose(string markdown, string json, IReadOnlyList<Finding>? findings)
    {
        var groups = findings?
            .GroupBy(f => f.Rule, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        var md = new StringBuilder(markdown);
        md.Append("## Findings\n\n");
        if (groups is null)
        {
            md.Append("Not available: the compiler's diagnostics log (ErrorLog) was not found.\n");
        }
        else if (groups.Count == 0)
        {
            md.Append("None: the build reported no AgentRules diagnostics.\n");
        }
        else
        {
            md.Append("The AgentRules diagnostics this build reported (").Append(findings!.Count.ToString(CultureInfo.InvariantCulture)).Append(" in all): the open risks.\n\n");
            md.Append("| Rule | Title | Severity | Count | Where |\n|---|---|---|---|---|\n");
            foreach (var group in groups)
            {
                var first = group.First();
                md.Append("| [").Append(group.Key).Append("](").Append(HelpBase).Append(group.Key).Append(".md) | ")
                    .Append(first.Title.Replace("|", "\\|"))
                    .Append(" | ").Append(first.Severity)
                    .Append(" | ").Append(group.Count().ToString(CultureInfo.InvariantCulture))
                    .Append(" | ").Append(string.Join(", ", group.Select(f => "`" + f.Path + ":" + f.Line.ToString(CultureInfo.InvariantCulture) + "`")))
                    .Append(" |\n");
            }
        }

        // The generator's JSON is one object ending in "\n}\n": add two properties before its closing brace.
        var body = json.TrimEnd('\n');
        if (!body.EndsWith("}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The process spec JSON in the assembly is not an object.");
        }

        var js = new StringBuilder(body.Substring(0, body.Length - 1).TrimEnd('\n', ' '));
        js.Append(",\n  \"processSha256\": ").Append(Quote(Sha256Hex(json)));
        js.Append(",\n  \"findings\": ");
        if (groups is null)
        {
            js.Append("null");
        }
        else if (groups.Count == 0)
        {
            js.Append("[]");
        }
        else
        {
            js.Append('[');
            for (var g = 0; g < groups.Count; g++)
            {
                var group = groups[g];
                var first = group.First();
                js.Append(g == 0 ? "\n" : ",\n");
                js.Append("    {\n");
                js.Append("      \"rule\": ").Append(Quote(group.Key)).Append(",\n");
                js.Append("      \"title\": ").Append(Quote(first.Title)).Append(",\n");
                js.Append("      \"severity\": ").Append(Quote(first.Severity)).Append(",\n");
                js.Append("      \"count\": ").Append(group.Count().ToString(CultureInfo.InvariantCulture)).Append(",\n");
                js.Append("      \"locations\": [");
                var i = 0;
                foreach (var finding in group)
                {
                    js.Append(i++ == 0 ? "\n" : ",\n");
                    js.Append("        {\n          \"path\": ").Append(Quote(finding.Path)).Append(",\n          \"line\": ")
                        .Append(finding.Line.ToString(CultureInfo.InvariantCulture)).Append("\n        }");
                }

                js.Append("\n      ]\n    }");
            }

            js.Append("\n  ]");
        }

        js.Append("\n}\n");
        return (md.ToString(), js.ToString());
    }

    public static string Sha256Hex(string text)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var hex = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
        {
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    private static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
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
}
