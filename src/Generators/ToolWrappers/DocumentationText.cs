using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AgentRules.Generators.ToolWrappers;

/// <summary>
/// The summary and parameter texts of a method's XML documentation, as plain text: the fallback when a tool or
/// parameter has no <c>[Description]</c>. Works whether or not the project generates a documentation file.
/// </summary>
internal sealed class DocumentationText
{
    private static readonly DocumentationText s_empty = new(null, new Dictionary<string, string>(StringComparer.Ordinal));

    private readonly Dictionary<string, string> _parameters;

    private DocumentationText(string? summary, Dictionary<string, string> parameters)
    {
        Summary = summary;
        _parameters = parameters;
    }

    public string? Summary { get; }

    public string? Parameter(string name) => _parameters.TryGetValue(name, out var text) ? text : null;

    public static DocumentationText For(ISymbol symbol, CancellationToken cancellationToken)
    {
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: false, cancellationToken: cancellationToken);
        if (string.IsNullOrWhiteSpace(xml))
        {
            // Without DocumentationMode.Parse/Diagnose (no documentation file) the compiler keeps /// comments as
            // plain trivia: read them from the declaration.
            xml = FromTrivia(symbol, cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(xml))
        {
            return s_empty;
        }

        try
        {
            var root = XElement.Parse(xml!.Contains("<member") ? xml : "<member>" + xml + "</member>", LoadOptions.PreserveWhitespace);
            string? summary = null;
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var element in root.Elements())
            {
                if (element.Name.LocalName == "summary" && summary is null)
                {
                    summary = Flatten(element);
                }
                else if (element.Name.LocalName == "param" && element.Attribute("name")?.Value is { } name && Flatten(element) is { } text)
                {
                    parameters[name] = text;
                }
            }

            return new DocumentationText(summary, parameters);
        }
        catch (XmlException)
        {
            return s_empty; // half-typed documentation: no description rather than a broken one
        }
    }

    private static string? FromTrivia(ISymbol symbol, CancellationToken cancellationToken)
    {
        if (symbol.DeclaringSyntaxReferences.Length == 0)
        {
            return null;
        }

        var node = symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var builder = new StringBuilder();
        foreach (var trivia in node.GetLeadingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia))
            {
                foreach (var line in trivia.ToFullString().Split('\n'))
                {
                    var text = line.Trim();
                    if (text.StartsWith("///", StringComparison.Ordinal))
                    {
                        builder.Append(text.Substring(3)).Append('\n');
                    }
                }
            }
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    private static string? Flatten(XElement element)
    {
        var builder = new StringBuilder();
        Append(element, builder);
        var text = TextFormatting.CollapseWhitespace(builder.ToString());
        return text.Length == 0 ? null : text;
    }

    private static void Append(XElement element, StringBuilder builder)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    var reference = see.Attribute("cref")?.Value ?? see.Attribute("langword")?.Value ?? see.Attribute("href")?.Value;
                    if (see.FirstNode is not null)
                    {
                        Append(see, builder);
                    }
                    else if (reference is not null)
                    {
                        builder.Append(SimpleName(reference));
                    }

                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } paramref:
                    builder.Append(paramref.Attribute("name")?.Value);
                    break;
                case XElement { Name.LocalName: "para" or "br" } para:
                    builder.Append(' ');
                    Append(para, builder);
                    builder.Append(' ');
                    break;
                case XElement other:
                    Append(other, builder);
                    break;
            }
        }
    }

    private static string SimpleName(string cref)
    {
        var name = cref.Length > 2 && cref[1] == ':' ? cref.Substring(2) : cref;
        var paren = name.IndexOf('(');
        if (paren >= 0)
        {
            name = name.Substring(0, paren);
        }

        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name.Substring(dot + 1) : name;
    }
}

/// <summary>JSON text helpers for schemas written at compile time.</summary>
internal static class JsonText
{
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }
}
