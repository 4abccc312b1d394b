using System;
using System.Collections.Immutable;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AgentRules.Tests.Frameworks;

/// <summary>
/// The real framework packages this repository restores — Microsoft.Extensions.AI 11, Microsoft.Agents.AI 1.28
/// (+ .Workflows), Semantic Kernel 1.82, the MCP C# SDK 2.4, OpenAI 2.15 and the rest of <see cref="TestReferences"/> —
/// with the .NET reference pack and the AgentRules runtime. No stand-ins: a test compiled against these references
/// fails when its source uses an API the real framework does not have. The references are the harness's own
/// (<see cref="TestReferences"/>), shared rather than loaded a second time.
/// </summary>
public static class RealFrameworks
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_all = new(() => TestReferences.Net.AddRange(TestReferences.Frameworks).Add(TestReferences.AgentRules));
    private static readonly Lazy<CSharpCompilation> s_compilation = new(() =>
        CSharpCompilation.Create("RealFrameworks", references: All, options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)));

    /// <summary>The real framework assemblies (no .NET reference pack, no AgentRules).</summary>
    public static ImmutableArray<MetadataReference> Frameworks => TestReferences.Frameworks;

    /// <summary>What a real agent project on these frameworks compiles against: .NET, the frameworks, AgentRules.</summary>
    public static ImmutableArray<MetadataReference> All => s_all.Value;

    /// <summary>An empty compilation over <see cref="All"/>, for resolving metadata names.</summary>
    public static CSharpCompilation Compilation => s_compilation.Value;

    /// <summary>The reference pack of the running runtime (packs/Microsoft.NETCore.App.Ref/{version}/ref/net{major}.{minor}).</summary>
    public static string ReferencePackDirectory => TestReferences.ReferencePackDirectory;
}
