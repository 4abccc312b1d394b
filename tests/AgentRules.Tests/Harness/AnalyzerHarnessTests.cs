using System;
using System.Collections.Immutable;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules.ToolSafety;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Sdk;

namespace AgentRules.Tests.Harness;

/// <summary>The analyzer verifier fails, readably, on every kind of mismatch.</summary>
public class AnalyzerHarnessTests
{
    private const string DestructiveTool = """
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public sealed class Tools
        {
            [McpServerTool(Name = "Drop", Destructive = true)]
            public void Drop() { }
        }
        """;

    [Fact]
    public async Task Fails_when_an_expected_diagnostic_is_missing()
    {
        var error = await Assert.ThrowsAsync<FailException>(() => new AnalyzerTest<DestructiveToolAnalyzer>
        {
            Source = "public sealed class [|Calculator|] { }",
        }.RunAsync());

        Assert.Contains("Missing: AGR0001 at Test0.cs(1,21)", error.Message, StringComparison.Ordinal);
        Assert.Contains("public sealed class Calculator { }", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_when_an_unexpected_diagnostic_is_reported()
    {
        var error = await Assert.ThrowsAsync<FailException>(() => new AnalyzerTest<DestructiveToolAnalyzer> { Source = DestructiveTool }.RunAsync());

        Assert.Contains("Unexpected: AGR0001 at Test0.cs(7,17)-(7,21): Destructive tool 'Drop' has no environment scope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_when_the_message_differs()
    {
        var error = await Assert.ThrowsAsync<FailException>(() => new AnalyzerTest<DestructiveToolAnalyzer>
        {
            Source = DestructiveTool.Replace("void Drop", "void [|Drop|]", StringComparison.Ordinal),
            ExpectedMessages = { "Destructive tool 'Drop' is fine" },
        }.RunAsync());

        Assert.Contains("Missing: AGR0001 at Test0.cs(7,17): Destructive tool 'Drop' is fine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_when_the_span_differs()
    {
        var error = await Assert.ThrowsAsync<FailException>(() => new AnalyzerTest<DestructiveToolAnalyzer>
        {
            Source = DestructiveTool.Replace("public void Drop", "[|public void Drop|]", StringComparison.Ordinal),
        }.RunAsync());

        Assert.Contains("Missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unexpected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_when_the_analyzer_throws()
    {
        var error = await Assert.ThrowsAsync<FailException>(() => new AnalyzerTest<ThrowingAnalyzer> { Source = "class C { }" }.RunAsync());

        Assert.Contains("AD0001", error.Message, StringComparison.Ordinal);
        Assert.Contains("ThrowingAnalyzer threw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_when_the_test_source_does_not_compile_unless_allowed()
    {
        var error = await Assert.ThrowsAsync<FailException>(() => new AnalyzerTest<DestructiveToolAnalyzer> { Source = "class C { void M() { undefined(); } }" }.RunAsync());
        Assert.Contains("does not compile", error.Message, StringComparison.Ordinal);

        await new AnalyzerTest<DestructiveToolAnalyzer> { Source = "class C { void M() { undefined(); } }", AllowCompilerErrors = true }.RunAsync();
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
