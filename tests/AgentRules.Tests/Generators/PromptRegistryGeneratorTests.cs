using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Rules;
using AgentRules.Generators.Prompts;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Generators;

public class PromptRegistryGeneratorTests
{
    private const string Prompts = """
        using AgentRules;

        namespace Support;

        public static class SupportPrompts
        {
            [Prompt("support.triage", Version = 3)]
            public const string Triage = "You triage support tickets.\nAnswer with one word.";

            [Prompt("support.summary", Version = 2)]
            public static string Summary(string customer) => $"Summarise the tickets of {customer}.";

            [Prompt("support.persona")]
            private static readonly string s_persona = "You are \"Sam\", the shop's assistant.";
        }
        """;

    private const string FileConfig = """
        is_global = true
        build_property.RootNamespace = Support

        [/src/prompts/escalation.md]
        build_metadata.AdditionalFiles.AgentPromptId = support.escalation
        build_metadata.AdditionalFiles.AgentPromptVersion = 4
        """;

    internal static GeneratorTest<PromptRegistryGenerator> Test() => new()
    {
        Source = Prompts,
        GlobalConfig = FileConfig,
        AdditionalFiles = { ("prompts/escalation.md", "Escalate when the customer asks for a manager.\r\n"), ("AgentPrompts.lock", "") },
    };

    [Fact]
    public async Task Generates_the_registry_in_the_root_namespace()
    {
        var run = await Test().RunAsync();
        var source = run.GeneratedSources["AgentPrompts.g.cs"];

        var triage = PromptHash.Compute("You triage support tickets.\nAnswer with one word.");
        var escalation = PromptHash.Compute("Escalate when the customer asks for a manager.\n");
        Assert.Contains("namespace Support", source, StringComparison.Ordinal);
        Assert.Contains($"public static global::AgentRules.AgentPrompt SupportTriage {{ get; }} = new global::AgentRules.AgentPrompt(\"support.triage\", 3, \"{triage}\", \"You triage support tickets.\\nAnswer with one word.\");", source, StringComparison.Ordinal);
        Assert.Contains($"public static global::AgentRules.AgentPrompt SupportEscalation {{ get; }} = new global::AgentRules.AgentPrompt(\"support.escalation\", 4, \"{escalation}\", \"Escalate when the customer asks for a manager.\\n\");", source, StringComparison.Ordinal);
        Assert.Contains("SupportSummary { get; } = new global::AgentRules.AgentPrompt(\"support.summary\", 2, ", source, StringComparison.Ordinal);
        Assert.Contains("isTemplate: true", source, StringComparison.Ordinal);
        Assert.Contains("declared by <c>Support.SupportPrompts.Triage</c>", source, StringComparison.Ordinal);
        Assert.Contains("declared by <c>escalation.md</c>", source, StringComparison.Ordinal);
        Assert.Contains("public static bool TryGet(string id", source, StringComparison.Ordinal);

        GeneratorTest<PromptRegistryGenerator>.AssertCompilesWithoutWarnings(run);
        GeneratorTest<PromptRegistryGenerator>.AssertModelsHoldNoCompilerObjects(run, TrackingNames.All);
    }

    [Fact]
    public async Task Every_step_is_cached_after_an_unrelated_edit()
    {
        await Test().AssertStepsCachedAfterUnrelatedEditAsync(TrackingNames.All);
    }

