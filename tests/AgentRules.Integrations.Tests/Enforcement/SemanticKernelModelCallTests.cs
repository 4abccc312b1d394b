using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.SemanticKernel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Xunit;

namespace AgentRules.Integrations.Tests.Enforcement;

/// <summary>
/// Model-call budgets in a real Semantic Kernel 1.82 kernel, with a scripted model behind its chat service:
/// <c>AddAgentRules()</c> wraps the registered chat services, <c>UseAgentRulesModelCalls()</c> goes below SK's loop.
/// </summary>
[Collection(EnforcementCollection.Name)]
public sealed class SemanticKernelModelCallTests : IDisposable
{
    public SemanticKernelModelCallTests()
    {
        KillSwitch.Global.Reset();
        KernelSupportPlugin.Reset();
    }

    public void Dispose()
    {
        KillSwitch.Global.Reset();
        KernelSupportPlugin.Reset();
    }

    public enum Registration
    {
        /// <summary>An IChatCompletionService over an IChatClient with SK's function-calling loop, as SK documents it.</summary>
        ChatCompletionService,

        /// <summary>An IChatClient registered in the kernel's services (SK's prompt functions call it directly).</summary>
        ChatClient,
    }

    private static Kernel Build(ScriptedChatClient model, Registration registration, Action<AgentRulesKernelOptions> configure)
    {
        var builder = Kernel.CreateBuilder();
        if (registration == Registration.ChatCompletionService)
        {
            builder.Services.AddSingleton<IChatCompletionService>(model.AsBuilder().UseKernelFunctionInvocation().Build().AsChatCompletionService());
        }
        else
        {
            builder.Services.AddSingleton<IChatClient>(model);
        }

        builder.Plugins.AddFromType<KernelSupportPlugin>("support");
        builder.AddAgentRules(configure);
        return builder.Build();
    }

    private static RunBudget BudgetOf(Kernel kernel) => kernel.Services.GetRequiredService<AgentRulesFunctionFilter>().RunBudget;

    private static ScriptedChatClient Answers(long input = 10, long output = 5) => new((i, _, _) => ScriptedChatClient.Text("answer " + i, input, output));

