using System;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Generators.ToolWrappers;

/// <summary>AGR0100-AGR0105: every problem the generator cannot work around is a clear diagnostic at the right place, never a crash or a silent skip.</summary>
public class ToolWrapperDiagnosticsTests
{
    private static async Task<GeneratorRun> RunAsync(string source, bool withAI = true)
    {
        var test = new GeneratorTest<ToolWrapperGenerator> { Source = source };
        if (!withAI)
        {
            test.References = TestReferences.Net.Add(TestReferences.AgentRules);
        }

        var run = await test.RunAsync();
        Assert.Null(run.Result.Results.Single().Exception);
        return run;
    }

    private static (string Id, string Text, string Message) Only(GeneratorRun run)
    {
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.True(diagnostic.Location.IsInSource, "generator diagnostics must point into the source, so #pragma warning disable works");
        Assert.Same(run.InputCompilation.SyntaxTrees.First(), diagnostic.Location.SourceTree);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal($"https://github.com/agentrules/AgentRules/blob/main/docs/rules/{diagnostic.Id}.md", diagnostic.Descriptor.HelpLinkUri);
        return (diagnostic.Id, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan), diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AGR0100_tool_in_a_type_that_is_not_partial()
    {
        var run = await RunAsync("""
            using AgentRules;
            public sealed class OrderTools
            {
                [AgentTool("cancel_order"), DestructiveTool, EnvironmentScope("Development"), RequiresApproval]
                public void CancelOrder(int orderId) { }
            }
            """);

        Assert.Equal(("AGR0100", "CancelOrder", "Agent tool 'cancel_order' is declared in 'OrderTools', which is not a partial class, struct or record: no guarded wrapper or AIFunction is generated for it"), Only(run));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public async Task AGR0100_names_the_containing_type_that_is_not_partial()
    {
        var run = await RunAsync("""
            using AgentRules;
            public class Outer
            {
                public partial class Inner
                {
                    [AgentTool, ReadOnlyTool] public int Count() => 1;
                }
            }
            """);

        Assert.Equal(("AGR0100", "Count", "Agent tool 'Count' is declared in 'Outer', which is not a partial class, struct or record: no guarded wrapper or AIFunction is generated for it"), Only(run));
    }

    [Fact]
    public async Task AGR0100_interface_and_local_function_tools()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial interface ITools
            {
                [AgentTool, ReadOnlyTool] int Count();
            }
            public partial class Host
            {
                public int Run()
                {
                    return Local();

                    [AgentTool, ReadOnlyTool]
                    static int Local() => 1;
                }
            }
            """);

        Assert.Equal(2, run.Diagnostics.Length);
        Assert.All(run.Diagnostics, d => Assert.Equal("AGR0100", d.Id));
        Assert.Contains(run.Diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'ITools'", StringComparison.Ordinal));
        Assert.Contains(run.Diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'Host.Run'", StringComparison.Ordinal));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public async Task Partial_type_is_not_reported()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class OrderTools
            {
                [AgentTool("get_order"), ReadOnlyTool] public string GetOrder(int orderId) => "#" + orderId;
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public async Task AGR0101_parameter_type_a_generated_AIFunction_cannot_bind()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class FileTools
            {
                [AgentTool("upload"), DestructiveTool, EnvironmentScope("Development"), RequiresApproval]
                public void Upload(string name, System.IO.Stream content) { }

                [AgentTool("read"), ReadOnlyTool]
                public string Read(string name) => name;
            }
            """);

        Assert.Equal(("AGR0101", "content", "Parameter 'content' of agent tool 'upload' has type 'Stream', which a generated AIFunction cannot bind from JSON: no AIFunction is generated for this tool (its guarded wrapper still is)"), Only(run));
        var source = Assert.Single(run.GeneratedSources).Value;
        Assert.Contains("UploadGuarded(global::AgentRules.ToolGuard guard, string name, global::System.IO.Stream content)", source, StringComparison.Ordinal);
        Assert.DoesNotContain("UploadAIFunction", source, StringComparison.Ordinal);
        Assert.Contains("ReadAIFunction", source, StringComparison.Ordinal);
        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run, "AGR0101");
    }

    [Fact]
    public async Task AGR0101_unsupported_types_inside_collections_and_records_and_classes_that_are_not_records()
    {
        var run = await RunAsync("""
            using System.Collections.Generic;
            using AgentRules;
            public sealed class Filter { public string Text { get; set; } = ""; }
            public sealed record Query(string Text, object Extra);
            public partial class SearchTools
            {
                [AgentTool, ReadOnlyTool] public int A(Filter filter) => 0;
                [AgentTool, ReadOnlyTool] public int B(Query query) => 0;
                [AgentTool, ReadOnlyTool] public int C(Dictionary<string, int> counts) => 0;
                [AgentTool, ReadOnlyTool] public int D(List<object> items) => 0;
                [AgentTool, ReadOnlyTool] public int E(int[,] grid) => 0;
                [AgentTool, ReadOnlyTool] public int F(char letter) => 0;
            }
            """);

        Assert.Equal(["filter", "query", "counts", "items", "grid", "letter"], run.Diagnostics.Select(d => run.InputCompilation.SyntaxTrees.First().GetText().ToString(d.Location.SourceSpan)));
        Assert.All(run.Diagnostics, d => Assert.Equal("AGR0101", d.Id));
        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run, "AGR0101");
    }

    [Fact]
    public async Task AGR0101_is_not_reported_without_Microsoft_Extensions_AI()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class FileTools
            {
                [AgentTool("upload"), ReadOnlyTool] public void Upload(string name, System.IO.Stream content) { }
            }
            """, withAI: false);

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public async Task AGR0101_pointer_and_ref_struct_parameters_block_the_wrapper_everywhere()
    {
        var run = await RunAsync("""
            using System;
            using AgentRules;
            public partial class Buffers
            {
                [AgentTool, ReadOnlyTool] public int Length(ReadOnlySpan<char> text) => text.Length;
            }
            """, withAI: false);

        Assert.Equal(("AGR0101", "text", "Parameter 'text' of agent tool 'Length' has type 'ReadOnlySpan<char>', which cannot be wrapped (a pointer or ref struct): no guarded wrapper or AIFunction is generated for this tool"), Only(run));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public async Task AGR0102_generic_method()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class Store
            {
                [AgentTool, ReadOnlyTool] public T Get<T>(string key) => default!;
            }
            """);

        Assert.Equal(("AGR0102", "Get", "Agent tool 'Get' is generic: a model cannot choose type arguments, so no guarded wrapper or AIFunction is generated for it"), Only(run));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public async Task AGR0102_method_in_a_generic_type()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class Repository<TEntity>
            {
                [AgentTool("count"), ReadOnlyTool] public int Count() => 0;
            }
            """);

        Assert.Equal(("AGR0102", "Count", "Agent tool 'count' is generic (its type 'Repository<TEntity>' is generic): a model cannot choose type arguments, so no guarded wrapper or AIFunction is generated for it"), Only(run));
    }

    [Theory]
    [InlineData("ref int attempts", "ref")]
    [InlineData("out string error", "out")]
    [InlineData("ref readonly int attempts", "ref readonly")]
    public async Task AGR0103_ref_and_out_parameters(string parameter, string kind)
    {
        var name = parameter.Split(' ').Last();
        var run = await RunAsync($$"""
            using AgentRules;
            public partial class Retry
            {
                [AgentTool("retry"), ReadOnlyTool] public bool TryAgain(int id, {{parameter}}) { {{(kind == "out" ? "error = \"\";" : string.Empty)}} return true; }
            }
            """);

        Assert.Equal(("AGR0103", name, $"Parameter '{name}' of agent tool 'retry' is passed by '{kind}': a tool call cannot return values through parameters, so no guarded wrapper or AIFunction is generated for it"), Only(run));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public async Task In_parameters_are_fine()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class Maths
            {
                [AgentTool, ReadOnlyTool] public static decimal Tax(in decimal amount) => amount * 0.2m;
            }
            """);

        Assert.Empty(run.Diagnostics);
        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run);
    }

    [Fact]
    public void AGR0104_language_version_before_CSharp_8()
    {
        var run = ToolWrapperGeneratorTests.RunWith("""
            namespace Legacy
            {
                public partial class Tools
                {
                    [AgentRules.AgentTool("lookup"), AgentRules.ReadOnlyTool] public string Lookup(string key) { return key; }
                }
            }
            """, TestProject.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp7_3));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("AGR0104", diagnostic.Id);
        Assert.Equal("Agent tool 'lookup' gets no generated wrapper: AgentRules' generated code needs C# 8 or later, and this project uses C# 7.3", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void CSharp_8_is_enough()
    {
        var run = ToolWrapperGeneratorTests.RunWith("""
            namespace Modern
            {
                public partial class Tools
                {
                    [AgentRules.AgentTool("lookup"), AgentRules.ReadOnlyTool] public string Lookup(string key, int? limit = null) { return key; }
                }
            }
            """, TestProject.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp8));

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.GeneratedSources);
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.Contains("AgentTools", StringComparison.Ordinal) == true)));
    }

    [Fact]
    public async Task AGR0105_two_tools_of_one_type_with_one_name()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class Lookup
            {
                [AgentTool("find"), ReadOnlyTool] public int ById(int id) => id;
                [AgentTool("find"), ReadOnlyTool] public int ByName(string name) => name.Length;
            }
            """);

        Assert.Equal(("AGR0105", "ByName", "Agent tool name 'find' is already used by another tool of 'Lookup': the model could not tell them apart, so no guarded wrapper or AIFunction is generated for this one"), Only(run));
        var source = Assert.Single(run.GeneratedSources).Value;
        Assert.Contains("ByIdGuarded", source, StringComparison.Ordinal);
        Assert.DoesNotContain("ByNameGuarded", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_name_in_different_types_is_fine()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class A { [AgentTool("find"), ReadOnlyTool] public int Find(int id) => id; }
            public partial class B { [AgentTool("find"), ReadOnlyTool] public int Find(int id) => id; }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Equal(2, run.GeneratedSources.Count);
    }

    [Fact]
    public async Task Half_written_code_never_crashes_the_generator()
    {
        var sources = new[]
        {
            "public partial class T { [AgentRules.AgentTool] public Missing M(Unknown u) => default; }",
            "public partial class T { [AgentRules.AgentTool(] public int M(int x) => x; }",
            "public partial class T { [AgentRules.AgentTool] public int M(int x = ) => x; }",
            "public partial class T { [AgentRules.AgentTool] public int M(",
            "public partial class T { [AgentRules.AgentTool, AgentRules.EnvironmentScope(null)] public void M() { } }",
            "public partial class T { [AgentRules.AgentTool(null)] public void M(System.Collections.Generic.List<> items) { } }",
            "public partial record R(Missing Value); public partial class T { [AgentRules.AgentTool] public void M(R r) { } }",
            "public partial class T { /// <summary>Unclosed <c>tag</summary>\n [AgentRules.AgentTool] public void M() { } }",
        };

        foreach (var source in sources)
        {
            var test = new GeneratorTest<ToolWrapperGenerator> { Source = source, AllowCompilerErrors = true };
            var run = await test.RunAsync();
            Assert.Null(run.Result.Results.Single().Exception);
            Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CS8784" or "CS8785");
        }
    }
}
