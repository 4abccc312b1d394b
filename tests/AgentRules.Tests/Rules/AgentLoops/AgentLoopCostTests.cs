using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Loops;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// The agent-loop rules bind only code that can call a model: which files, loops and callees qualify is decided from
/// names (LLM APIs, and the methods and delegates that reach them) before any semantic model is asked for. These
/// tests observe it through the semantic models the engine requests, and keep the cheap path sound: calls through
/// other files, delegates, constructors and REST endpoints declared elsewhere are still followed.
/// </summary>
public class AgentLoopCostTests
{
    private const string AgentFile = """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Shop.Agents;

        public sealed class Support(IChatClient chatClient)
        {
            public async Task RunAsync(string task)
            {
                var answer = task;
                while (!answer.Contains("DONE"))
                {
                    answer = await Helpers.AskModelAsync(chatClient, answer);
                }
            }
        }
        """;

    private const string HelperFile = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Shop.Agents;

        public static class Helpers
        {
            public static async Task<string> AskModelAsync(IChatClient chatClient, string prompt) => (await chatClient.GetResponseAsync(prompt)).Text;
        }
        """;

    // Non-agent code that spells an LLM API's name (RunAsync, declared, not called) and a site API's (Auto), with
    // loops, recursion and documentation comments: none of it can reach a model, so none of it is bound.
    private const string LibraryFile = """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Shop.Serialization;

        public enum TypeNameHandling { None, Auto }

        public sealed class Writer
        {
            /// <summary>Writes every item.</summary>
            public static Writer Create() => new();

            public async Task RunAsync(IEnumerable<string> items)
            {
                foreach (var item in items)
                {
                    var writer = Create();
                    await writer.WriteAsync(item, TypeNameHandling.Auto);
                }

                for (var i = 0; i < 3; i++)
                {
                    Run(i);
                }
            }

            public int Run(int depth) => depth > 10 ? depth : Run(depth + 1);

            public Task WriteAsync(string item, TypeNameHandling handling) => Task.CompletedTask;
        }
        """;

    [Fact]
    public async Task Only_files_that_can_reach_a_model_are_bound()
    {
        var test = new TestProject();
        test.Sources.Add(AgentFile);
        test.Sources.Add(HelperFile);
        test.Sources.Add(LibraryFile);
        test.Sources.Add("public static class Numbers { public static int Fibonacci(int n) { var a = 0; var b = 1; for (var i = 0; i < n; i++) (a, b) = (b, a + b); return a; } }");
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var requested = new ConcurrentDictionary<string, int>();
        var models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        SemanticModel GetModel(SyntaxTree tree)
        {
            requested.AddOrUpdate(System.IO.Path.GetFileName(tree.FilePath), 1, (_, n) => n + 1);
#pragma warning disable RS1030 // a test, not an analyzer
            return models.GetOrAdd(tree, t => compilation.GetSemanticModel(t));
#pragma warning restore RS1030
        }

        var context = AgentLoopContext.Create(compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider, GetModel)!;
        var (loops, sites) = AgentLoopCatalog.FindAll(context, GetModel, default);

        var loop = Assert.Single(loops);
        Assert.Equal("IChatClient.GetResponseAsync", loop.LlmCall.Call.Name);
        Assert.Equal("AskModelAsync", loop.LlmCall.Via?.Name);
        Assert.Empty(sites);

        var library = compilation.SyntaxTrees.Single(t => t.ToString().Contains("TypeNameHandling"));
        Assert.True(context.MayContainLoops(library, default)); // it spells RunAsync: read, but nothing in it is bound
        Assert.False(context.MayContainSites(library, default));
        var arithmetic = compilation.SyntaxTrees.Single(t => t.ToString().Contains("Fibonacci"));
        Assert.False(context.MayContainLoops(arithmetic, default));
        Assert.False(context.MayContainSites(arithmetic, default));
        Assert.True(context.MayContainLoops(compilation.SyntaxTrees.First(), default));

        // The agent file is bound to classify its loop, the helper's file to follow the call; the library never.
        Assert.Equal(new[] { "Test0.cs", "Test1.cs" }, requested.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
    }

    [Fact]
    public async Task Both_analyzers_register_one_action_per_file_and_no_operation_actions()
    {
        var test = new TestProject { Source = AgentFile };
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        foreach (var analyzer in RuleGroups.AllLoopRules())
        {
            var telemetry = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), project.AnalyzerOptions).GetAnalyzerTelemetryInfoAsync(analyzer, default);
            Assert.Equal(1, telemetry.SemanticModelActionsCount);
            Assert.Equal(0, telemetry.OperationActionsCount + telemetry.OperationBlockStartActionsCount + telemetry.OperationBlockActionsCount
                + telemetry.SyntaxNodeActionsCount + telemetry.SymbolActionsCount + telemetry.CodeBlockStartActionsCount);
        }
    }

    // ---- The cheap path stays sound ----------------------------------------------------------------------------

    [Fact]
    public async Task A_delegate_assigned_in_another_file_is_followed()
    {
        var test = new AgentLoopRulesTest();
        test.Sources.Add("""
            using System;
            using System.Threading.Tasks;

