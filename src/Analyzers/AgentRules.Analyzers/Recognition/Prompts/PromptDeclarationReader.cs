using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Text;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>
/// Reads prompt declarations: <c>[Prompt]</c> members (with the semantic model of their syntax tree, to fold constant
/// initializers) and <c>&lt;AgentPrompt&gt;</c> files (additional files with <c>AgentPromptId</c> metadata).
/// </summary>
public static class PromptDeclarationReader
{
    /// <summary>The analyzer-config key of an additional file's <c>AgentPromptId</c> metadata.</summary>
    public const string IdMetadataKey = "build_metadata.AdditionalFiles.AgentPromptId";

    /// <summary>The analyzer-config key of an additional file's <c>AgentPromptVersion</c> metadata.</summary>
    public const string VersionMetadataKey = "build_metadata.AdditionalFiles.AgentPromptVersion";

    /// <summary>
    /// The analyzer-config key of the <c>AgentPrompt</c> marker the package's targets put on every
    /// <c>&lt;AgentPrompt&gt;</c> item, so that an item without an <c>Id</c> is told apart from any other additional file.
    /// </summary>
    public const string MarkerMetadataKey = "build_metadata.AdditionalFiles.AgentPrompt";

    /// <summary>
    /// The declaration made by <paramref name="member"/>'s <c>[Prompt]</c> attribute, or null when it has none.
    /// <paramref name="model"/> is the semantic model of the member's syntax tree (null: constant initializers of
    /// readonly members are not folded and read as templates).
    /// </summary>
    public static PromptDeclaration? Read(ISymbol member, INamedTypeSymbol promptAttribute, SemanticModel? model, CancellationToken cancellationToken)
    {
        var attribute = member.GetAttribute(promptAttribute);
        if (attribute is null)
        {
            return null;
        }

        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error
            || (attribute.TryGetNamedArgument("Version", out var v) && v.Kind == TypedConstantKind.Error))
        {
            return null; // half-written attribute: the compiler reports it
        }

        var id = attribute.ConstructorArguments[0].Value as string;
        var version = v.Value is int i ? i : 1;
        var location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()
            ?? (member.Locations.Length > 0 ? member.Locations[0] : Location.None);
        var declaredBy = (member.ContainingType?.ToDisplayString() ?? string.Empty) + "." + member.Name;

