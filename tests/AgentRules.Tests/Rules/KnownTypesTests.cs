using System.IO;
using System.Linq;
using AgentRules.Analyzers.Roslyn;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Rules;

public class KnownTypesTests
{
    private const string Source = """
        namespace Acme.Agents
        {
            public class Tool
            {
                public class Inner { }
            }

            public class Generic<T> { }
        }
        """;

    [Theory]
    [InlineData("Acme.Agents.Tool", true)]
    [InlineData("Acme.Agents.Tool+Inner", true)]
    [InlineData("Acme.Agents.Generic`1", true)]
    [InlineData("System.Threading.CancellationToken", true)]
    [InlineData("Acme.Agents.Missing", false)] // the namespace exists, the type does not
    [InlineData("Acme.Missing.Tool", false)] // no such namespace anywhere
    [InlineData("Microsoft.SemanticKernel.Kernel", false)] // a framework the compilation does not reference
    [InlineData("Tool", false)]
    public void Resolves_types_by_metadata_name(string metadataName, bool found)
    {
        var types = new KnownTypes(Compile(Source));

        var type = types.Get(metadataName);

        Assert.Equal(found, type is not null);
        Assert.Same(type, types.Get(metadataName)); // cached, misses included
    }

    [Fact]
    public void A_name_defined_in_two_references_resolves_to_the_one_public_definition()
    {
        var publicOne = Emit("One", "namespace Shared { public sealed class Clock { } }");
        var internalOne = Emit("Two", "namespace Shared { internal sealed class Clock { } }");
        var compilation = CSharpCompilation.Create("App", [CSharpSyntaxTree.ParseText("class C { }")], TestReferences.Net.Add(publicOne).Add(internalOne));

        Assert.Null(compilation.GetTypeByMetadataName("Shared.Clock")); // ambiguous to the compiler
        var clock = new KnownTypes(compilation).Get("Shared.Clock");

        Assert.NotNull(clock);
        Assert.Equal(Accessibility.Public, clock.DeclaredAccessibility);
    }

    private static Compilation Compile(string source) =>
        CSharpCompilation.Create("App", [CSharpSyntaxTree.ParseText(source)], TestReferences.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static MetadataReference Emit(string name, string source)
    {
        var compilation = CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(source)], TestReferences.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
