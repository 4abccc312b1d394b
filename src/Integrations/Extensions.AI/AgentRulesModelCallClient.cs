using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AgentRules.Extensions.AI;

/// <summary>
/// The part of <c>UseAgentRules</c> that sits next to the model, below the function-invocation loop: every model call
/// (each iteration of the loop, streaming included) is admitted by the run's <see cref="RunBudget"/> before it is made
/// and charged with the usage its response reports. A refused call is not made: it throws
/// <see cref="AgentBudgetExceededException"/> (or <see cref="KillSwitchTrippedException"/>) with the reason. The
/// budget's token (kill switch, wall time) is linked into every call's cancellation token.
/// </summary>
public sealed class AgentRulesModelCallClient : DelegatingChatClient
{
    private readonly AgentRulesChatClientOptions _options;
    private readonly RunBudget _budget;
    private readonly string? _defaultModelId;
    private readonly Dictionary<string, AgentPrompt>? _prompts;
    private readonly IncrementalRequestHash _requestHash = new();

    /// <summary>Guards the model calls of <paramref name="innerClient"/>.</summary>
    public AgentRulesModelCallClient(IChatClient innerClient, AgentRulesChatClientOptions options)
        : base(innerClient)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _budget = options.RunBudget ?? new RunBudget(options.Budget.CopyFor(options.AgentName));
        _defaultModelId = innerClient.GetService<ChatClientMetadata>()?.DefaultModelId;
        if (options.Prompts.Count > 0)
        {
            _prompts = new Dictionary<string, AgentPrompt>(StringComparer.Ordinal);
            foreach (var prompt in options.Prompts)
            {
                _prompts[prompt.Text] = prompt;
            }
        }
    }

    /// <summary>The budget calls are charged to when they carry none of their own.</summary>
    public RunBudget RunBudget => _budget;

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var budget = AgentRulesChatOptionsExtensions.RunBudgetOf(options) ?? _budget;
        var modelId = options?.ModelId ?? _defaultModelId;
        var reserve = (long)(options?.MaxOutputTokens ?? 0);
        var activity = AgentRulesTelemetry.ActivitySource.HasListeners() ? StartActivity(messages, options, modelId, streaming: false) : null;
        Admit(budget, messages, options, modelId, reserve, activity);

        CancellationTokenSource? linked = null;
        Task<ChatResponse> task;
        try
        {
            task = base.GetResponseAsync(messages, options, Link(budget, cancellationToken, ref linked));
        }
        catch (Exception e)
        {
            Abandon(budget, reserve, linked, activity, e);
            throw;
        }

        if (task.IsCompleted && linked is null && activity is null && task.Status == TaskStatus.RanToCompletion)
        {
            // The admitted call that completed synchronously: nothing to await, nothing allocated.
            var usage = task.Result.Usage;
            budget.CompleteCall(task.Result.ModelId ?? modelId, usage?.InputTokenCount, usage?.OutputTokenCount, reserve);
            return task;
        }

        return AwaitAsync(task, budget, modelId, reserve, linked, activity);
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var budget = AgentRulesChatOptionsExtensions.RunBudgetOf(options) ?? _budget;
        var modelId = options?.ModelId ?? _defaultModelId;
        var reserve = (long)(options?.MaxOutputTokens ?? 0);
        var activity = AgentRulesTelemetry.ActivitySource.HasListeners() ? StartActivity(messages, options, modelId, streaming: true) : null;
        Admit(budget, messages, options, modelId, reserve, activity);

        CancellationTokenSource? linked = null;
        long? input = null;
        long? output = null;
        string? responseModel = null;
        var completed = false;
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, Link(budget, cancellationToken, ref linked)).ConfigureAwait(false))
            {
                responseModel ??= update.ModelId;
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent usage)
                    {
                        input = Add(input, usage.Details.InputTokenCount);
                        output = Add(output, usage.Details.OutputTokenCount);
                    }
                }

                yield return update;
            }

            completed = true;
        }
        finally
        {
            // A stream stopped early, or one that reported no usage, is recorded as such: the budget refuses further
            // calls while a token or money limit is set rather than spend blind.
            budget.CompleteCall(responseModel ?? modelId, input, output, reserve);
            End(activity, input, output, responseModel, completed ? null : "stream_incomplete");
            linked?.Dispose();
        }
    }

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(RunBudget) ? _budget : base.GetService(serviceType, serviceKey);

    private static long? Add(long? total, long? value) => value is null ? total : (total ?? 0) + value;

    private void Admit(RunBudget budget, IEnumerable<ChatMessage> messages, ChatOptions? options, string? modelId, long reserve, Activity? activity)
    {
        var hash = budget.DetectsDuplicates ? HashOf(messages, options) : 0;
        var refusal = budget.TryBeginCall(hash, modelId, reserve);
        if (refusal.IsRefused)
        {
            Refuse(budget, refusal, activity);
        }
    }

    // The key the request is counted under: when the messages are a list of some length and no other call holds the
    // cache, only the messages new since the last call are hashed, and a request whose earlier messages were taken on
    // trust gets a key that matches nothing unless it may repeat a recent one, which is then hashed in full
    // (IncrementalRequestHash). Below four messages the whole request is hashed (docs/enforcement.md, "Cost").
    private ulong HashOf(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if ((messages is List<ChatMessage> list ? list.Count >= 4 : messages is IList<ChatMessage> { Count: >= 4 }) && _requestHash.TryTake())
        {
            try
            {
                return _requestHash.Compute((IList<ChatMessage>)messages, options);
            }
            finally
            {
                _requestHash.Release();
            }
        }

        return RequestHash.Compute(messages, options);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Refuse(RunBudget budget, RunBudgetRefusal refusal, Activity? activity)
    {
        if (activity is not null)
        {
            activity.SetTag(AgentRulesTelemetry.ModelRefusalAttribute, refusal.ReasonCode);
            activity.SetTag("error.type", "agentrules.refused." + refusal.ReasonCode);
            activity.SetStatus(ActivityStatusCode.Error, refusal.Message);
            activity.Dispose();
        }

        if (refusal.Limit == RunBudgetLimit.KillSwitch)
        {
            budget.KillSwitch.ThrowIfTripped();
        }

        throw refusal.ToException(budget.AgentName)!;
    }

    private static CancellationToken Link(RunBudget budget, CancellationToken cancellationToken, ref CancellationTokenSource? linked)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return budget.Token;
        }

        linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        return linked.Token;
    }

    private static async Task<ChatResponse> AwaitAsync(Task<ChatResponse> task, RunBudget budget, string? modelId, long reserve, CancellationTokenSource? linked, Activity? activity)
    {
        ChatResponse response;
        try
        {
            response = await task.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Abandon(budget, reserve, linked, activity, e);
            throw;
        }

        var usage = response.Usage;
        budget.CompleteCall(response.ModelId ?? modelId, usage?.InputTokenCount, usage?.OutputTokenCount, reserve);
        End(activity, usage?.InputTokenCount, usage?.OutputTokenCount, response.ModelId, null);
        linked?.Dispose();
        return response;
    }

    private static void Abandon(RunBudget budget, long reserve, CancellationTokenSource? linked, Activity? activity, Exception exception)
    {
        budget.AbandonCall(reserve);
        if (activity is not null)
        {
            activity.SetTag("error.type", exception.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity.Dispose();
        }

        linked?.Dispose();
    }

    private Activity? StartActivity(IEnumerable<ChatMessage> messages, ChatOptions? options, string? modelId, bool streaming)
    {
        var activity = AgentRulesTelemetry.ActivitySource.StartActivity(modelId is null ? "chat" : "chat " + modelId, ActivityKind.Internal);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("gen_ai.operation.name", "chat");
        if (_options.AgentName is not null)
        {
            activity.SetTag("gen_ai.agent.name", _options.AgentName);
        }

        if (modelId is not null)
        {
            activity.SetTag("gen_ai.request.model", modelId);
        }

        if (streaming)
        {
            activity.SetTag("agentrules.model.streaming", true);
        }

        if (_prompts is not null && FindPrompt(messages, options) is { } prompt)
        {
            activity.SetTag(AgentPrompt.IdTagName, prompt.Id);
            activity.SetTag(AgentPrompt.VersionTagName, prompt.Version);
            activity.SetTag(AgentPrompt.Sha256TagName, prompt.Sha256);
        }

        return activity;
    }

    private AgentPrompt? FindPrompt(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (options?.Instructions is { } instructions && _prompts!.TryGetValue(instructions, out var declared))
        {
            return declared;
        }

        foreach (var message in messages)
        {
            if ((message.Role == ChatRole.System || message.Role.Value == "developer") && _prompts!.TryGetValue(message.Text, out declared))
            {
                return declared;
            }
        }

        return null;
    }

    private static void End(Activity? activity, long? input, long? output, string? responseModel, string? error)
    {
        if (activity is null)
        {
            return;
        }

        if (input is not null)
        {
            activity.SetTag("gen_ai.usage.input_tokens", input.Value);
        }

        if (output is not null)
        {
            activity.SetTag("gen_ai.usage.output_tokens", output.Value);
        }

        if (responseModel is not null)
        {
            activity.SetTag("gen_ai.response.model", responseModel);
        }

        if (error is not null)
        {
            activity.SetTag("error.type", error);
        }

        activity.Dispose();
    }
}
