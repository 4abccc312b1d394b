using System;

namespace AgentRules;

/// <summary>
/// The limits of one agent run (a conversation turn, a task, a request), read once when a <see cref="RunBudget"/> is
/// created. Zero means "no limit" everywhere except <see cref="MaxIdenticalRequests"/>, where it turns duplicate
/// detection off.
/// </summary>
public sealed class RunBudgetOptions
{
    /// <summary>
    /// The agent's name: its <see cref="KillSwitch.ForAgent"/> switch (which the global switch also trips) stops its
    /// model calls. When null, only <see cref="KillSwitch.Global"/> applies.
    /// </summary>
    public string? AgentName { get; set; }

    /// <summary>The most model calls the run may make, whatever the shape of the loop that makes them; 0 for no limit.</summary>
    public int MaxModelCalls { get; set; }

    /// <summary>The most input (prompt) tokens the run may spend, as reported in the responses' usage; 0 for no limit.</summary>
    public long MaxInputTokens { get; set; }

    /// <summary>The most output (completion) tokens the run may spend; 0 for no limit.</summary>
    public long MaxOutputTokens { get; set; }

    /// <summary>The most input and output tokens together; 0 for no limit.</summary>
    public long MaxTotalTokens { get; set; }

    /// <summary>The most money the run may spend, in the currency of <see cref="Prices"/>; 0 for no limit. Requires <see cref="Prices"/>.</summary>
    public decimal MaxCost { get; set; }

    /// <summary>The price of each model, for <see cref="MaxCost"/>.</summary>
    public ModelPriceTable? Prices { get; set; }

    /// <summary>
    /// How long the run may take from the budget's creation (wall time); <see cref="TimeSpan.Zero"/> for no limit.
    /// Calls that would start later are refused and <see cref="RunBudget.Token"/> is cancelled when it elapses.
    /// </summary>
    public TimeSpan MaxDuration { get; set; }

    /// <summary>
    /// How many identical requests (same messages, same options) are allowed within the last
    /// <see cref="DuplicateWindow"/> calls before the next one is refused. Default 3: the fourth identical request is
    /// refused. 0 turns duplicate detection off.
    /// </summary>
    public int MaxIdenticalRequests { get; set; } = 3;

    /// <summary>How many of the run's most recent admitted calls are searched for identical requests (default 10).</summary>
    public int DuplicateWindow { get; set; } = 10;

    /// <summary>
    /// A budget shared with other processes (for example <c>AgentRules.Redis.RedisSharedBudget</c>), so that the
    /// run's model calls, tokens and money are counted for the whole fleet: every limit set here
    /// (<see cref="MaxModelCalls"/>, <see cref="MaxInputTokens"/>, <see cref="MaxOutputTokens"/>,
    /// <see cref="MaxTotalTokens"/>, <see cref="MaxCost"/>) is also taken from the shared scope
    /// <c>{SharedBudgetScope}:{limit}</c> (<see cref="RunBudget.SharedScopeOf"/>: <c>session:42:model_calls</c>,
    /// <c>:input_tokens</c>, <c>:output_tokens</c>, <c>:total_tokens</c>, <c>:cost</c> in millionths of the price
    /// table's currency), whose limit in the shared budget is the fleet-wide limit (<see cref="SharedLimitOf"/> gives
    /// the same numbers as here). Null (the default) for none; the budget's fast path is unchanged then.
    /// </summary>
    public ISharedBudget? SharedBudget { get; set; }

    /// <summary>The scope of <see cref="SharedBudget"/> the run spends, e.g. <c>session:42</c> or <c>tenant:acme</c>; required with it.</summary>
    public string? SharedBudgetScope { get; set; }

    /// <summary>
    /// The limit these options set for a scope <see cref="RunBudget"/> takes from a shared budget
    /// (<c>…:model_calls</c>, <c>…:input_tokens</c>, <c>…:output_tokens</c>, <c>…:total_tokens</c>, <c>…:cost</c>),
    /// or null for any other scope or an unlimited one: give it to the shared budget so that the fleet-wide limits are
    /// the ones configured here, e.g. <c>Limit = scope =&gt; runOptions.SharedLimitOf(scope) ?? 500</c> for
    /// <c>RedisSharedBudgetOptions</c>. Money is in millionths of the price table's currency.
    /// </summary>
    /// <param name="scope">A scope of the shared budget.</param>
    public long? SharedLimitOf(string scope)
    {
        if (scope is null)
        {
            return null;
        }

        long limit = 0;
        if (scope.EndsWith(":model_calls", StringComparison.Ordinal))
        {
            limit = MaxModelCalls;
        }
        else if (scope.EndsWith(":input_tokens", StringComparison.Ordinal))
        {
            limit = MaxInputTokens;
        }
        else if (scope.EndsWith(":output_tokens", StringComparison.Ordinal))
        {
            limit = MaxOutputTokens;
        }
        else if (scope.EndsWith(":total_tokens", StringComparison.Ordinal))
        {
            limit = MaxTotalTokens;
        }
        else if (scope.EndsWith(":cost", StringComparison.Ordinal))
        {
            limit = RunBudget.ToSharedCostUnits(MaxCost);
        }

        return limit > 0 ? limit : null;
    }

    /// <summary>
    /// A copy of these limits for one run's budget, with <paramref name="agentName"/> as the agent name where none is
    /// set: the framework integrations build one budget per run from the options a user configured once.
    /// </summary>
    /// <param name="agentName">The agent name to use when <see cref="AgentName"/> is null.</param>
    public RunBudgetOptions CopyFor(string? agentName) => new()
    {
        AgentName = AgentName ?? agentName,
        MaxModelCalls = MaxModelCalls,
        MaxInputTokens = MaxInputTokens,
        MaxOutputTokens = MaxOutputTokens,
        MaxTotalTokens = MaxTotalTokens,
        MaxCost = MaxCost,
        Prices = Prices,
        MaxDuration = MaxDuration,
        MaxIdenticalRequests = MaxIdenticalRequests,
        DuplicateWindow = DuplicateWindow,
        SharedBudget = SharedBudget,
        SharedBudgetScope = SharedBudgetScope,
    };
}

/// <summary>Which limit of a <see cref="RunBudget"/> refused a model call. The order is the order of the checks.</summary>
public enum RunBudgetLimit
{
    /// <summary>Not refused: the call was admitted.</summary>
    None = 0,

    /// <summary>The global or the agent's <see cref="AgentRules.KillSwitch"/> is tripped.</summary>
    KillSwitch = 1,

    /// <summary>The run's wall time (<see cref="RunBudgetOptions.MaxDuration"/>) is spent.</summary>
    WallTime = 2,

    /// <summary>The run's model calls (<see cref="RunBudgetOptions.MaxModelCalls"/>) are spent.</summary>
    ModelCalls = 3,

    /// <summary>The run's input tokens are spent.</summary>
    InputTokens = 4,

    /// <summary>The run's output tokens are spent.</summary>
    OutputTokens = 5,

    /// <summary>The run's total tokens are spent.</summary>
    TotalTokens = 6,

    /// <summary>The run's money is spent, or a call could not be priced.</summary>
    Cost = 7,

    /// <summary>The same request was sent too often (a loop).</summary>
    Duplicate = 8,
}
