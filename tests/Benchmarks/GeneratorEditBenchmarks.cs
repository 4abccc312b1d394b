using System.Globalization;
using System.Text;
using AgentRules.Generators.Prompts;
using AgentRules.Generators.ToolWrappers;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Benchmarks;

/// <summary>
/// What the tool-wrapper and prompt-registry generators cost the IDE per keystroke in a project with 1,000
/// <c>[AgentTool]</c> methods (100 files of 10 tools, with records, enums, defaults, descriptions and documentation,
/// plus 20 prompts and 50 files of ordinary code). Every iteration is a new compilation with one edited tree, run by
/// the same generator driver (its cache), as the IDE does. The edits:
/// <list type="bullet">
/// <item>a keystroke inside a method body of an unrelated file;</item>
/// <item>a new method in an unrelated class (a declaration edit elsewhere);</item>
/// <item>a new type in an unrelated file (a new type name: can change what names bind to);</item>
/// <item>a keystroke inside a tool's body (its file's 10 tools are parsed again).</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class GeneratorEditBenchmarks
{
    private const int ToolFiles = 100;
    private const int ToolsPerFile = 10;
    private const int UnrelatedFiles = 50;

    private GeneratorDriver _driver = null!;
    private Compilation _compilation = null!;
    private Compilation _next = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12, DocumentationMode.Parse);
        var trees = new List<SyntaxTree>();
        for (var file = 0; file < ToolFiles; file++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(ToolFile(file), parseOptions, path: $"/bench/Tools/Tools{file}.cs", encoding: Encoding.UTF8));
        }

        for (var file = 0; file < UnrelatedFiles; file++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(UnrelatedFile(file, 0), parseOptions, path: $"/bench/Code/Code{file}.cs", encoding: Encoding.UTF8));
        }

        trees.Add(CSharpSyntaxTree.ParseText(PromptFile(), parseOptions, path: "/bench/Prompts.cs", encoding: Encoding.UTF8));

        _compilation = CSharpCompilation.Create(
            "BenchAgents",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _driver = CSharpGeneratorDriver.Create(
            new[] { new ToolWrapperGenerator().AsSourceGenerator(), new PromptRegistryGenerator().AsSourceGenerator() },
            parseOptions: parseOptions);
        _driver = _driver.RunGenerators(_compilation);
        var tools = _driver.GetRunResult().Results[0].GeneratedSources.Length;
        var errors = _driver.GetRunResult().Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        if (tools != ToolFiles || errors != 0)
        {
            throw new InvalidOperationException($"The bench project generated {tools} wrapper files (expected {ToolFiles}) with {errors} errors.");
        }
    }

    [IterationSetup(Target = nameof(UnrelatedBodyEdit))]
    public void NextBodyEdit() => _next = Replace("/bench/Code/Code7.cs", UnrelatedFile(7, ++_edit));

    [IterationSetup(Target = nameof(UnrelatedDeclarationEdit))]
    public void NextDeclarationEdit() => _next = Replace("/bench/Code/Code7.cs", UnrelatedFile(7, 0) + $"\nnamespace Bench.Code7 {{ public static partial class Extra {{ public static int M{++_edit}() => 0; }} }}");

    [IterationSetup(Target = nameof(UnrelatedNewTypeEdit))]
    public void NextNewTypeEdit() => _next = Replace("/bench/Code/Code7.cs", UnrelatedFile(7, 0) + $"\nnamespace Bench.Code7 {{ public sealed class Added{++_edit} {{ }} }}");

    [IterationSetup(Target = nameof(ToolBodyEdit))]
    public void NextToolBodyEdit() => _next = Replace("/bench/Tools/Tools3.cs", ToolFile(3).Replace("=> orderId + 1;", $"=> orderId + {++_edit};", StringComparison.Ordinal));

    /// <summary>A keystroke inside a method body of a file with no tools.</summary>
    [Benchmark]
    public GeneratorDriver UnrelatedBodyEdit() => _driver = _driver.RunGenerators(_next);

    /// <summary>A method added to a class in a file with no tools.</summary>
    [Benchmark]
    public GeneratorDriver UnrelatedDeclarationEdit() => _driver = _driver.RunGenerators(_next);

    /// <summary>A type added in a file with no tools.</summary>
    [Benchmark]
    public GeneratorDriver UnrelatedNewTypeEdit() => _driver = _driver.RunGenerators(_next);

    /// <summary>A keystroke inside a tool's body: that file's 10 tools are parsed again.</summary>
    [Benchmark]
    public GeneratorDriver ToolBodyEdit() => _driver = _driver.RunGenerators(_next);

    /// <summary>
    /// Where an edit's time goes: runs <paramref name="edits"/> body edits with step tracking on and prints each
    /// tracked step's total time per edit (median over the edits) and the whole run's.
    /// </summary>
    public static void PrintStepTimes(int edits, TextWriter output)
    {
        var bench = new GeneratorEditBenchmarks();
        bench.Setup();
        bench._driver = CSharpGeneratorDriver.Create(
            new[] { new ToolWrapperGenerator().AsSourceGenerator(), new PromptRegistryGenerator().AsSourceGenerator() },
            parseOptions: (CSharpParseOptions)bench._compilation.SyntaxTrees.First().Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        bench._driver = bench._driver.RunGenerators(bench._compilation);
        var perStep = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var totals = new List<double>();
        for (var i = 0; i < edits; i++)
        {
            bench.NextBodyEdit();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            bench._driver = bench._driver.RunGenerators(bench._next);
            totals.Add(watch.Elapsed.TotalMilliseconds);
            foreach (var result in bench._driver.GetRunResult().Results)
            {
                foreach (var (name, runs) in result.TrackedSteps)
                {
                    var key = result.Generator.GetGeneratorType().Name + "/" + name;
                    if (!perStep.TryGetValue(key, out var list))
                    {
                        perStep[key] = list = new List<double>();
                    }

                    list.Add(runs.Sum(r => r.ElapsedTime.TotalMilliseconds));
                }
            }
        }

        static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted[sorted.Count / 2];
        }

        output.WriteLine($"whole run: median {Median(totals):F2} ms, min {totals.Min():F2} ms over {edits} body edits (step tracking on)");
        foreach (var (name, values) in perStep.OrderByDescending(p => Median(p.Value)))
        {
            output.WriteLine($"  {name}: median {Median(values):F3} ms");
        }
    }

    private Compilation Replace(string path, string text)
    {
        var old = _compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var edited = old.WithChangedText(SourceText.From(text, Encoding.UTF8));
        _compilation = _compilation.ReplaceSyntaxTree(old, edited);
        return _compilation;
    }

    private static IEnumerable<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .ToList();
        paths.Add(typeof(AgentToolAttribute).Assembly.Location);
        paths.Add(typeof(Microsoft.Extensions.AI.AIFunction).Assembly.Location);
        return paths.Distinct(StringComparer.Ordinal).Select(p => MetadataReference.CreateFromFile(p)).ToList();
    }

    internal static string ToolFile(int file)
    {
        var source = new StringBuilder();
        source.Append(CultureInfo.InvariantCulture, $$"""
            using System;
            using System.Collections.Generic;
            using System.ComponentModel;
            using System.Threading;
            using System.Threading.Tasks;
            using AgentRules;

            namespace Bench.Tools{{file}};

            public enum Priority{{file}} { Low, Normal, Urgent }

            public sealed record Query{{file}}(string Text, [property: Description("The page, from 1.")] int Page = 1, Priority{{file}} Priority = Priority{{file}}.Normal);

            /// <summary>Tools of area {{file}}.</summary>
            public sealed partial class AreaTools{{file}}
            {
            """);
        for (var tool = 0; tool < ToolsPerFile; tool++)
        {
            source.Append((tool % 4) switch
            {
                0 => $$"""

                    [AgentTool("get_order_{{file}}_{{tool}}"), ReadOnlyTool, Description("Looks up an order.")]
                    public int GetOrder{{tool}}([Description("The order id.")] int orderId, string region = "EU") => orderId + 1;

                """,
                1 => $$"""

                    /// <summary>Searches the orders.</summary>
                    /// <param name="query">What to look for.</param>
                    /// <param name="cancellationToken">Cancels the search.</param>
                    [AgentTool, ReadOnlyTool]
                    public Task<IReadOnlyList<string>> Search{{tool}}Async(Query{{file}} query, CancellationToken cancellationToken = default) =>
                        Task.FromResult<IReadOnlyList<string>>(new[] { query.Text });

                """,
                2 => $$"""

                    [AgentTool, DestructiveTool, EnvironmentScope("Development", "Staging"), RequiresApproval, ToolBudget(MaxCalls = 3, Cost = 5)]
                    [Description("Cancels an order.")]
                    public void Cancel{{tool}}(long orderId, decimal refund, string? reason, Priority{{file}} priority = Priority{{file}}.Normal) { }

                """,
                _ => $$"""

                    [AgentTool, ReadOnlyTool]
                    public static bool IsOpen{{tool}}(DateTimeOffset at, Guid? tenant, double[] scores, List<Query{{file}}> queries) => scores.Length > 0;

                """,
            });
        }

        source.Append("}\n");
        return source.ToString();
    }

    private static string UnrelatedFile(int file, int edit) => $$"""
        namespace Bench.Code{{file}};

        public sealed class Service{{file}}
        {
            private int _count;

            public int Count => _count;

            public int Add(int value)
            {
                _count += value + {{edit}};
                return _count;
            }

            public string Describe(string name) => name + ": " + _count;
        }
        """;

    private static string PromptFile()
    {
        var source = new StringBuilder("using AgentRules;\nnamespace Bench.Prompts;\npublic static class Prompts\n{\n");
        for (var i = 0; i < 20; i++)
        {
            source.Append(CultureInfo.InvariantCulture, $"    [Prompt(\"bench.prompt{i}\", Version = 2)]\n    public const string Prompt{i} = \"You answer questions about area {i}.\";\n");
        }

        return source.Append("}\n").ToString();
    }
}