            public sealed partial class Relay
            {
                private Func<string, Task<string>> _next = s => Task.FromResult(s);

                public async Task<string> PumpAsync(string seed)
                {
                    var current = seed;
                    {|AGR0002:{|AGR0003:while|}|} (current != "DONE")
                    {
                        current = await _next(current);
                    }

                    return current;
                }
            }
            """);
        test.Sources.Add("""
            using Microsoft.Extensions.AI;

            public sealed partial class Relay
            {
                public Relay(IChatClient chatClient) => _next = async prompt => (await chatClient.GetResponseAsync(prompt)).Text;
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task An_endpoint_declared_in_another_file_makes_a_post_an_LLM_call()
    {
        var test = new AgentLoopRulesTest();
        test.Sources.Add("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            public sealed class RestAgent(HttpClient http)
            {
                public async Task RunAsync(string prompt)
                {
                    {|AGR0002:{|AGR0003:while|}|} (true)
                    {
                        var response = await http.PostAsJsonAsync(Endpoints.Chat, new { prompt });
                        if ((await response.Content.ReadAsStringAsync()).Contains("DONE")) break;
                    }
                }

                public async Task NotifyAsync(string text)
                {
                    while (true)
                    {
                        await http.PostAsJsonAsync(Endpoints.Telemetry, new { text });
                    }
                }
            }
            """);
        test.Sources.Add("""
            public static class Endpoints
            {
                public const string Chat = "https://api.openai.com/v1/chat/completions";
                public const string Telemetry = "https://example.com/telemetry";
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task A_constructor_that_calls_a_model_is_followed_from_a_target_typed_new()
    {
        await new AgentLoopRulesTest
        {
            Source = """
                using System.Collections.Generic;
                using Microsoft.Extensions.AI;

                public sealed class Turn
                {
                    public Turn(IChatClient chatClient, string prompt) => Reply = chatClient.GetResponseAsync(prompt).GetAwaiter().GetResult().Text;

                    public string Reply { get; }
                }

                public static class Conversation
                {
                    public static void Run(IChatClient chatClient, List<Turn> turns)
                    {
                        var prompt = "start";
                        {|AGR0002:{|AGR0003:while|}|} (prompt != "DONE")
                        {
                            Turn turn = new(chatClient, prompt);
                            turns.Add(turn);
                            prompt = turn.Reply;
                        }
                    }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task An_interface_implemented_in_another_file_is_followed()
    {
        var test = new AgentLoopRulesTest();
        test.Sources.Add("""
            using System.Threading.Tasks;

            public interface IAssistant
            {
                Task<string> Execute(string input);
            }

            public sealed class Worker(IAssistant assistant)
            {
                public async Task RunAsync(string input)
                {
                    {|AGR0002:{|AGR0003:while|}|} (input != "DONE")
                    {
                        input = await assistant.Execute(input);
                    }
                }
            }
            """);
        test.Sources.Add("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public sealed class LlmAssistant(IChatClient chatClient) : IAssistant
            {
                public async Task<string> Execute(string input) => (await chatClient.GetResponseAsync(input)).Text;
            }
            """);
        await test.RunAsync();
    }
}
