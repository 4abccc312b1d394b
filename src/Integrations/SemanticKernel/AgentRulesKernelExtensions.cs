using System;
using System.Collections.Generic;
using System.Linq;
using AgentRules.SemanticKernel;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.SemanticKernel;

/// <summary>AgentRules enforcement for Semantic Kernel.</summary>
public static class AgentRulesKernelExtensions
{
    /// <summary>
    /// Registers the AgentRules function filters on the kernel being built: every kernel function call goes through
    /// the guard (kill switch, <c>[EnvironmentScope]</c>, budgets, duplicate calls, <c>[RequiresApproval]</c>); refused
    /// calls do not run and return the refusal as their result. Out-of-scope functions stay in the plugin list; call
    /// <see cref="UseAgentRules"/> on a built kernel to remove them from what the model is offered too.
    /// </summary>
    public static IKernelBuilder AddAgentRules(this IKernelBuilder builder, Action<AgentRulesKernelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var filter = CreateFilter(configure);
        builder.Services.AddSingleton(filter);
        builder.Services.AddSingleton<IFunctionInvocationFilter>(filter);
        builder.Services.AddSingleton<IAutoFunctionInvocationFilter>(filter);
        return builder;
    }

    /// <summary>
    /// Adds the AgentRules function filters to <paramref name="kernel"/> and removes the functions that may not run in
    /// the guard's environment from its plugins, so the model is not offered them (a plugin left without functions is
    /// removed). Functions added later are still refused by the filter. Returns the kernel.
    /// </summary>
    public static Kernel UseAgentRules(this Kernel kernel, Action<AgentRulesKernelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);

        var filter = CreateFilter(configure);
        kernel.FunctionInvocationFilters.Add(filter);
        kernel.AutoFunctionInvocationFilters.Add(filter);
        foreach (var plugin in kernel.Plugins.ToList())
        {
            var allowed = plugin.Where(filter.IsAllowed).ToList();
            if (allowed.Count == plugin.FunctionCount)
            {
                continue;
            }

            kernel.Plugins.Remove(plugin);
            if (allowed.Count > 0)
            {
                kernel.Plugins.Add(KernelPluginFactory.CreateFromFunctions(plugin.Name, plugin.Description, allowed));
            }
        }

        return kernel;
    }

    private static AgentRulesFunctionFilter CreateFilter(Action<AgentRulesKernelOptions>? configure)
    {
        var options = new AgentRulesKernelOptions();
        configure?.Invoke(options);
        return new AgentRulesFunctionFilter(options);
    }
}
