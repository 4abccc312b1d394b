using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>One recorded prompt version: a line "&lt;id&gt; &lt;version&gt; &lt;sha256&gt;" of the lock file.</summary>
public sealed record PromptLockEntry(string Id, int Version, string Sha256, int Line);

/// <summary>A line of the lock file that could not be read, and why.</summary>
public sealed record PromptLockError(int Line, TextSpan Span, string Message);

/// <summary>
/// <c>AgentPrompts.lock</c>: the record of every prompt version the project has shipped, one line per version —
/// id, version and the SHA-256 of the text — sorted by id then version. Blank lines and lines starting with '#' are
/// ignored. Like Roslyn's PublicAPI.Shipped.txt it is committed, read by the analyzers as an additional file, and
/// only ever changed by a person or the "Record prompt version" code fix, never silently by a build.
/// </summary>
public sealed class PromptLockFile
{
    /// <summary>The file name the analyzers look for among the additional files.</summary>
    public const string FileName = "AgentPrompts.lock";

    /// <summary>The comment a new lock file starts with.</summary>
    public static readonly string Header =
        "# AgentPrompts.lock: the prompt versions this project has shipped, one per line: <id> <version> <sha256>." + "\n" +
        "# Commit it. Add lines with the 'Record prompt version' code fix; see docs/prompts.md of AgentRules." + "\n";

    /// <summary>Reads a lock file once per text: pass it to <c>TryGetValue</c> on an analysis context.</summary>
    public static readonly SourceTextValueProvider<PromptLockFile> ValueProvider = new(Parse);

    private static readonly char[] s_separators = { ' ', '\t' };

    private readonly Dictionary<(string Id, int Version), PromptLockEntry> _byVersion;
    private readonly Dictionary<string, int> _maxVersion;

