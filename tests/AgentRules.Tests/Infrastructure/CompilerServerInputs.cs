using System;
using System.Collections.Immutable;
using System.Linq;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Generators.ProcessSpec;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Tests.Infrastructure;

/// <summary>Every analyzer AgentRules ships: the rule analyzers and the spec analyzer, each a fresh instance.</summary>
public static class AgentRulesAnalyzers
{
    public static ImmutableArray<DiagnosticAnalyzer> RulesAndSpec() =>
        typeof(DiagnosticIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .Append(new ProcessSpecAnalyzer())
            .ToImmutableArray();
}

/// <summary>Resolves nothing, and throws from Equals and GetHashCode as the compiler server's logging resolver does.</summary>
public sealed class ThrowingMetadataResolver : MetadataReferenceResolver
{
    public override bool Equals(object? other) => throw new NotImplementedException();

    public override int GetHashCode() => throw new NotImplementedException();

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) => [];
}
