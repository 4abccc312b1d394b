using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Runtime;

/// <summary>
/// Tool files import <c>AgentRules</c> next to the namespaces of the frameworks they use. No public AgentRules type
/// may share a simple name with a public type of those namespaces, or every file that writes it gets CS0104 (as
/// <c>[ReadOnly]</c> did next to <c>System.ComponentModel.ReadOnlyAttribute</c>). The types are read from the real
/// assemblies: the .NET reference pack and the Microsoft.Extensions.AI, MCP C# SDK and Semantic Kernel packages.
/// </summary>
public class TypeNameClashTests
{
    private static readonly string[] s_namespaces =
    [
        "System.ComponentModel",
        "System.ComponentModel.DataAnnotations",
        "System.Diagnostics",
        "Microsoft.Extensions.AI",
        "ModelContextProtocol.Server",
        "Microsoft.SemanticKernel",
    ];

    private static readonly string[] s_packageAssemblyPrefixes = ["Microsoft.Extensions.AI", "ModelContextProtocol", "Microsoft.SemanticKernel"];

    [Fact]
    public void No_public_AgentRules_type_shares_a_simple_name_with_a_type_of_an_imported_framework_namespace()
    {
        var imported = ImportedTypes();
        var clashes = new List<string>();
        foreach (var type in typeof(ReadOnlyToolAttribute).Assembly.GetExportedTypes().Where(t => !t.IsNested))
        {
            foreach (var name in UsableNames(SimpleName(type.Name), typeof(Attribute).IsAssignableFrom(type)))
            {
                if (imported.TryGetValue(name, out var others))
                {
                    clashes.Add($"{type.FullName} ({name}) clashes with {string.Join(", ", others)}");
                }
            }
        }

        Assert.True(clashes.Count == 0, string.Join(Environment.NewLine, clashes));
    }

    [Theory]
    [InlineData("System.ComponentModel.ReadOnlyAttribute")]
    [InlineData("System.ComponentModel.DescriptionAttribute")]
    [InlineData("System.ComponentModel.DataAnnotations.EditableAttribute")]
    [InlineData("System.Diagnostics.ActivitySource")]
    [InlineData("Microsoft.Extensions.AI.FunctionInvokingChatClient")] // the Microsoft.Extensions.AI package
    [InlineData("Microsoft.Extensions.AI.ApprovalRequiredAIFunction")] // its abstractions
    [InlineData("ModelContextProtocol.Server.McpServerToolAttribute")]
    [InlineData("Microsoft.SemanticKernel.KernelFunctionAttribute")] // Semantic Kernel abstractions
    [InlineData("Microsoft.SemanticKernel.Kernel")]
    public void The_check_reads_the_real_framework_assemblies(string fullName)
    {
        var lastDot = fullName.LastIndexOf('.');
        var imported = ImportedTypes();

        Assert.True(imported.TryGetValue(fullName[(lastDot + 1)..], out var owners), fullName + " was not found");
        Assert.Contains(fullName, owners);
    }

    [Fact]
    public void The_check_catches_the_clash_it_exists_for()
    {
        var imported = ImportedTypes();

        // The old name of ReadOnlyToolAttribute, as the attribute short form and in full.
        Assert.Contains(UsableNames("ReadOnlyAttribute", isAttribute: true), imported.ContainsKey);
        Assert.Contains(UsableNames("ReadOnly", isAttribute: false), imported.ContainsKey);
        Assert.DoesNotContain(UsableNames("ReadOnlyToolAttribute", isAttribute: true), imported.ContainsKey);
    }

    /// <summary>Every public top-level type of the namespaces above, by simple name (with the attribute short form).</summary>
    private static Dictionary<string, SortedSet<string>> ImportedTypes()
    {
        var packages = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => s_packageAssemblyPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix + ".", StringComparison.Ordinal)))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Clashes", references: TestReferences.Net.AddRange(packages));

        var result = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var assembly in compilation.References.Select(compilation.GetAssemblyOrModuleSymbol).OfType<IAssemblySymbol>())
        {
            foreach (var ns in s_namespaces)
            {
                if (Find(assembly.GlobalNamespace, ns) is not { } symbol)
                {
                    continue;
                }

                foreach (var type in symbol.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public))
                {
                    var isAttribute = InheritsFrom(type, "System.Attribute");
                    foreach (var name in UsableNames(type.Name, isAttribute))
                    {
                        if (!result.TryGetValue(name, out var owners))
                        {
                            result[name] = owners = new SortedSet<string>(StringComparer.Ordinal);
                        }

                        owners.Add(ns + "." + type.Name);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>The names a file can write for the type: its name, and for an attribute the name without "Attribute".</summary>
    private static IEnumerable<string> UsableNames(string name, bool isAttribute)
    {
        yield return name;
        if (isAttribute && name.Length > "Attribute".Length && name.EndsWith("Attribute", StringComparison.Ordinal))
        {
            yield return name[..^"Attribute".Length];
        }
    }

    private static string SimpleName(string metadataName) => metadataName.Split('`')[0];

    private static INamespaceSymbol? Find(INamespaceSymbol global, string name)
    {
        var current = global;
        foreach (var part in name.Split('.'))
        {
            current = current.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    private static bool InheritsFrom(INamedTypeSymbol type, string fullName)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == fullName)
            {
                return true;
            }
        }

        return false;
    }
}
