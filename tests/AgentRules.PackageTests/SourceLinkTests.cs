using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Xml.Linq;
using AgentRules.Tests;
using Xunit;

namespace AgentRules.PackageTests;

/// <summary>
/// Source Link in the packed binaries: each embedded PDB maps its documents to the packed commit's files in the
/// repository (Directory.Build.props' RepositoryUrl when the clone's remote is none or a local path, as in CI), so a
/// debugger steps into the exact sources. Packed from a folder without git metadata there is no map at all; that is the
/// documented behaviour, and the test asserts it there instead.
/// </summary>
[Collection(PackageCollection.Name)]
public class SourceLinkTests(PackageFixture package)
{
    private const string RepositoryUrl = "https://github.com/agentrules/AgentRules";
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    public static TheoryData<string> Binaries() => PackageLayoutTests.Binaries();

    [Theory]
    [MemberData(nameof(Binaries))]
    public void Every_binary_maps_its_sources_to_the_packed_commit_in_the_repository(string entry)
    {
        using var pe = new PEReader(new MemoryStream(ReadEntry(entry)));
        using var provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(pe.ReadDebugDirectory().Single(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb));
        var pdb = provider.GetMetadataReader();
        var map = SourceLinkMap(pdb);
        var commit = HeadCommit();
        if (commit is null)
        {
            Assert.True(map is null, "Packed without git metadata, a binary has no Source Link map (docs: README, Packaging).");
            return;
        }

        Assert.NotNull(map);
        var pair = Assert.Single(map!);
        Assert.Equal("/_/*", pair.Key);
        Assert.Equal($"https://raw.githubusercontent.com/agentrules/AgentRules/{commit}/*", pair.Value);

        // Every document either maps to a file of this commit (it exists at that path in the repository) or is
        // embedded in the PDB (generated or untracked sources). None is left for a debugger to look for.
        var mapped = 0;
        foreach (var handle in pdb.Documents)
        {
            var name = pdb.GetString(pdb.GetDocument(handle).Name);
            if (HasEmbeddedSource(pdb, handle))
            {
                continue;
            }

            Assert.StartsWith("/_/", name, StringComparison.Ordinal);
            var relative = name.Substring("/_/".Length);
            Assert.True(File.Exists(RepositoryPaths.Combine(relative.Split('/'))), $"{entry}: '{name}' maps to {pair.Value.Replace("*", relative, StringComparison.Ordinal)}, which is not a file of the repository");
            mapped++;
        }

        Assert.True(mapped > 0, entry + ": no document is mapped by Source Link");
    }

    [Fact]
    public void The_nuspec_names_the_repository_and_the_packed_commit()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        using var stream = zip.GetEntry("AgentRules.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        var repository = nuspec.Root!.Element(nuspec.Root.GetDefaultNamespace() + "metadata")!.Element(nuspec.Root.GetDefaultNamespace() + "repository")!;

        Assert.Equal("git", repository.Attribute("type")!.Value);
        Assert.Equal(RepositoryUrl, repository.Attribute("url")!.Value);
        Assert.Equal(HeadCommit(), repository.Attribute("commit")?.Value);
    }

    private byte[] ReadEntry(string entry)
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        using var stream = zip.GetEntry(entry)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The module's Source Link JSON ("documents": path pattern to URL pattern), or null when it has none.</summary>
    private static Dictionary<string, string>? SourceLinkMap(MetadataReader pdb)
    {
        foreach (var handle in pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var information = pdb.GetCustomDebugInformation(handle);
            if (pdb.GetGuid(information.Kind) == SourceLinkKind)
            {
                using var json = JsonDocument.Parse(pdb.GetBlobBytes(information.Value));
                return json.RootElement.GetProperty("documents").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
            }
        }

        return null;
    }

    private static bool HasEmbeddedSource(MetadataReader pdb, DocumentHandle document) =>
        pdb.GetCustomDebugInformation(document).Any(h => pdb.GetGuid(pdb.GetCustomDebugInformation(h).Kind) == EmbeddedSourceKind);

    /// <summary>The commit the package was packed from (the repository's HEAD), or null when the folder is not a git work tree.</summary>
    private static string? HeadCommit()
    {
        try
        {
            var start = new ProcessStartInfo("git", ["rev-parse", "HEAD"])
            {
                WorkingDirectory = RepositoryPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 && output.Length == 40 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on the machine: the build could not read the repository either
        }
    }
}
