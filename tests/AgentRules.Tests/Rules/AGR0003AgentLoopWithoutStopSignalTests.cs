using System.Collections.Immutable;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using static AgentRules.Tests.Rules.AgentLoopRuleTestSources;

namespace AgentRules.Tests.Rules;

/// <summary>
/// AGR0003 alone on hand-written agent loops: which tokens and checks observe cancellation, and which do not.
/// Loops reported for both AGR0002 and AGR0003 are tested in <see cref="AGR0002AgentLoopWithoutIterationCapTests"/>.
/// </summary>
public class AGR0003AgentLoopWithoutStopSignalTests
{
    [Fact]
    public async Task Token_passed_to_the_helper_that_calls_the_model_is_observed()
    {
        await VerifyAsync(
            MeaiUsings + """
            public sealed class Negotiator(IChatClient buyer, IChatClient seller)
            {
                private const int MaxRounds = 12;

                public async Task<string> NegotiateAsync(string opening, CancellationToken cancellationToken)
                {
                    var offer = opening;
                    for (var round = 0; round < MaxRounds && !offer.Contains("DEAL", StringComparison.Ordinal); round++)
                    {
                        var counter = await AskAsync(seller, offer, cancellationToken);
                        offer = await AskAsync(buyer, counter, cancellationToken);
                    }

                    return offer;
                }

                private static async Task<string> AskAsync(IChatClient client, string message, CancellationToken cancellationToken = default) =>
                    (await client.GetResponseAsync(message, cancellationToken: cancellationToken)).Text;
            }
            """);
    }

    [Fact]
    public async Task Helper_called_without_the_token_it_accepts_does_not_observe_cancellation()
    {
        await VerifyAsync(
            MeaiUsings + """
            public sealed class Summarizer(IChatClient chatClient)
            {
                public async Task SummarizeAllAsync(IReadOnlyList<string> documents)
                {
                    {|AGR0003:foreach|} (var document in documents)
                    {
                        Console.WriteLine(await SummarizeAsync(document));
                    }
                }

                private async Task<string> SummarizeAsync(string document, CancellationToken cancellationToken = default) =>
                    (await chatClient.GetResponseAsync("Summarize: " + document, cancellationToken: cancellationToken)).Text;
            }
            """,
            "Agent loop calling 'SummarizeAsync → IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: no CancellationToken reaches 'GetResponseAsync' through 'SummarizeAsync' and nothing checks one or a KillSwitch");
    }

    // ---- Stop signals -----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("default", "'default' is passed to 'GetResponseAsync' as its CancellationToken")]
    [InlineData("CancellationToken.None", "CancellationToken.None is passed to 'GetResponseAsync'")]
    [InlineData("new CancellationToken()", "CancellationToken.None is passed to 'GetResponseAsync'")]
    public async Task Dead_tokens_do_not_observe_cancellation(string token, string reason)
    {
        await VerifyAsync(
            MeaiUsings + $$"""
            public sealed class Agent(IChatClient chatClient)
            {
                public async Task RunAsync(IEnumerable<string> questions)
                {
                    {|AGR0003:foreach|} (var question in questions)
                    {
                        await chatClient.GetResponseAsync(question, cancellationToken: {{token}});
                    }
                }
            }
            """,
            "Agent loop calling 'IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: " + reason + " and nothing checks one or a KillSwitch");
    }

