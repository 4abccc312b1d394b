using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Xunit;

namespace AgentRules.PackageTests;

/// <summary>The one nupkg holds the runtime in lib/, every Roslyn component in analyzers/, and the MSBuild files.</summary>
[Collection(PackageCollection.Name)]
public class PackageLayoutTests(PackageFixture package)
{
    [Fact]
    public void Pack_produces_exactly_one_AgentRules_package()
    {
        // Companion packages a test packed into the same feed (PackageFixture.PackCompanion) are not the core's output.
        var packages = Directory.GetFiles(package.FeedDirectory, "*.nupkg").Except(package.CompanionPackages);
        Assert.Equal([Path.Combine(package.FeedDirectory, $"AgentRules.{package.Version}.nupkg")], packages);
    }

    [Fact]
    public void Package_holds_runtime_analyzers_and_build_files()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("lib/netstandard2.0/AgentRules.dll", entries);
        Assert.Contains("lib/net8.0/AgentRules.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/AgentRules.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/AgentRules.CodeFixes.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/AgentRules.Generators.dll", entries);
        Assert.Contains("build/AgentRules.props", entries);
        Assert.Contains("build/AgentRules.targets", entries);
        Assert.Contains("buildTransitive/AgentRules.props", entries);
        Assert.Contains("buildTransitive/AgentRules.targets", entries);
        Assert.Contains("README.md", entries);

        // Roslyn itself is provided by the compiler; shipping it would break loading.
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Analyzers", StringComparison.Ordinal));
    }

    [Fact]
    public void Package_metadata_comes_from_nuget_props_and_depends_only_on_DiagnosticSource_for_netstandard()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        using var stream = zip.GetEntry("AgentRules.nuspec")!.Open();
        var nuspec = XDocument.Load(stream);
        XNamespace ns = nuspec.Root!.GetDefaultNamespace();
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("AgentRules", metadata.Element(ns + "id")!.Value);
        Assert.Equal(package.Version, metadata.Element(ns + "version")!.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")!.Value));
        // ActivitySource (tool-call tracing) is in the framework from .NET 5 on; netstandard2.0 needs the package.
        var groups = metadata.Descendants(ns + "group").ToDictionary(g => g.Attribute("targetFramework")!.Value, g => g.Elements(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToList());
        Assert.Equal(["System.Diagnostics.DiagnosticSource"], groups[".NETStandard2.0"]);
        Assert.Empty(groups["net8.0"]);
        Assert.Single(metadata.Descendants(ns + "dependency"));
    }

    public static TheoryData<string> Binaries() => new()
    {
        "lib/netstandard2.0/AgentRules.dll",
        "lib/net8.0/AgentRules.dll",
        "analyzers/dotnet/cs/AgentRules.Analyzers.dll",
        "analyzers/dotnet/cs/AgentRules.CodeFixes.dll",
        "analyzers/dotnet/cs/AgentRules.Generators.dll",
        "build/tasks/AgentRules.Tasks.dll",
    };

    [Theory]
    [MemberData(nameof(Binaries))]
    public void Every_binary_carries_the_package_version(string entry)
    {
        var (metadata, _) = Read(entry);
        var numeric = package.Version.Split('-')[0];

        Assert.StartsWith(package.Version, AttributeValue(metadata, "AssemblyInformationalVersionAttribute"), StringComparison.Ordinal);
        Assert.Equal(numeric + ".0", AttributeValue(metadata, "AssemblyFileVersionAttribute"));
    }

    [Theory]
    [MemberData(nameof(Binaries))]
    public void Every_binary_embeds_its_pdb_and_no_build_machine_paths(string entry)
    {
        var (_, bytes) = Read(entry);
        using var pe = new PEReader(new MemoryStream(bytes));
        var debug = pe.ReadDebugDirectory();
        var embedded = Assert.Single(debug, d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        using var zip = ZipFile.OpenRead(package.PackagePath);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase));

        // Packed as CI packs: the PDB is named without a folder, every document path is mapped to /_/.
        var codeView = pe.ReadCodeViewDebugDirectoryData(Assert.Single(debug, d => d.Type == DebugDirectoryEntryType.CodeView));
        Assert.True(codeView.Path.StartsWith("/_/", StringComparison.Ordinal) || !Path.IsPathRooted(codeView.Path), codeView.Path);
        using var pdbProvider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
        var pdb = pdbProvider.GetMetadataReader();
        var documents = pdb.Documents.Select(h => pdb.GetString(pdb.GetDocument(h).Name)).ToList();
        Assert.NotEmpty(documents);
        Assert.All(documents, d => Assert.True(d.StartsWith("/_/", StringComparison.Ordinal) || !Path.IsPathRooted(d), d));
        Assert.DoesNotContain(documents, d => d.Contains(RepositoryRootName(), StringComparison.Ordinal));
    }

    private (MetadataReader Metadata, byte[] Bytes) Read(string entry)
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        using var stream = zip.GetEntry(entry)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        var pe = new PEReader(new MemoryStream(bytes));
        return (pe.GetMetadataReader(), bytes);
    }

    private static string AttributeValue(MetadataReader metadata, string attributeName)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
            if (parent.Kind == HandleKind.TypeReference && metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)parent).Name) == attributeName)
            {
                var blob = metadata.GetBlobReader(attribute.Value);
                blob.ReadUInt16(); // prolog
                return blob.ReadSerializedString()!;
            }
        }

        throw new InvalidOperationException(attributeName + " not found");
    }

    private static string RepositoryRootName() => AgentRules.Tests.RepositoryPaths.Root.TrimEnd('/', '\\');
}
