using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Prompts;
using AgentRules.Analyzers.Rules.Prompts;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

public class PromptVersionAnalyzerTests
{
    internal const string TriageText = "You triage support tickets: billing, shipping or technical.";

    internal static readonly string TriageSha = PromptHash.Compute(TriageText);

    internal static string TriageSource(string attribute = "Prompt(\"support.triage\", Version = 3)") => $$"""
        using AgentRules;

        namespace Support;

        public static class Prompts
        {
            [{{attribute}}]
            public const string Triage = "{{TriageText}}";
        }
        """;

    [Fact]
    public void Hash_is_the_sha256_of_the_text_with_normalised_line_endings()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PromptHash.Compute("abc"));
        Assert.Equal(PromptHash.Compute("line one\nline two\n"), PromptHash.Compute("line one\r\nline two\r\n"));
        Assert.Equal(PromptHash.Compute("line one\nline two"), PromptHash.Compute("line one\rline two"));
        Assert.NotEqual(PromptHash.Compute("line one\nline two"), PromptHash.Compute("line one\n\nline two"));
    }

    [Fact]
    public async Task A_prompt_version_missing_from_the_lock_file_is_reported_at_its_attribute_with_the_line_to_record()
    {
        await new AnalyzerTest<PromptVersionAnalyzer>
        {
            Source = TriageSource("{|AGR0010:Prompt(\"support.triage\", Version = 3)|}"),
            ExpectedMessages = { $"Prompt 'support.triage' version 3 is not recorded in AgentPrompts.lock (line: support.triage 3 {TriageSha})" },
        }.RunAsync();
    }

    [Fact]
    public async Task A_recorded_prompt_with_the_same_text_is_not_reported()
    {
        await new AnalyzerTest<PromptVersionAnalyzer>
        {
            Source = TriageSource(),
            AdditionalFiles = { ("AgentPrompts.lock", $"# shipped prompts\nsupport.triage 2 {PromptHash.Compute("older text")}\nsupport.triage 3 {TriageSha}\n") },
        }.RunAsync();
    }

    [Fact]
    public async Task A_recorded_prompt_whose_text_changed_is_reported_as_AGR0006()
    {
        await new AnalyzerTest<PromptVersionAnalyzer>
        {
            Source = TriageSource("{|AGR0006:Prompt(\"support.triage\", Version = 3)|}"),
            AdditionalFiles = { ("AgentPrompts.lock", $"support.triage 3 {PromptHash.Compute("You triage tickets.")}\n") },
            ExpectedMessages = { "Prompt 'support.triage' changed but is still version 3" },
        }.RunAsync();
    }

    [Fact]
    public async Task Line_endings_do_not_change_the_hash()
    {
        await new AnalyzerTest<PromptVersionAnalyzer>
        {
            Source = "using AgentRules;\npublic static class P\n{\n    [Prompt(\"multi\")]\n    public const string Text = \"first line\\r\\nsecond line\";\n}\n",
            AdditionalFiles = { ("AgentPrompts.lock", $"multi 1 {PromptHash.Compute("first line\nsecond line")}\r\n") },
        }.RunAsync();
    }

    [Fact]
    public async Task Every_declaration_form_is_hashed_from_its_compile_time_text()
    {
        const string Persona = "You are a pirate.";
        await new AnalyzerTest<PromptVersionAnalyzer>
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

        await new AnalyzerTest<PromptVersionAnalyzer> { Source = Template(original).Replace("{|AGR0006:", "").Replace("|}]", "]"), AdditionalFiles = { ("AgentPrompts.lock", lockLine + "\n") } }.RunAsync();
        await new AnalyzerTest<PromptVersionAnalyzer> { Source = Template(reformatted).Replace("{|AGR0006:", "").Replace("|}]", "]"), AdditionalFiles = { ("AgentPrompts.lock", lockLine + "\n") } }.RunAsync();
        await new AnalyzerTest<PromptVersionAnalyzer> { Source = Template(original.Replace("last", "latest")), AdditionalFiles = { ("AgentPrompts.lock", lockLine + "\n") } }.RunAsync();
    }

    private static string TemplateHash(string arrowBody)
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { string M(string customer, int count) " + arrowBody + " }");
        var arrow = System.Linq.Enumerable.First(System.Linq.Enumerable.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax>(tree.GetRoot().DescendantNodes()));
        return PromptDeclarationReader.TemplateHash(arrow.Expression);
    }

    [Fact]
    public async Task Malformed_lock_file_lines_are_reported_at_the_line()
    {
        await new AnalyzerTest<PromptVersionAnalyzer>
        {
            Source = TriageSource(),
            AdditionalFiles =
            {
                ("AgentPrompts.lock", $$"""
                    # AgentPrompts.lock
                    support.triage 3 {{TriageSha}}
                    {|AGR0011:support.escalation 1|}
                    {|AGR0011:support.refunds two {{TriageSha}}|}
                    {|AGR0011:support.greeting 1 not-a-hash|}
                    {|AGR0011:support.triage 3 {{PromptHash.Compute("other")}}|}

                    """),
            },
            ExpectedMessages =
            {
                "AgentPrompts.lock: line 3 should be '<id> <version> <sha256>' but has 2 fields",
                "AgentPrompts.lock: line 4: version 'two' of prompt 'support.refunds' is not a whole number of 1 or more",
                "AgentPrompts.lock: line 5: 'not-a-hash' is not a SHA-256 hash (64 hexadecimal digits)",
                "AgentPrompts.lock: line 6 conflicts with line 2: prompt 'support.triage' version 3 is recorded twice",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Duplicate_prompt_ids_are_reported_at_the_later_declaration()
    {
        await new AnalyzerTest<PromptVersionAnalyzer>
        {
            Sources =
            {
                """
                using AgentRules;
                public static class Billing
                {
                    [{|AGR0010:Prompt("support.system")|}]
                    public const string System = "You handle billing questions.";
                }
                """,
                """
                using AgentRules;
                public static class Shipping
                {
                    [{|AGR0010:{|AGR0012:Prompt("support.system")|}|}]
                    public const string System = "You handle shipping questions.";
                }
                """,
            },
            ExpectedMessages =
            {
                $"Prompt 'support.system' version 1 is not recorded in AgentPrompts.lock (line: support.system 1 {PromptHash.Compute("You handle billing questions.")})",
                "Prompt id 'support.system' is already declared by 'Billing.System'",
                $"Prompt 'support.system' version 1 is not recorded in AgentPrompts.lock (line: support.system 1 {PromptHash.Compute("You handle shipping questions.")})",
            },
        }.RunAsync();
    }

    [Theory]
    [InlineData("[{|AGR0013:Prompt(\"\")|}] public const string P = \"text\";", "Prompt '' cannot be versioned: its id is empty")]
    [InlineData("[{|AGR0013:Prompt(\"support triage\")|}] public const string P = \"text\";", "Prompt 'support triage' cannot be versioned: its id contains whitespace")]
    [InlineData("[{|AGR0013:Prompt(\"p\", Version = 0)|}] public const string P = \"text\";", "Prompt 'p' cannot be versioned: its version is 0; versions start at 1")]
    [InlineData("[{|AGR0013:Prompt(\"p\")|}] public const int P = 3;", "Prompt 'p' cannot be versioned: [Prompt] goes on a string field, property or method")]
    [InlineData("[{|AGR0013:Prompt(\"p\")|}] public static string P = \"text\";", "Prompt 'p' cannot be versioned: the field is not readonly, so its text can change at run time")]
    [InlineData("[{|AGR0013:Prompt(\"p\")|}] public static string P { get; set; } = \"text\";", "Prompt 'p' cannot be versioned: the property has a setter, so its text can change at run time")]
    [InlineData("[{|AGR0013:Prompt(\"p\")|}] public static readonly string P = System.IO.File.ReadAllText(\"p.md\");", "Prompt 'p' cannot be versioned: it reads its text from a file at run time; declare the file as an <AgentPrompt> item instead")]
    [InlineData("[{|AGR0013:Prompt(\"p\")|}] public static readonly string P;", "Prompt 'p' cannot be versioned: the readonly field has no initializer, so its text is not known at compile time")]
    public async Task Declarations_that_cannot_be_versioned_are_reported(string member, string message)
    {
        await new AnalyzerTest<PromptVersionAnalyzer>
        {
            Source = "using AgentRules;\npublic static class Prompts\n{\n    " + member + "\n}\n",
            ExpectedMessages = { message },
        }.RunAsync();
    }

    private const string PromptFileConfig = """
        root = true

        [*.cs]

        [prompts/triage.md]
        build_metadata.AdditionalFiles.AgentPromptId = support.triage
        build_metadata.AdditionalFiles.AgentPromptVersion = 3

        [prompts/refunds.md]
        build_metadata.AdditionalFiles.AgentPromptId = support.refunds
        build_metadata.AdditionalFiles.AgentPromptVersion = latest
        """;

    [Fact]
    public async Task Prompt_files_are_checked_against_the_lock_file_at_their_first_line()
    {
        var triage = "# Triage\r\n\r\nYou triage support tickets.\r\n";
        await new AnalyzerTest<PromptVersionAnalyzer>
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

        await new AnalyzerTest<PromptVersionAnalyzer>
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
    public async Task A_prompt_file_and_a_prompt_member_with_the_same_id_are_duplicates()
    {
        await new AnalyzerTest<PromptVersionAnalyzer>
        {
            // Declarations are ordered by path, then position: /src/Test0.cs comes before /src/prompts/triage.md.
            Source = TriageSource("{|AGR0010:Prompt(\"support.triage\", Version = 3)|}"),
            EditorConfig = PromptFileConfig,
            AdditionalFiles = { ("prompts/triage.md", "{|AGR0010:{|AGR0012:You triage.|}|}\n") },
        }.RunAsync();
    }

    [Fact]
    public async Task Ids_that_map_to_the_same_registry_member_are_reported()
    {
        await new AnalyzerTest<PromptVersionAnalyzer>
        {
            Source = """
                using AgentRules;
                public static class Prompts
                {
                    [{|AGR0010:Prompt("support.triage")|}]
                    public const string A = "You triage.";

                    [{|AGR0010:{|AGR0014:Prompt("support_triage")|}|}]
                    public const string B = "You also triage.";
                }
                """,
            ExpectedMessages =
            {
                $"Prompt 'support.triage' version 1 is not recorded in AgentPrompts.lock (line: support.triage 1 {PromptHash.Compute("You triage.")})",
                "Prompt id 'support_triage' maps to AgentPrompts.SupportTriage, already taken by 'support.triage'; read it with AgentPrompts.Find(\"support_triage\")",
                $"Prompt 'support_triage' version 1 is not recorded in AgentPrompts.lock (line: support_triage 1 {PromptHash.Compute("You also triage.")})",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Registers_nothing_without_the_runtime_a_lock_file_or_prompt_files()
    {
        var test = new AnalyzerTest<PromptVersionAnalyzer>
        {
            Source = "public static class Calculator { public const string Name = \"calc\"; }",
            References = TestReferences.Net,
        };
        await test.RunAsync();

        var analyzer = new PromptVersionAnalyzer();
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        var telemetry = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), project.AnalyzerOptions).GetAnalyzerTelemetryInfoAsync(analyzer, default);
        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(0, telemetry.SymbolActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.SemanticModelActionsCount + telemetry.AdditionalFileActionsCount + telemetry.CompilationEndActionsCount);
    }

    [Fact]
    public async Task Half_written_declarations_and_lock_files_do_not_throw()
    {
        await new AnalyzerTest<PromptVersionAnalyzer>
        {
            AllowCompilerErrors = true,
            Source = """
                using AgentRules;
                public static class Prompts
                {
                    [Prompt(]
                    public const string A = "x";
                    [Prompt("b", Version = )]
                    public const string B = ;
                    [Prompt(Missing)]
                    public static string C() =>
                    [Prompt("d")]
                    public Unknown D => "x";
                    [Prompt("e")]
                    public const string E = "Still analysed.";
                }
                """,
            AdditionalFiles = { ("AgentPrompts.lock", "\uFEFF\t\n  \n#\n") },
            ExpectedDiagnostics =
            {
                // Half-written attributes and members are the compiler's to report; the complete prompt is still checked.
                new Microsoft.CodeAnalysis.Testing.DiagnosticResult("AGR0010", DiagnosticSeverity.Info).WithSpan(TestProject.SourcePath(0), 12, 6, 12, 17),
            },
        }.RunAsync();
    }
}
