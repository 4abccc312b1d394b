using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace AgentRules.Tests.Infrastructure;

/// <summary>
/// The metadata references test sources compile against, created once per test run and shared by every test:
/// <list type="bullet">
/// <item>the .NET 10 reference assemblies (Microsoft.NETCore.App.Ref) from the SDK's reference pack, found next to the
/// running runtime;</item>
/// <item>the real framework packages this project restores — Microsoft.Extensions.AI, Microsoft Agent Framework (with its Harness),
/// Semantic Kernel, the MCP C# SDK, OpenAI, OllamaSharp, EF Core, Dapper, the Azure Blob and Service Bus SDKs,
/// Microsoft.Extensions.Hosting — and their dependency closure, from the test's output folder;</item>
/// <item>the AgentRules runtime assembly;</item>
/// <item>the stand-ins in <c>Stubs/</c> for what the registry does not serve (Semantic Kernel's agent packages, the
/// Agent Framework's hosting package, Azure AI Foundry agents, the Azure Functions MCP extension), declared under their real metadata names and compiled once,
/// against the real packages, into their own assembly.</item>
/// </list>
/// </summary>
public static class TestReferences
{
    // The assemblies a real agent project references directly; their references are followed within the test's
    // output folder, so a test source can use any type those packages expose.
    private static readonly string[] FrameworkAssemblies =
    [
        "Microsoft.Extensions.AI.Abstractions",
        "Microsoft.Extensions.AI",
        "Microsoft.Extensions.AI.OpenAI",
        "Microsoft.Agents.AI.Abstractions",
        "Microsoft.Agents.AI",
        "Microsoft.Agents.AI.Workflows",
        "Microsoft.Agents.AI.OpenAI",
        "Microsoft.Agents.AI.Harness",
        "Microsoft.SemanticKernel.Abstractions",
        "Microsoft.SemanticKernel.Core",
        "Microsoft.SemanticKernel.Connectors.OpenAI",
        "Microsoft.SemanticKernel.Connectors.AzureOpenAI",
        "ModelContextProtocol.Core",
        "ModelContextProtocol",
        "OpenAI",
        "OllamaSharp",
        "Microsoft.EntityFrameworkCore",
        "Dapper",
        "Azure.Core",
        "Azure.Storage.Blobs",
        "Azure.Messaging.ServiceBus",
        "Microsoft.Extensions.Hosting",
        "Microsoft.Extensions.Hosting.Abstractions",
        // AgentRules' MCP companion: test sources call its pin check (AGR0015).
        "AgentRules.ModelContextProtocol",
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_net = new(LoadReferencePack);
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_frameworks = new(LoadFrameworkPackages);
    private static readonly Lazy<MetadataReference> s_agentRules = new(() => FromFile(typeof(AgentRules.EnvironmentScopeAttribute).Assembly.Location));
    private static readonly Lazy<MetadataReference> s_stubs = new(CompileStubs);
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_all = new(() => Net.AddRange(Frameworks).Add(AgentRules).Add(Stubs));

    /// <summary>
    /// What <c>Microsoft.CodeAnalysis.Testing</c> resolves on its own: nothing (the target framework's name only). Its
    /// built-in sets stop at .NET 9 and download packages at test time; the tests pass the SDK's own .NET 10 reference
    /// pack (<see cref="Net"/>) as additional references instead, so nothing is fetched while tests run.
    /// </summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = new("net10.0");

    /// <summary>The .NET reference assemblies only: a project that references no agent framework.</summary>
    public static ImmutableArray<MetadataReference> Net => s_net.Value;

    /// <summary>The AgentRules runtime (attributes, KillSwitch, AgentEnvironment, ...).</summary>
    public static MetadataReference AgentRules => s_agentRules.Value;

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_efCore8 = new(LoadEntityFrameworkCore8);

    /// <summary>
    /// The real EF Core 8.0.34 (core, abstractions, relational), downloaded by the test project: where EF Core 7 and 8
    /// declared <c>ExecuteDelete</c>/<c>ExecuteUpdate</c> (<c>RelationalQueryableExtensions</c>). Use with
    /// <see cref="FrameworksWithout"/> the EF Core 10 assemblies.
    /// </summary>
    public static ImmutableArray<MetadataReference> EntityFrameworkCore8 => s_efCore8.Value;

    private static ImmutableArray<MetadataReference> LoadEntityFrameworkCore8()
    {
        var root = NuGetPackageRoot();
        string[] names = ["Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Abstractions", "Microsoft.EntityFrameworkCore.Relational"];
        return names.Select(name => FromFile(Path.Combine(root, name.ToLowerInvariant(), "8.0.34", "lib", "net8.0", name + ".dll"))).ToImmutableArray();
    }

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_azureOpenAI1 = new(() =>
        ImmutableArray.Create(FromFile(Path.Combine(NuGetPackageRoot(), "azure.ai.openai", "1.0.0-beta.6", "lib", "netstandard2.0", "Azure.AI.OpenAI.dll"))));

    /// <summary>
    /// The real Azure.AI.OpenAI 1.0.0-beta.6, downloaded by the test project: the 1.0 line's <c>OpenAIClient</c>
    /// (<c>GetChatCompletionsAsync(deploymentOrModelName, options)</c>) and role-based <c>ChatMessage</c>. Use with
    /// <see cref="AzureOpenAI1Project"/>.
    /// </summary>
    public static ImmutableArray<MetadataReference> AzureOpenAI1 => s_azureOpenAI1.Value;

    /// <summary>
    /// What a project on Azure.AI.OpenAI 1.0.0-beta.6 compiles against: .NET, the framework packages without
    /// Azure.AI.OpenAI 2.x and the Semantic Kernel connector built on it, the 1.0 beta (its Azure.Core dependency is
    /// among the frameworks' own), and the AgentRules runtime.
    /// </summary>
    public static ImmutableArray<MetadataReference> AzureOpenAI1Project =>
        Net.AddRange(FrameworksWithout("Azure.AI.OpenAI", "Microsoft.SemanticKernel.Connectors.AzureOpenAI")).AddRange(AzureOpenAI1).Add(AgentRules);

    private static string NuGetPackageRoot() =>
        System.Reflection.CustomAttributeExtensions.GetCustomAttributes<System.Reflection.AssemblyMetadataAttribute>(typeof(TestReferences).Assembly)
            .FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value is { Length: > 0 } root
            ? root
            : throw new InvalidOperationException("The test assembly does not record NuGetPackageRoot (see AgentRules.Tests.csproj).");

    private static readonly Lazy<MetadataReference> s_libGit2Sharp = new(() => FromFile(Path.Combine(NuGetPackageRoot(), "libgit2sharp", "0.32.0", "lib", "net8.0", "LibGit2Sharp.dll")));

    /// <summary>The real LibGit2Sharp 0.32.0, downloaded by the test project (a git library tools call to clone and commit).</summary>
    public static MetadataReference LibGit2Sharp => s_libGit2Sharp.Value;

    /// <summary>The real framework packages and their dependencies.</summary>
    public static ImmutableArray<MetadataReference> Frameworks => s_frameworks.Value;

    /// <summary>The framework packages without some assemblies (by name), for projects that build against an older stand-in of them.</summary>
    public static ImmutableArray<MetadataReference> FrameworksWithout(params string[] assemblyNames) =>
        Frameworks.Where(r => !assemblyNames.Contains(Path.GetFileNameWithoutExtension(r.Display), StringComparer.OrdinalIgnoreCase)).ToImmutableArray();

    /// <summary>The compiled stand-ins for frameworks the registry does not serve.</summary>
    public static MetadataReference Stubs => s_stubs.Value;

    /// <summary>Everything: what a real agent project built on these frameworks sees.</summary>
    public static ImmutableArray<MetadataReference> All => s_all.Value;

    /// <summary>The SDK's reference pack directory for the running runtime, e.g. packs/Microsoft.NETCore.App.Ref/10.0.x/ref/net10.0.</summary>
    public static string ReferencePackDirectory { get; } = FindReferencePackDirectory();

    private static ImmutableArray<MetadataReference> LoadReferencePack() =>
        Directory.EnumerateFiles(ReferencePackDirectory, "*.dll")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(FromFile)
            .ToImmutableArray();

    private static string FindReferencePackDirectory()
    {
        // The shared runtime lives in {dotnet}/shared/Microsoft.NETCore.App/{version}/; the reference pack the SDK
        // uses for the same release is in {dotnet}/packs/Microsoft.NETCore.App.Ref/{version}/ref/net{major}.{minor}/.
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var runtime = Environment.Version;
        var tfm = $"net{runtime.Major}.{runtime.Minor}";

        var candidates = Directory.Exists(packs)
            ? Directory.GetDirectories(packs)
                .Select(dir => (Dir: dir, Version: Version.TryParse(Path.GetFileName(dir).Split('-')[0], out var v) ? v : null))
                .Where(c => c.Version is not null && c.Version.Major == runtime.Major && c.Version.Minor == runtime.Minor)
                .OrderByDescending(c => c.Version)
                .Select(c => Path.Combine(c.Dir, "ref", tfm))
                .Where(Directory.Exists)
                .ToList()
            : new List<string>();

        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"No reference pack for {tfm} under '{packs}'. The tests compile against the SDK's reference assemblies; install the .NET {runtime.Major}.{runtime.Minor} SDK.");
    }

