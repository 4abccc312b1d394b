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
/// break in an &lt;AgentPrompt&gt; path — get a clear diagnostic, and the generated code still compiles. The RootNamespace
/// tests are AGR0120's, in tests/AgentRules.Tests/Rules/AGR0120InvalidRootNamespaceTests.cs.
/// </summary>
public class GeneratorInputDiagnosticsTests
{
    internal const string Prompts = """
        using AgentRules;

        public static class SupportPrompts
        {
            [Prompt("support.triage", Version = 3)]
            public const string Triage = "You triage support tickets.";
        }
        """;

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
