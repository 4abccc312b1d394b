using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using static AgentRules.Tests.Rules.PromptLockTestSources;

namespace AgentRules.Tests.Rules;

/// <summary>
/// AGR0006: the prompt hash, and declared prompts whose text changed without a version bump. A test about
/// several prompt IDs is in the file of the ID it is about; one about all of them (what registers nothing) is here, the lowest.
/// </summary>
public class AGR0006PromptChangedWithoutVersionBumpTests
{
    [Fact]
    public void Hash_is_the_sha256_of_the_text_with_normalised_line_endings()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PromptHash.Compute("abc"));
        Assert.Equal(PromptHash.Compute("line one\nline two\n"), PromptHash.Compute("line one\r\nline two\r\n"));
        Assert.Equal(PromptHash.Compute("line one\nline two"), PromptHash.Compute("line one\rline two"));
        Assert.NotEqual(PromptHash.Compute("line one\nline two"), PromptHash.Compute("line one\n\nline two"));
    }

    [Fact]
    public async Task A_recorded_prompt_with_the_same_text_is_not_reported()
    {
        await new PromptVersionRulesTest
        {
            Source = TriageSource(),
            AdditionalFiles = { ("AgentPrompts.lock", $"# shipped prompts\nsupport.triage 2 {PromptHash.Compute("older text")}\nsupport.triage 3 {TriageSha}\n") },
        }.RunAsync();
    }

    [Fact]
    public async Task A_recorded_prompt_whose_text_changed_is_reported_as_AGR0006()
    {
        await new PromptVersionRulesTest
        {
            Source = TriageSource("{|AGR0006:Prompt(\"support.triage\", Version = 3)|}"),
            AdditionalFiles = { ("AgentPrompts.lock", $"support.triage 3 {PromptHash.Compute("You triage tickets.")}\n") },
            ExpectedMessages = { "Prompt 'support.triage' changed but is still version 3" },
        }.RunAsync();
    }

    [Fact]
    public async Task Line_endings_do_not_change_the_hash()
    {
        await new PromptVersionRulesTest
        {
            Source = "using AgentRules;\npublic static class P\n{\n    [Prompt(\"multi\")]\n    public const string Text = \"first line\\r\\nsecond line\";\n}\n",
            AdditionalFiles = { ("AgentPrompts.lock", $"multi 1 {PromptHash.Compute("first line\nsecond line")}\r\n") },
        }.RunAsync();
    }

    [Fact]
    public async Task Every_declaration_form_is_hashed_from_its_compile_time_text()
    {
        const string Persona = "You are a pirate.";
        await new PromptVersionRulesTest
        {
            Source = """"
                using AgentRules;

                public sealed class Prompts
                {
                    private const string Base = "You are a ";

                    [Prompt("const.concat")]
                    public const string Concat = Base + "pirate.";

                    [Prompt("readonly.field")]
                    public static readonly string Field = "You are a pirate.";

                    [Prompt("readonly.instance")]
                    private readonly string _instance = Base + "pirate.";

                    [Prompt("property.initializer")]
                    public static string Initialized { get; } = "You are a pirate.";

                    [Prompt("property.expression")]
                    public string Expression => "You are a pirate.";

                    [Prompt("raw")]
                    public const string Raw = """
                        You are a pirate.
                        """;
                }
                """",
            AdditionalFiles =
            {
                ("AgentPrompts.lock", string.Join("\n", new[] { "const.concat", "property.expression", "property.initializer", "raw", "readonly.field", "readonly.instance" }
                    .Select(id => $"{id} 1 {PromptHash.Compute(Persona)}")) + "\n"),
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Template_hash_ignores_formatting_and_comments_but_not_code()
    {
        static string Template(string body) => $$"""
            using AgentRules;

            public static class Prompts
            {
                [{|AGR0006:Prompt("support.summary")|}]
                public static string Summary(string customer, int count) {{body}}
            }
            """;

        var original = "=> $\"Summarise the last {count} tickets of {customer}.\";";
        var reformatted = "\n        // the summary prompt\n        => $\"Summarise the last {count} tickets of {customer}.\"  ;";
        var lockLine = "support.summary 1 " + TemplateHash(original);

        await new PromptVersionRulesTest { Source = Template(original).Replace("{|AGR0006:", "").Replace("|}]", "]"), AdditionalFiles = { ("AgentPrompts.lock", lockLine + "\n") } }.RunAsync();
        await new PromptVersionRulesTest { Source = Template(reformatted).Replace("{|AGR0006:", "").Replace("|}]", "]"), AdditionalFiles = { ("AgentPrompts.lock", lockLine + "\n") } }.RunAsync();
        await new PromptVersionRulesTest { Source = Template(original.Replace("last", "latest")), AdditionalFiles = { ("AgentPrompts.lock", lockLine + "\n") } }.RunAsync();
    }

    [Fact]
    public async Task Prompt_files_are_checked_against_the_lock_file_at_their_first_line()
    {
        var triage = "# Triage\r\n\r\nYou triage support tickets.\r\n";
        await new PromptVersionRulesTest
        {
            Source = "public static class Empty { }",
            EditorConfig = PromptFileConfig,
            AdditionalFiles =
            {
                ("prompts/triage.md", "{|AGR0006:# Triage|}\n\nYou triage support tickets, politely.\n"),
                ("prompts/refunds.md", "{|AGR0013:Refund policy|}\n"),
                ("prompts/notes.md", "Not a prompt: no AgentPromptId metadata.\n"),
                ("AgentPrompts.lock", $"support.triage 3 {PromptHash.Compute(triage)}\n"),
            },
            ExpectedMessages =
            {
                "Prompt 'support.triage' changed but is still version 3",
                "Prompt 'support.refunds' cannot be versioned: its Version metadata 'latest' is not a whole number of 1 or more",
            },
        }.RunAsync();

        await new PromptVersionRulesTest
        {
            Source = "public static class Empty { }",
            EditorConfig = PromptFileConfig,
            AdditionalFiles =
            {
                ("prompts/triage.md", triage),
                ("AgentPrompts.lock", $"support.triage 3 {PromptHash.Compute(triage.Replace("\r\n", "\n"))}\n"),
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Registers_nothing_without_the_runtime_a_lock_file_or_prompt_files()
    {
        var test = new PromptVersionRulesTest
        {
            Source = "public static class Calculator { public const string Name = \"calc\"; }",
            References = TestReferences.Net,
        };
        await test.RunAsync();

        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        foreach (var analyzer in RuleGroups.PromptVersions())
        {
            var telemetry = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), project.AnalyzerOptions).GetAnalyzerTelemetryInfoAsync(analyzer, default);
            Assert.Equal(1, telemetry.CompilationStartActionsCount);
            Assert.Equal(0, telemetry.SymbolActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.SemanticModelActionsCount + telemetry.AdditionalFileActionsCount + telemetry.CompilationEndActionsCount);
        }
    }
}
