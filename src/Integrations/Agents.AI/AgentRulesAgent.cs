using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Extensions.AI;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace AgentRules.Agents.AI;

/// <summary>
/// Agent middleware that runs every run of the inner agent under AgentRules: a run does not start while the kill
/// switch is tripped (<see cref="KillSwitchTrippedException"/>), the switch's token is linked into the run's token,
/// and a <see cref="ChatClientAgent"/>'s runs are charged to a <see cref="RunBudget"/> and a <see cref="ToolGuard"/>
/// of their own (or the shared ones in the options), which its <c>UseAgentRules()</c> chat client applies to every
/// model call and tool call of the run.
/// </summary>
/// <remarks>
/// A <see cref="ChatClientAgent"/> must be built on a chat client with <c>UseAgentRules()</c> in its pipeline (the
/// place where each model call of the agent's function loop can be seen); otherwise its first run throws
/// <see cref="InvalidOperationException"/> rather than run unguarded. Other agents get the run-level checks only.
/// </remarks>
public sealed class AgentRulesAgent : DelegatingAIAgent
{
    private readonly AgentRulesAgentOptions _options;
    private readonly KillSwitch _killSwitch;

    /// <summary>Guards the runs of <paramref name="innerAgent"/>.</summary>
    public AgentRulesAgent(AIAgent innerAgent, AgentRulesAgentOptions options)
        : base(innerAgent)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        AgentName = options.AgentName ?? options.Budget.AgentName ?? innerAgent.Name;
        _killSwitch = AgentName is null ? KillSwitch.Global : KillSwitch.ForAgent(AgentName);
    }

    /// <summary>The name whose kill switch stops the agent; null when only the global switch applies.</summary>
    public string? AgentName { get; }

    /// <inheritdoc/>
    protected override async Task<AgentResponse> RunCoreAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        _killSwitch.ThrowIfTripped();
        var (budget, guard, owned) = StartRun();
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
            return await base.RunCoreAsync(messages, session, ForRun(options, budget, guard), linked.Token).ConfigureAwait(false);
        }
        finally
        {
            if (owned)
            {
                budget.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    protected override async IAsyncEnumerable<AgentResponseUpdate> RunCoreStreamingAsync(
        IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _killSwitch.ThrowIfTripped();
        var (budget, guard, owned) = StartRun();
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
            await foreach (var update in base.RunCoreStreamingAsync(messages, session, ForRun(options, budget, guard), linked.Token).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            if (owned)
            {
                budget.Dispose();
            }
        }
    }

    private (RunBudget Budget, ToolGuard Guard, bool Owned) StartRun()
    {
        var budget = _options.RunBudget;
        var owned = budget is null;
        budget ??= new RunBudget(_options.Budget.CopyFor(AgentName));
        var guard = _options.ToolGuard ?? new ToolGuard(_options.Tools.CopyFor(AgentName));
        return (budget, guard, owned);
    }

    private AgentRunOptions? ForRun(AgentRunOptions? options, RunBudget budget, ToolGuard guard)
    {
        if (InnerAgent.GetService<ChatClientAgent>() is not { } chatAgent)
        {
            return options;
        }

        if (chatAgent.ChatClient.GetService<AgentRulesModelCallClient>() is null)
        {
            throw new InvalidOperationException(
                $"The agent '{chatAgent.Name ?? chatAgent.Id}' runs on a chat client without UseAgentRules(): its model calls and tools would run unguarded. "
                + "Build it on chatClient.AsBuilder().UseAgentRules(...).Build().");
        }

        ChatClientAgentRunOptions run;
        if (options is ChatClientAgentRunOptions chatOptions)
        {
            run = (ChatClientAgentRunOptions)chatOptions.Clone();
            run.ChatOptions = run.ChatOptions?.Clone() ?? new ChatOptions();
        }
        else
        {
            run = new ChatClientAgentRunOptions(new ChatOptions());
            if (options is not null)
            {
                run.AdditionalProperties = options.AdditionalProperties;
                run.AllowBackgroundResponses = options.AllowBackgroundResponses;
#pragma warning disable MEAI001 // evaluation API: carried over so background responses keep working
                run.ContinuationToken = options.ContinuationToken;
#pragma warning restore MEAI001
                run.ResponseFormat = options.ResponseFormat;
            }
        }

        run.ChatOptions!.WithAgentRulesRun(budget, guard);
        return run;
    }
}
