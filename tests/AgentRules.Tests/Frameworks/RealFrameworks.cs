using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AgentRules.Tests.Frameworks;

/// <summary>
/// The real framework packages this repository restores — Microsoft.Extensions.AI 11, Microsoft.Agents.AI 1.28
/// (+ .Workflows), Semantic Kernel 1.82, the MCP C# SDK 2.4, OpenAI 2.15 — with their dependency closure, the .NET
/// reference pack and the AgentRules runtime. No stand-ins: a test compiled against these references fails when its
/// source uses an API the real framework does not have. Self-contained (it does not depend on the test harness's own
/// reference sets) so it survives the harness moving to Microsoft.CodeAnalysis.Testing.
/// </summary>
public static class RealFrameworks
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_frameworks = new(LoadFrameworks);
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_all = new(LoadAll);
    private static readonly Lazy<CSharpCompilation> s_compilation = new(() =>
        CSharpCompilation.Create("RealFrameworks", references: All, options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)));

    /// <summary>Anchor types, one per served package; their references are followed in the test's output folder.</summary>
    private static readonly Type[] s_anchors =
    [
        typeof(Microsoft.Extensions.AI.IChatClient),                              // Microsoft.Extensions.AI.Abstractions 11.0.0
        typeof(Microsoft.Extensions.AI.FunctionInvokingChatClient),               // Microsoft.Extensions.AI 11.0.0
        typeof(ModelContextProtocol.Server.McpServerToolAttribute),               // ModelContextProtocol.Core 2.4.0
        typeof(Microsoft.Extensions.DependencyInjection.McpServerBuilderExtensions), // ModelContextProtocol 2.4.0
        typeof(Microsoft.Agents.AI.AIAgent),                                      // Microsoft.Agents.AI.Abstractions 1.28.0
        typeof(Microsoft.Agents.AI.ChatClientAgent),                              // Microsoft.Agents.AI 1.28.0
        typeof(Microsoft.Agents.AI.Workflows.AgentWorkflowBuilder),               // Microsoft.Agents.AI.Workflows 1.28.0
        typeof(Microsoft.SemanticKernel.Kernel),                                  // Microsoft.SemanticKernel.Abstractions 1.82.0
        typeof(Microsoft.SemanticKernel.KernelExtensions),                        // Microsoft.SemanticKernel.Core 1.82.0
        typeof(Microsoft.SemanticKernel.OpenAIServiceCollectionExtensions),       // Microsoft.SemanticKernel.Connectors.OpenAI 1.82.0
        typeof(OpenAI.Chat.ChatClient),                                           // OpenAI 2.15.0
        typeof(Microsoft.Extensions.Hosting.Host),                                // Microsoft.Extensions.Hosting 10
        typeof(Microsoft.Extensions.Hosting.IHostEnvironment),
    ];

    /// <summary>The real framework assemblies (no .NET reference pack, no AgentRules).</summary>
    public static ImmutableArray<MetadataReference> Frameworks => s_frameworks.Value;

    /// <summary>What a real agent project on these frameworks compiles against: .NET, the frameworks, AgentRules.</summary>
    public static ImmutableArray<MetadataReference> All => s_all.Value;

    /// <summary>An empty compilation over <see cref="All"/>, for resolving metadata names.</summary>
    public static CSharpCompilation Compilation => s_compilation.Value;

    /// <summary>The reference pack of the running runtime (packs/Microsoft.NETCore.App.Ref/{version}/ref/net{major}.{minor}).</summary>
    public static string ReferencePackDirectory { get; } = FindReferencePack();

    private static ImmutableArray<MetadataReference> LoadAll() =>
        Directory.EnumerateFiles(ReferencePackDirectory, "*.dll")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Concat(Frameworks)
            .Append(MetadataReference.CreateFromFile(typeof(global::AgentRules.EnvironmentScopeAttribute).Assembly.Location))
            .ToImmutableArray();

    private static ImmutableArray<MetadataReference> LoadFrameworks()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<AssemblyName>(s_anchors.Select(t => t.Assembly.GetName()));
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
                continue; // not shipped with the tests, or part of the shared framework (the reference pack covers it)
            }

            paths.Add(path);
            foreach (var referenced in Assembly.LoadFrom(path).GetReferencedAssemblies())
            {
                pending.Enqueue(referenced);
            }
        }

        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    private static string FindReferencePack()
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var packs = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"));
        var runtime = Environment.Version;
        var tfm = $"net{runtime.Major}.{runtime.Minor}";
        return Directory.GetDirectories(packs)
            .Select(dir => (Dir: dir, Version: Version.TryParse(Path.GetFileName(dir).Split('-')[0], out var v) ? v : null))
            .Where(c => c.Version is { } v && v.Major == runtime.Major && v.Minor == runtime.Minor)
            .OrderByDescending(c => c.Version)
            .Select(c => Path.Combine(c.Dir, "ref", tfm))
            .First(Directory.Exists);
    }
}
