namespace AgentRules;

/// <summary>
/// A budget kept outside this process and shared by every process that spends it (calls, tokens or money per session
/// or tenant, across replicas): the extension point through which <see cref="ToolGuard"/> and pipeline guards consult
/// a distributed store such as the <c>AgentRules.Redis</c> package's <c>RedisSharedBudget</c>.
/// </summary>
/// <remarks>
/// <para>
/// Set it on <see cref="ToolGuardOptions.SharedBudget"/> with a <see cref="ToolGuardOptions.SharedBudgetScope"/>: every
/// call the guard would admit first takes the tool's cost units (<see cref="ToolBudgetAttribute.Cost"/>, 1 unless
/// declared) from that scope, and is refused (<see cref="ToolRefusalReason.Budget"/>) when the budget says no. When a
/// later local check refuses the call after all, the units are given back with <see cref="Add"/> and a negative
/// amount. With no shared budget set, the guard pays nothing for this.
/// </para>
/// <para>
/// Implementations are called on the tool call's thread and must be thread-safe, must not throw (the guard treats an
/// exception as a refusal), and must bound the time a call can wait: they decide, by their own fault policy, what
/// <see cref="TryTake"/> answers when their store is unreachable.
/// </para>
/// </remarks>
public interface ISharedBudget
{
    /// <summary>
    /// Takes <paramref name="amount"/> units from <paramref name="scope"/> when the budget leaves room for all of them,
    /// and returns true; changes nothing and returns false otherwise, or when the store cannot be reached and the
    /// fault policy for <paramref name="effect"/> is to fail closed. Never admits past the limit.
    /// </summary>
    /// <param name="scope">What the budget is kept for, e.g. <c>session:42</c> or <c>tenant:acme:tokens</c>.</param>
    /// <param name="amount">Units to take (0 or more).</param>
    /// <param name="effect">What the call does, for the fault policy: model calls pass <see cref="ToolEffect.Unspecified"/>.</param>
    bool TryTake(string scope, long amount, ToolEffect effect);

    /// <summary>
    /// Records usage learned after the fact (the tokens a model call reported) without asking: the budget may go past
    /// its limit by this, and later <see cref="TryTake"/> calls are refused. A negative amount gives units back.
    /// </summary>
    void Add(string scope, long amount);
}
