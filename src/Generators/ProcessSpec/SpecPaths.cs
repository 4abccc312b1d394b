using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AgentRules.Generators.ProcessSpec;

/// <summary>Turns compiler locations into the spec's project-relative, '/'-separated paths.</summary>
public sealed class SpecPaths
{
    private readonly string _root;

    private SpecPaths(string root)
    {
        _root = root;
    }

    /// <summary>Relative to the project folder; without one, to the deepest folder holding every source file.</summary>
    /// <param name="compilation">The compilation.</param>
    /// <param name="projectDirectory">The project folder, when the build says.</param>
    /// <param name="include">Which trees count for the common folder (default: all).</param>
    public static SpecPaths For(Compilation compilation, string? projectDirectory, Func<SyntaxTree, bool>? include = null) =>
        new(Normalize(projectDirectory) is { Length: > 0 } dir ? EnsureTrailingSlash(dir) : CommonRoot(compilation.SyntaxTrees.Where(t => include is null || include(t)).Select(t => t.FilePath)));

    public SpecLocation Of(Location location)
    {
        var span = location.GetLineSpan();
        return new SpecLocation(Relative(span.Path), span.StartLinePosition.Line + 1);
    }

    public string Relative(string path)
    {
        var normalized = Normalize(path);
        if (normalized.StartsWith(_root, StringComparison.Ordinal))
        {
            return normalized.Substring(_root.Length);
        }

        // Outside the project folder (a linked file): climb to the common folder.
        var rootParts = _root.TrimEnd('/').Split('/');
        var pathParts = normalized.Split('/');
        var common = 0;
        while (common < rootParts.Length && common < pathParts.Length - 1 && rootParts[common] == pathParts[common])
        {
            common++;
        }

        // Sharing only the file system root ("" before a leading '/', or a drive) is sharing nothing: never leak an
        // absolute path, give the file name.
        var rootOnly = rootParts[0].Length == 0 || rootParts[0].EndsWith(":", StringComparison.Ordinal) ? 1 : 0;
        if (common <= rootOnly)
        {
            return pathParts[pathParts.Length - 1];
        }

        return string.Join("/", Enumerable.Repeat("..", rootParts.Length - common).Concat(pathParts.Skip(common)));
    }

    private static string Normalize(string? path) => (path ?? string.Empty).Replace('\\', '/');

    private static string EnsureTrailingSlash(string directory) => directory.EndsWith("/", StringComparison.Ordinal) ? directory : directory + "/";

    private static string CommonRoot(IEnumerable<string> paths)
    {
        string? common = null;
        foreach (var path in paths.Select(Normalize).Where(p => p.Length > 0))
        {
            var directory = path.Substring(0, path.LastIndexOf('/') + 1);
            if (common is null)
            {
                common = directory;
                continue;
            }

            var length = 0;
            while (length < common.Length && length < directory.Length && common[length] == directory[length])
            {
                length++;
            }

            common = common.Substring(0, common.LastIndexOf('/', Math.Max(0, length - 1)) + 1);
        }

        return common ?? string.Empty;
    }
}
