using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;

/// <summary>
/// Per-repository package sets (tests/Corpus/packages.tsv): the package versions a corpus project compiles against
/// when the scorer's default set (the packages Scorer.csproj references) cannot stand in for them — an SDK line whose
/// types the default set replaces with a later, incompatible major (Azure.AI.OpenAI 1.0 betas beside the 2.x that
/// Semantic Kernel's Azure connector brings), or a package the default set lacks.
/// <para>
/// Columns (tab-separated): repository, project folder (<c>*</c> for every project of the repository), mode, packages
/// (<c>Id@Version</c>, separated by spaces), reason. Mode <c>only</c>: the .NET reference pack and these packages'
/// dependency closure, nothing of the default set. Mode <c>add</c>: the default set, with these packages' closure
/// added and replacing the default set's assemblies of the same name. The closure is what NuGet restores for the
/// packages (a throw-away project under the temp folder, restored once per set with the repository's NuGet.config,
/// its compile-time assemblies read from project.assets.json).
/// </para>
/// </summary>
internal sealed class PackageSets
{
    private readonly List<Row> _rows;
    private readonly Dictionary<string, ImmutableArray<MetadataReference>> _restored = new(StringComparer.Ordinal);
    private ImmutableArray<MetadataReference> _referencePack;

    private PackageSets(List<Row> rows) => _rows = rows;

    /// <summary>The rows that applied to a compiled project: (repository, project folder, mode, packages).</summary>
    public List<string> Used { get; } = new();

    public static PackageSets Read(string path)
    {
        var rows = new List<Row>();
        if (!File.Exists(path))
        {
            return new PackageSets(rows);
        }

        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                continue;
            }

            var c = raw.Split('\t');
            var packages = c.Length >= 4 ? c[3].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            if (c.Length < 5 || c[0].Split('/').Length != 2 || c[1].Length == 0 || c[2] is not ("only" or "add")
                || packages.Length == 0 || packages.Any(p => p.Split('@') is not [{ Length: > 0 }, { Length: > 0 }]))
            {
                throw new FormatException($"{path}({number}): expected repository (owner/name), project folder or *, only|add, packages (Id@Version ...), reason separated by tabs");
            }

            rows.Add(new Row(c[0], c[1].TrimEnd('/'), c[2] == "only", packages.OrderBy(p => p, StringComparer.OrdinalIgnoreCase).ToArray()));
        }

        return new PackageSets(rows);
    }

    /// <summary>The references a project folder of a repository compiles against: its row's set, or the default set.</summary>
    public ImmutableArray<MetadataReference> ReferencesFor(string repo, string projectDir, ImmutableArray<MetadataReference> defaults)
    {
        var row = _rows.FirstOrDefault(r => r.Repo.Equals(repo, StringComparison.OrdinalIgnoreCase) && r.Project == projectDir)
            ?? _rows.FirstOrDefault(r => r.Repo.Equals(repo, StringComparison.OrdinalIgnoreCase) && r.Project == "*");
        if (row is null)
        {
            return defaults;
        }

        var packages = Restore(row.Packages);
        var usage = $"{repo} {(projectDir.Length == 0 ? "." : projectDir)}: {(row.Only ? "only" : "default set +")} {string.Join(" ", row.Packages)}";
        if (!Used.Contains(usage))
        {
            Used.Add(usage);
        }

        if (row.Only)
        {
            if (_referencePack.IsDefault)
            {
                _referencePack = References.LoadReferencePack();
            }

            return _referencePack.AddRange(packages);
        }

        var names = packages.Select(r => Path.GetFileName(r.Display)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return defaults.Where(r => !names.Contains(Path.GetFileName(r.Display))).Concat(packages).ToImmutableArray();
    }

    // The compile-time assemblies of the packages' dependency closure, restored for the corpus's target framework.
    private ImmutableArray<MetadataReference> Restore(string[] packages)
    {
        var key = string.Join(" ", packages);
        if (_restored.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(References.TargetFramework + " " + key)))[..16].ToLowerInvariant();
        var dir = Path.Combine(Path.GetTempPath(), "agentrules-corpus-packages", hash);
        var assets = Path.Combine(dir, "obj", "project.assets.json");
        if (!File.Exists(assets))
        {
            Directory.CreateDirectory(dir);
            var items = string.Join(Environment.NewLine, packages.Select(p => p.Split('@')).Select(p => $"    <PackageReference Include=\"{p[0]}\" Version=\"[{p[1]}]\" />"));
            File.WriteAllText(Path.Combine(dir, "packages.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <!-- Written by the corpus scorer (tests/Corpus/Scorer/PackageSets.cs) to restore a package set: {key} -->
                  <PropertyGroup>
                    <TargetFramework>{References.TargetFramework}</TargetFramework>
                    <NoWarn>NU1603;NU1608;NU1701;NU1901;NU1902;NU1903;NU1904</NoWarn>
                  </PropertyGroup>
                  <ItemGroup>
                {items}
                  </ItemGroup>
                </Project>
                """);
            var config = Path.Combine(FindRepoRoot(), "NuGet.config");
            var start = new ProcessStartInfo("dotnet", $"restore \"{Path.Combine(dir, "packages.csproj")}\"" + (File.Exists(config) ? $" --configfile \"{config}\"" : string.Empty))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = dir,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(assets))
            {
                throw new InvalidOperationException($"restoring the package set '{key}' failed:{Environment.NewLine}{output}");
            }
        }

        using var json = JsonDocument.Parse(File.ReadAllText(assets));
        var root = json.RootElement;
        var packageFolder = root.GetProperty("packageFolders").EnumerateObject().First().Name;
        var libraries = root.GetProperty("libraries");
        var packNames = Directory.EnumerateFiles(References.ReferencePack, "*.dll").Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var result = new List<MetadataReference>();
        foreach (var library in root.GetProperty("targets").EnumerateObject().First().Value.EnumerateObject())
        {
            if (!library.Value.TryGetProperty("compile", out var compile) || !libraries.TryGetProperty(library.Name, out var info) || !info.TryGetProperty("path", out var libraryPath))
            {
                continue;
            }

            foreach (var file in compile.EnumerateObject().Select(f => f.Name))
            {
                // "_._" marks a framework that needs nothing from the package; the reference pack wins over packages
                // that only back-port its assemblies (System.Text.Json 4.7.2 beside .NET's own).
                if (file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !packNames.Contains(Path.GetFileName(file)))
                {
                    result.Add(MetadataReference.CreateFromFile(Path.Combine(packageFolder, libraryPath.GetString()!, file)));
                }
            }
        }

        var references = result.ToImmutableArray();
        _restored[key] = references;
        return references;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AgentRules.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private sealed record Row(string Repo, string Project, bool Only, string[] Packages);
}
