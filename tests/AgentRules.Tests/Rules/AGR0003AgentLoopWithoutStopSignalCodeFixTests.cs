using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// The AGR0003 code fix (pass a token or the kill switch's token to the LLM call): before/after and Fix All.
/// </summary>
public class AGR0003AgentLoopWithoutStopSignalCodeFixTests
{
    // ---- AGR0003: pass a token --------------------------------------------------------------------------------

    [Fact]
    public async Task Passes_the_token_parameter_and_replaces_dead_tokens()
    {
        await new AgentLoopRulesFixTest<AGR0003AgentLoopWithoutStopSignalCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenAI.Chat;

                public sealed class Worker(IChatClient chatClient, ChatClient openAI)
                {
                    public async Task RunAsync(IEnumerable<string> tickets, CancellationToken stoppingToken)
                    {
                        {|AGR0003:foreach|} (var ticket in tickets)
                        {
                            await chatClient.GetResponseAsync(ticket);
                        }

                        {|AGR0003:foreach|} (var ticket in tickets)
                        {
                            await openAI.CompleteChatAsync([new UserChatMessage(ticket)], null, CancellationToken.None);
                        }

                        {|AGR0003:foreach|} (var ticket in tickets)
                        {
                            await chatClient.GetResponseAsync(ticket, cancellationToken: default);
                        }
                    }
                }
                """,
            FixedSource = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenAI.Chat;

                public sealed class Worker(IChatClient chatClient, ChatClient openAI)
                {
                    public async Task RunAsync(IEnumerable<string> tickets, CancellationToken stoppingToken)
                    {
                        foreach (var ticket in tickets)
                        {
                            await chatClient.GetResponseAsync(ticket, cancellationToken: stoppingToken);
                        }

                        foreach (var ticket in tickets)
                        {
                            await openAI.CompleteChatAsync([new UserChatMessage(ticket)], null, stoppingToken);
                        }

                        foreach (var ticket in tickets)
                        {
                            await chatClient.GetResponseAsync(ticket, cancellationToken: stoppingToken);
                        }
                    }
                }
                """,
            CodeActionEquivalenceKey = AGR0003AgentLoopWithoutStopSignalCodeFix.TokenInScopeKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Ignores_tokens_declared_after_the_call_and_instance_fields_in_static_code()
    {
        await new AgentLoopRulesFixTest<AGR0003AgentLoopWithoutStopSignalCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Worker
                {
                    private readonly CancellationTokenSource _instanceOnly = new();

                    public static async Task RunAsync(IChatClient chatClient, IEnumerable<string> tickets)
                    {
                        {|AGR0003:foreach|} (var ticket in tickets)
                        {
                            await chatClient.GetResponseAsync(ticket);
                        }

                        using var later = new CancellationTokenSource();
                        await chatClient.GetResponseAsync("done", cancellationToken: later.Token);
                    }
                }
                """,
            FixedSource = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using AgentRules;
                using Microsoft.Extensions.AI;

                public sealed class Worker
                {
                    private readonly CancellationTokenSource _instanceOnly = new();

                    public static async Task RunAsync(IChatClient chatClient, IEnumerable<string> tickets)
                    {
                        foreach (var ticket in tickets)
                        {
                            await chatClient.GetResponseAsync(ticket, cancellationToken: KillSwitch.Global.Token);
                        }

                        using var later = new CancellationTokenSource();
                        await chatClient.GetResponseAsync("done", cancellationToken: later.Token);
                    }
                }
                """,
            ExpectedCodeActionTitle = "Pass 'KillSwitch.Global.Token' to 'GetResponseAsync'",
        }.RunAsync();
    }

    [Fact]
    public async Task Passes_a_field_token_source_to_the_helper_that_calls_the_model()
    {
        await new AgentLoopRulesFixTest<AGR0003AgentLoopWithoutStopSignalCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Summarizer(IChatClient chatClient)
                {
                    private readonly CancellationTokenSource _shutdown = new();

                    public async Task SummarizeAllAsync(IReadOnlyList<string> documents)
                    {
                        {|AGR0003:foreach|} (var document in documents)
                        {
                            await SummarizeAsync(document);
                        }
                    }

                    private async Task<string> SummarizeAsync(string document, CancellationToken cancellationToken = default) =>
                        (await chatClient.GetResponseAsync(document, cancellationToken: cancellationToken)).Text;
                }
                """,
            FixedSource = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Summarizer(IChatClient chatClient)
                {
                    private readonly CancellationTokenSource _shutdown = new();

                    public async Task SummarizeAllAsync(IReadOnlyList<string> documents)
                    {
                        foreach (var document in documents)
                        {
                            await SummarizeAsync(document, cancellationToken: _shutdown.Token);
                        }
                    }

                    private async Task<string> SummarizeAsync(string document, CancellationToken cancellationToken = default) =>
                        (await chatClient.GetResponseAsync(document, cancellationToken: cancellationToken)).Text;
                }
                """,
            CodeActionEquivalenceKey = AGR0003AgentLoopWithoutStopSignalCodeFix.TokenInScopeKey,
            ExpectedCodeActionTitle = "Pass '_shutdown.Token' to 'SummarizeAsync'",
        }.RunAsync();
    }

    [Fact]
    public async Task Passes_the_global_kill_switch_token_when_no_token_is_in_scope()
    {
        await new AgentLoopRulesFixTest<AGR0003AgentLoopWithoutStopSignalCodeFix>
        {
            Source = """
                using System;
                using System.Threading.Tasks;
                using Microsoft.Agents.AI;

                public static class Handoff
                {
                    private const int MaxRounds = 5;

                    public static async Task<string> RunAsync(AIAgent researcher, AIAgent reviewer, string task)
                    {
                        var message = task;
                        {|AGR0003:for|} (var round = 0; round < MaxRounds; round++)
                        {
                            var draft = await researcher.RunAsync(message);
                            message = (await reviewer.RunAsync(draft.Text)).Text;
                        }

                        return message;
                    }
                }
                """,
            FixedSource = """
                using System;
                using System.Threading.Tasks;
                using AgentRules;
                using Microsoft.Agents.AI;

                public static class Handoff
                {
                    private const int MaxRounds = 5;

                    public static async Task<string> RunAsync(AIAgent researcher, AIAgent reviewer, string task)
                    {
                        var message = task;
                        for (var round = 0; round < MaxRounds; round++)
                        {
                            var draft = await researcher.RunAsync(message, cancellationToken: KillSwitch.Global.Token);
                            message = (await reviewer.RunAsync(draft.Text)).Text;
                        }

                        return message;
                    }
                }
                """,
            CodeActionEquivalenceKey = AGR0003AgentLoopWithoutStopSignalCodeFix.KillSwitchKey,
            ExpectedCodeActionTitle = "Pass 'KillSwitch.Global.Token' to 'RunAsync'",
        }.RunAsync();
    }
}
