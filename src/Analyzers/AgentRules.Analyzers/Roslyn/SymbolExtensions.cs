using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Roslyn;

/// <summary>Small symbol queries shared by the rules.</summary>
public static class SymbolExtensions
{
    /// <summary>The first attribute on <paramref name="symbol"/> whose class is, or derives from, <paramref name="attributeType"/>.</summary>
    public static AttributeData? GetAttribute(this ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return null;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass.IsOrDerivesFrom(attributeType))
            {
                return attribute;
            }
        }

        return null;
    }

    public static bool HasAttribute(this ISymbol symbol, INamedTypeSymbol? attributeType) => symbol.GetAttribute(attributeType) is not null;

    /// <summary>True when the type is <paramref name="baseType"/> or one of its subclasses (generic definitions compared).</summary>
    public static bool IsOrDerivesFrom(this ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the type is, or implements, the interface <paramref name="interfaceType"/>.</summary>
    public static bool IsOrImplements(this ITypeSymbol? type, INamedTypeSymbol? interfaceType)
    {
        if (type is null || interfaceType is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, interfaceType.OriginalDefinition))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, interfaceType.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a named argument (<c>[X(Name = value)]</c>) of an attribute; false when it is not set explicitly.</summary>
    public static bool TryGetNamedArgument(this AttributeData attribute, string name, out TypedConstant value)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                value = pair.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Reads a boolean named argument; null when it is not set explicitly (unset is not false).</summary>
    public static bool? GetNamedBoolean(this AttributeData attribute, string name) =>
        attribute.TryGetNamedArgument(name, out var value) && value.Value is bool b ? b : null;

    /// <summary>Reads a string named argument; null when it is not set explicitly.</summary>
    public static string? GetNamedString(this AttributeData attribute, string name) =>
        attribute.TryGetNamedArgument(name, out var value) ? value.Value as string : null;

    /// <summary>
    /// The attribute found on the symbol itself, else on its containing types (innermost first), else on its assembly.
    /// This is how scoping attributes such as <c>[EnvironmentScope]</c> are inherited.
    /// </summary>
    public static AttributeData? GetAttributeFromSymbolTypeOrAssembly(this ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return null;
        }

        for (ISymbol? current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.GetAttribute(attributeType) is { } found)
            {
                return found;
            }
        }

        return symbol.ContainingAssembly?.GetAttribute(attributeType);
    }
}
