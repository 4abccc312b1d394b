using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Generators.Prompts;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// Generated or machine-written code nests deeply: thousands of nested <c>if</c>s, long concatenation chains. The
/// analyzers and generators run on the compiler's threads (about 1 MB of stack), and a stack overflow there kills the
/// compiler process, so every walk must be iterative or stop quietly when the stack runs low. These tests run them on
/// a thread with a 1 MB stack.
/// </summary>
public class DeepNestingTests
{
    private const int Depth = 3000;
    private const int StackSize = 1024 * 1024;

    [Theory]
    [InlineData(Depth, false)] // deeper than OperationGuard.MaxSyntaxDepth: the rules stay quiet
    [InlineData(280, true)] // just within it (two syntax levels per if): the loop is still analyzed
    public void Analyzers_and_generators_survive_thousands_of_nested_ifs_around_an_agent_loop(int depth, bool analyzed)
    {
        var body = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            body.Append("if (flag) { ");
        }

        body.Append("""
            while (true)
            {
                var response = await client.GetResponseAsync(messages);
                messages.Add(new ChatMessage(ChatRole.Assistant, response.Text));
                if (response.Text.Length == 0) { return response.Text; }
            }
            """);
        body.Append('}', depth);

        var diagnostics = RunEverythingOnASmallStack($$"""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public sealed class DeepAgent
            {
                public async Task<string> RunAsync(IChatClient client, List<ChatMessage> messages, bool flag)
                {
                    {{body}}
                    return "";
                }
            }
            """);
        Assert.Equal(analyzed, diagnostics.Any(d => d.Id == "AGR0002"));
    }

    [Fact]
    public void Analyzers_and_generators_survive_deep_expression_chains_in_prompts_tools_and_loop_conditions()
    {
        var concatenation = string.Join(" + ", Enumerable.Range(0, Depth).Select(i => "\"part " + i + " \""));
        var condition = string.Join(" && ", Enumerable.Range(0, Depth).Select(i => "flag"));
        var nestedCalls = string.Concat(Enumerable.Repeat("Wrap(", Depth / 3)) + "path" + new string(')', Depth / 3);

        RunEverythingOnASmallStack($$"""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using ModelContextProtocol.Server;

            [McpServerToolType]
            public sealed class DeepTools
            {
                private static string Wrap(string value) => value;

                [McpServerTool(Name = "delete_file")]
                public static void DeleteFile(string path) => File.Delete({{nestedCalls}});
            }

            public sealed class DeepAgent
            {
                public async Task<string> RunAsync(IChatClient client, bool flag)
                {
                    var messages = new List<ChatMessage> { new(ChatRole.System, {{concatenation}}) };
                    while ({{condition}})
                    {
                        var response = await client.GetResponseAsync(messages);
                        messages.Add(new ChatMessage(ChatRole.Assistant, response.Text));
                    }

                    return "";
                }
            }
            """);
    }

    private static ImmutableArray<Diagnostic> RunEverythingOnASmallStack(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, TestProject.ParseOptions, path: TestProject.Root + "Deep.cs");
        var compilation = CSharpCompilation.Create(
            "Deep",
            [tree],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // The code is valid C#: the compiler binds it on its main thread, which has a large stack.
        var errors = RunOnThread(64 * StackSize, () => compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
        Assert.Empty(errors);

        // Analyzers and generators run on the compiler's worker threads.
        var analyzers = RuleCatalogTests.AllAnalyzers().ToImmutableArray();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = RunOnThread(StackSize, () => compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult());
        var generatorDiagnostics = RunOnThread(StackSize, () => CSharpGeneratorDriver.Create(
                [new ToolWrapperGenerator().AsSourceGenerator(), new PromptRegistryGenerator().AsSourceGenerator(), new ProcessSpecGenerator().AsSourceGenerator()],
                parseOptions: TestProject.ParseOptions)
            .RunGenerators(compilation).GetRunResult().Diagnostics);

        // AD0001: an analyzer threw (InsufficientExecutionStackException included); CS8784/CS8785: a generator did.
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.DoesNotContain(generatorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        return diagnostics;
    }

    private static T RunOnThread<T>(int stackSize, Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            stackSize);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        return result;
    }
}
