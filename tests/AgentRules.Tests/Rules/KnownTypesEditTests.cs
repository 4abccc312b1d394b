using System.IO;
using System.Linq;
using System.Reflection;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Tests.Infrastructure;
using AgentRules.Tests.Rules.ToolSafety;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// <see cref="KnownTypes"/> carries the types it resolved from references to the next compilation of the same project
/// (a keystroke in the IDE) when the trees that differ declare the same things. These tests edit successive
/// compilations — a body, a declaration that adds a type of a looked-up name, the references — and check after each
/// edit that every answer is exactly the symbol the new compilation itself resolves (the same object for a referenced
/// type, the compilation's own symbol for a source type), and that the answers were carried only when the edit could
/// not change them.
/// </summary>
[Collection(ToolRegistrationCacheCollection.Name)] // the snapshots are process-wide: other tests' compilations must not evict them mid-test
public class KnownTypesEditTests
{
    private static readonly string[] Names =
    [
        "Shared.Clock", // a referenced assembly's type
        "Acme.Local", // a type of the compilation
        "Acme.Missing", // nowhere, in a namespace the source declares
        "Missing.Space.Type", // nowhere, in no namespace anybody declares
        "System.Threading.CancellationToken",
    ];

    private const string Declaring = """
        namespace Acme
        {
            public class Local
            {
                public int Twice(int value)
                {
                    return value * 2;
                }
            }
        }
        """;

    private const string Other = """
        namespace Acme
        {
            public static class Numbers
            {
                public static int Three() => 3;
            }
        }
        """;

    private const string Third = "namespace Acme { public static class Empty { } }";

    [Fact]
    public void Each_edit_resolves_the_symbols_the_new_compilation_resolves_and_carries_them_only_when_declarations_are_the_same()
    {
        var clock = Emit("Clock", "namespace Shared { public sealed class Clock { } }");
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var declaring = CSharpSyntaxTree.ParseText(Declaring, parse, "Declaring.cs");
        var other = CSharpSyntaxTree.ParseText(Other, parse, "Other.cs");
        Compilation compilation = CSharpCompilation.Create(
            "KnownTypesEdit",
            [declaring, other, CSharpSyntaxTree.ParseText(Third, parse, "Third.cs")],
            TestReferences.Net.Add(clock),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        Assert.False(Check(compilation)); // the first compilation of the project

        // A keystroke in a body: carried, and every answer is the new compilation's own.
        compilation = Edit(compilation, ref declaring, "value * 2", "value  * 2");
        Assert.True(Check(compilation));

        // Another body, in another file (two edits since the snapshot was taken are still one tree each).
        compilation = Edit(compilation, ref other, "=> 3;", "=> 4;");
        Assert.True(Check(compilation));

        // A declaration: the file now declares Shared.Clock itself, which shadows the referenced one.
        compilation = Edit(compilation, ref other, "public static class Numbers", "public static class Numbers { } }\nnamespace Shared { public class Clock");
        Assert.False(Check(compilation));
        Assert.True(new KnownTypes(compilation).Get("Shared.Clock")!.DeclaringSyntaxReferences.Length > 0);

        // A body edit after it: carried again, and the source Clock (never carried) is resolved again.
        compilation = Edit(compilation, ref declaring, "value  * 2", "value * 2");
        Assert.True(Check(compilation));
        Assert.True(new KnownTypes(compilation).Get("Shared.Clock")!.DeclaringSyntaxReferences.Length > 0);

        // The missing type declared: a declaration, recomputed.
        compilation = Edit(compilation, ref declaring, "public class Local", "public class Missing { }\n    public class Local");
        Assert.False(Check(compilation));
        Assert.NotNull(new KnownTypes(compilation).Get("Acme.Missing"));

        // Other references: nothing carried.
        compilation = compilation.WithReferences(TestReferences.Net);
        Assert.False(Check(compilation));
        compilation = Edit(compilation, ref declaring, "value * 2", "value + value");
        Assert.True(Check(compilation));
    }

    /// <summary>
    /// Asks every name of a new <see cref="KnownTypes"/> of <paramref name="compilation"/> and checks each answer is the
    /// symbol the compilation resolves itself; returns whether the answers were carried.
    /// </summary>
    private static bool Check(Compilation compilation)
    {
        var types = new KnownTypes(compilation);
        foreach (var name in Names)
        {
            Assert.Same(Resolve(compilation, name), types.Get(name));
        }

        // Another KnownTypes of the same compilation shares the answers.
        Assert.Same(types.Get("Acme.Local"), new KnownTypes(compilation).Get("Acme.Local"));
        return (bool)typeof(KnownTypes).GetProperty("Carried", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(types)!;
    }

    /// <summary>What the compilation resolves the name to: its own answer, or the one public definition among the references.</summary>
    private static INamedTypeSymbol? Resolve(Compilation compilation, string name)
    {
        if (compilation.GetTypeByMetadataName(name) is { } type)
        {
            return type;
        }

        var candidates = compilation.GetTypesByMetadataName(name).Where(t => t.DeclaredAccessibility == Accessibility.Public).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static Compilation Edit(Compilation compilation, ref SyntaxTree tree, string find, string replace)
    {
        var text = tree.GetText();
        var start = text.ToString().IndexOf(find, System.StringComparison.Ordinal);
        Assert.True(start >= 0, find);
        var edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(start, find.Length), replace)));
        var result = compilation.ReplaceSyntaxTree(tree, edited);
        tree = edited;
        return result;
    }

    private static MetadataReference Emit(string name, string source)
    {
        var compilation = CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(source)], TestReferences.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