    private static KernelArguments Auto() => new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() });

    // Prompts on 8 threads until each is refused; returns how many were answered.
    private static int PromptUntilRefused(Kernel kernel, List<Exception> refusals)
    {
        var answered = 0;
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (var i = 0; ; i++)
            {
                try
                {
                    kernel.InvokePromptAsync($"question {t}-{i}").GetAwaiter().GetResult();
                    Interlocked.Increment(ref answered);
                }
                catch (Exception e)
                {
                    lock (refusals)
                    {
                        refusals.Add(e);
                    }

                    return;
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return answered;
    }

    [Theory]
    [InlineData(Registration.ChatCompletionService)]
    [InlineData(Registration.ChatClient)]
    public void Exactly_N_model_calls_are_admitted_under_8_threads(Registration registration)
    {
        var model = Answers();
        var kernel = Build(model, registration, o => { o.Budget.MaxModelCalls = 40; o.Budget.MaxIdenticalRequests = 0; });
        var refusals = new List<Exception>();

        var answered = PromptUntilRefused(kernel, refusals);

        Assert.Equal(40, answered);
        Assert.Equal(40, model.Calls);
        Assert.Equal(40, BudgetOf(kernel).ModelCalls);
        Assert.Equal(8, refusals.Count);
        Assert.All(refusals, e => Assert.Equal(RunBudgetLimit.ModelCalls, Assert.IsType<AgentBudgetExceededException>(e).Limit));
        Assert.Equal(400, BudgetOf(kernel).InputTokens); // usage read from the responses
    }

    [Theory]
    [InlineData(Registration.ChatCompletionService)]
    [InlineData(Registration.ChatClient)]
    public void A_token_budget_is_exceeded_by_at_most_one_response_per_call_in_flight(Registration registration)
    {
        var model = Answers(input: 60, output: 40);
        var kernel = Build(model, registration, o => { o.Budget.MaxTotalTokens = 2_000; o.Budget.MaxIdenticalRequests = 0; });
        var refusals = new List<Exception>();

        PromptUntilRefused(kernel, refusals);

        var spent = BudgetOf(kernel).TotalTokens;
        Assert.InRange(spent, 2_000, 2_000 + (8 * 100));
        Assert.All(refusals, e => Assert.Equal(RunBudgetLimit.TotalTokens, Assert.IsType<AgentBudgetExceededException>(e).Limit));

        // Sequentially: one response's worth at most.
        var sequential = Answers(input: 60, output: 40);
        var one = Build(sequential, registration, o => { o.Budget.MaxTotalTokens = 950; o.Budget.MaxIdenticalRequests = 0; });
        Action untilRefused = () =>
        {
            for (var i = 0; ; i++)
            {
                one.InvokePromptAsync("q" + i).GetAwaiter().GetResult();
            }
        };
        var error = Assert.Throws<AgentBudgetExceededException>(untilRefused);
        Assert.Equal(1_000, BudgetOf(one).TotalTokens); // 10 calls: the 10th started at 900 < 950
        Assert.Contains("1000 of its 950 tokens", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Registration.ChatCompletionService)]
    [InlineData(Registration.ChatClient)]
    public async Task After_Trip_returns_no_model_call_starts_and_a_trip_cancels_the_call_in_flight(Registration registration)
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N");
        var model = Answers();
        var kernel = Build(model, registration, o => o.AgentName = agent);
        await kernel.InvokePromptAsync("before");
        Assert.True(model.Tokens.Single().CanBeCanceled); // the budget's token reached the model

        model.OnCall = _ => KillSwitch.ForAgent(agent).Trip("operator stop");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kernel.InvokePromptAsync("during"));
        Assert.True(model.Tokens.Last().IsCancellationRequested);

        // The prompt function is itself a kernel function: the function filter refuses it before it renders. Called
        // directly, the chat service refuses with the documented exception. Neither reaches the model.
        var calls = model.Calls;
        var result = await kernel.InvokePromptAsync("after");
        Assert.StartsWith("Tool call refused (kill switch)", result.GetValue<string>(), StringComparison.Ordinal);
        var history = new ChatHistory();
        history.AddUserMessage("after");
        var refused = registration == Registration.ChatCompletionService
            ? await Assert.ThrowsAsync<KillSwitchTrippedException>(() => kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentsAsync(history))
            : await Assert.ThrowsAsync<KillSwitchTrippedException>(() => kernel.GetRequiredService<IChatClient>().GetResponseAsync("after"));
        Assert.Equal(calls, model.Calls);
        Assert.Contains("operator stop", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_identical_request_is_refused_and_a_changed_one_is_not()
    {
        var model = Answers();
        var kernel = Build(model, Registration.ChatCompletionService, _ => { });
        var service = kernel.GetRequiredService<IChatCompletionService>();
        Assert.IsType<AgentRulesChatCompletionService>(service);
        var history = new ChatHistory("You are a support agent.");
        history.AddUserMessage("Where is order 7?");

        for (var i = 0; i < 3; i++)
        {
            await service.GetChatMessageContentsAsync(history, kernel: kernel);
        }

        var refused = await Assert.ThrowsAsync<AgentBudgetExceededException>(() => service.GetChatMessageContentsAsync(history, kernel: kernel));
        Assert.Equal(RunBudgetLimit.Duplicate, refused.Limit);
        Assert.Equal(3, model.Calls);

        history.AddUserMessage("And order 8?");
        await service.GetChatMessageContentsAsync(history, kernel: kernel);
        Assert.Equal(4, model.Calls);
    }

    [Fact]
    public async Task Requests_that_differ_only_in_an_image_or_in_a_result_object_are_not_duplicates()
    {
        var model = Answers();
        var kernel = Build(model, Registration.ChatCompletionService, o => o.Budget.MaxIdenticalRequests = 1);
        var service = kernel.GetRequiredService<IChatCompletionService>();

        ChatHistory WithImage(byte first)
        {
            var history = new ChatHistory("Describe the picture.");
            history.AddUserMessage([new Microsoft.SemanticKernel.TextContent("This one:"), new ImageContent(new byte[] { first, 2, 3 }, "image/png")]);
            return history;
        }

        // Content the hash cannot read (an image) makes every request unlike the others: even a true repeat is missed.
        await service.GetChatMessageContentsAsync(WithImage(1), kernel: kernel);
        await service.GetChatMessageContentsAsync(WithImage(2), kernel: kernel);
        await service.GetChatMessageContentsAsync(WithImage(2), kernel: kernel);

        // A result whose ToString is its type name: two different results must not hash equal.
        ChatHistory WithResult(List<string> result)
        {
            var history = new ChatHistory("You are a support agent.");
            history.Add(new ChatMessageContent(AuthorRole.Tool, [new Microsoft.SemanticKernel.FunctionResultContent("get_order", "support", "c1", result)]));
            return history;
        }

        await service.GetChatMessageContentsAsync(WithResult(["shipped"]), kernel: kernel);
        await service.GetChatMessageContentsAsync(WithResult(["lost"]), kernel: kernel);
        Assert.Equal(5, model.Calls);

        // And text is still compared by content: the same question twice is the repeat it is.
        var question = new ChatHistory("You are a support agent.");
        question.AddUserMessage("Where is order 7?");
        await service.GetChatMessageContentsAsync(question, kernel: kernel);
        await Assert.ThrowsAsync<AgentBudgetExceededException>(() => service.GetChatMessageContentsAsync(new ChatHistory(question), kernel: kernel));
    }

    [Fact]
    public async Task Streaming_requests_are_admitted_and_charged_with_their_usage()
    {
        var model = Answers(input: 30, output: 20);
        var kernel = Build(model, Registration.ChatClient, o => { o.Budget.MaxModelCalls = 2; o.Budget.MaxTotalTokens = 1_000; });

        for (var i = 0; i < 2; i++)
        {
            await foreach (var _ in kernel.InvokePromptStreamingAsync("stream " + i))
            {
            }
        }

        Assert.Equal(100, BudgetOf(kernel).TotalTokens);
        var refused = await Assert.ThrowsAsync<AgentBudgetExceededException>(async () =>
        {
            await foreach (var _ in kernel.InvokePromptStreamingAsync("stream 3"))
            {
            }
        });
        Assert.Equal(RunBudgetLimit.ModelCalls, refused.Limit);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task A_streamed_chat_completion_service_request_is_charged_with_its_usage_and_the_token_limit_holds()
    {
        // SK 1.82's AsChatCompletionService() puts a streamed update's UsageContent in Metadata["Usage"]: the request
        // through SK's function-calling loop is charged with it, and the token limit refuses once it is spent.
        var model = Answers(input: 30, output: 20);
        var kernel = Build(model, Registration.ChatCompletionService, o => o.Budget.MaxTotalTokens = 120);

        for (var i = 0; i < 3; i++)
        {
            await foreach (var _ in kernel.InvokePromptStreamingAsync("stream " + i))
            {
            }

            Assert.Equal(50 * (i + 1), BudgetOf(kernel).TotalTokens);
        }

        // 150 of 120: over by less than the one response in flight when the limit was reached (the documented bound).
        var refused = await Assert.ThrowsAsync<AgentBudgetExceededException>(async () =>
        {
            await foreach (var _ in kernel.InvokePromptStreamingAsync("stream 3"))
            {
            }
        });
        Assert.Equal(RunBudgetLimit.TotalTokens, refused.Limit);
        Assert.Equal(3, model.Calls);
    }

    [Fact]
    public async Task A_streamed_response_that_reports_no_usage_stops_a_token_budget_instead_of_spending_blind()
    {
        // A connector whose stream carries no usage (or a type nobody reads, see ReadUsage): the run refuses further
        // calls while a token limit is set, so it is never over by more than that one response.
        var model = new ScriptedChatClient((i, _, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer " + i)));
        var kernel = Build(model, Registration.ChatCompletionService, o => o.Budget.MaxTotalTokens = 1_000);

        await foreach (var _ in kernel.InvokePromptStreamingAsync("stream 1"))
        {
        }

        var refused = await Assert.ThrowsAsync<AgentBudgetExceededException>(async () =>
        {
            await foreach (var _ in kernel.InvokePromptStreamingAsync("stream 2"))
            {
            }
        });
        Assert.Contains("reported no token usage", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, model.Calls);
    }

    [Fact]
    public async Task Around_SKs_loop_one_request_is_one_admission_charged_with_every_iterations_usage()
    {
        var model = new ScriptedChatClient((i, _, _) => i == 0
            ? ScriptedChatClient.Call("support_get_order", "c1", new Dictionary<string, object?> { ["orderId"] = 1 }, input: 10, output: 5)
            : ScriptedChatClient.Text("shipped", input: 20, output: 7));
        var kernel = Build(model, Registration.ChatCompletionService, _ => { });

        await kernel.InvokePromptAsync("where is order 1?", Auto());

        Assert.Equal(2, model.Calls);
        Assert.Equal(1, BudgetOf(kernel).ModelCalls);
        Assert.Equal(42, BudgetOf(kernel).TotalTokens);
    }

    [Fact]
    public async Task Below_SKs_loop_every_iteration_is_admitted_so_the_model_call_cap_holds_per_iteration()
    {
        var model = new ScriptedChatClient((i, _, _) => ScriptedChatClient.Call("support_get_order", "c" + i, new Dictionary<string, object?> { ["orderId"] = i }));
        using var budget = new RunBudget(new RunBudgetOptions { MaxModelCalls = 3 });
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatCompletionService>(model.AsBuilder().UseKernelFunctionInvocation().UseAgentRulesModelCalls(budget).Build().AsChatCompletionService());
        builder.Plugins.AddFromType<KernelSupportPlugin>("support");
        builder.AddAgentRules(o => { o.RunBudget = budget; o.GuardModelCalls = false; });
        var kernel = builder.Build();

        var refused = await Assert.ThrowsAsync<AgentBudgetExceededException>(() => kernel.InvokePromptAsync("loop forever", Auto()));

        Assert.Equal(RunBudgetLimit.ModelCalls, refused.Limit);
        Assert.Equal(3, model.Calls);
        Assert.Equal(3, budget.ModelCalls);
        Assert.Equal(3, KernelSupportPlugin.Lookups);
        Assert.IsNotType<AgentRulesChatCompletionService>(kernel.GetRequiredService<IChatCompletionService>());
    }
}
