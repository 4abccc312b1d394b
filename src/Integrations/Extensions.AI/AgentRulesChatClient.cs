using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AgentRules.Extensions.AI;

/// <summary>
/// The part of <c>UseAgentRules</c> that sits above the function-invocation loop: it guards the tools a request offers
/// (<see cref="ChatOptions.Tools"/>) before the loop sees them — every <see cref="AIFunction"/> goes through the
/// session's <see cref="ToolGuard"/> (kill switch, <see cref="EnvironmentScopeAttribute"/>, budgets, duplicate calls),
/// <see cref="RequiresApprovalAttribute"/> tools are wrapped in <see cref="ApprovalRequiredAIFunction"/>, and
/// out-of-scope tools are left out of the list the model sees.
/// </summary>
public sealed class AgentRulesChatClient : DelegatingChatClient
{
    private readonly AgentRulesChatClientOptions _options;
    private readonly ToolGuard _guard;

    /// <summary>Guards the tools of requests sent to <paramref name="innerClient"/>.</summary>
    public AgentRulesChatClient(IChatClient innerClient, AgentRulesChatClientOptions options)
        : base(innerClient)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _guard = options.ToolGuard ?? new ToolGuard(options.Tools.CopyFor(options.AgentName));
    }

    /// <summary>The guard tool calls go through when a request carries none of its own.</summary>
    public ToolGuard ToolGuard => _guard;

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, GuardTools(options), cancellationToken);

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, GuardTools(options), cancellationToken);

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ToolGuard) ? _guard : base.GetService(serviceType, serviceKey);

    private ChatOptions? GuardTools(ChatOptions? options)
    {
        if (options?.Tools is not { Count: > 0 } tools)
        {
            return options;
        }

        var guarded = options.Clone();
        guarded.Tools = GuardedAIFunction.GuardAll(tools, AgentRulesChatOptionsExtensions.ToolGuardOf(options) ?? _guard, _options.RemoveOutOfScopeTools);
        if (guarded.Tools is { Count: 0 })
        {
            guarded.Tools = null;
            guarded.ToolMode = null;
        }

        return guarded;
    }
}
