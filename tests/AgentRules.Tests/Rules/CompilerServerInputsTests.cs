using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Generators.Prompts;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using AgentRules.Tests.Rules.ToolSafety;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// What <see cref="CompilerServerOptionsTests"/> checks for the rule analyzers, for everything else AgentRules runs in
/// the compiler server: the three generators (each build gets a fresh driver there, as here) and the spec analyzer
/// with the spec switched on (without <c>AgentRulesSpecCompute=true</c> it registers nothing). The compiler objects a
/// cache could be tempted to compare or hash throw from <c>Equals</c> and <c>GetHashCode</c>: the compilation options'
/// resolvers (as the server's do) and the editorconfig options provider and its options (the compiler's own compare
/// by reference, so value equality on them never meant anything). AgentRules must compare them by reference. What
/// the compiler itself hashes keeps reference equality here: the additional files, and the provider the generator
/// driver is given.
/// </summary>
[Collection(ToolRegistrationCacheCollection.Name)] // the carried snapshots are process-wide
public class CompilerServerInputsTests
{
    private const string Agent = """
        using System.ComponentModel;
        using System.Threading;
        using System.Threading.Tasks;
        using AgentRules;
        using Microsoft.Extensions.AI;
        using ModelContextProtocol.Server;

        namespace Contoso.Server;

        [McpServerToolType]
        public sealed class AdminTools
        {
            [McpServerTool, Description("Deletes a customer record.")]
            public static Task<string> DeleteCustomer(string id) => Task.FromResult("deleted " + id);
        }

        public partial class OrderTools
        {
            [AgentTool, ReadOnlyTool, Description("Finds an order.")]
            public string FindOrder(string id) => "order " + id;
        }

        public static class SupportPrompts
        {
            [Prompt("support.triage", Version = 2)]
            public const string Triage = "You triage support tickets.";
        }

        public sealed class Chat(IChatClient client)
        {
            public async Task<string> RunAsync(string question, CancellationToken cancellationToken)
            {
                var messages = new System.Collections.Generic.List<ChatMessage>
                {
                    new(ChatRole.System, SupportPrompts.Triage),
                    new(ChatRole.User, question),
                };
                while (true)
                {
                    var response = await client.GetResponseAsync(messages, cancellationToken: cancellationToken);
                    messages.AddRange(response.Messages);
                    if (response.Text.Contains("DONE"))
                    {
                        return response.Text;
                    }
                }
            }
        }
        """;

