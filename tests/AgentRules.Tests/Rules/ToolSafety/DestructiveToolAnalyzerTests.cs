using System.Collections.Immutable;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules.ToolSafety;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

public class DestructiveToolAnalyzerTests
{
    [Fact]
    public async Task Mcp_tool_declared_destructive_without_scope_is_reported_at_its_name()
    {
        await new AnalyzerTest<DestructiveToolAnalyzer>
        {
            Source = """
                using System.ComponentModel;
                using System.Threading;
                using System.Threading.Tasks;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class CustomerTools
                {
                    [McpServerTool(Destructive = true), Description("Deletes every customer record matching the query.")]
                    public static Task<int> [|DeleteCustomers|](string query, CancellationToken cancellationToken) => Task.FromResult(0);
                }
                """,
            ExpectedMessages = { "Destructive tool 'DeleteCustomers' has no environment scope (declared Destructive = true)" },
        }.RunAsync();
    }

    [Fact]
    public async Task Message_uses_the_tool_name_the_model_sees()
    {
        await new AnalyzerTest<DestructiveToolAnalyzer>
        {
            Source = """
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public static class Records
                {
                    [McpServerTool(Name = "purge_records", Destructive = true)]
                    public static string [|Purge|]() => "done";
                }
                """,
            ExpectedMessages = { "Destructive tool 'purge_records' has no environment scope (declared Destructive = true)" },
        }.RunAsync();
    }

    [Theory]
    [InlineData("[EnvironmentScope(\"Development\")] public sealed class Tools", "[McpServerTool(Destructive = true)]")]
    [InlineData("public sealed class Tools", "[McpServerTool(Destructive = true), EnvironmentScope(\"Development\", \"Staging\")]")]
    [InlineData("public sealed class Tools", "[McpServerTool(Destructive = false)]")]
    [InlineData("public sealed class Tools", "[McpServerTool(ReadOnly = true)]")]
    [InlineData("public sealed class Tools", "[System.Obsolete]")]
    public async Task Scoped_or_not_destructive_tools_are_not_reported(string typeDeclaration, string attributes)
    {
        await new AnalyzerTest<DestructiveToolAnalyzer>
        {
            Source = $$"""
                using AgentRules;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                {{typeDeclaration}}
                {
                    {{attributes}}
                    public void Drop() { }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Assembly_level_scope_covers_every_tool()
    {
        await new AnalyzerTest<DestructiveToolAnalyzer>
        {
            Source = """
                using ModelContextProtocol.Server;

                [assembly: AgentRules.EnvironmentScope("Development")]

                [McpServerToolType]
                public sealed class Tools
                {
                    [McpServerTool(Destructive = true)]
                    public void Drop() { }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task An_attribute_with_the_same_simple_name_in_another_namespace_is_not_the_MCP_one()
    {
        await new AnalyzerTest<DestructiveToolAnalyzer>
        {
            Source = """
                namespace MyCompany.Tools
                {
                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    public sealed class McpServerToolAttribute : System.Attribute
                    {
                        public bool Destructive { get; set; }
                    }

                    public sealed class Tools
                    {
                        [McpServerTool(Destructive = true)]
                        public void Drop() { }
                    }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Registers_no_actions_when_the_MCP_SDK_is_not_referenced()
    {
        var test = new AnalyzerTest<DestructiveToolAnalyzer>
        {
            Source = "public sealed class Calculator { public int Add(int a, int b) => a + b; }",
            References = TestReferences.Net.Add(TestReferences.AgentRules),
        };
        await test.RunAsync();

        var analyzer = new DestructiveToolAnalyzer();
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), project.AnalyzerOptions);
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);

        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(0, telemetry.SymbolActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.OperationActionsCount + telemetry.OperationBlockStartActionsCount);
    }
}
