using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace AgentRules.SemanticKernel;

/// <summary>
/// A Semantic Kernel chat completion service whose every request is admitted by a <see cref="RunBudget"/> before it
/// reaches the inner service (kill switch, wall time, model calls, tokens, money, duplicate requests) and charged with
/// the usage its response reports. A refused request is not sent: it throws <see cref="AgentBudgetExceededException"/>
/// or <see cref="KillSwitchTrippedException"/>. The budget's token is linked into the request's token.
/// <c>AddAgentRules()</c> puts it around every <see cref="IChatCompletionService"/> registered in the kernel builder.
/// </summary>
/// <remarks>
/// Usage is read from the response's <c>Metadata["Usage"]</c> when it is a <see cref="UsageDetails"/> (services built on
/// an <see cref="IChatClient"/>, <c>AsChatCompletionService()</c>) or, for streaming, a <see cref="UsageContent"/> (what
/// that adapter puts on the update that carried it; each one streamed is added) or the <see cref="UsageContent"/> of an
/// underlying <see cref="ChatResponseUpdate"/>; <see cref="AgentRulesKernelOptions.ReadUsage"/> reads the usage type of
/// other connectors. A response without readable usage makes the run refuse further calls while a token or
/// money limit is set.
/// </remarks>
public sealed class AgentRulesChatCompletionService : IChatCompletionService
{
    private readonly IChatCompletionService _inner;
    private readonly RunBudget _budget;
    private readonly Func<object, UsageDetails?>? _readUsage;

