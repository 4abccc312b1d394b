using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace AgentRules.Tasks;

/// <summary>
/// Writes the process spec to files next to the project — only when their content changed, so an unchanged spec is
/// never rewritten. The spec comes from the compiler's SARIF log, where the AgentRules analyzers put it (the AGR0202
/// diagnostic, next to the findings), or with <see cref="Embedded"/> from the assembly (the <c>Markdown</c> and
/// <c>Json</c> constants of the generated <c>AgentProcessSpec</c> class). In check mode it writes nothing and fails the build when the
/// files on disk (the committed spec) differ from what the code describes.
/// </summary>
public sealed class WriteAgentProcessSpec : Task
{
    /// <summary>The error code of a spec that does not match the code in check mode (DiagnosticIds.ProcessSpecOutOfDate; a test keeps them equal).</summary>
    public const string SpecOutOfDateCode = "AGR0200";

    /// <summary>The error code of a spec file that cannot be written (DiagnosticIds.ProcessSpecNotWritten; a test keeps them equal).</summary>
    public const string SpecWriteFailedCode = "AGR0201";

    /// <summary>The compiled assembly (the intermediate assembly of the build).</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>Where the Markdown spec goes.</summary>
    [Required]
    public string MarkdownPath { get; set; } = string.Empty;

    /// <summary>Where the JSON spec goes.</summary>
    [Required]
    public string JsonPath { get; set; } = string.Empty;

    /// <summary>Compare instead of write, and fail when the files differ from the code.</summary>
    public bool Check { get; set; }

    /// <summary>The compiler's SARIF log (the <c>ErrorLog</c> property, with or without its <c>,version=</c> suffix): where the findings come from.</summary>
    public string? ErrorLog { get; set; }

    /// <summary>Finding locations are made relative to this folder.</summary>
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>The files this run wrote (empty when nothing changed, and always in check mode).</summary>
    [Output]
    public ITaskItem[] WrittenFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>
    /// True when the spec is compiled into the assembly (<c>AgentRulesSpecEmbed</c>, also set when the analyzers do
    /// not run): it is read from there. Otherwise it comes from the compiler's SARIF log, where the analyzers put it.
    /// </summary>
    public bool Embedded { get; set; }

    public override bool Execute()
    {
        var log = ReadLog();
        SpecDocuments? spec;
        if (log is { HasSpec: true })
        {
            spec = log.Json.Length == 0 || log.Markdown.Length == 0 ? null : new SpecDocuments(log.Markdown, log.Json);
        }
        else if (Embedded)
        {
            if (!File.Exists(AssemblyPath))
            {
                Log.LogMessage(MessageImportance.Low, "AgentRules: no assembly at '{0}'; no process spec to write.", AssemblyPath);
                return true;
            }

            try
            {
                spec = SpecDocuments.Read(AssemblyPath);
            }
            catch (Exception e) when (e is BadImageFormatException or IOException or InvalidOperationException)
            {
                Log.LogWarning("AgentRules: could not read the process spec from '{0}': {1}", AssemblyPath, e.Message);
                return true;
            }
        }
        else
        {
            // The analyzers did not run (or their log is gone): nothing says what the code holds, so leave the files
            // alone, and say so; a check cannot pass on a spec nobody computed.
            const string Message = "AgentRules: the process spec was not computed: the compiler's log '{0}' has no spec from the AgentRules analyzers (were analyzers turned off for this build?). Set AgentRulesSpecEmbed=true to compute it in the generator instead.";
            if (Check)
            {
                Log.LogError(null, SpecOutOfDateCode, null, MarkdownPath, 0, 0, 0, 0, Message, SarifPath());
                return false;
            }

            Log.LogWarning(Message, SarifPath());
            return true;
        }

        string? markdown = null;
        string? json = null;
        if (spec is not null)
        {
            (markdown, json) = SpecComposer.Compose(spec.Markdown, spec.Json, log?.Findings);
        }

        var targets = new[] { (Path: MarkdownPath, Content: markdown), (Path: JsonPath, Content: json) };
        return Check ? CheckFiles(targets) : WriteFiles(targets);
    }

    private string? SarifPath() => ErrorLog?.Split(',')[0].Trim();

    private SarifContent? ReadLog()
    {
        var path = SarifPath();
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            Log.LogMessage(MessageImportance.Low, "AgentRules: no compiler log at '{0}'; the spec lists no findings.", path);
            return null;
        }

