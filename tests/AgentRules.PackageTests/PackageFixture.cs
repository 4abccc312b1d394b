using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using AgentRules.Tests;
using Xunit;

namespace AgentRules.PackageTests;

/// <summary>
/// Packs AgentRules once per test run, with a version no earlier run used, into a temporary local feed. A unique
/// version means a package cached by an earlier run can never be the one restored. The version is removed from the
/// NuGet cache afterwards.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Version = "0.0.1-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N")[..8];
        WorkDirectory = Directory.CreateTempSubdirectory("agentrules-e2e-").FullName;
        FeedDirectory = Path.Combine(WorkDirectory, "feed");

        var project = RepositoryPaths.Combine("src", "Runtime", "AgentRules.csproj");
        // Version (not just PackageVersion): every assembly in the package carries it, as in a release. Packed as CI
        // packs (ContinuousIntegrationBuild), so the layout tests can check no binary carries this machine's paths.
        Pack = DotNetCli.Run(RepositoryPaths.Root, ["pack", project, "-c", "Release", "-o", FeedDirectory, "-p:Version=" + Version, "-p:ContinuousIntegrationBuild=true"]);
        if (Pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:" + Environment.NewLine + Pack);
        }

        PackagePath = Directory.GetFiles(FeedDirectory, "*.nupkg").Single();
    }

    private int _consumers;
    private readonly object _companionsLock = new();
    private readonly Dictionary<string, string> _companions = new(StringComparer.Ordinal);

    /// <summary>
    /// Packs a companion package (the project in <c>src/Integrations/{folder}</c>, e.g. AgentRules.ModelContextProtocol)
    /// into the same feed with the same version, the first time a test asks (once per test run: most tests need only
    /// the core package), and returns its path. It depends on the AgentRules package of that version.
    /// </summary>
    public string PackCompanion(string folder)
    {
        lock (_companionsLock)
        {
            if (_companions.TryGetValue(folder, out var packed))
            {
                return packed;
            }

            var project = Directory.GetFiles(RepositoryPaths.Combine("src", "Integrations", folder), "*.csproj").Single();
            var before = Directory.GetFiles(FeedDirectory, "*.nupkg");
            var pack = DotNetCli.Run(RepositoryPaths.Root, ["pack", project, "-c", "Release", "-o", FeedDirectory, "-p:Version=" + Version, "-p:ContinuousIntegrationBuild=true"]);
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack of {Path.GetFileName(project)} failed:" + Environment.NewLine + pack);
            }

            packed = Directory.GetFiles(FeedDirectory, "*.nupkg").Except(before).Single();
            _companions[folder] = packed;
            return packed;
        }
    }

    /// <summary>The companion packages packed so far (<see cref="PackCompanion"/>).</summary>
    public IReadOnlyCollection<string> CompanionPackages
    {
        get
        {
            lock (_companionsLock)
            {
                return _companions.Values.ToArray();
            }
        }
    }

    public string Version { get; }

    public string WorkDirectory { get; }

    public string FeedDirectory { get; }

    public string PackagePath { get; }

    public CommandResult Pack { get; }

    /// <summary>
    /// Copies a consumer project out of the repository (so none of the repository's build settings apply) into a
    /// folder of its own, next to a NuGet.config that adds the local feed, and returns that folder.
    /// </summary>
    public string CreateConsumer(string name)
    {
        var source = RepositoryPaths.Combine("tests", "AgentRules.PackageTests", "Consumers", name);
        // A fresh folder per call: tests edit and build their copy, and must never see another test's.
        var target = Path.Combine(WorkDirectory, "consumers", $"{Interlocked.Increment(ref _consumers)}", name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        File.WriteAllText(Path.Combine(target, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="agentrules-e2e" value="{FeedDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        return target;
    }

    /// <summary>Restores and builds a consumer against the packed version.</summary>
    public CommandResult Build(string consumerDirectory, params string[] extraArguments) =>
        DotNetCli.Run(consumerDirectory, ["build", "-p:AgentRulesVersion=" + Version, "--disable-build-servers", "-nodeReuse:false", "-v:minimal", .. extraArguments]);

    public void Dispose()
    {
        TryDelete(WorkDirectory);
        var nugetPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        TryDelete(Path.Combine(nugetPackages, "agentrules", Version));
        foreach (var companion in CompanionPackages)
        {
            // AgentRules.ModelContextProtocol.<version>.nupkg: the cache folder is the lower-case id.
            var id = Path.GetFileNameWithoutExtension(companion)[..^(Version.Length + 1)];
            TryDelete(Path.Combine(nugetPackages, id.ToLowerInvariant(), Version));
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Packed AgentRules";
}