    [Fact]
    public async Task Editing_code_outside_the_prompts_keeps_the_registry_cached()
    {
        var test = Test();
        test.Sources.Add("namespace Support; public static class Other { public static int Value => 1; }");
        await test.AssertStepsCachedAfterUnrelatedEditAsync(
            TrackingNames.All,
            compilation =>
            {
                var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("class Other", StringComparison.Ordinal));
                return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(tree.ToString().Replace("=> 1", "=> 2", StringComparison.Ordinal))));
            });
    }

    [Fact]
    public async Task An_edit_inside_a_body_elsewhere_reads_no_prompt_again()
    {
        var test = Test();
        test.Sources.Add("namespace Support; public static class Other { public static int Value() { return 1; } }");
        var first = await test.RunAsync();
        var tree = first.InputCompilation.SyntaxTrees.Single(t => t.ToString().Contains("class Other", StringComparison.Ordinal));
        var second = GeneratorTest<PromptRegistryGenerator>.Run(
            first.Driver,
            first.InputCompilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(tree.ToString().Replace("return 1;", "return 2;", StringComparison.Ordinal)))));

        var members = second.Result.Results.Single().TrackedSteps[TrackingNames.Members].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(3, members.Count);
        Assert.All(members, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(first.GeneratedSources, second.GeneratedSources);
    }

    [Fact]
    public async Task A_constant_in_another_file_reaches_the_registry_after_an_edit()
    {
        var test = new GeneratorTest<PromptRegistryGenerator>
        {
            Sources =
            {
                "namespace Support; public static class Prompts { [AgentRules.Prompt(\"support.greeting\")] public const string Greeting = Texts.Hello + \"!\"; }",
                "namespace Support; public static class Texts { public const string Hello = \"Hello\"; }",
            },
            GlobalConfig = FileConfig,
        };
        var first = await test.RunAsync();
        var tree = first.InputCompilation.SyntaxTrees.Single(t => t.ToString().Contains("class Texts", StringComparison.Ordinal));
        var second = GeneratorTest<PromptRegistryGenerator>.Run(
            first.Driver,
            first.InputCompilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(tree.ToString().Replace("\"Hello\"", "\"Welcome\"", StringComparison.Ordinal)))));

        Assert.Contains("\"Hello!\"", first.GeneratedSources["AgentPrompts.g.cs"], StringComparison.Ordinal);
        Assert.Contains("\"Welcome!\"", second.GeneratedSources["AgentPrompts.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_is_deterministic()
    {
        await Test().AssertDeterministicAsync();
    }

    [Fact]
    public async Task Generated_hashes_match_the_lock_file_hash_at_run_time()
    {
        var run = await Test().RunAsync();
        using var stream = new MemoryStream();
        var emit = run.OutputCompilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));

        var context = new AssemblyLoadContext("prompts", isCollectible: true);
        try
        {
            stream.Position = 0;
            var registry = context.LoadFromStream(stream).GetType("Support.AgentPrompts", throwOnError: true)!;
            var find = registry.GetMethod("Find")!;
            var triage = (AgentPrompt)find.Invoke(null, new object[] { "support.triage" })!;
            Assert.Equal(PromptHash.Compute(triage.Text), triage.Sha256);
            Assert.Equal("support.triage@3", triage.ToString());
            Assert.Equal(new[] { "agentrules.prompt.id", "agentrules.prompt.version", "agentrules.prompt.sha256" }, triage.Tags.Select(t => t.Key));
            Assert.Null(find.Invoke(null, new object[] { "nope" }));

            var all = (System.Collections.Generic.IReadOnlyList<AgentPrompt>)registry.GetProperty("All")!.GetValue(null)!;
            Assert.Equal(new[] { "support.escalation", "support.persona", "support.summary", "support.triage" }, all.Select(p => p.Id));
            Assert.Equal("You are \"Sam\", the shop's assistant.", all[1].Text);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public async Task Duplicates_and_name_collisions_still_compile_and_resolve_like_the_analyzer_reports()
    {
        var run = await new GeneratorTest<PromptRegistryGenerator>
        {
            Sources =
            {
                """
                using AgentRules;
                public static class A
                {
                    [Prompt("support.triage")] public const string First = "first";
                    [Prompt("support_triage")] public const string Collides = "collides";
                    [Prompt("all")] public const string All = "reserved name";
                    [Prompt("2fast")] public const string Digit = "starts with a digit";
                }
                """,
                """
                using AgentRules;
                public static class B
                {
                    [Prompt("support.triage")] public const string Second = "second";
                }
                """,
            },
        }.RunAsync();

        var source = run.GeneratedSources["AgentPrompts.g.cs"];
        Assert.Contains("namespace AgentRules.Generated", source, StringComparison.Ordinal);
        Assert.Contains("SupportTriage { get; } = new global::AgentRules.AgentPrompt(\"support.triage\", 1, \"" + PromptHash.Compute("first") + "\", \"first\")", source, StringComparison.Ordinal);
        Assert.DoesNotContain("\"second\"", source, StringComparison.Ordinal);
        Assert.Contains("case \"support_triage\": return All[", source, StringComparison.Ordinal);
        Assert.Contains("PromptAll { get; }", source, StringComparison.Ordinal);
        Assert.Contains("Prompt2fast { get; }", source, StringComparison.Ordinal);
        GeneratorTest<PromptRegistryGenerator>.AssertCompilesWithoutWarnings(run);
    }

    [Fact]
    public async Task Nothing_is_generated_without_prompts_or_without_the_runtime()
    {
        var none = await new GeneratorTest<PromptRegistryGenerator> { Source = "public static class Calculator { }" }.RunAsync();
        Assert.Empty(none.GeneratedSources);

        var noRuntime = await new GeneratorTest<PromptRegistryGenerator>
        {
            Source = "public static class Calculator { }",
            References = TestReferences.Net,
            EditorConfig = "root = true\n\n[*.cs]\n\n[prompts/a.md]\nbuild_metadata.AdditionalFiles.AgentPromptId = a\n",
            AdditionalFiles = { ("prompts/a.md", "text") },
        }.RunAsync();
        Assert.Empty(noRuntime.GeneratedSources);
    }

    [Fact]
    public async Task Registry_sites_are_versioned_for_AGR0004()
    {
        var test = new GeneratorTest<PromptRegistryGenerator>
        {
            Sources =
            {
                Prompts,
                """
                using Microsoft.Extensions.AI;
                namespace Support;
                public static class Chat
                {
                    public static ChatMessage[] Build(string customer) =>
                    [
                        new(ChatRole.System, AgentPrompts.SupportTriage.Text),
                        new(ChatRole.System, AgentPrompts.Find("support.escalation")!.Text),
                        new(ChatRole.System, SupportPrompts.Summary(customer)),
                        new(ChatRole.System, "Not declared."),
                    ];
                }
                """,
            },
            GlobalConfig = FileConfig,
            AdditionalFiles = { ("prompts/escalation.md", "Escalate when the customer asks for a manager.\n") },
        };

        var run = await test.RunAsync();
        var analyzer = new AGR0004UnversionedPromptAnalyzer();
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var diagnostics = await run.OutputCompilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        var only = Assert.Single(diagnostics);
        Assert.Equal("Unversioned system message: a string literal is not a declared prompt", only.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        // The catalog links each site to its declaration, directly or through the registry.
        var catalog = PromptCatalog.Collect(run.OutputCompilation, t => run.OutputCompilation.GetSemanticModel(t), project.AnalyzerOptions.AdditionalFiles, project.AnalyzerOptions.AnalyzerConfigOptionsProvider, default);
        Assert.Equal(new[] { "support.escalation", "support.persona", "support.summary", "support.triage" }, catalog.Declarations.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
        Assert.Single(catalog.UsesOf(catalog.Find("support.triage")!));
        Assert.Single(catalog.UsesOf(catalog.Find("support.summary")!));
        Assert.Equal(4, catalog.Uses.Length);
        Assert.Equal(2, catalog.Uses.Count(u => u.Text.Source == PromptTextSource.Declared && u.Text.Prompts.All(p => p.Id is null)));
        Assert.Single(catalog.Uses, u => !u.IsVersioned);
    }

    [Fact]
    public async Task Without_declared_prompts_no_symbol_is_looked_up()
    {
        var run = await new GeneratorTest<PromptRegistryGenerator>
        {
            Source = "namespace Billing; public static class Invoices { public static decimal Total() => 0m; }",
        }.RunAsync();

        Assert.Empty(run.GeneratedSources);
        var runtime = Assert.Single(run.Result.Results.Single().TrackedSteps[TrackingNames.Runtime]);
        Assert.Null(Assert.Single(runtime.Outputs).Value); // the runtime is referenced, but not looked up
    }
}
