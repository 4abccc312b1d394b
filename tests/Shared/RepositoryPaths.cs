using System;
using System.IO;

namespace AgentRules.Tests;

/// <summary>Locates files of this repository from the test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root: the folder holding AgentRules.sln.</summary>
    public static string Root => s_root.Value;

    public static string Combine(params string[] relative) => Path.Combine([Root, .. relative]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AgentRules.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"AgentRules.sln not found above {AppContext.BaseDirectory}.");
    }
}
