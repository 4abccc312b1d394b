using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules.Configuration;

/// <summary>
/// AGR0300 reads each file's options when that file is analyzed, not in a walk over every file of the compilation: a
/// keystroke in the IDE analyzes one document and must not read the options of the other thousands. The build still
/// hears about a bad value set for any one file, generated files included, once per key and value.
/// </summary>
public class InvalidOptionPerFileTests
{
    private const string Bad = "agentrules.max_iterations_ceiling";

    [Fact]
    public async Task Analyzing_one_document_reads_that_documents_options_only()
    {
        var (compilation, provider) = Build(("A.cs", null), ("B.cs", "lots"), ("C.cs", null));
        var analyzers = compilation.WithAnalyzers([new AGR0300InvalidOptionAnalyzer()], Options(provider));
        var b = compilation.SyntaxTrees.Single(t => t.FilePath == "B.cs");

        await analyzers.GetAnalyzerSyntaxDiagnosticsAsync(b, CancellationToken.None);
        await analyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(b), null, CancellationToken.None);

        Assert.All(provider.Read, path => Assert.Equal("B.cs", path));
    }

    [Fact]
    public async Task A_bad_value_set_for_one_file_is_reported_once_for_the_compilation()
    {
        var (compilation, provider) = Build(("A.cs", null), ("B.cs", "lots"), ("C.cs", "lots"), ("D.cs", "many"));

        var messages = await MessagesAsync(compilation, provider);

        Assert.Equal(
            [
                $"AgentRules option '{Bad} = lots' is ignored: expected a whole number of at least 1",
                $"AgentRules option '{Bad} = many' is ignored: expected a whole number of at least 1",
            ],
            messages);
        Assert.Equal(["A.cs", "B.cs", "C.cs", "D.cs"], provider.Read.Distinct().OrderBy(p => p, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_bad_value_set_only_for_a_generated_file_is_reported()
    {
        var (compilation, provider) = Build(("A.cs", null), ("obj/Api.g.cs", "lots"));

        var messages = await MessagesAsync(compilation, provider);

        Assert.Equal([$"AgentRules option '{Bad} = lots' is ignored: expected a whole number of at least 1"], messages);
    }

    private static async Task<string[]> MessagesAsync(Compilation compilation, PerFileOptions provider)
    {
        var diagnostics = await compilation.WithAnalyzers([new AGR0300InvalidOptionAnalyzer()], Options(provider)).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.All(diagnostics, d => Assert.Equal(Location.None, d.Location));
        return diagnostics.Select(d => d.GetMessage()).OrderBy(m => m, StringComparer.Ordinal).ToArray();
    }

    private static CompilationWithAnalyzersOptions Options(AnalyzerConfigOptionsProvider provider) =>
        new(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, provider), onAnalyzerException: (e, _, _) => throw e, concurrentAnalysis: false, logAnalyzerExecutionTime: false);

    private static (Compilation, PerFileOptions) Build(params (string Path, string? Ceiling)[] files)
    {
        var trees = files.Select((f, i) => CSharpSyntaxTree.ParseText($"public class C{i} {{ }}", path: f.Path)).ToArray();
        var options = new Dictionary<SyntaxTree, AnalyzerConfigOptions>();
        var read = new ConcurrentQueue<string>();
        for (var i = 0; i < files.Length; i++)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["dotnet_diagnostic.CA1000.severity"] = "none" };
            if (files[i].Ceiling is { } ceiling)
            {
                values[Bad] = ceiling;
            }

            options[trees[i]] = new Values(values, files[i].Path, read);
        }

        var compilation = CSharpCompilation.Create("Options", trees, TestReferences.Net, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return (compilation, new PerFileOptions(options, read));
    }

    private sealed class PerFileOptions(Dictionary<SyntaxTree, AnalyzerConfigOptions> perTree, ConcurrentQueue<string> read) : AnalyzerConfigOptionsProvider
    {
        /// <summary>The files whose options were listed.</summary>
        public ConcurrentQueue<string> Read { get; } = read;

        private static readonly AnalyzerConfigOptions s_none = new Values(new Dictionary<string, string>(StringComparer.Ordinal));

        public override AnalyzerConfigOptions GlobalOptions => s_none;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => perTree.TryGetValue(tree, out var options) ? options : s_none;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => s_none;
    }

    /// <summary>One file's options; <paramref name="read"/> hears the file's path each time its keys are listed.</summary>
    /// <remarks>
    /// The compiler asks for other files' options itself (whether a file is generated code: one <c>TryGetValue</c>);
    /// listing the keys is what AGR0300 does, so that is what the tests count.
    /// </remarks>
    private sealed class Values(Dictionary<string, string> values, string path = "", ConcurrentQueue<string>? read = null) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);

        public override IEnumerable<string> Keys
        {
            get
            {
                read?.Enqueue(path);
                return values.Keys;
            }
        }
    }
}
