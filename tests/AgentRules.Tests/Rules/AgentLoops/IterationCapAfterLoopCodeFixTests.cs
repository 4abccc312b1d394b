using System.Threading.Tasks;
using AgentRules.Analyzers.Rules.AgentLoops;
using AgentRules.CodeFixes.AgentLoops;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// The AGR0002 fix on loops that could only be left by return, throw or yield break: once capped they can also run
/// out of steps, so the fix adds a <c>throw</c> after them. Without it a value-returning method stops compiling
/// (CS0161) and any other carries on as if the loop had finished. Every result is compiled by the harness.
/// </summary>
public class IterationCapAfterLoopCodeFixTests
{
    [Fact]
    public async Task Async_Task_of_string_with_while_true_and_return_gets_a_throw_after_the_step_limit()
    {
        await new CodeFixTest<AgentLoopAnalyzer, AddIterationCapCodeFix>
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
            CodeActionEquivalenceKey = AddIterationCapCodeFix.StepLimitKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Value_returning_method_with_for_ever_and_a_counter_gets_a_throw()
    {
        await new CodeFixTest<AgentLoopAnalyzer, AddIterationCapCodeFix>
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
            CodeActionEquivalenceKey = AddIterationCapCodeFix.CounterKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Without_the_AgentRules_runtime_the_throw_is_an_InvalidOperationException()
    {
        await new CodeFixTest<AgentLoopAnalyzer, AddIterationCapCodeFix>
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
        await new CodeFixTest<AgentLoopAnalyzer, AddIterationCapCodeFix>
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
            CodeActionEquivalenceKey = AddIterationCapCodeFix.StepLimitKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Local_functions_and_lambdas_get_the_throw_inside_their_own_body()
    {
        await new CodeFixTest<AgentLoopAnalyzer, AddIterationCapCodeFix>
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
            CodeActionEquivalenceKey = AddIterationCapCodeFix.StepLimitKey,
        }.RunAsync();
    }
}