        var problem = PromptNames.ValidateId(id) ?? (version < 1 ? $"its version is {version}; versions start at 1" : null);
        var (kind, text, sha, textProblem) = ReadText(member, model, cancellationToken);
        return new PromptDeclaration(id ?? string.Empty, version, kind, text, sha, declaredBy, location, member, problem ?? textProblem);
    }

    private static readonly ImmutableHashSet<string> s_attributeNames = ImmutableHashSet.Create(StringComparer.Ordinal, "Prompt", "PromptAttribute");

    /// <summary>The words a file must spell to declare a prompt (<see cref="MayDeclarePrompts"/>; an alias is declared with one of them).</summary>
    public static IEnumerable<string> SpellingWords => s_attributeNames;

    /// <summary>
    /// True when <paramref name="tree"/> may declare <c>[Prompt]</c> members: it spells <c>Prompt</c>,
    /// <c>PromptAttribute</c> or a global alias of one (checked with <see cref="SourceIndex"/>). False means it
    /// certainly declares none.
    /// </summary>
    public static bool MayDeclarePrompts(SyntaxTree tree, Compilation compilation, CancellationToken cancellationToken) =>
        SourceIndex.ContainsAny(tree, s_attributeNames, cancellationToken)
        || SourceIndex.ContainsAny(tree, SyntaxNames.GlobalAliasesOf(compilation, s_attributeNames, cancellationToken), cancellationToken);

    /// <summary>
    /// The <c>[Prompt]</c> declarations of <paramref name="model"/>'s tree, in source order. Only fields, properties and
    /// methods with an attribute written <c>Prompt</c> (or an alias of it), and partial members, are bound.
    /// </summary>
    public static ImmutableArray<PromptDeclaration> ReadAll(SemanticModel model, INamedTypeSymbol promptAttribute, CancellationToken cancellationToken)
    {
        var tree = model.SyntaxTree;
        if (!MayDeclarePrompts(tree, model.Compilation, cancellationToken))
        {
            return ImmutableArray<PromptDeclaration>.Empty;
        }

        var names = SyntaxNames.AliasesOf(s_attributeNames, tree, model.Compilation, cancellationToken);
        ImmutableArray<PromptDeclaration>.Builder? found = null;
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is not (FieldDeclarationSyntax or PropertyDeclarationSyntax or MethodDeclarationSyntax) || node is not MemberDeclarationSyntax member
                || !(SyntaxNames.HasAttributeNamed(member.AttributeLists, names) || (member.AttributeLists.Count > 0 && member.Modifiers.Any(SyntaxKind.PartialKeyword))))
            {
                continue;
            }

            if (member is FieldDeclarationSyntax field)
            {
                foreach (var declarator in field.Declaration.Variables)
                {
                    Add(model.GetDeclaredSymbol(declarator, cancellationToken));
                }
            }
            else
            {
                Add(model.GetDeclaredSymbol(member, cancellationToken));
            }
        }

        return found?.ToImmutable() ?? ImmutableArray<PromptDeclaration>.Empty;

        void Add(ISymbol? symbol)
        {
            if (symbol is not null && Read(symbol, promptAttribute, model, cancellationToken) is { } declaration)
            {
                (found ??= ImmutableArray.CreateBuilder<PromptDeclaration>()).Add(declaration);
            }
        }
    }

    /// <summary>
    /// The declaration made by an additional file with <c>AgentPromptId</c> metadata (an <c>&lt;AgentPrompt&gt;</c>
    /// item), or null for any other additional file. <paramref name="projectDirectory"/> (build_property.ProjectDir)
    /// makes <see cref="PromptDeclaration.DeclaredBy"/> relative.
    /// </summary>
    public static PromptDeclaration? ReadFile(AdditionalText file, AnalyzerConfigOptions options, string? projectDirectory, CancellationToken cancellationToken)
    {
        var relativePath = RelativePath(file.Path, projectDirectory);
        string id;
        string? problem;
        if (options.TryGetValue(IdMetadataKey, out var rawId) && !string.IsNullOrWhiteSpace(rawId))
        {
            id = rawId.Trim();
            problem = PromptNames.ValidateId(id);
        }
        else if (options.TryGetValue(MarkerMetadataKey, out var marker) && string.Equals(marker.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            // An <AgentPrompt> item without Id: named by its path in the diagnostic, never registered.
            id = relativePath;
            problem = "the <AgentPrompt> item has no Id metadata (write <AgentPrompt Include=\"" + relativePath + "\" Id=\"area.name\" Version=\"1\" />)";
        }
        else
        {
            return null;
        }

        var version = 1;
        if (problem is null && HasControlCharacter(file.Path))
        {
            // A line break in an <AgentPrompt Include="..."> (a multi-line attribute value) names no real file, and would
            // break every line-based record of the prompt (the lock file, the spec's tables).
            problem = "its path contains a line break or another control character";
        }

        if (options.TryGetValue(VersionMetadataKey, out var rawVersion) && !string.IsNullOrWhiteSpace(rawVersion))
        {
            if (!int.TryParse(rawVersion.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version) || version < 1)
            {
                problem ??= $"its Version metadata '{rawVersion.Trim()}' is not a whole number of 1 or more";
                version = 0;
            }
        }

        var source = file.GetText(cancellationToken);
        string? text = null;
        string? sha = null;
        if (source is null)
        {
            problem ??= "its file cannot be read";
        }
        else if (BinaryReason(source) is { } binary)
        {
            problem ??= binary;
        }
        else
        {
            text = PromptHash.NormalizeLineEndings(source.ToString());
            sha = PromptHash.Compute(text);
        }

        var location = FileLocation(file.Path, source);
        return new PromptDeclaration(id, version, PromptDeclarationKind.File, text, sha, relativePath, location, member: null, problem);
    }

    /// <summary>
    /// Why a prompt file is not text, or null: a NUL character (no text format has one) or undecodable bytes (the
    /// reader's replacement character) in the first 8,000 characters — an image, a PDF, a .docx passed as a prompt.
    /// </summary>
    public static string? BinaryReason(SourceText text)
    {
        var length = Math.Min(text.Length, 8000);
        var replacements = 0;
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return "its file is binary, not text (it contains NUL characters)";
            }

            if (c == '\uFFFD' && ++replacements >= 4)
            {
                return "its file is not valid text (bytes that are not UTF-8 or its declared encoding)";
            }
        }

        return null;
    }

    /// <summary>A location on the first line of an additional file (where file-level diagnostics are reported).</summary>
    public static Location FileLocation(string path, SourceText? text)
    {
        var firstLine = text is { Lines.Count: > 0 } ? text.Lines[0].Span : default;
        var end = text is null ? default : text.Lines.GetLinePosition(firstLine.End);
        return Location.Create(path, firstLine, new LinePositionSpan(default, end));
    }

    private static bool HasControlCharacter(string path)
    {
        foreach (var c in path)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                return true;
            }
        }

        return false;
    }

    internal static string RelativePath(string path, string? projectDirectory)
    {
        if (!string.IsNullOrEmpty(projectDirectory))
        {
            var root = projectDirectory!.TrimEnd('/', '\\');
            if (path.Length > root.Length + 1 && path.StartsWith(root, StringComparison.OrdinalIgnoreCase) && (path[root.Length] == '/' || path[root.Length] == '\\'))
            {
                return path.Substring(root.Length + 1).Replace('\\', '/');
            }
        }

        return Path.GetFileName(path);
    }

    private static (PromptDeclarationKind Kind, string? Text, string? Sha, string? Problem) ReadText(ISymbol member, SemanticModel? model, CancellationToken cancellationToken)
    {
        switch (member)
        {
            case IFieldSymbol { Type: IErrorTypeSymbol }:
            case IPropertySymbol { Type: IErrorTypeSymbol }:
                return (PromptDeclarationKind.Constant, null, null, null); // does not compile yet: nothing to say

            case IFieldSymbol field:
                if (field.Type.SpecialType != SpecialType.System_String)
                {
                    return (PromptDeclarationKind.Constant, null, null, "[Prompt] goes on a string field, property or method");
                }

                if (field.IsConst)
                {
                    if (!field.HasConstantValue)
                    {
                        return (PromptDeclarationKind.Constant, null, null, null); // its value does not compile yet
                    }

                    return field.ConstantValue is string constant
                        ? Constant(PromptDeclarationKind.Constant, constant)
                        : (PromptDeclarationKind.Constant, null, null, "its text is null");
                }

                if (!field.IsReadOnly)
                {
                    return (PromptDeclarationKind.ReadOnlyMember, null, null, "the field is not readonly, so its text can change at run time");
                }

                var declarator = Syntax<VariableDeclaratorSyntax>(field, cancellationToken);
                return FromValue(declarator?.Initializer?.Value, model, "the readonly field has no initializer, so its text is not known at compile time", cancellationToken);

            case IPropertySymbol property:
                if (property.Type.SpecialType != SpecialType.System_String)
                {
                    return (PromptDeclarationKind.ReadOnlyMember, null, null, "[Prompt] goes on a string field, property or method");
                }

                if (property.SetMethod is not null)
                {
                    return (PromptDeclarationKind.ReadOnlyMember, null, null, "the property has a setter, so its text can change at run time");
                }

                var declaration = Syntax<PropertyDeclarationSyntax>(property, cancellationToken);
                if (declaration?.Initializer is { } initializer)
                {
                    return FromValue(initializer.Value, model, string.Empty, cancellationToken);
                }

                if (declaration?.ExpressionBody is { } arrow)
                {
                    return FromValue(arrow.Expression, model, string.Empty, cancellationToken);
                }

                var getter = declaration?.AccessorList?.Accessors.Count == 1 ? declaration.AccessorList.Accessors[0] : null;
                SyntaxNode? getterBody = (SyntaxNode?)getter?.Body ?? getter?.ExpressionBody?.Expression;
                return getterBody is null
                    ? (PromptDeclarationKind.ReadOnlyMember, null, null, "the property has no initializer or body, so its text is not known at compile time")
                    : Template(getterBody, model, cancellationToken);

            case IMethodSymbol method when method.MethodKind == MethodKind.Ordinary:
                var methodSyntax = Syntax<MethodDeclarationSyntax>(method.PartialImplementationPart ?? method, cancellationToken);
                SyntaxNode? body = (SyntaxNode?)methodSyntax?.Body ?? methodSyntax?.ExpressionBody?.Expression;
                return body is null
                    ? (PromptDeclarationKind.Template, null, null, "the method has no body")
                    : Template(body, model, cancellationToken);

            default:
                return (PromptDeclarationKind.Template, null, null, "[Prompt] goes on a string field, property or method");
        }
    }

    private static (PromptDeclarationKind, string?, string?, string?) FromValue(ExpressionSyntax? value, SemanticModel? model, string missingProblem, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return (PromptDeclarationKind.ReadOnlyMember, null, null, missingProblem);
        }

        if (model is not null && model.SyntaxTree == value.SyntaxTree)
        {
            var constant = model.GetConstantValue(value, cancellationToken);
            if (constant.HasValue)
            {
                return constant.Value is string text
                    ? Constant(PromptDeclarationKind.ReadOnlyMember, text)
                    : (PromptDeclarationKind.ReadOnlyMember, null, null, "its text is null");
            }
        }

        return Template(value, model, cancellationToken);
    }

    private static (PromptDeclarationKind, string?, string?, string?) Template(SyntaxNode body, SemanticModel? model, CancellationToken cancellationToken)
    {
        if (model is not null && model.SyntaxTree == body.SyntaxTree && MayReadFile(body) && ReadsFileAtRunTime(model.GetOperationWithinLimits(body, cancellationToken)))
        {
            return (PromptDeclarationKind.Template, null, null, "it reads its text from a file at run time; declare the file as an <AgentPrompt> item instead");
        }

        return (PromptDeclarationKind.Template, TemplateText(body), TemplateHash(body), null);
    }

    private static (PromptDeclarationKind, string?, string?, string?) Constant(PromptDeclarationKind kind, string text)
    {
        var normalized = PromptHash.NormalizeLineEndings(text);
        return (kind, normalized, PromptHash.Compute(normalized), null);
    }

    /// <summary>True when the body calls a method named like a file read (<see cref="PromptTextClassifier.IsFileRead"/>): only then is it bound.</summary>
    private static bool MayReadFile(SyntaxNode body)
    {
        foreach (var node in body.DescendantNodesAndSelf())
        {
            if (node is InvocationExpressionSyntax invocation
                && SyntaxNames.InvokedName(invocation) is "ReadAllText" or "ReadAllTextAsync" or "ReadAllLines" or "ReadAllLinesAsync" or "ReadToEnd" or "ReadToEndAsync")
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReadsFileAtRunTime(IOperation? operation)
    {
        if (operation is null)
        {
            return false;
        }

        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IInvocationOperation invocation && PromptTextClassifier.IsFileRead(invocation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The template's source as written: line endings normalised, the common indentation of continuation lines removed.</summary>
    public static string TemplateText(SyntaxNode body)
    {
        var lines = PromptHash.NormalizeLineEndings(body.ToString()).Split('\n');
        var indent = int.MaxValue;
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var leading = 0;
            while (leading < line.Length && (line[leading] == ' ' || line[leading] == '\t'))
            {
                leading++;
            }

            if (leading < line.Length)
            {
                indent = Math.Min(indent, leading);
            }
        }

        var builder = new StringBuilder(lines[0]);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            builder.Append('\n').Append(indent != int.MaxValue && line.Length >= indent ? line.Substring(indent) : line.TrimStart(' ', '\t'));
        }

        return builder.ToString();
    }

    /// <summary>The hash of a template: its tokens, so formatting and comments do not change it.</summary>
    public static string TemplateHash(SyntaxNode body)
    {
        var builder = new StringBuilder();
        foreach (var token in body.DescendantTokens())
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(token.Text);
        }

        return PromptHash.Compute(builder.ToString());
    }

    /// <summary>The first declaring syntax of a symbol that is a <typeparamref name="T"/>.</summary>
    internal static T? Syntax<T>(ISymbol symbol, CancellationToken cancellationToken) where T : SyntaxNode
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is T node)
            {
                return node;
            }
        }

        return null;
    }
}
