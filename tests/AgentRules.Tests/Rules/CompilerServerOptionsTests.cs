using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Diagnostics;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Tests.Infrastructure;
using AgentRules.Tests.Rules.ToolSafety;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// The compiler server (VBCSCompiler, the default on a developer machine) keeps the analyzers loaded between builds, so
/// the rules' process-wide caches meet the compilations of earlier builds. Its compilation options hold a metadata
/// reference resolver whose <c>Equals</c> and <c>GetHashCode</c> throw <see cref="NotImplementedException"/>: comparing
/// two builds' options with <c>Equals</c> made every AgentRules analyzer throw (AD0001) from the second build on. These
/// tests give the compilations such a resolver and run every rule analyzer and the spec analyzer on successive builds
/// and on an edit of one.
/// </summary>
[Collection(ToolRegistrationCacheCollection.Name)] // the carried snapshots are process-wide
public class CompilerServerOptionsTests
{
    private const string Agent = """
        using System.ComponentModel;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using ModelContextProtocol.Server;

        namespace Contoso.Server;

        [McpServerToolType]
        public sealed class AdminTools
        {
            [McpServerTool, Description("Deletes a customer record.")]
            public static Task<string> DeleteCustomer(string id) => Task.FromResult("deleted " + id);
        }

        public sealed class Chat(IChatClient client)
        {
            public async Task<string> RunAsync(string question, CancellationToken cancellationToken)
            {
                var messages = new System.Collections.Generic.List<ChatMessage>
                {
                    new(ChatRole.System, "You are a helpful assistant."),
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
    public async Task A_second_build_in_the_same_process_reports_what_the_first_did_without_an_analyzer_exception()
    {
        var first = await RunAsync(Build());
        var second = await RunAsync(Build());

        Assert.Contains(DiagnosticIds.DestructiveToolWithoutEnvironmentScope + " at Agent.cs", first, StringComparison.Ordinal);
        Assert.Contains(DiagnosticIds.UnversionedPrompt + " at Agent.cs", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task An_edit_of_a_compilation_with_the_servers_options_reports_what_a_fresh_build_does()
    {
        var compilation = Build();
        await RunAsync(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(tree.GetText().ToString().IndexOf("deleted", StringComparison.Ordinal), 0, " ")));

        Assert.Equal(await RunAsync(Build(edited.SyntaxTrees.Single().ToString())), await RunAsync(edited));
    }

    private static Compilation Build(string source = Agent) => CSharpCompilation.Create(
        "ServerBuild",
        [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), "Agent.cs")],
        TestReferences.All,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithMetadataReferenceResolver(new ThrowingMetadataResolver()));

    /// <summary>Every rule analyzer and the spec analyzer; fails on any analyzer exception; the diagnostics as text.</summary>
    private static async Task<string> RunAsync(Compilation compilation)
    {
        var analyzers = AgentRulesAnalyzers.RulesAndSpec();
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return string.Join(Environment.NewLine, diagnostics.Select(AnalyzerRunner.Format).OrderBy(d => d, StringComparer.Ordinal));
    }
}
