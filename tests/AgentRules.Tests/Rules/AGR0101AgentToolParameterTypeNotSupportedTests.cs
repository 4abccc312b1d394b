using System;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static AgentRules.Tests.Generators.ToolWrappers.ToolWrapperDiagnosticsTests;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0101 (tool wrapper generator): an [AgentTool] parameter type a generated AIFunction cannot bind.</summary>
public class AGR0101AgentToolParameterTypeNotSupportedTests
{
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
}