    [Theory]
    [InlineData("", "await chatClient.GetResponseAsync(question, null, ct);")]
    [InlineData("", "await chatClient.GetResponseAsync(question, cancellationToken: linked.Token);")]
    [InlineData("", "await chatClient.GetResponseAsync(question, cancellationToken: KillSwitch.ForAgent(\"support\").Token);")]
    [InlineData("ct.ThrowIfCancellationRequested();", "await chatClient.GetResponseAsync(question);")]
    [InlineData("if (ct.IsCancellationRequested) return;", "await chatClient.GetResponseAsync(question);")]
    [InlineData("if (linked.IsCancellationRequested) return;", "await chatClient.GetResponseAsync(question);")]
    [InlineData("KillSwitch.Global.ThrowIfTripped();", "await chatClient.GetResponseAsync(question);")]
    [InlineData("if (KillSwitch.ForAgent(\"support\").IsTripped) break;", "await chatClient.GetResponseAsync(question);")]
    [InlineData("", "await foreach (var update in chatClient.GetStreamingResponseAsync(question).WithCancellation(ct)) { }")]
    [InlineData("", "await chatClient.GetResponseAsync(question, cancellationToken: _shutdown.Token);")]
    public async Task Live_tokens_and_checks_observe_cancellation(string check, string call)
    {
        await VerifyAsync(
            MeaiUsings + $$"""
            using AgentRules;

            public sealed class Agent(IChatClient chatClient)
            {
                private readonly CancellationTokenSource _shutdown = new();

                public async Task RunAsync(IEnumerable<string> questions, CancellationToken ct)
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, KillSwitch.Global.Token);
                    foreach (var question in questions)
                    {
                        {{check}}
                        {{call}}
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Token_from_a_field_inside_a_helper_is_observed_but_a_helper_parameter_left_default_is_not()
    {
        await VerifyAsync(
            MeaiUsings + """
            public sealed class Worker(IChatClient chatClient)
            {
                private readonly CancellationTokenSource _stopping = new();

                public async Task ProcessAsync(IEnumerable<string> tickets)
                {
                    foreach (var ticket in tickets)
                    {
                        await TriageAsync(ticket);
                    }

                    {|AGR0003:foreach|} (var ticket in tickets)
                    {
                        await ReplyAsync(ticket);
                    }
                }

                private Task<ChatResponse> TriageAsync(string ticket) => chatClient.GetResponseAsync(ticket, cancellationToken: _stopping.Token);

                private Task<ChatResponse> ReplyAsync(string ticket, CancellationToken cancellationToken = default) => chatClient.GetResponseAsync(ticket, cancellationToken: cancellationToken);
            }
            """,
            "Agent loop calling 'ReplyAsync → IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: no CancellationToken reaches 'GetResponseAsync' through 'ReplyAsync' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task Input_the_rules_cannot_follow_counts_by_its_name()
    {
        await VerifyAsync(
            MeaiUsings + """
            public interface IConversationChannel
            {
                Task<string?> WaitForUserMessageAsync(CancellationToken cancellationToken);
            }

            public static class Repl
            {
                public static async Task RunAsync(IChatClient chatClient, Func<string?> readInput, IConversationChannel channel, CancellationToken ct)
                {
                    while (true)
                    {
                        var input = readInput();
                        if (input is null) return;
                        Console.WriteLine((await chatClient.GetResponseAsync(input)).Text);
                    }
                }

                public static async Task ServeAsync(IChatClient chatClient, IConversationChannel channel)
                {
                    while (true)
                    {
                        var message = await channel.WaitForUserMessageAsync(default);
                        Console.WriteLine((await chatClient.GetResponseAsync(message ?? "")).Text);
                    }
                }

                public static async Task SummarizeFileAsync(IChatClient chatClient, System.IO.StreamReader reader)
                {
                    string? line;
                    {|AGR0003:while|} ((line = await reader.ReadLineAsync()) is not null)
                    {
                        Console.WriteLine((await chatClient.GetResponseAsync(line)).Text);
                    }
                }
            }
            """,
            "Agent loop calling 'IChatClient.GetResponseAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'GetResponseAsync' and nothing checks one or a KillSwitch");
    }

    [Fact]
    public async Task Queue_worker_paced_by_its_input_is_not_an_uncapped_loop_but_must_observe_cancellation()
    {
        await VerifyAsync(
            """
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.Hosting;

            public interface IBackgroundTaskQueue
            {
                ValueTask<string> DequeueAsync(CancellationToken cancellationToken);
            }

            public sealed class TicketWorker(AIAgent agent, Channel<string> tickets, IBackgroundTaskQueue queue) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    await foreach (var ticket in tickets.Reader.ReadAllAsync(stoppingToken))
                    {
                        await agent.RunAsync(ticket, cancellationToken: stoppingToken);
                    }

                    {|AGR0003:while|} (true)
                    {
                        var job = await queue.DequeueAsync(stoppingToken);
                        await agent.RunAsync(job);
                    }
                }
            }
            """,
            "Agent loop calling 'AIAgent.RunAsync' does not observe a kill switch or cancellation: no CancellationToken is passed to 'RunAsync' and nothing checks one or a KillSwitch");
    }
}
