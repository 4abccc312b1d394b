using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Harness;

/// <summary>
/// What our adapters over Microsoft.CodeAnalysis.Testing add or decide, each shown to fail on the mistake it exists to
/// catch: messages paired with markup in source order, compiler errors, analyzers that throw, Fix All.
/// </summary>
public class AnalyzerAdapterTests
{
    private const string DestructiveTool = """
        using AgentRules;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed class Tools
        {
            [McpServerTool(Name = "Drop", Destructive = true)]
            public void [|Drop|]() { }
        }
        """;

    [Fact]
    public async Task Fails_when_the_message_differs()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer>
        {
            Source = DestructiveTool,
            ExpectedMessages = { "Destructive tool 'Drop' is fine" },
        }.RunAsync());

        Assert.Contains("Destructive tool 'Drop' is fine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_when_an_expected_diagnostic_is_missing_or_unexpected()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer> { Source = "public sealed class [|Calculator|] { }" }.RunAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer> { Source = DestructiveTool.Replace("[|Drop|]", "Drop", StringComparison.Ordinal) }.RunAsync());
    }

    [Fact]
    public async Task Fails_when_the_test_source_does_not_compile_unless_allowed()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer> { Source = "class C { void M() { undefined(); } }" }.RunAsync());
        Assert.Contains("CS0103", error.Message, StringComparison.Ordinal);

        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer> { Source = "class C { void M() { undefined(); } }", AllowCompilerErrors = true }.RunAsync();
    }

    [Fact]
    public async Task Checks_generated_code_and_pragma_suppression_when_asked()
    {
        await new AnalyzerTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer> { Source = DestructiveTool, TestBehaviors = Microsoft.CodeAnalysis.Testing.TestBehaviors.None }.RunAsync();
        await new AnalyzerTest<AgentRules.Analyzers.Rules.AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using Microsoft.Extensions.AI;

                public static class Chat
                {
                    public static ChatMessage System() => new(ChatRole.System, [|"You are terse."|]);
                }
                """,
            TestBehaviors = Microsoft.CodeAnalysis.Testing.TestBehaviors.None,
        }.RunAsync();
    }

    [Fact]
    public async Task Fails_when_the_analyzer_throws()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => new AnalyzerTest<ThrowingAnalyzer> { Source = "class C { }" }.RunAsync());
        Assert.Contains("AD0001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_when_the_fixed_code_differs()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => new CodeFixTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer, AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix>
        {
            Source = DestructiveTool,
            FixedSource = DestructiveTool.Replace("[|Drop|]", "Drop", StringComparison.Ordinal),
        }.RunAsync());

        Assert.Contains("Test0.cs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_all_runs_and_fails_when_its_result_differs()
    {
        // One diagnostic: Fix All in document, project and solution scope must give the same code as the single fix,
        // so a different BatchFixedSource fails only if Fix All really runs.
        var fixedSource = DestructiveTool
            .Replace("[|Drop|]", "Drop", StringComparison.Ordinal)
            .Replace("    public void Drop", "    [EnvironmentScope(\"Development\", \"Staging\")]\n    public void Drop", StringComparison.Ordinal);
        await new CodeFixTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer, AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix> { Source = DestructiveTool, FixedSource = fixedSource }.RunAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => new CodeFixTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer, AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix>
        {
            Source = DestructiveTool,
            FixedSource = fixedSource,
            BatchFixedSource = fixedSource.Replace("Staging", "Production", StringComparison.Ordinal),
        }.RunAsync());
        Assert.Contains("Fix all", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Markup_orders_spans_by_start_and_an_inner_span_before_the_one_enclosing_it()
    {
        var (text, spans) = TestProject.ParseMarkup("x = {|AGR0003:{|AGR0002:Call|}|}([|arg|]);");

        Assert.Equal("x = Call(arg);", text);
        Assert.Equal(["AGR0002", "AGR0003", null], spans.Select(s => s.Id));
        Assert.Equal("Call", text.Substring(spans[0].Span.Start, spans[0].Span.Length));
        Assert.Equal("arg", text.Substring(spans[2].Span.Start, spans[2].Span.Length));
        Assert.Throws<FormatException>(() => TestProject.ParseMarkup("x = [|y;"));
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0001", "t", "m", "c", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(_ => throw new InvalidOperationException("boom"), SymbolKind.NamedType);
        }
    }
}
