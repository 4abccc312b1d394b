using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>A writing API a tool reaches.</summary>
/// <param name="Text">"calls File.Delete", "sends an HTTP DELETE request", "runs SQL 'DELETE FROM'".</param>
/// <param name="Strength">Whether it counts as evidence.</param>
/// <param name="Location">The call.</param>
/// <param name="IsLocalFile">A write to the local file system (System.IO): a reading tool may refresh its own cache
/// file, so against a reading name it leaves the effect unknown; any other write outweighs the name.</param>
public sealed record WriteEvidence(string Text, WriteStrength Strength, Location Location, bool IsLocalFile = false);

/// <summary>
/// Recognises writing APIs in operations: the <see cref="WritingApiTable"/> rows, plus cases decided by arguments —
/// file streams opened for writing, writes to temporary files (not evidence), HTTP requests by method, Kiota request
/// methods, and SQL text that changes data. One instance per compilation; thread-safe.
/// </summary>
public sealed class WritingApiMatcher
{
    private static readonly Regex SqlWrite = new(
        @"^\s*(?<verb>DELETE\s+FROM|DELETE\s+[\w\[\]""`\.]+\s+WHERE|UPDATE\s+[\w\[\]""`\.]+\s+SET|INSERT\s+INTO|INSERT\s+OR\s+\w+\s+INTO|REPLACE\s+INTO|UPSERT\s+INTO|MERGE\s+INTO|DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX|VIEW|PROCEDURE|FUNCTION|USER|COLLECTION)|TRUNCATE\s+TABLE|ALTER\s+TABLE|GRANT\s+\w|REVOKE\s+\w)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(100));

    private static readonly ImmutableHashSet<string> SqlParameterNames = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "sql", "commandText", "cmdText", "query", "command", "statement", "script", "cql", "sqlText");

    private readonly List<(WritingApi Api, INamedTypeSymbol Type)> _typeRows = new();
    private readonly List<WritingApi> _namespaceRows = new();
    private readonly ConcurrentDictionary<INamespaceSymbol, string> _namespaceNames = new(SymbolEqualityComparer.Default);
    private readonly INamedTypeSymbol? _file;
    private readonly INamedTypeSymbol? _fileInfo;
    private readonly INamedTypeSymbol? _fileStream;
    private readonly INamedTypeSymbol? _streamWriter;
    private readonly INamedTypeSymbol? _path;
    private readonly INamedTypeSymbol? _httpMethod;
    private readonly INamedTypeSymbol? _kiotaMethod;

    public WritingApiMatcher(KnownTypes types, ImmutableArray<WritingApi> configured = default)
    {
        foreach (var row in configured.IsDefault ? WritingApiTable.Entries : WritingApiTable.Entries.AddRange(configured))
        {
            if (row.TypeMatch == ApiTypeMatch.Namespace)
            {
                _namespaceRows.Add(row);
            }
            else if (types.Get(row.Name) is { } type)
            {
                _typeRows.Add((row, type));
            }
        }

        _file = types.Get("System.IO.File");
        _fileInfo = types.Get("System.IO.FileInfo");
        _fileStream = types.Get("System.IO.FileStream");
        _streamWriter = types.Get("System.IO.StreamWriter");
        _path = types.Get("System.IO.Path");
        _httpMethod = types.Get("System.Net.Http.HttpMethod");
        _kiotaMethod = types.Get("Microsoft.Kiota.Abstractions.Method");
    }

