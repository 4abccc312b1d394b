using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Infrastructure;

/// <summary>
/// Resolves types by metadata name once per compilation. Create one in a compilation-start action (or per generator
/// compilation) and share it; lookups are thread-safe and cached, including misses.
/// </summary>
public sealed class KnownTypes
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _cache = new(StringComparer.Ordinal);
    private readonly Func<string, INamedTypeSymbol?> _resolve;

    public KnownTypes(Compilation compilation)
    {
        _compilation = compilation;
        _resolve = Resolve;
    }

    public Compilation Compilation => _compilation;

    /// <summary>The type with this metadata name, or null when the compilation cannot see exactly one.</summary>
    public INamedTypeSymbol? Get(string metadataName) => _cache.GetOrAdd(metadataName, _resolve);

    /// <summary>True when any of the named types resolves: the cheap "is this framework referenced" check.</summary>
    public bool AnyExists(params string[] metadataNames)
    {
        foreach (var name in metadataNames)
        {
            if (Get(name) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private INamedTypeSymbol? Resolve(string metadataName)
    {
        // GetTypeByMetadataName prefers the compilation's own definition and returns null when several referenced
        // assemblies define the name. In that case take the one public definition, if there is exactly one.
        var type = _compilation.GetTypeByMetadataName(metadataName);
        if (type is not null)
        {
            return type;
        }

        INamedTypeSymbol? candidate = null;
        foreach (var t in _compilation.GetTypesByMetadataName(metadataName))
        {
            if (t.DeclaredAccessibility != Accessibility.Public)
            {
                continue;
            }

            if (candidate is not null)
            {
                return null;
            }

            candidate = t;
        }

        return candidate;
    }
}
