// Corpus: an MCP file-system server, the shape of the reference "filesystem" servers ported to C#.
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Server;

namespace Corpus.FileSystem;

public sealed class PathGuard(string root)
{
    public string Resolve(string path)
    {
        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException("Path is outside the allowed directory.");
        }

        return full;
    }
}

[McpServerToolType]
public sealed class FileSystemTools(PathGuard guard)
{
    [McpServerTool(Name = "read_file"), Description("Read the complete contents of a file from the file system.")]
    // corpus: silent
    public Task<string> ReadFile([Description("Path of the file")] string path, CancellationToken ct) =>
        File.ReadAllTextAsync(guard.Resolve(path), ct);

    [McpServerTool(Name = "read_multiple_files"), Description("Read the contents of multiple files simultaneously.")]
    // corpus: silent
    public async Task<string> ReadMultipleFiles(string[] paths, CancellationToken ct)
    {
        var builder = new StringBuilder();
        foreach (var path in paths)
        {
            builder.AppendLine($"{path}:").AppendLine(await File.ReadAllTextAsync(guard.Resolve(path), ct));
        }

        return builder.ToString();
    }

    [McpServerTool(Name = "write_file"), Description("Create a new file or completely overwrite an existing file with new content.")]
    // corpus: report
    public async Task<string> WriteFile(string path, string content, CancellationToken ct)
    {
        await File.WriteAllTextAsync(guard.Resolve(path), content, ct);
        return $"Successfully wrote to {path}";
    }

    [McpServerTool(Name = "edit_file"), Description("Make line-based edits to a text file. Returns a git-style diff.")]
    // corpus: report
    public async Task<string> EditFile(string path, string oldText, string newText, bool dryRun = false)
    {
        var full = guard.Resolve(path);
        var content = await File.ReadAllTextAsync(full);
        var updated = content.Replace(oldText, newText, StringComparison.Ordinal);
        if (!dryRun)
        {
            await File.WriteAllTextAsync(full, updated);
        }

        return updated;
    }

    [McpServerTool(Name = "create_directory"), Description("Create a new directory or ensure a directory exists.")]
    // corpus: report
    public string CreateDirectory(string path)
    {
        Directory.CreateDirectory(guard.Resolve(path));
        return $"Successfully created directory {path}";
    }

    [McpServerTool(Name = "list_directory"), Description("Get a detailed listing of all files and directories in a specified path.")]
    // corpus: silent
    public string ListDirectory(string path) =>
        string.Join("\n", new DirectoryInfo(guard.Resolve(path)).EnumerateFileSystemInfos().Select(i => (i is DirectoryInfo ? "[DIR] " : "[FILE] ") + i.Name));

    [McpServerTool(Name = "directory_tree"), Description("Get a recursive tree view of files and directories as a JSON structure.")]
    // corpus: silent
    public string DirectoryTree(string path) =>
        string.Join("\n", Directory.EnumerateFileSystemEntries(guard.Resolve(path), "*", SearchOption.AllDirectories));

    [McpServerTool(Name = "move_file"), Description("Move or rename files and directories.")]
    // corpus: report
    public string MoveFile(string source, string destination)
    {
        File.Move(guard.Resolve(source), guard.Resolve(destination));
        return $"Successfully moved {source} to {destination}";
    }

    [McpServerTool(Name = "search_files"), Description("Recursively search for files and directories matching a pattern.")]
    // corpus: silent
    public IEnumerable<string> SearchFiles(string path, string pattern) =>
        Directory.EnumerateFiles(guard.Resolve(path), pattern, SearchOption.AllDirectories);

    [McpServerTool(Name = "get_file_info"), Description("Retrieve detailed metadata about a file or directory.")]
    // corpus: silent
    public string GetFileInfo(string path)
    {
        var info = new FileInfo(guard.Resolve(path));
        return $"size: {info.Length}, modified: {info.LastWriteTimeUtc:o}";
    }

    [McpServerTool(Name = "delete_file"), Description("Delete a file.")]
    // corpus: report
    public string DeleteFile(string path)
    {
        File.Delete(guard.Resolve(path));
        return $"Deleted {path}";
    }

    [McpServerTool(Name = "list_allowed_directories"), Description("Returns the list of directories that this server is allowed to access.")]
    // corpus: silent
    public string ListAllowedDirectories() => "/data";

    [McpServerTool(Name = "zip_folder"), Description("Compresses a folder into a zip archive next to it.")]
    // corpus: report
    public string ZipFolder(string path)
    {
        var full = guard.Resolve(path);
        using var stream = new FileStream(full + ".zip", FileMode.Create);
        return full + ".zip";
    }
}
