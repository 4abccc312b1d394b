using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Roslyn;

/// <summary>
/// Resolves types by metadata name once per compilation. Create one in a compilation-start action (or per generator
/// compilation) and share it; lookups are thread-safe and cached, including misses.
/// </summary>
public sealed class KnownTypes
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _cache = new(StringComparer.Ordinal);
    private readonly Func<string, INamedTypeSymbol?> _resolve;
    private readonly ConcurrentDictionary<string, bool> _namespaces = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _namespaceExists;

    public KnownTypes(Compilation compilation)
    {
        _compilation = compilation;
        _resolve = Resolve;
        _namespaceExists = NamespaceExists;
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
        // Most lookups miss (the rules know many frameworks; a project uses one or two), and a miss searches every
        // reference twice below. A type in a namespace that neither the source nor any reference declares cannot
        // exist, and the merged namespace tree answers that with a few cached member lookups.
        var nested = metadataName.IndexOf('+');
        var dot = metadataName.LastIndexOf('.', nested < 0 ? metadataName.Length - 1 : nested);
        if (dot > 0 && !_namespaces.GetOrAdd(metadataName.Substring(0, dot), _namespaceExists))
        {
            return null;
        }

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

    private bool NamespaceExists(string name)
    {
        var current = _compilation.GlobalNamespace;
        foreach (var part in name.Split('.'))
        {
            INamespaceSymbol? next = null;
            foreach (var member in current.GetMembers(part))
            {
                if (member is INamespaceSymbol ns)
                {
                    next = ns;
                    break;
                }
            }

            if (next is null)
            {
                return false;
            }

            current = next;
        }

        return true;
    }
}