        try
        {
            return SarifFindings.ReadAll(path!, string.IsNullOrEmpty(ProjectDirectory) ? Path.GetDirectoryName(MarkdownPath) ?? string.Empty : ProjectDirectory);
        }
        catch (Exception e) when (e is FormatException or IOException or InvalidCastException)
        {
            Log.LogWarning("AgentRules: could not read the compiler log '{0}' for the process spec's findings: {1}", path, e.Message);
            return null;
        }
    }

    private bool WriteFiles((string Path, string? Content)[] targets)
    {
        var written = new List<ITaskItem>();
        foreach (var (path, content) in targets)
        {
            if (content is null)
            {
                continue; // this assembly describes no agent: leave any existing file alone
            }

            var bytes = Encoding.UTF8.GetBytes(content);
            if (File.Exists(path) && BytesEqual(File.ReadAllBytes(path), bytes))
            {
                continue;
            }

            try
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                File.WriteAllBytes(path, bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
            {
                // A folder under a file, a read-only volume, access denied, a path naming a folder: the user's path is
                // the thing to fix, so name it and the cause, without a stack trace (MSB4018).
                Log.LogError(null, SpecWriteFailedCode, null, null, 0, 0, 0, 0,
                    "AgentRules could not write the process spec to '{0}': {1} Set AgentRulesSpecDirectory to a folder the build can write, or AgentRulesSpec=false to write no spec.",
                    path,
                    e.Message.TrimEnd());
                WrittenFiles = written.ToArray();
                return false;
            }

            written.Add(new TaskItem(path));
            Log.LogMessage(MessageImportance.High, "AgentRules: process spec written to {0}", path);
        }

        WrittenFiles = written.ToArray();
        return true;
    }

    private bool CheckFiles((string Path, string? Content)[] targets)
    {
        foreach (var (path, content) in targets)
        {
            var exists = File.Exists(path);
            if (content is null)
            {
                if (exists)
                {
                    Log.LogError(null, SpecOutOfDateCode, null, path, 1, 1, 0, 0,
                        "The committed process spec '{0}' describes agent code this project no longer has. Delete it, or build without AgentRulesSpecCheck to regenerate it, and commit the result.",
                        Path.GetFileName(path));
                }

                continue;
            }

            if (!exists)
            {
                Log.LogError(null, SpecOutOfDateCode, null, path, 0, 0, 0, 0,
                    "The process spec '{0}' is missing. Build without AgentRulesSpecCheck to write it, review it, and commit it.",
                    Path.GetFileName(path));
                continue;
            }

            var committed = File.ReadAllText(path).Replace("\r\n", "\n");
            if (committed == content)
            {
                continue;
            }

            var diff = LineDiff.Describe(committed, content);
            Log.LogError(null, SpecOutOfDateCode, null, path, diff.FirstLine, 1, 0, 0,
                "The process spec '{0}' does not match the code: the agent's tools, prompts or loops changed without the spec being reviewed. Build without AgentRulesSpecCheck to regenerate it, review the change and commit it. What differs:\n{1}",
                Path.GetFileName(path),
                diff.Summary);
        }

        return !Log.HasLoggedErrors;
    }

    private static bool BytesEqual(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The spec documents found in an assembly.</summary>
internal sealed class SpecDocuments
{
    public SpecDocuments(string markdown, string json)
    {
        Markdown = markdown;
        Json = json;
    }

    public string Markdown { get; }

    public string Json { get; }

    /// <summary>
    /// Finds the generated <c>AgentProcessSpec</c> class (any namespace: the generator uses the project's root
    /// namespace) by its shape — string constants <c>Markdown</c> and <c>Json</c> and an int <c>FormatVersion</c> —
    /// and returns its documents; null when the assembly has none, or they are empty (no agent code).
    /// </summary>
    public static SpecDocuments? Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            return null;
        }

        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (!reader.StringComparer.Equals(type.Name, "AgentProcessSpec"))
            {
                continue;
            }

            string? markdown = null;
            string? json = null;
            var hasVersion = false;
            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                var constantHandle = field.GetDefaultValue();
                if (constantHandle.IsNil)
                {
                    continue;
                }

                var constant = reader.GetConstant(constantHandle);
                var name = reader.GetString(field.Name);
                if (name == "FormatVersion" && constant.TypeCode == ConstantTypeCode.Int32)
                {
                    hasVersion = true;
                }
                else if (constant.TypeCode == ConstantTypeCode.String && (name == "Markdown" || name == "Json"))
                {
                    var blob = reader.GetBlobReader(constant.Value);
                    var value = blob.ReadUTF16(blob.Length);
                    if (name == "Markdown")
                    {
                        markdown = value;
                    }
                    else
                    {
                        json = value;
                    }
                }
            }

            if (hasVersion && markdown is not null && json is not null)
            {
                return markdown.Length == 0 || json.Length == 0 ? null : new SpecDocuments(markdown, json);
            }
        }

        return null;
    }
}

/// <summary>A short, readable description of how two texts differ, line by line.</summary>
internal static class LineDiff
{
    private const int MaxLinesShown = 12;

    public static (int FirstLine, string Summary) Describe(string oldText, string newText)
    {
        var oldLines = oldText.Split('\n');
        var newLines = newText.Split('\n');

        var prefix = 0;
        while (prefix < oldLines.Length && prefix < newLines.Length && oldLines[prefix] == newLines[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < oldLines.Length - prefix && suffix < newLines.Length - prefix
            && oldLines[oldLines.Length - 1 - suffix] == newLines[newLines.Length - 1 - suffix])
        {
            suffix++;
        }

        var summary = new StringBuilder();
        summary.Append("  at line ").Append(prefix + 1).Append(":\n");
        AppendLines(summary, "  - ", oldLines, prefix, oldLines.Length - suffix);
        AppendLines(summary, "  + ", newLines, prefix, newLines.Length - suffix);
        return (prefix + 1, summary.ToString().TrimEnd('\n'));
    }

    private static void AppendLines(StringBuilder summary, string marker, string[] lines, int from, int to)
    {
        var shown = 0;
        for (var i = from; i < to; i++)
        {
            if (shown == MaxLinesShown)
            {
                summary.Append(marker).Append("... (").Append(to - i).Append(" more lines)\n");
                return;
            }

            summary.Append(marker).Append(lines[i]).Append('\n');
            shown++;
        }
    }
}
