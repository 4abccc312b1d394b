using System;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Generators.ProcessSpec;

public class ProcessSpecGeneratorTests
{
    private const string McpTools = """
        using System.ComponentModel;
        using ModelContextProtocol.Server;

        namespace Contoso.Agent;

        [McpServerToolType]
        public sealed class AdminTools
        {
            [McpServerTool(Name = "drop_table", Destructive = true), Description("Drops a table.")]
            public string DropTable(string table) => table;
        }
        """;

    [Fact]
    public async Task Emits_the_spec_class_that_compiles_cleanly_and_deterministically()
    {
        var test = new GeneratorTest<ProcessSpecGenerator> { Source = McpTools, EditorConfig = "[*.cs]\n" };
        var run = await test.RunAsync();

        var source = Assert.Single(run.GeneratedSources).Value;
        Assert.Contains("internal static class AgentProcessSpec", source, StringComparison.Ordinal);
        Assert.Contains("drop_table", source, StringComparison.Ordinal);
        GeneratorTest<ProcessSpecGenerator>.AssertCompilesWithoutWarnings(run);
        await test.AssertDeterministicAsync();
    }

    [Fact]
    public async Task Design_time_builds_get_the_class_with_empty_documents()
    {
        var run = await new GeneratorTest<ProcessSpecGenerator>
        {
            Source = McpTools,
            GlobalConfig = "build_property.AgentRulesSpecCompute = false\nbuild_property.RootNamespace = Contoso.Agent\n",
        }.RunAsync();

        var source = Assert.Single(run.GeneratedSources).Value;
        Assert.Contains("namespace Contoso.Agent;", source, StringComparison.Ordinal);
        Assert.Contains("public const string Json = \"\";", source, StringComparison.Ordinal);
        Assert.DoesNotContain("drop_table", source, StringComparison.Ordinal);
        GeneratorTest<ProcessSpecGenerator>.AssertCompilesWithoutWarnings(run);
    }

    [Fact]
    public async Task A_project_without_agent_frameworks_gets_nothing()
    {
        var run = await new GeneratorTest<ProcessSpecGenerator>
        {
            Source = "namespace Billing; public static class Invoices { public static decimal Total(decimal[] a) => a.Sum(); }".Replace("a.Sum()", "0m", StringComparison.Ordinal),
            References = TestReferences.Net.Add(TestReferences.AgentRules),
        }.RunAsync();

        Assert.Empty(run.GeneratedSources);
    }
}
