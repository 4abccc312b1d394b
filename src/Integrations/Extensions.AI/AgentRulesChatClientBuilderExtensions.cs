using System;
using AgentRules.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.AI;

/// <summary>AgentRules enforcement for a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class AgentRulesChatClientBuilderExtensions
{
    /// <summary>
    /// Guards the pipeline with AgentRules: every model call is admitted by the run's <see cref="AgentRules.RunBudget"/>
    /// (model calls, tokens, money, wall time, duplicate requests, kill switch) and every tool in
    /// <see cref="ChatOptions.Tools"/> by the session's <see cref="AgentRules.ToolGuard"/> (kill switch,
    /// <c>[EnvironmentScope]</c>, budgets, duplicate calls, <c>[RequiresApproval]</c>).
    /// </summary>
    /// <remarks>
    /// <para>
    /// <c>UseAgentRules</c> brings its own <see cref="FunctionInvokingChatClient"/>: write it <b>instead of</b>
    /// <c>UseFunctionInvocation()</c> (configure the loop with
    /// <see cref="AgentRulesChatClientOptions.ConfigureFunctionInvocation"/>). It installs three clients, outermost
    /// first: <see cref="AgentRulesChatClient"/> (guards the tools before the loop sees them), the function-invocation
    /// loop, and <see cref="AgentRulesModelCallClient"/> (admits each model call the loop makes). A loop below it would
    /// hide those calls, so a pipeline with a <see cref="FunctionInvokingChatClient"/> below <c>UseAgentRules</c>
    /// throws <see cref="InvalidOperationException"/> when built. Clients added after it (nearer the model, e.g.
    /// <c>UseOpenTelemetry()</c>) see every call; an Agent Framework <c>ChatClientAgent</c> finds the loop and adds no
    /// second one.
    /// </para>
    /// <para>Model-call refusals throw <see cref="AgentRules.AgentBudgetExceededException"/> or
    /// <see cref="AgentRules.KillSwitchTrippedException"/>; tool refusals are returned to the model as the tool's result.</para>
    /// </remarks>
    /// <param name="builder">The pipeline.</param>
    /// <param name="configure">Sets the agent name, budgets, guard and loop options.</param>
    public static ChatClientBuilder UseAgentRules(this ChatClientBuilder builder, Action<AgentRulesChatClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var options = new AgentRulesChatClientOptions();
        configure?.Invoke(options);
        return builder.Use((innerClient, services) =>
        {
            if (innerClient.GetService<FunctionInvokingChatClient>() is not null)
            {
                throw new InvalidOperationException(
                    "UseAgentRules() brings its own function-invocation loop and must see every model call it makes: remove UseFunctionInvocation() from below it "
                    + "(configure the loop with AgentRulesChatClientOptions.ConfigureFunctionInvocation).");
            }

            var modelCalls = new AgentRulesModelCallClient(innerClient, options);
            var loop = new FunctionInvokingChatClient(modelCalls, services.GetService<ILoggerFactory>(), services);
            options.ConfigureFunctionInvocation?.Invoke(loop);
            return new AgentRulesChatClient(loop, options);
        });
    }
}
