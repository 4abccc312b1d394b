using System;
using System.Threading.Tasks;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Generators.Prompts;
using AgentRules.Tests.Infrastructure;
using Xunit;
using AgentRules.Tests.Generators;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0120 (prompt registry and process spec generators): a RootNamespace that is no C# namespace gets a clear diagnostic, and the generated code still compiles in the fallback namespace.</summary>
public class AGR0120InvalidRootNamespaceTests
{
    private const string Prompts = GeneratorInputDiagnosticsTests.Prompts;

    private const string McpTools = """
        using System.ComponentModel;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed class AdminTools
        {
            [McpServerTool(Name = "drop_table", Destructive = true), Description("Drops a table.")]
            public string DropTable(string table) => table;
        }
        """;

    [Theory]
    [InlineData("My-App")]
    [InlineData("1Shop")]
    [InlineData("Contoso..Agent")]
    [InlineData("Contoso.Agent.")]
    public async Task Prompt_registry_reports_an_invalid_RootNamespace_and_compiles_in_the_fallback(string rootNamespace)
    {
        var run = await new GeneratorTest<PromptRegistryGenerator>
        {
            Source = Prompts,
            GlobalConfig = "build_property.RootNamespace = " + rootNamespace + "\n",
        }.RunAsync();

        GeneratorTest<PromptRegistryGenerator>.AssertCompilesWithoutWarnings(run, "AGR0120");
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal($"The project's RootNamespace '{rootNamespace}' is not a valid C# namespace: the AgentPrompts registry is generated in namespace 'AgentRules.Generated' instead", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("namespace AgentRules.Generated", run.GeneratedSources["AgentPrompts.g.cs"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("My-App")]
    [InlineData("Contoso Agent")]
    public async Task Process_spec_reports_an_invalid_RootNamespace_and_compiles_in_the_fallback(string rootNamespace)
    {
        var run = await new GeneratorTest<ProcessSpecGenerator>
        {
            Source = McpTools,
            GlobalConfig = "build_property.RootNamespace = " + rootNamespace + "\n",
        }.RunAsync();

        GeneratorTest<ProcessSpecGenerator>.AssertCompilesWithoutWarnings(run, "AGR0120");
        Assert.Equal("AGR0120", Assert.Single(run.Diagnostics).Id);
        Assert.Contains("the AgentProcessSpec class is generated in namespace 'AgentRules.Generated'", Assert.Single(run.Diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("namespace AgentRules.Generated;", Assert.Single(run.GeneratedSources).Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Contoso.Agent")]
    [InlineData("Contoso.event")]
    public async Task Valid_or_absent_RootNamespaces_are_not_reported(string rootNamespace)
    {
        var prompts = await new GeneratorTest<PromptRegistryGenerator> { Source = Prompts, GlobalConfig = "build_property.RootNamespace = " + rootNamespace + "\n" }.RunAsync();
        var spec = await new GeneratorTest<ProcessSpecGenerator> { Source = McpTools, GlobalConfig = "build_property.RootNamespace = " + rootNamespace + "\n" }.RunAsync();

        GeneratorTest<PromptRegistryGenerator>.AssertCompilesWithoutWarnings(prompts);
        GeneratorTest<ProcessSpecGenerator>.AssertCompilesWithoutWarnings(spec);
    }
}
