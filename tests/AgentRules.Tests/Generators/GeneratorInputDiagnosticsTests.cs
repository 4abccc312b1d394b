using System;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Rules;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Generators.Prompts;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Generators;

/// <summary>
/// Project settings that would make generated code fail to compile — a RootNamespace that is no C# namespace, a line
/// break in an &lt;AgentPrompt&gt; path — get a clear diagnostic, and the generated code still compiles.
/// </summary>
public class GeneratorInputDiagnosticsTests
{
    private const string Prompts = """
        using AgentRules;

        public static class SupportPrompts
        {
            [Prompt("support.triage", Version = 3)]
            public const string Triage = "You triage support tickets.";
        }
        """;

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

    [Theory]
    [InlineData("prompts/triage\n.md")]
    [InlineData("prompts/triage\r\nnotes.md")]
    [InlineData("prompts/tri\u2028age.md")]
    public async Task An_AgentPrompt_path_with_a_line_break_is_AGR0013_and_the_registry_still_compiles(string path)
    {
        const string Config = """
            root = true

            [*.cs]

            [prompts/*]
            build_metadata.AdditionalFiles.AgentPromptId = support.escalation
            build_metadata.AdditionalFiles.AgentPromptVersion = 2
            """;

        var run = await new GeneratorTest<PromptRegistryGenerator>
        {
            Source = Prompts,
            EditorConfig = Config,
            AdditionalFiles = { (path, "Escalate when the customer asks for a manager.\n") },
        }.RunAsync();

        GeneratorTest<PromptRegistryGenerator>.AssertCompilesWithoutWarnings(run);
        Assert.DoesNotContain("support.escalation", run.GeneratedSources["AgentPrompts.g.cs"], StringComparison.Ordinal);

        await new PromptVersionRulesTest
        {
            Source = Prompts,
            EditorConfig = Config,
            AdditionalFiles = { (path, "{|AGR0013:Escalate when the customer asks for a manager.|}\n"), ("AgentPrompts.lock", "support.triage 3 " + PromptHash.Compute("You triage support tickets.") + "\n") },
            ExpectedMessages = { "Prompt 'support.escalation' cannot be versioned: its path contains a line break or another control character" },
        }.RunAsync();
    }

    [Fact]
    public void Doc_comment_text_cannot_end_the_comment()
    {
        var text = AgentRules.Generators.Infrastructure.SourceWriter.DocText("a\nb\r\nc\u2028d\u0085e<f>&");
        Assert.Equal("a b  c d e&lt;f&gt;&amp;", text);
    }
}
