using System.Threading.Tasks;
using AgentRules.Analyzers.Rules.AgentLoops;
using AgentRules.CodeFixes.AgentLoops;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>The AGR0002 (iteration cap), AGR0003 (pass a token) and AGR0009 (set the knob) code fixes: before/after and Fix All.</summary>
public class AgentLoopCodeFixTests
{
    // ---- AGR0002: cap the loop --------------------------------------------------------------------------------

    [Fact]
    public async Task Step_limit_replaces_while_true_and_joins_other_conditions()
    {
        await new CodeFixTest<AgentLoopAnalyzer, AddIterationCapCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Agent(IChatClient chatClient)
                {
                    public async Task RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                    {
                        {|AGR0002:while|} (true)
                        {
                            var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
                            if (response.FinishReason == ChatFinishReason.Stop) break;
                            messages.AddRange(response.Messages);
                        }

                        var done = false;
                        {|AGR0002:while|} (!done || messages.Count == 0)
                        {
                            var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
                            done = response.FinishReason == ChatFinishReason.Stop;
                        }
                    }
                }
                """,
            FixedSource = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using AgentRules;
                using Microsoft.Extensions.AI;

                public sealed class Agent(IChatClient chatClient)
                {
                    public async Task RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                    {
                        const int MaxSteps = 10;
                        var steps = new AgentStepLimit(MaxSteps);
                        while (steps.TryNext())
                        {
                            var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
                            if (response.FinishReason == ChatFinishReason.Stop) break;
                            messages.AddRange(response.Messages);
                        }

                        var done = false;
                        const int MaxSteps2 = 10;
                        var steps2 = new AgentStepLimit(MaxSteps2);
                        while ((!done || messages.Count == 0) && steps2.TryNext())
                        {
                            var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
                            done = response.FinishReason == ChatFinishReason.Stop;
                        }
                    }
                }
                """,
            CodeActionEquivalenceKey = AddIterationCapCodeFix.StepLimitKey,
            ExpectedCodeActionTitle = "Cap the loop with an AgentStepLimit of 10 steps",
        }.RunAsync();
    }

    [Fact]
    public async Task Step_limit_guards_a_do_loop_and_uses_the_configured_limit()
    {
        await new CodeFixTest<AgentLoopAnalyzer, AddIterationCapCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI.Chat;

                public static class WeatherChat
                {
                    public static async Task RunAsync(ChatClient client, List<ChatMessage> messages, CancellationToken cancellationToken)
                    {
                        bool requiresAction;
                        {|AGR0002:do|}
                        {
                            requiresAction = false;
                            ChatCompletion completion = await client.CompleteChatAsync(messages, cancellationToken: cancellationToken);
                            if (completion.FinishReason == ChatFinishReason.ToolCalls)
                            {
                                messages.Add(new AssistantChatMessage(completion));
                                requiresAction = true;
                            }
                        } while (requiresAction);
                    }
                }
                """,
            FixedSource = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using AgentRules;
                using OpenAI.Chat;

                public static class WeatherChat
                {
                    public static async Task RunAsync(ChatClient client, List<ChatMessage> messages, CancellationToken cancellationToken)
                    {
                        bool requiresAction;
                        const int MaxSteps = 5;
                        var steps = new AgentStepLimit(MaxSteps);
                        do
                        {
                            if (!steps.TryNext())
                            {
                                break;
                            }

                            requiresAction = false;
                            ChatCompletion completion = await client.CompleteChatAsync(messages, cancellationToken: cancellationToken);
                            if (completion.FinishReason == ChatFinishReason.ToolCalls)
                            {
                                messages.Add(new AssistantChatMessage(completion));
                                requiresAction = true;
                            }
                        } while (requiresAction);
                    }
                }
                """,
            EditorConfig = "agentrules.default_max_iterations = 5",
            CodeActionEquivalenceKey = AddIterationCapCodeFix.StepLimitKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Counter_guard_in_top_level_statements_and_in_for_loops()
    {
        await new CodeFixTest<AgentLoopAnalyzer, AddIterationCapCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using Microsoft.Extensions.AI;

                IChatClient client = null!;
                List<ChatMessage> history = [new(ChatRole.User, "Plan a trip to Lisbon.")];
                var cts = new System.Threading.CancellationTokenSource();

                // Plan until the model says it is done.
                {|AGR0002:for|} (; ; )
                {
                    var response = await client.GetResponseAsync(history, cancellationToken: cts.Token);
                    if (response.FinishReason == ChatFinishReason.Stop) break;
                    history.AddRange(response.Messages);
                }
                """,
            FixedSource = """
                using System.Collections.Generic;
                using Microsoft.Extensions.AI;

                IChatClient client = null!;
                List<ChatMessage> history = [new(ChatRole.User, "Plan a trip to Lisbon.")];
                var cts = new System.Threading.CancellationTokenSource();

                // Plan until the model says it is done.
                const int MaxIterations = 10;
                var iteration = 0;
                for (; ; )
                {
                    if (++iteration > MaxIterations)
                    {
                        break;
                    }

                    var response = await client.GetResponseAsync(history, cancellationToken: cts.Token);
                    if (response.FinishReason == ChatFinishReason.Stop) break;
                    history.AddRange(response.Messages);
                }
                """,
            CodeActionEquivalenceKey = AddIterationCapCodeFix.CounterKey,
            ExpectedCodeActionTitle = "Cap the loop at 10 iterations",
        }.RunAsync();
    }

    [Fact]
    public async Task Fix_All_caps_every_loop_with_unique_names()
    {
        await new CodeFixTest<AgentLoopAnalyzer, AddIterationCapCodeFix>
        {
            Source = """
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Agents.AI;

                public sealed class Handoff(AIAgent researcher, AIAgent reviewer)
                {
                    private const int MaxIterations = 3;

                    public async Task RunAsync(string task, CancellationToken ct)
                    {
                        var message = task;

                        // Research until the draft is empty.
                        {|AGR0002:while|} (message.Length > 0)
                        {
                            message = (await researcher.RunAsync(message, cancellationToken: ct)).Text;
                        }

                        {|AGR0002:while|} (message.Length > 0)
                            message = (await reviewer.RunAsync(message, cancellationToken: ct)).Text;
                    }
                }
                """,
            FixedSource = """
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Agents.AI;

                public sealed class Handoff(AIAgent researcher, AIAgent reviewer)
                {
                    private const int MaxIterations = 3;

                    public async Task RunAsync(string task, CancellationToken ct)
                    {
                        var message = task;

                        // Research until the draft is empty.
                        const int MaxIterations2 = 10;
                        var iteration = 0;
                        while (message.Length > 0)
                        {
                            if (++iteration > MaxIterations2)
                            {
                                break;
                            }

                            message = (await researcher.RunAsync(message, cancellationToken: ct)).Text;
                        }

                        const int MaxIterations3 = 10;
                        var iteration2 = 0;
                        while (message.Length > 0)
                        {
                            if (++iteration2 > MaxIterations3)
                            {
                                break;
                            }

                            message = (await reviewer.RunAsync(message, cancellationToken: ct)).Text;
                        }
                    }
                }
                """,
            CodeActionEquivalenceKey = AddIterationCapCodeFix.CounterKey,
        }.RunAsync();
    }

    // ---- AGR0003: pass a token --------------------------------------------------------------------------------

    [Fact]
    public async Task Passes_the_token_parameter_and_replaces_dead_tokens()
    {
        await new CodeFixTest<AgentLoopAnalyzer, PassCancellationTokenCodeFix>
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
            CodeActionEquivalenceKey = PassCancellationTokenCodeFix.TokenInScopeKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Ignores_tokens_declared_after_the_call_and_instance_fields_in_static_code()
    {
        await new CodeFixTest<AgentLoopAnalyzer, PassCancellationTokenCodeFix>
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
        await new CodeFixTest<AgentLoopAnalyzer, PassCancellationTokenCodeFix>
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
            CodeActionEquivalenceKey = PassCancellationTokenCodeFix.TokenInScopeKey,
            ExpectedCodeActionTitle = "Pass '_shutdown.Token' to 'SummarizeAsync'",
        }.RunAsync();
    }

    [Fact]
    public async Task Passes_the_global_kill_switch_token_when_no_token_is_in_scope()
    {
        await new CodeFixTest<AgentLoopAnalyzer, PassCancellationTokenCodeFix>
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
            CodeActionEquivalenceKey = PassCancellationTokenCodeFix.KillSwitchKey,
            ExpectedCodeActionTitle = "Pass 'KillSwitch.Global.Token' to 'RunAsync'",
        }.RunAsync();
    }

    // ---- AGR0009: set the knob --------------------------------------------------------------------------------

    [Fact]
    public async Task Sets_MaximumIterationsPerRequest_in_the_configure_lambda_or_the_initializer()
    {
        await new CodeFixTest<FunctionInvocationCapAnalyzer, SetMaximumIterationsCodeFix>
        {
            Source = """
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.Logging;

                public static class Setup
                {
                    public static IChatClient Plain(IChatClient inner) => inner.AsBuilder().{|AGR0009:UseFunctionInvocation|}().Build();

                    public static IChatClient WithLogging(IChatClient inner, ILoggerFactory loggerFactory) =>
                        inner.AsBuilder().{|AGR0009:UseFunctionInvocation|}(loggerFactory, c => c.AllowConcurrentInvocation = true).Build();

                    public static IChatClient WithBlock(IChatClient inner) =>
                        inner.AsBuilder().{|AGR0009:UseFunctionInvocation|}(configure: client =>
                        {
                            client.IncludeDetailedErrors = true;
                        }).Build();

                    public static IChatClient Created(IChatClient inner) => new {|AGR0009:FunctionInvokingChatClient|}(inner);

                    public static IChatClient CreatedWithInitializer(IChatClient inner) => new {|AGR0009:FunctionInvokingChatClient|}(inner) { AllowConcurrentInvocation = true };
                }
                """,
            FixedSource = """
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.Logging;

                public static class Setup
                {
                    public static IChatClient Plain(IChatClient inner) => inner.AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 10).Build();

                    public static IChatClient WithLogging(IChatClient inner, ILoggerFactory loggerFactory) =>
                        inner.AsBuilder().UseFunctionInvocation(loggerFactory, c =>
                        {
                            c.AllowConcurrentInvocation = true;
                            c.MaximumIterationsPerRequest = 10;
                        }).Build();

                    public static IChatClient WithBlock(IChatClient inner) =>
                        inner.AsBuilder().UseFunctionInvocation(configure: client =>
                        {
                            client.IncludeDetailedErrors = true;
                            client.MaximumIterationsPerRequest = 10;
                        }).Build();

                    public static IChatClient Created(IChatClient inner) => new FunctionInvokingChatClient(inner) { MaximumIterationsPerRequest = 10 };

                    public static IChatClient CreatedWithInitializer(IChatClient inner) => new FunctionInvokingChatClient(inner) { AllowConcurrentInvocation = true, MaximumIterationsPerRequest = 10 };
                }
                """,
            ExpectedCodeActionTitle = "Set MaximumIterationsPerRequest = 10",
        }.RunAsync();
    }

    [Fact]
    public async Task Sets_MaximumIterationsPerRequest_in_the_harness_options_of_the_call_or_adds_them()
    {
        await new CodeFixTest<FunctionInvocationCapAnalyzer, SetMaximumIterationsCodeFix>
        {
            Source = """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Harnesses
                {
                    public static AIAgent Bare(IChatClient chat) => chat.{|AGR0009:AsHarnessAgent|}();

                    public static AIAgent Created(IChatClient chat) => new {|AGR0009:HarnessAgent|}(chat);

                    public static AIAgent Named(IChatClient chat) => chat.{|AGR0009:AsHarnessAgent|}(new HarnessAgentOptions { Name = "coder" });

                    public static AIAgent TargetTyped(IChatClient chat) => new {|AGR0009:HarnessAgent|}(chat, new() { MaximumIterationsPerRequest = null });

                    public static AIAgent NullOptions(IChatClient chat) => ChatClientHarnessExtensions.{|AGR0009:AsHarnessAgent|}(chat, null);

                    // Options kept in a local are not the call's to change: reported, no fix.
                    public static AIAgent Local(IChatClient chat)
                    {
                        var options = new HarnessAgentOptions { Name = "local" };
                        return chat.{|AGR0009:AsHarnessAgent|}(options);
                    }
                }
                """,
            FixedSource = """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Harnesses
                {
                    public static AIAgent Bare(IChatClient chat) => chat.AsHarnessAgent(options: new HarnessAgentOptions { MaximumIterationsPerRequest = 10 });

                    public static AIAgent Created(IChatClient chat) => new HarnessAgent(chat, options: new HarnessAgentOptions { MaximumIterationsPerRequest = 10 });

                    public static AIAgent Named(IChatClient chat) => chat.AsHarnessAgent(new HarnessAgentOptions { Name = "coder", MaximumIterationsPerRequest = 10 });

                    public static AIAgent TargetTyped(IChatClient chat) => new HarnessAgent(chat, new() { MaximumIterationsPerRequest = 10 });

                    public static AIAgent NullOptions(IChatClient chat) => ChatClientHarnessExtensions.AsHarnessAgent(chat, new HarnessAgentOptions { MaximumIterationsPerRequest = 10 });

                    // Options kept in a local are not the call's to change: reported, no fix.
                    public static AIAgent Local(IChatClient chat)
                    {
                        var options = new HarnessAgentOptions { Name = "local" };
                        return chat.{|AGR0009:AsHarnessAgent|}(options);
                    }
                }
                """,
            CodeActionEquivalenceKey = SetMaximumIterationsCodeFix.EquivalenceKey,
            ExpectedCodeActionTitle = "Set MaximumIterationsPerRequest = 10",
        }.RunAsync();
    }
}
