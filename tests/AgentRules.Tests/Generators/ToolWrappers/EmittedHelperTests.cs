using System;
using System.IO;
using System.Linq;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Generators.ToolWrappers;

/// <summary>
/// The argument helpers every generated tool type carries are a real C# file (src/Generators/ToolWrappers/Emitted),
/// embedded in the generator: it compiles on its own, at the oldest language the wrappers support and at the newest,
/// with every warning on, and the generator carries exactly the file in the repository. (GoldenFileTests prove the
/// generated text around it is unchanged, byte for byte.)
/// </summary>
public class EmittedHelperTests
{
    private const string ResourceName = "AgentRules.Generators.ToolWrappers.AgentRulesArguments.cs";

    private static string FilePath => RepositoryPaths.Combine("src", "Generators", "ToolWrappers", "Emitted", "AgentRulesArguments.cs");

    [Theory]
    [InlineData(LanguageVersion.CSharp8)]
    [InlineData(LanguageVersion.Latest)]
    public void The_helper_file_compiles_alone_without_warnings(LanguageVersion version)
    {
        var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(FilePath), TestProject.ParseOptions.WithLanguageVersion(version), path: FilePath);
        var compilation = CSharpCompilation.Create(
            "EmittedHelpers",
            [tree],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(AnalyzerRunner.Format).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_generator_embeds_the_file_of_the_repository()
    {
        using var stream = typeof(ToolWrapperGenerator).Assembly.GetManifestResourceStream(ResourceName);
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        Assert.Equal(File.ReadAllText(FilePath).Replace("\r\n", "\n", StringComparison.Ordinal), reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void The_file_has_the_markers_the_emitter_copies_between()
    {
        var lines = File.ReadAllLines(FilePath).Select(l => l.Trim()).ToList();
        Assert.Equal(1, lines.Count(l => l == "// emitted:begin"));
        Assert.Equal(1, lines.Count(l => l == "// emitted:end"));
        Assert.True(lines.IndexOf("// emitted:begin") < lines.IndexOf("// emitted:end"));
        Assert.Equal(1, lines.Count(l => l.Contains("ParseSchema(string json)", StringComparison.Ordinal)));
        Assert.Equal(1, lines.Count(l => l.Contains("JsonDocument.Parse(json)", StringComparison.Ordinal)));
    }
}
