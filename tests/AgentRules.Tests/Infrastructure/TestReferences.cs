using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AgentRules.Tests.Infrastructure;

/// <summary>
/// The metadata references test sources compile against:
/// <list type="bullet">
/// <item>the .NET reference assemblies from the SDK's reference pack, found next to the running runtime;</item>
/// <item>the real framework assemblies this repository can restore (Microsoft.Extensions.AI.Abstractions, the MCP
/// C# SDK, OpenAI, Microsoft.Extensions.Hosting) and their dependency closure, from the test's output folder;</item>
/// <item>the AgentRules runtime assembly;</item>
/// <item>the stubs in <c>Stubs/</c>: Semantic Kernel, Agent Framework, Microsoft.Extensions.AI and other types that
/// cannot be restored here, declared under their real metadata names and compiled once into their own assembly.</item>
/// </list>
/// </summary>
public static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_net = new(LoadReferencePack);
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_frameworks = new(LoadFrameworkPackages);
    private static readonly Lazy<MetadataReference> s_agentRules = new(() => FromFile(typeof(AgentRules.EnvironmentScopeAttribute).Assembly.Location));
    private static readonly Lazy<MetadataReference> s_stubs = new(CompileStubs);

    /// <summary>The .NET reference assemblies only: a project that references no agent framework.</summary>
    public static ImmutableArray<MetadataReference> Net => s_net.Value;

    /// <summary>The AgentRules runtime (attributes, KillSwitch, AgentEnvironment, ...).</summary>
    public static MetadataReference AgentRules => s_agentRules.Value;

    /// <summary>Restorable framework packages and their dependencies.</summary>
    public static ImmutableArray<MetadataReference> Frameworks => s_frameworks.Value;

    /// <summary>The compiled stub frameworks (Semantic Kernel, Agent Framework, Microsoft.Extensions.AI, ...).</summary>
    public static MetadataReference Stubs => s_stubs.Value;

    /// <summary>Everything: what a real agent project built on these frameworks sees.</summary>
    public static ImmutableArray<MetadataReference> All => Net.AddRange(Frameworks).Add(AgentRules).Add(Stubs);

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
        // Anchor types from each restorable framework; their references are followed within the test's output
        // folder so a test source can use any type those packages expose.
        Assembly[] anchors =
        [
            typeof(Microsoft.Extensions.AI.IChatClient).Assembly,
            typeof(global::ModelContextProtocol.Server.McpServerToolAttribute).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.McpServerBuilderExtensions).Assembly,
            typeof(OpenAI.Chat.ChatClient).Assembly,
            typeof(Microsoft.Extensions.Hosting.Host).Assembly,
            typeof(Microsoft.Extensions.Hosting.IHostEnvironment).Assembly,
            typeof(AgentRules.ModelContextProtocol.McpToolPins).Assembly,
        ];

        var baseDirectory = AppContext.BaseDirectory;
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<AssemblyName>(anchors.Select(a => a.GetName()));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (pending.Count > 0)
        {
            var name = pending.Dequeue();
            if (name.Name is null || !seen.Add(name.Name))
            {
                continue;
            }

            var path = Path.Combine(baseDirectory, name.Name + ".dll");
            if (!File.Exists(path) || File.Exists(Path.Combine(ReferencePackDirectory, name.Name + ".dll")))
            {
                continue; // part of the shared framework: covered by the reference pack
            }

            paths.Add(path);
            foreach (var referenced in Assembly.LoadFrom(path).GetReferencedAssemblies())
            {
                pending.Enqueue(referenced);
            }
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
            throw new InvalidOperationException("The framework stubs in Stubs/ do not compile:" + Environment.NewLine + errors);
        }

        return MetadataReference.CreateFromImage(stream.ToArray(), filePath: "AgentRules.TestStubs.dll");
    }

    private static MetadataReference FromFile(string path) => MetadataReference.CreateFromFile(path);
}