    /// <summary>The writing API this operation is, or null. Matches of either strength are returned.</summary>
    public WriteEvidence? Match(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                return MatchInvocation(invocation);
            case IObjectCreationOperation creation:
                return MatchCreation(creation);
            case IPropertyReferenceOperation { Property: { IsStatic: true } property } when _httpMethod is not null && SymbolEqualityComparer.Default.Equals(property.ContainingType, _httpMethod):
                return HttpMethodEvidence(property.Name, operation);
            case IFieldReferenceOperation { Field: { } field } when _kiotaMethod is not null && SymbolEqualityComparer.Default.Equals(field.ContainingType, _kiotaMethod):
                return HttpMethodEvidence(field.Name, operation);
            case ILiteralOperation or IInterpolatedStringOperation or IFieldReferenceOperation:
                return MatchSql(operation);
            default:
                return null;
        }
    }

    /// <summary>Only evidence that counts on its own (<see cref="WriteStrength.Strong"/>).</summary>
    public WriteEvidence? MatchStrong(IOperation operation) => Match(operation) is { Strength: WriteStrength.Strong } evidence ? evidence : null;

    private WriteEvidence? MatchInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null)
        {
            return null;
        }

        WritingApi? found = null;
        foreach (var (api, apiType) in _typeRows)
        {
            if (MemberMatches(api, method.Name) && (type.IsOrDerivesFrom(apiType) || type.IsOrImplements(apiType)))
            {
                found = api;
                break;
            }
        }

        found ??= MatchNamespace(type, method.Name);
        if (found is null)
        {
            return null;
        }

        // File writes: "File.Open(path, FileMode.Open)" reads, and a temporary file is nobody else's state.
        if ((_file is not null && SymbolEqualityComparer.Default.Equals(type, _file)) || (_fileInfo is not null && SymbolEqualityComparer.Default.Equals(type, _fileInfo)))
        {
            var path = SymbolEqualityComparer.Default.Equals(type, _file) ? FirstArgument(invocation) : invocation.Instance;
            if (path is not null && IsTemporaryPath(path))
            {
                return null;
            }
        }

        return new WriteEvidence($"calls {type.Name}.{method.Name}", found.Strength, invocation.Syntax.GetLocation(), IsLocalFile: type.ContainingNamespace?.ToDisplayString() == "System.IO");
    }

    private WritingApi? MatchNamespace(INamedTypeSymbol type, string member)
    {
        if (_namespaceRows.Count == 0 || type.ContainingNamespace is not { IsGlobalNamespace: false } ns)
        {
            return null;
        }

        // Rows are tried in table order, so a weak exception ("CreateIfNotExists") listed before its strong verb ("Create") wins.
        var name = _namespaceNames.GetOrAdd(ns, static n => n.ToDisplayString());
        foreach (var row in _namespaceRows)
        {
            if (InNamespace(name, row.Name) && MemberMatches(row, member) && !IsExcluded(row, name))
            {
                return row;
            }
        }

        return null;
    }

    private static bool IsExcluded(WritingApi row, string ns)
    {
        if (!row.ExcludedNamespaces.IsDefaultOrEmpty)
        {
            foreach (var excluded in row.ExcludedNamespaces)
            {
                if (InNamespace(ns, excluded))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private WriteEvidence? MatchCreation(IObjectCreationOperation creation)
    {
        var type = creation.Type;
        if (type is null)
        {
            return null;
        }

        if (_fileStream is not null && SymbolEqualityComparer.Default.Equals(type, _fileStream))
        {
            // new FileStream(path, FileMode.Create/CreateNew/Truncate/OpenOrCreate/Append, ...)
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Type.Name == "FileMode" && argument.Value.ConstantValue is { HasValue: true, Value: int mode })
                {
                    // FileMode: CreateNew = 1, Create = 2, Open = 3, OpenOrCreate = 4, Truncate = 5, Append = 6
                    if (mode is 3 || IsTemporaryPath(FirstArgument(creation)))
                    {
                        return null;
                    }

                    return new WriteEvidence("opens a FileStream for writing", mode == 6 ? WriteStrength.Weak : WriteStrength.Strong, creation.Syntax.GetLocation(), IsLocalFile: true);
                }
            }

            return null;
        }

        if (_streamWriter is not null && SymbolEqualityComparer.Default.Equals(type, _streamWriter)
            && creation.Arguments.Length > 0 && creation.Arguments[0].Parameter is { Type.SpecialType: SpecialType.System_String })
        {
            if (IsTemporaryPath(FirstArgument(creation)))
            {
                return null;
            }

            var append = false;
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "append" && argument.Value.ConstantValue is { HasValue: true, Value: true })
                {
                    append = true;
                }
            }

            return new WriteEvidence("writes a file with StreamWriter", append ? WriteStrength.Weak : WriteStrength.Strong, creation.Syntax.GetLocation(), IsLocalFile: true);
        }

        return null;
    }

    private static WriteEvidence? HttpMethodEvidence(string method, IOperation operation) =>
        method.ToUpperInvariant() switch
        {
            "PUT" or "PATCH" or "DELETE" => new WriteEvidence($"sends an HTTP {method.ToUpperInvariant()} request", WriteStrength.Strong, operation.Syntax.GetLocation()),
            "POST" => new WriteEvidence("sends an HTTP POST request", WriteStrength.Weak, operation.Syntax.GetLocation()),
            _ => null,
        };

    /// <summary>SQL that changes data, passed where SQL goes: a "sql"/"commandText" parameter, CommandText, or a local named like SQL.</summary>
    private static WriteEvidence? MatchSql(IOperation operation)
    {
        string? text = operation switch
        {
            IInterpolatedStringOperation interpolated => interpolated.Parts.Length > 0 && interpolated.Parts[0] is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string first } } ? first : null,
            _ => operation.ConstantValue is { HasValue: true, Value: string value } ? value : null,
        };

        if (text is null || text.Length < 10 || !IsSqlSink(operation))
        {
            return null;
        }

        Match match;
        try
        {
            match = SqlWrite.Match(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }

        if (!match.Success)
        {
            return null;
        }

        var verb = Regex.Replace(match.Groups["verb"].Value.ToUpperInvariant(), @"\s+", " ");
        var words = verb.Split(' ');
        var shown = words.Length >= 2 && words[0] is "DELETE" or "INSERT" or "DROP" or "TRUNCATE" or "ALTER" or "MERGE" or "REPLACE" or "UPSERT"
            ? words[0] + " " + words[1]
            : words[0];
        return new WriteEvidence($"runs SQL '{shown}'", WriteStrength.Strong, operation.Syntax.GetLocation());
    }

    private static bool IsSqlSink(IOperation operation)
    {
        var current = operation;
        for (var i = 0; i < 6 && current.Parent is { } parent; i++, current = parent)
        {
            switch (parent)
            {
                case IConversionOperation:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                case IInterpolatedStringOperation:
                    continue;
                case IArgumentOperation { Parameter: { } parameter }:
                    return SqlParameterNames.Contains(parameter.Name);
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                    return assignment.Target is IPropertyReferenceOperation { Property.Name: "CommandText" } || (assignment.Target is ILocalReferenceOperation local && LooksLikeSqlName(local.Local.Name));
                case IVariableInitializerOperation when parent.Parent is IVariableDeclaratorOperation declarator:
                    return LooksLikeSqlName(declarator.Symbol.Name);
                case IPropertyInitializerOperation { InitializedProperties.Length: 1 } initializer when initializer.InitializedProperties[0].Name == "CommandText":
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool LooksLikeSqlName(string name) =>
        name.IndexOf("sql", StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("query", StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("command", StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("statement", StringComparison.OrdinalIgnoreCase) >= 0
        || string.Equals(name, "cmd", StringComparison.OrdinalIgnoreCase);

    /// <summary>A path built from <c>Path.GetTempPath()</c>, <c>Path.GetTempFileName()</c> or <c>Path.GetRandomFileName()</c>, directly or through a local.</summary>
    private bool IsTemporaryPath(IOperation? path, int depth = 0)
    {
        if (path is null || _path is null || depth > 2)
        {
            return false;
        }

        foreach (var operation in path.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod: { Name: "GetTempPath" or "GetTempFileName" or "GetRandomFileName" } method }
                    when SymbolEqualityComparer.Default.Equals(method.ContainingType, _path):
                    return true;
                case IPropertyReferenceOperation { Property.Name: "FullName" or "Name", Instance: { } instance } when depth < 2 && IsTemporaryPath(instance, depth + 1):
                    return true;
                case ILocalReferenceOperation local when FindInitializer(operation, local.Local) is { } initializer && IsTemporaryPath(initializer, depth + 1):
                    return true;
            }
        }

        return false;
    }

    private static IOperation? FindInitializer(IOperation from, ILocalSymbol local)
    {
        var root = from;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                return declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
            }
        }

        return null;
    }

    private static IOperation? FirstArgument(IOperation operation) =>
        operation switch
        {
            IInvocationOperation { Arguments.Length: > 0 } invocation => invocation.Arguments[0].Value,
            IObjectCreationOperation { Arguments.Length: > 0 } creation => creation.Arguments[0].Value,
            _ => null,
        };

    private static bool MemberMatches(WritingApi api, string member)
    {
        foreach (var candidate in api.Members)
        {
            if (api.MemberMatch == ApiMemberMatch.Exact)
            {
                if (string.Equals(member, candidate, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            else if (member.StartsWith(candidate, StringComparison.Ordinal)
                && (member.Length == candidate.Length || char.IsUpper(member[candidate.Length]) || char.IsDigit(member[candidate.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InNamespace(string name, string ns) =>
        name.StartsWith(ns, StringComparison.Ordinal) && (name.Length == ns.Length || name[ns.Length] == '.');
}
