using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// The AGR0002 code fix (cap the loop): before/after and Fix All. On loops that could only be left by return, throw
/// or yield break it also adds a <c>throw</c> after them: once capped they can run out of steps, and without it a value-returning
/// method stops compiling (CS0161) and any other carries on as if the loop had finished. Every result is compiled by the harness.
/// </summary>
public class AGR0002AgentLoopWithoutIterationCapCodeFixTests
{
    // ---- AGR0002: cap the loop --------------------------------------------------------------------------------

    [Fact]
    public async Task Step_limit_replaces_while_true_and_joins_other_conditions()
    {
        await new AgentLoopRulesFixTest<AGR0002AgentLoopWithoutIterationCapCodeFix>
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
            CodeActionEquivalenceKey = AGR0002AgentLoopWithoutIterationCapCodeFix.StepLimitKey,
            ExpectedCodeActionTitle = "Cap the loop with an AgentStepLimit of 10 steps",
        }.RunAsync();
    }

    [Fact]
    public async Task Step_limit_guards_a_do_loop_and_uses_the_configured_limit()
    {
        await new AgentLoopRulesFixTest<AGR0002AgentLoopWithoutIterationCapCodeFix>
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
            CodeActionEquivalenceKey = AGR0002AgentLoopWithoutIterationCapCodeFix.StepLimitKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Counter_guard_in_top_level_statements_and_in_for_loops()
    {
        await new AgentLoopRulesFixTest<AGR0002AgentLoopWithoutIterationCapCodeFix>
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
            CodeActionEquivalenceKey = AGR0002AgentLoopWithoutIterationCapCodeFix.CounterKey,
            ExpectedCodeActionTitle = "Cap the loop at 10 iterations",
        }.RunAsync();
    }

    [Fact]
    public async Task Fix_All_caps_every_loop_with_unique_names()
    {
        await new AgentLoopRulesFixTest<AGR0002AgentLoopWithoutIterationCapCodeFix>
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
            CodeActionEquivalenceKey = AGR0002AgentLoopWithoutIterationCapCodeFix.CounterKey,
        }.RunAsync();
    }

    // ---- Loops left only by return, throw or yield break: the fix adds a throw after them (CS0161 otherwise) ----

    [Fact]
    public async Task Async_Task_of_string_with_while_true_and_return_gets_a_throw_after_the_step_limit()
    {
        await new AgentLoopRulesFixTest<AGR0002AgentLoopWithoutIterationCapCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Agent(IChatClient chatClient, System.Threading.CancellationToken ct)
                {
                    public async Task<string> RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                    {
                        {|AGR0002:while|} (true)
                        {
                            var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
                            if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
                            messages.AddRange(response.Messages);
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

                public sealed class Agent(IChatClient chatClient, System.Threading.CancellationToken ct)
                {
                    public async Task<string> RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                    {
                        const int MaxSteps = 10;
                        var steps = new AgentStepLimit(MaxSteps);
                        while (steps.TryNext())
                        {
                            var response = await chatClient.GetResponseAsync(messages, cancellationToken: cancellationToken);
                            if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
                            messages.AddRange(response.Messages);
                        }

                        throw new AgentStepLimitExceededException(MaxSteps);
                    }
                }
                """,
            CodeActionEquivalenceKey = AGR0002AgentLoopWithoutIterationCapCodeFix.StepLimitKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Value_returning_method_with_for_ever_and_a_counter_gets_a_throw()
    {
        await new AgentLoopRulesFixTest<AGR0002AgentLoopWithoutIterationCapCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using Microsoft.Extensions.AI;

                public sealed class Agent(IChatClient chatClient, System.Threading.CancellationToken ct)
                {
                    public string Run(List<ChatMessage> messages)
                    {
                        {|AGR0002:for|} (;;)
                        {
                            var response = chatClient.GetResponseAsync(messages, cancellationToken: ct).GetAwaiter().GetResult();
                            if (response.FinishReason == ChatFinishReason.Stop)
                            {
                                return response.Text;
                            }

                            messages.AddRange(response.Messages);
                        }
                    }
                }
                """,
            FixedSource = """
                using System.Collections.Generic;
                using AgentRules;
                using Microsoft.Extensions.AI;

                public sealed class Agent(IChatClient chatClient, System.Threading.CancellationToken ct)
                {
                    public string Run(List<ChatMessage> messages)
                    {
                        const int MaxIterations = 10;
                        var iteration = 0;
                        for (;;)
                        {
                            if (++iteration > MaxIterations)
                            {
                                break;
                            }

                            var response = chatClient.GetResponseAsync(messages, cancellationToken: ct).GetAwaiter().GetResult();
                            if (response.FinishReason == ChatFinishReason.Stop)
                            {
                                return response.Text;
                            }

                            messages.AddRange(response.Messages);
                        }

                        throw new AgentStepLimitExceededException(MaxIterations);
                    }
                }
                """,
            CodeActionEquivalenceKey = AGR0002AgentLoopWithoutIterationCapCodeFix.CounterKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Without_the_AgentRules_runtime_the_throw_is_an_InvalidOperationException()
    {
        await new AgentLoopRulesFixTest<AGR0002AgentLoopWithoutIterationCapCodeFix>
        {
            References = TestReferences.Net.AddRange(TestReferences.Frameworks),
            Source = """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Agent(IChatClient chatClient, System.Threading.CancellationToken ct)
                {
                    public async Task<int> CountAsync(List<ChatMessage> messages)
                    {
                        {|AGR0002:do|}
                        {
                            var response = await chatClient.GetResponseAsync(messages, cancellationToken: ct);
                            if (response.FinishReason == ChatFinishReason.Stop) return response.Messages.Count;
                        }
                        while (true);
                    }
                }
                """,
            FixedSource = """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Agent(IChatClient chatClient, System.Threading.CancellationToken ct)
                {
                    public async Task<int> CountAsync(List<ChatMessage> messages)
                    {
                        const int MaxIterations = 10;
                        var iteration = 0;
                        do
                        {
                            if (++iteration > MaxIterations)
                            {
                                break;
                            }

                            var response = await chatClient.GetResponseAsync(messages, cancellationToken: ct);
                            if (response.FinishReason == ChatFinishReason.Stop) return response.Messages.Count;
                        }
                        while (true);

                        throw new InvalidOperationException("The agent loop reached its limit of " + MaxIterations + " iterations.");
                    }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Void_and_iterator_bodies_get_the_throw_too_and_loops_left_by_break_do_not()
    {
        await new AgentLoopRulesFixTest<AGR0002AgentLoopWithoutIterationCapCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using Microsoft.Extensions.AI;

                public sealed class Agent(IChatClient chatClient, System.Threading.CancellationToken ct)
                {
                    public void Run(List<ChatMessage> messages)
                    {
                        {|AGR0002:while|} (true)
                        {
                            var response = chatClient.GetResponseAsync(messages, cancellationToken: ct).GetAwaiter().GetResult();
                            if (response.FinishReason == ChatFinishReason.Stop) return;
                            messages.AddRange(response.Messages);
                        }
                    }

                    public IEnumerable<string> Stream(List<ChatMessage> messages)
                    {
                        {|AGR0002:while|} (true)
                        {
                            var response = chatClient.GetResponseAsync(messages, cancellationToken: ct).GetAwaiter().GetResult();
                            yield return response.Text;
                            if (response.FinishReason == ChatFinishReason.Stop) yield break;
                        }
                    }

                    public void UntilStop(List<ChatMessage> messages)
                    {
                        {|AGR0002:while|} (true)
                        {
                            var response = chatClient.GetResponseAsync(messages, cancellationToken: ct).GetAwaiter().GetResult();
                            if (response.FinishReason == ChatFinishReason.Stop) break;
                        }
                    }
                }
                """,
            FixedSource = """
                using System.Collections.Generic;
                using AgentRules;
                using Microsoft.Extensions.AI;

                public sealed class Agent(IChatClient chatClient, System.Threading.CancellationToken ct)
                {
                    public void Run(List<ChatMessage> messages)
                    {
                        const int MaxSteps = 10;
                        var steps = new AgentStepLimit(MaxSteps);
                        while (steps.TryNext())
                        {
                            var response = chatClient.GetResponseAsync(messages, cancellationToken: ct).GetAwaiter().GetResult();
                            if (response.FinishReason == ChatFinishReason.Stop) return;
                            messages.AddRange(response.Messages);
                        }

                        throw new AgentStepLimitExceededException(MaxSteps);
                    }

                    public IEnumerable<string> Stream(List<ChatMessage> messages)
                    {
                        const int MaxSteps = 10;
                        var steps = new AgentStepLimit(MaxSteps);
                        while (steps.TryNext())
                        {
                            var response = chatClient.GetResponseAsync(messages, cancellationToken: ct).GetAwaiter().GetResult();
                            yield return response.Text;
                            if (response.FinishReason == ChatFinishReason.Stop) yield break;
                        }

                        throw new AgentStepLimitExceededException(MaxSteps);
                    }

                    public void UntilStop(List<ChatMessage> messages)
                    {
                        const int MaxSteps = 10;
                        var steps = new AgentStepLimit(MaxSteps);
                        while (steps.TryNext())
                        {
                            var response = chatClient.GetResponseAsync(messages, cancellationToken: ct).GetAwaiter().GetResult();
                            if (response.FinishReason == ChatFinishReason.Stop) break;
                        }
                    }
                }
                """,
            CodeActionEquivalenceKey = AGR0002AgentLoopWithoutIterationCapCodeFix.StepLimitKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Local_functions_and_lambdas_get_the_throw_inside_their_own_body()
    {
        await new AgentLoopRulesFixTest<AGR0002AgentLoopWithoutIterationCapCodeFix>
        {
            Source = """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;

                public sealed class Agent(IChatClient chatClient, System.Threading.CancellationToken ct)
                {
                    public Task<string> RunAsync(List<ChatMessage> messages)
                    {
                        return AskAsync();

                        async Task<string> AskAsync()
                        {
                            {|AGR0002:while|} (true)
                            {
                                var response = await chatClient.GetResponseAsync(messages, cancellationToken: ct);
                                if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
                            }
                        }
                    }

                    public Func<Task<string>> Asker(List<ChatMessage> messages) => async () =>
                    {
                        {|AGR0002:while|} (true)
                        {
                            var response = await chatClient.GetResponseAsync(messages, cancellationToken: ct);
                            if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
                        }
                    };
                }
                """,
            FixedSource = """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using AgentRules;
                using Microsoft.Extensions.AI;

                public sealed class Agent(IChatClient chatClient, System.Threading.CancellationToken ct)
                {
                    public Task<string> RunAsync(List<ChatMessage> messages)
                    {
                        return AskAsync();

                        async Task<string> AskAsync()
                        {
                            const int MaxSteps = 10;
                            var steps = new AgentStepLimit(MaxSteps);
                            while (steps.TryNext())
                            {
                                var response = await chatClient.GetResponseAsync(messages, cancellationToken: ct);
                                if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
                            }

                            throw new AgentStepLimitExceededException(MaxSteps);
                        }
                    }

                    public Func<Task<string>> Asker(List<ChatMessage> messages) => async () =>
                    {
                        const int MaxSteps = 10;
                        var steps = new AgentStepLimit(MaxSteps);
                        while (steps.TryNext())
                        {
                            var response = await chatClient.GetResponseAsync(messages, cancellationToken: ct);
                            if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
                        }

                        throw new AgentStepLimitExceededException(MaxSteps);
                    };
                }
                """,
            CodeActionEquivalenceKey = AGR0002AgentLoopWithoutIterationCapCodeFix.StepLimitKey,
        }.RunAsync();
    }
}