    [Fact]
    public void The_generators_give_a_second_build_in_the_same_process_what_they_gave_the_first_without_an_exception()
    {
        var first = RunGenerators(Build());
        var second = RunGenerators(Build());

        Assert.Contains("AgentPrompts.g.cs", first, StringComparison.Ordinal);
        Assert.Contains("AgentProcessSpec.g.cs", first, StringComparison.Ordinal);
        Assert.Contains("OrderTools", first, StringComparison.Ordinal); // the tool wrapper's hint name
        Assert.Contains("delete_customer", first, StringComparison.Ordinal); // the embedded spec lists the MCP tool
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task The_spec_analyzer_and_the_rules_give_a_second_build_what_they_gave_the_first_without_an_exception()
    {
        var first = await RunAnalyzersAsync(Build());
        var second = await RunAnalyzersAsync(Build());

        Assert.Contains(DiagnosticIds.DestructiveToolWithoutEnvironmentScope + " at Agent.cs", first, StringComparison.Ordinal);
        Assert.Contains("delete_customer", first, StringComparison.Ordinal); // the spec the analyzer composed
        Assert.Equal(first, second);
    }

    private static readonly string[] Prompt = ["prompts/escalation.md", "Escalate when the customer asks for a manager.\n"];

    private static Compilation Build() => CSharpCompilation.Create(
        "ServerBuild",
        [CSharpSyntaxTree.ParseText(Agent, new CSharpParseOptions(LanguageVersion.Preview), "/src/Agent.cs")],
        TestReferences.All,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithMetadataReferenceResolver(new ThrowingMetadataResolver())
            .WithSourceReferenceResolver(new ThrowingSourceResolver())
            .WithXmlReferenceResolver(new ThrowingXmlResolver()));

    private static (ImmutableArray<AdditionalText> Files, AnalyzerConfigOptionsProvider Options) Inputs(bool embed, bool providerThrows)
    {
        var file = new PromptFile("/src/" + Prompt[0], Prompt[1]);
        var global = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SpecSettings.ComputeProperty] = "true",
            [SpecSettings.EmbedProperty] = embed ? "true" : "false",
            [SpecSettings.ProjectDirectoryProperty] = "/src/",
            [SpecSettings.RootNamespaceProperty] = "Contoso.Server",
        };
        var perFile = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["build_metadata.AdditionalFiles.AgentPromptId"] = "support.escalation",
            ["build_metadata.AdditionalFiles.AgentPromptVersion"] = "1",
        };
        return ([file], new Provider(new ThrowingOptions(global), new ThrowingOptions(new()), file, new ThrowingOptions(perFile), providerThrows));
    }

    /// <summary>The three generators in a fresh driver, as each compiler-server build runs them; every generated file, as text.</summary>
    private static string RunGenerators(Compilation compilation)
    {
        var (files, options) = Inputs(embed: true, providerThrows: false); // the generator driver hashes the provider itself
        var driver = CSharpGeneratorDriver.Create(
            [new ToolWrapperGenerator().AsSourceGenerator(), new PromptRegistryGenerator().AsSourceGenerator(), new ProcessSpecGenerator().AsSourceGenerator()],
            files,
            (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            options);
        var result = driver.RunGenerators(compilation).GetRunResult();

        Assert.All(result.Results, r => Assert.True(r.Exception is null, r.Generator.GetGeneratorType().Name + ": " + r.Exception));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "CS8784" or "CS8785");
        return string.Join(
            Environment.NewLine,
            result.Results.SelectMany(r => r.GeneratedSources).OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => "// " + s.HintName + Environment.NewLine + s.SourceText));
    }

    /// <summary>Every rule analyzer and the spec analyzer (spec on, composed by the analyzer); fails on any analyzer exception.</summary>
    private static async Task<string> RunAnalyzersAsync(Compilation compilation)
    {
        var analyzers = AgentRulesAnalyzers.RulesAndSpec();
        var (files, provider) = Inputs(embed: false, providerThrows: true);
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(files, provider),
            onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var spec = diagnostics.Single(d => d.Id == DiagnosticDescriptors.ProcessSpecFacts.Id);
        return string.Join(Environment.NewLine, diagnostics.Where(d => d != spec).Select(AnalyzerRunner.Format).OrderBy(d => d, StringComparer.Ordinal))
            + Environment.NewLine + spec.Properties[ProcessSpecAnalyzer.JsonProperty];
    }

    private sealed class ThrowingSourceResolver : SourceReferenceResolver
    {
        public override bool Equals(object? other) => throw new NotImplementedException();

        public override int GetHashCode() => throw new NotImplementedException();

        public override string? NormalizePath(string path, string? baseFilePath) => null;

        public override System.IO.Stream OpenRead(string resolvedPath) => throw new System.IO.FileNotFoundException(resolvedPath);

        public override string? ResolveReference(string path, string? baseFilePath) => null;
    }

    private sealed class ThrowingXmlResolver : XmlReferenceResolver
    {
        public override bool Equals(object? other) => throw new NotImplementedException();

        public override int GetHashCode() => throw new NotImplementedException();

        public override System.IO.Stream OpenRead(string resolvedPath) => throw new System.IO.FileNotFoundException(resolvedPath);

        public override string? ResolveReference(string path, string? baseFilePath) => null;
    }

    /// <summary>Compared by reference, as the compiler's additional files are (the compiler itself hashes them).</summary>
    private sealed class PromptFile(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class ThrowingOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);

        public override IEnumerable<string> Keys => values.Keys;

        public override bool Equals(object? obj) => throw new NotImplementedException();

        public override int GetHashCode() => throw new NotImplementedException();
    }

    private sealed class Provider(AnalyzerConfigOptions global, AnalyzerConfigOptions perTree, AdditionalText file, AnalyzerConfigOptions perFile, bool throws) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => perTree;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => ReferenceEquals(textFile, file) ? perFile : perTree;

        public override bool Equals(object? obj) => throws ? throw new NotImplementedException() : ReferenceEquals(this, obj);

        public override int GetHashCode() => throws ? throw new NotImplementedException() : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
    }
}
