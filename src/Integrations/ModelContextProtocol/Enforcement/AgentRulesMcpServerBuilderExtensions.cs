using System;
using AgentRules.ModelContextProtocol;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>AgentRules enforcement for an MCP C# SDK server.</summary>
public static class AgentRulesMcpServerBuilderExtensions
{
    /// <summary>
    /// Enforces AgentRules on the server's tools: tools whose <c>[EnvironmentScope]</c> excludes the current
    /// environment are left out of <c>tools/list</c> and their calls refused; every call goes through the session's
    /// <see cref="AgentRules.ToolGuard"/> (kill switch, budgets, duplicate calls), and <c>[RequiresApproval]</c> tools run
    /// only after the user accepts an elicitation request (refused where the client cannot elicit). Refusals are tool
    /// errors whose text says why.
    /// </summary>
    /// <param name="builder">The MCP server builder.</param>
    /// <param name="configure">Sets the agent name, the guard's limits and the approval behaviour.</param>
    public static IMcpServerBuilder WithAgentRules(this IMcpServerBuilder builder, Action<AgentRulesMcpServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var options = new AgentRulesMcpServerOptions();
        configure?.Invoke(options);
        var filters = new AgentRulesMcpFilters(options);
        builder.Services.AddSingleton(filters);
        return builder.WithRequestFilters(requests =>
        {
            requests.AddListToolsFilter(filters.ListTools);
            requests.AddCallToolFilter(filters.CallTool);
        });
    }
}
