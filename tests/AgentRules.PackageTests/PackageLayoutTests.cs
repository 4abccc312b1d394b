using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
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
        var packages = Directory.GetFiles(package.FeedDirectory, "*.nupkg");
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
}
