using System;
using System.Collections.Generic;
using System.Linq;
using AgentRules.Extensions.AI;
using AgentRules.SemanticKernel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Microsoft.SemanticKernel;

/// <summary>AgentRules enforcement for Semantic Kernel.</summary>
public static class AgentRulesKernelExtensions
{
    /// <summary>
    /// Registers the AgentRules function filters on the kernel being built: every kernel function call goes through
    /// the guard (kill switch, <c>[EnvironmentScope]</c>, budgets, duplicate calls, <c>[RequiresApproval]</c>); refused
    /// calls do not run and return the refusal as their result. Out-of-scope functions stay in the plugin list; call
    /// <see cref="UseAgentRules"/> on a built kernel to remove them from what the model is offered too. Model calls:
    /// every <see cref="IChatCompletionService"/> and <see cref="IChatClient"/> registered <b>before</b> this call is
    /// wrapped so that each request is admitted by the run budget (<see cref="AgentRulesKernelOptions.Budget"/>) first.
    /// </summary>
    public static IKernelBuilder AddAgentRules(this IKernelBuilder builder, Action<AgentRulesKernelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var filter = CreateFilter(configure);
        if (filter.Options.GuardModelCalls)
        {
            GuardChatServices(builder.Services, filter);
        }

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

    /// <summary>
    /// Adds the run budget below Semantic Kernel's function-calling loop (<c>UseKernelFunctionInvocation()</c>, which
    /// must come before it): every model call of the loop — each iteration, streaming included — is admitted by
    /// <paramref name="budget"/> and charged with its usage, so the model-call cap holds per iteration. Pass the same
    /// budget as <see cref="AgentRulesKernelOptions.RunBudget"/> with <see cref="AgentRulesKernelOptions.GuardModelCalls"/>
    /// set to false, so requests are not counted twice.
    /// </summary>
    public static ChatClientBuilder UseAgentRulesModelCalls(this ChatClientBuilder builder, AgentRules.RunBudget budget, string? agentName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(budget);

        var options = new AgentRulesChatClientOptions { AgentName = agentName ?? budget.AgentName, RunBudget = budget };
        return builder.Use(inner => new AgentRulesModelCallClient(inner, options));
    }

    // Replaces each chat service registration with one that wraps what the original resolves to.
    private static void GuardChatServices(IServiceCollection services, AgentRulesFunctionFilter filter)
    {
        var chatOptions = new AgentRulesChatClientOptions { AgentName = filter.Options.AgentName, RunBudget = filter.RunBudget };
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(IChatCompletionService))
            {
                services[i] = Decorate(descriptor, inner => inner is AgentRulesChatCompletionService ? inner : new AgentRulesChatCompletionService((IChatCompletionService)inner, filter.RunBudget, filter.Options.ReadUsage));
            }
            else if (descriptor.ServiceType == typeof(IChatClient))
            {
                services[i] = Decorate(descriptor, inner => inner is AgentRulesModelCallClient ? inner : new AgentRulesModelCallClient((IChatClient)inner, chatOptions));
            }
        }
    }

    private static ServiceDescriptor Decorate(ServiceDescriptor descriptor, Func<object, object> wrap)
    {
        if (descriptor.IsKeyedService)
        {
            return new ServiceDescriptor(descriptor.ServiceType, descriptor.ServiceKey, (provider, key) => wrap(
                descriptor.KeyedImplementationInstance
                ?? descriptor.KeyedImplementationFactory?.Invoke(provider, key)
                ?? ActivatorUtilities.CreateInstance(provider, descriptor.KeyedImplementationType!)), descriptor.Lifetime);
        }

        return new ServiceDescriptor(descriptor.ServiceType, provider => wrap(
            descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!)), descriptor.Lifetime);
    }

    private static AgentRulesFunctionFilter CreateFilter(Action<AgentRulesKernelOptions>? configure)
    {
        var options = new AgentRulesKernelOptions();
        configure?.Invoke(options);
        return new AgentRulesFunctionFilter(options);
    }
}
