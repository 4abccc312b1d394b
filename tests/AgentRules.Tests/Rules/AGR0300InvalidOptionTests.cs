using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0300: agentrules.* options AgentRules cannot use are reported once per key and value, naming both.</summary>
public class AGR0300InvalidOptionTests
{
    private static readonly string[] ThreeFiles = ["public class A { }", "public class B { }", "public class C { }"];

    private static async Task<string[]> MessagesAsync(string? editorConfig, string? globalConfig = null)
    {
        var project = new TestProject { EditorConfig = editorConfig, GlobalConfig = globalConfig }.CreateProject(ThreeFiles, []);
        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(new AGR0300InvalidOptionAnalyzer()));
        Assert.All(diagnostics, d => Assert.Equal("AGR0300", d.Id));
        Assert.All(diagnostics, d => Assert.Equal(Location.None, d.Location));
        return diagnostics.Select(d => d.GetMessage()).OrderBy(m => m, System.StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public async Task Garbage_values_are_reported_once_each_naming_the_key_and_the_value()
    {
        var messages = await MessagesAsync("""
            agentrules.max_iterations_ceiling = abc
            agentrules.tool_attributes = ;;;
            agentrules.llm_methods = *
            """);

        Assert.Equal(
            [
                "AgentRules option 'agentrules.llm_methods = *' is ignored: entry '*' is not Namespace.Type.Method or Namespace.Type.*",
                "AgentRules option 'agentrules.max_iterations_ceiling = abc' is ignored: expected a whole number of at least 1",
                "AgentRules option 'agentrules.tool_attributes = ' is ignored: the value is empty (in .editorconfig, ';' and '#' start a comment; separate entries with commas)",
            ],
            messages);
    }

    [Theory]
    [InlineData("agentrules.default_max_iterations = 0", "expected a whole number of at least 1")]
    [InlineData("agentrules.default_max_iterations = 1e3", "expected a whole number of at least 1")]
    [InlineData("agentrules.default_environments = Dev Staging", "entry 'Dev Staging' is not an environment name")]
    [InlineData("agentrules.destructive_verbs = archive, 42", "entry '42' is not a word")]
    [InlineData("agentrules.readonly_verbs = -", "entry '-' is not a word")]
    [InlineData("agentrules.human_input_methods = ReadLine", "entry 'ReadLine' is not Namespace.Type.Method")]
    [InlineData("agentrules.writing_apis = Contoso.Crm.*", "entry 'Contoso.Crm.*' is not Namespace.Type.Method or Namespace.Type.Prefix*")]
    [InlineData("agentrules.prompt_sinks = Contoso.Llm.Run(", "entry 'Contoso.Llm.Run(' is not Namespace.Type.Member")]
    [InlineData("agentrules.tool_attributes = Contoso Agents.Tool", "entry 'Contoso Agents.Tool' is not an attribute's metadata name")]
    [InlineData("agentrules.max_iteration_ceiling = 50", "AgentRules has no such option")]
    [InlineData("agentrules.destructive_verbs = , ,", "the list has no entries")]
    [InlineData("agentrules.readonly_verbs =", "the value is empty")]
    public async Task Every_key_rejects_what_it_cannot_use(string line, string expected)
    {
        var message = Assert.Single(await MessagesAsync(line));

        Assert.Contains("'" + line.Trim(), message, System.StringComparison.Ordinal);
        Assert.Contains(expected, message, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_values_and_empty_lists_are_not_reported()
    {
        var messages = await MessagesAsync("""
            agentrules.max_iterations_ceiling = 50
            agentrules.default_max_iterations = 8
            agentrules.default_environments = Development, Staging, qa-eu_1
            agentrules.destructive_verbs = archive, escalate, -close
            agentrules.tool_attributes = Contoso.Agents.ToolAttribute; ToolAttribute
            agentrules.llm_methods = Contoso.Ai.LlmGateway.CompleteAsync, Contoso.Ai.Embeddings.*
            agentrules.human_input_methods = Contoso.Terminal.Prompt.Ask
            agentrules.writing_apis = Contoso.Crm.CrmGateway.Erase*, Contoso.Mail.Mailer.Send
            agentrules.prompt_sinks = MyCompany.Llm.PromptRunner.Run(systemPrompt), MyCompany.Llm.Options.Instructions, MyCompany.Llm.Agent.ctor(instructions)
            dotnet_diagnostic.AGR0300.severity = warning
            """);

        Assert.Empty(messages);
    }

    [Fact]
    public async Task A_value_set_in_the_global_config_and_for_each_file_is_reported_once()
    {
        var messages = await MessagesAsync(
            "agentrules.max_iterations_ceiling = lots",
            "agentrules.max_iterations_ceiling = lots\nagentrules.default_max_iterations = none");

        Assert.Equal(2, messages.Length);
        Assert.Single(messages, m => m.Contains("'agentrules.max_iterations_ceiling = lots'", System.StringComparison.Ordinal));
        Assert.Single(messages, m => m.Contains("'agentrules.default_max_iterations = none'", System.StringComparison.Ordinal));
    }
}