    private static ImmutableArray<MetadataReference> LoadFrameworkPackages()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(FrameworkAssemblies);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (pending.Count > 0)
        {
            var name = pending.Dequeue();
            if (!seen.Add(name) || name == "AgentRules")
            {
                continue; // the AgentRules runtime is its own reference (a test may leave it out), not a framework's
            }

            var path = Path.Combine(baseDirectory, name + ".dll");
            if (!File.Exists(path) || File.Exists(Path.Combine(ReferencePackDirectory, name + ".dll")))
            {
                continue; // part of the shared framework (covered by the reference pack), or not shipped with the packages
            }

            paths.Add(path);
            using var reader = new PEReader(File.OpenRead(path));
            var metadata = reader.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
            {
                pending.Enqueue(metadata.GetString(metadata.GetAssemblyReference(handle).Name));
            }
        }

        var missing = FrameworkAssemblies.Where(name => !paths.Contains(Path.Combine(baseDirectory, name + ".dll"))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("Framework assemblies missing from the test output: " + string.Join(", ", missing));
        }

        return paths.Select(FromFile).ToImmutableArray();
    }

    private static MetadataReference CompileStubs()
    {
        var assembly = typeof(TestReferences).Assembly;
        var trees = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("Stubs/", StringComparison.Ordinal))
            .OrderBy(name => name, StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return CSharpSyntaxTree.ParseText(reader.ReadToEnd(), TestProject.ParseOptions, path: name);
            })
            .ToList();

        var compilation = CSharpCompilation.Create(
            "AgentRules.TestStubs",
            trees,
            Net.AddRange(Frameworks),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            var errors = string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            throw new InvalidOperationException("The stand-ins in Stubs/ do not compile against the real packages:" + Environment.NewLine + errors);
        }

        return MetadataReference.CreateFromImage(stream.ToArray(), filePath: "AgentRules.TestStubs.dll");
    }

    private static MetadataReference FromFile(string path) => MetadataReference.CreateFromFile(path);
}