    private PromptLockFile(ImmutableArray<PromptLockEntry> entries, ImmutableArray<PromptLockError> errors)
    {
        Entries = entries;
        Errors = errors;
        _byVersion = new Dictionary<(string, int), PromptLockEntry>();
        _maxVersion = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            _byVersion[(entry.Id, entry.Version)] = entry;
            _maxVersion[entry.Id] = _maxVersion.TryGetValue(entry.Id, out var max) ? Math.Max(max, entry.Version) : entry.Version;
        }
    }

    /// <summary>A lock file with no entries: what a project without one has.</summary>
    public static PromptLockFile Empty { get; } = new(ImmutableArray<PromptLockEntry>.Empty, ImmutableArray<PromptLockError>.Empty);

    /// <summary>The readable entries, in file order (the first of two conflicting entries wins).</summary>
    public ImmutableArray<PromptLockEntry> Entries { get; }

    /// <summary>Lines that could not be read.</summary>
    public ImmutableArray<PromptLockError> Errors { get; }

    /// <summary>True when the additional file is a prompt lock file.</summary>
    public static bool IsLockFile(AdditionalText file) => IsLockFile(file.Path);

    public static bool IsLockFile(string? path) =>
        path is not null && string.Equals(Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The entry recorded for an id and version, if any.</summary>
    public PromptLockEntry? Find(string id, int version) => _byVersion.TryGetValue((id, version), out var entry) ? entry : null;

    /// <summary>The highest version recorded for an id, or 0.</summary>
    public int MaxVersion(string id) => _maxVersion.TryGetValue(id, out var max) ? max : 0;

    public static PromptLockFile Parse(SourceText text)
    {
        var entries = ImmutableArray.CreateBuilder<PromptLockEntry>();
        var errors = ImmutableArray.CreateBuilder<PromptLockError>();
        var seen = new Dictionary<(string, int), PromptLockEntry>();
        foreach (var line in text.Lines)
        {
            var content = line.ToString();
            var trimmed = content.Trim().Trim('\uFEFF');
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var lineNumber = line.LineNumber;
            var span = TrimmedSpan(line.Span, content);
            var fields = trimmed.Split(s_separators, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3)
            {
                errors.Add(new PromptLockError(lineNumber, span, $"line {lineNumber + 1} should be '<id> <version> <sha256>' but has {fields.Length} field{(fields.Length == 1 ? string.Empty : "s")}"));
                continue;
            }

            var (id, versionText, sha) = (fields[0], fields[1], fields[2]);
            if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
            {
                errors.Add(new PromptLockError(lineNumber, span, $"line {lineNumber + 1}: version '{versionText}' of prompt '{id}' is not a whole number of 1 or more"));
                continue;
            }

            if (!PromptHash.IsWellFormed(sha))
            {
                errors.Add(new PromptLockError(lineNumber, span, $"line {lineNumber + 1}: '{Shorten(sha)}' is not a SHA-256 hash (64 hexadecimal digits)"));
                continue;
            }

            var entry = new PromptLockEntry(id, version, sha.ToLowerInvariant(), lineNumber);
            if (seen.TryGetValue((id, version), out var earlier))
            {
                var what = earlier.Sha256 == entry.Sha256 ? "repeats" : "conflicts with";
                errors.Add(new PromptLockError(lineNumber, span, $"line {lineNumber + 1} {what} line {earlier.Line + 1}: prompt '{id}' version {version} is recorded twice"));
                continue;
            }

            seen.Add((id, version), entry);
            entries.Add(entry);
        }

        return new PromptLockFile(entries.ToImmutable(), errors.ToImmutable());
    }

    /// <summary>
    /// The lock file text with <paramref name="additions"/> recorded: each new line is inserted before the first
    /// entry that sorts after it (by id, then version), so a sorted file stays sorted and nothing else moves.
    /// Versions already recorded are skipped. A null <paramref name="existing"/> starts a new file with a header.
    /// </summary>
    public static string AddEntries(string? existing, IEnumerable<(string Id, int Version, string Sha256)> additions)
    {
        var newLine = existing is not null && existing.IndexOf("\r\n", StringComparison.Ordinal) >= 0 ? "\r\n" : "\n";
        var lines = new List<string>();
        if (existing is null)
        {
            lines.AddRange(Header.TrimEnd('\n').Split('\n'));
        }
        else if (existing.Length > 0)
        {
            lines.AddRange(PromptHash.NormalizeLineEndings(existing).Split('\n'));
            if (lines[lines.Count - 1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1); // the final newline
            }
        }

        var sorted = new List<(string Id, int Version, string Sha256)>(additions);
        sorted.Sort((a, b) => Compare(a.Id, a.Version, b.Id, b.Version));
        foreach (var (id, version, sha) in sorted)
        {
            var insertAt = -1;
            var lastEntry = -1;
            var alreadyRecorded = false;
            for (var i = 0; i < lines.Count; i++)
            {
                if (!TryReadKey(lines[i], out var lineId, out var lineVersion))
                {
                    continue;
                }

                if (lineId == id && lineVersion == version)
                {
                    alreadyRecorded = true;
                    break;
                }

                lastEntry = i;
                if (insertAt < 0 && Compare(lineId, lineVersion, id, version) > 0)
                {
                    insertAt = i;
                }
            }

            if (alreadyRecorded)
            {
                continue;
            }

            var line = FormatLine(id, version, sha);
            if (insertAt >= 0)
            {
                lines.Insert(insertAt, line);
            }
            else if (lastEntry >= 0)
            {
                lines.Insert(lastEntry + 1, line);
            }
            else
            {
                lines.Add(line);
            }
        }

        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append(newLine);
        }

        return builder.ToString();
    }

    /// <summary>A lock file line: "support.triage 3 &lt;sha256&gt;".</summary>
    public static string FormatLine(string id, int version, string sha256) =>
        id + " " + version.ToString(CultureInfo.InvariantCulture) + " " + sha256;

    private static int Compare(string idA, int versionA, string idB, int versionB)
    {
        var byId = string.CompareOrdinal(idA, idB);
        return byId != 0 ? byId : versionA.CompareTo(versionB);
    }

    private static bool TryReadKey(string line, out string id, out int version)
    {
        id = string.Empty;
        version = 0;
        var trimmed = line.Trim().Trim('\uFEFF');
        if (trimmed.Length == 0 || trimmed[0] == '#')
        {
            return false;
        }

        var fields = trimmed.Split(s_separators, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2 || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out version))
        {
            return false;
        }

        id = fields[0];
        return true;
    }

    private static TextSpan TrimmedSpan(TextSpan line, string content)
    {
        var start = 0;
        while (start < content.Length && char.IsWhiteSpace(content[start]))
        {
            start++;
        }

        var end = content.Length;
        while (end > start && char.IsWhiteSpace(content[end - 1]))
        {
            end--;
        }

        return new TextSpan(line.Start + start, end - start);
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value.Substring(0, 77) + "...";
}