    /// <summary>Guards the requests of <paramref name="inner"/> with <paramref name="budget"/>.</summary>
    public AgentRulesChatCompletionService(IChatCompletionService inner, RunBudget budget, Func<object, UsageDetails?>? readUsage = null)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
        _readUsage = readUsage;
    }

    /// <summary>The budget requests are charged to.</summary>
    public RunBudget RunBudget => _budget;

    /// <summary>The guarded service.</summary>
    public IChatCompletionService InnerService => _inner;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object?> Attributes => _inner.Attributes;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chatHistory);
        var modelId = executionSettings?.ModelId ?? _inner.GetModelId();
        Admit(chatHistory, executionSettings, modelId);
        using var linked = Link(cancellationToken);
        IReadOnlyList<ChatMessageContent> result;
        try
        {
            result = await _inner.GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, linked?.Token ?? _budget.Token).ConfigureAwait(false);
        }
        catch
        {
            _budget.AbandonCall();
            throw;
        }

        UsageDetails? usage = null;
        string? responseModel = null;
        foreach (var message in result)
        {
            responseModel ??= message.ModelId;
            usage ??= UsageOf(message.Metadata);
        }

        _budget.CompleteCall(responseModel ?? modelId, usage?.InputTokenCount, usage?.OutputTokenCount);
        return result;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chatHistory);
        var modelId = executionSettings?.ModelId ?? _inner.GetModelId();
        Admit(chatHistory, executionSettings, modelId);
        var linked = Link(cancellationToken);
        long? input = null;
        long? output = null;
        string? responseModel = null;
        try
        {
            await foreach (var update in _inner.GetStreamingChatMessageContentsAsync(chatHistory, executionSettings, kernel, linked?.Token ?? _budget.Token).ConfigureAwait(false))
            {
                responseModel ??= update.ModelId;
                if (UsageOf(update.Metadata) is { } reported)
                {
                    input = Sum(input, reported.InputTokenCount);
                    output = Sum(output, reported.OutputTokenCount);
                }
                else if (update.InnerContent is ChatResponseUpdate inner)
                {
                    foreach (var content in inner.Contents)
                    {
                        if (content is UsageContent usage)
                        {
                            input = Sum(input, usage.Details.InputTokenCount);
                            output = Sum(output, usage.Details.OutputTokenCount);
                        }
                    }
                }

                yield return update;
            }
        }
        finally
        {
            // A stream stopped early, or one without usage, is recorded as such (see the remarks).
            _budget.CompleteCall(responseModel ?? modelId, input, output);
            linked?.Dispose();
        }
    }

    /// <summary>A hash of a request (its messages and the settings that shape the answer) for duplicate detection; never 0.</summary>
    public static ulong HashRequest(ChatHistory chatHistory, PromptExecutionSettings? executionSettings)
    {
        ArgumentNullException.ThrowIfNull(chatHistory);
        var hash = 0x243F6A8885A308D3UL;
        for (var i = 0; i < chatHistory.Count; i++)
        {
            var message = chatHistory[i];
            hash = ToolArgumentHash.Add(hash, message.Role.Label);
            var items = message.Items;
            for (var j = 0; j < items.Count; j++)
            {
                hash = items[j] switch
                {
                    Microsoft.SemanticKernel.TextContent text => ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 1), text.Text),
                    Microsoft.SemanticKernel.FunctionCallContent call => HashArguments(ToolArgumentHash.Add(ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 2), call.Id), call.FunctionName), call.Arguments),
                    Microsoft.SemanticKernel.FunctionResultContent result => AddValue(ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 3), result.CallId), result.Result),
                    // An image, audio, a file reference...: SK 1.82 reads their data only through experimental types,
                    // and their ToString is not their content, so they make the request unlike any other.
                    _ => Unlike(hash),
                };
            }
        }

        if (executionSettings is not null)
        {
            hash = ToolArgumentHash.Add(hash, executionSettings.ModelId);
            hash = ToolArgumentHash.Add(hash, executionSettings.FunctionChoiceBehavior?.GetType().Name);
        }

        return hash == 0 ? 1 : hash;
    }

    private static ulong HashArguments(ulong hash, KernelArguments? arguments)
    {
        if (arguments is null)
        {
            return hash;
        }

        ulong sum = 0; // order-independent, like tool arguments
        foreach (var argument in arguments)
        {
            sum += AddValue(ToolArgumentHash.Add(0x51ED27UL, argument.Key), argument.Value);
        }

        return ToolArgumentHash.Add(hash, sum);
    }

    // A value by its text where that is its content (strings, JSON, numbers and other primitives); any other object's
    // ToString is usually its type name, which would make different values equal — such a value makes the request
    // unlike any other instead: a duplicate missed, never one invented.
    private static ulong AddValue(ulong hash, object? value) => value switch
    {
        null => ToolArgumentHash.Add(hash, (string?)null),
        string text => ToolArgumentHash.Add(hash, text),
        System.Text.Json.JsonElement json => ToolArgumentHash.Add(hash, json.GetRawText()),
        FunctionResult result => AddValue(hash, result.GetValue<object>()),
        IConvertible convertible => ToolArgumentHash.Add(hash, convertible.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        _ => Unlike(hash),
    };

    private static ulong Unlike(ulong hash) => ToolArgumentHash.Add(hash, (ulong)Random.Shared.NextInt64() ^ (ulong)System.Diagnostics.Stopwatch.GetTimestamp());

    private static long? Sum(long? total, long? value) => value is null ? total : (total ?? 0) + value;

    private void Admit(ChatHistory chatHistory, PromptExecutionSettings? executionSettings, string? modelId)
    {
        var hash = _budget.DetectsDuplicates ? HashRequest(chatHistory, executionSettings) : 0;
        var refusal = _budget.TryBeginCall(hash, modelId);
        if (refusal.IsRefused)
        {
            if (refusal.Limit == RunBudgetLimit.KillSwitch)
            {
                _budget.KillSwitch.ThrowIfTripped();
            }

            throw refusal.ToException(_budget.AgentName)!;
        }
    }

    private CancellationTokenSource? Link(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _budget.Token) : null;

    private UsageDetails? UsageOf(IReadOnlyDictionary<string, object?>? metadata)
    {
        if (metadata is null || !metadata.TryGetValue("Usage", out var value) || value is null)
        {
            return null;
        }

        // SK 1.82's IChatClient adapter (AsChatCompletionService) reports a non-streamed response's usage as its
        // UsageDetails and a streamed one's as the UsageContent of the update that carried it.
        return value as UsageDetails ?? (value as UsageContent)?.Details ?? _readUsage?.Invoke(value);
    }
}
