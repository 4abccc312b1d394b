using System;
using System.Threading.Tasks;
using AgentRules.Extensions.AI;
using Microsoft.SemanticKernel;

namespace AgentRules.SemanticKernel;

/// <summary>
/// Semantic Kernel filters that put every kernel function call through a <see cref="ToolGuard"/> (kill switch,
/// <see cref="EnvironmentScopeAttribute"/>, budgets, duplicate calls) and <see cref="RequiresApprovalAttribute"/>
/// through <see cref="AgentRulesKernelOptions.Approve"/>. A refused call does not run; its result is the refusal's
/// message (which an auto-invoking model reads as the tool's answer). When the kill switch trips, the automatic
/// function-calling loop is terminated, so no further model call of that loop starts.
/// </summary>
public sealed class AgentRulesFunctionFilter : IFunctionInvocationFilter, IAutoFunctionInvocationFilter
{
    private readonly AgentRulesKernelOptions _options;

    /// <summary>Creates the filter.</summary>
    public AgentRulesFunctionFilter(AgentRulesKernelOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Guard = options.ToolGuard ?? new ToolGuard(options.Tools.CopyFor(options.AgentName));
        RunBudget = options.RunBudget ?? new RunBudget(options.Budget.CopyFor(options.AgentName));
    }

    /// <summary>The budget the kernel's model calls are charged to.</summary>
    public RunBudget RunBudget { get; }

    /// <summary>The options the filter was created with.</summary>
    public AgentRulesKernelOptions Options => _options;

    /// <summary>The guard function calls go through.</summary>
    public ToolGuard Guard { get; }

    /// <summary>What the guard knows about a kernel function: read from the method behind it (<c>KernelFunctionFromMethod</c>).</summary>
    public static ToolDescriptor DescriptorOf(KernelFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);

        return ToolDescriptors.ForMethod(function.UnderlyingMethod, function.Name, function.Description);
    }

    /// <summary>True when the function may run in the guard's environment.</summary>
    public bool IsAllowed(KernelFunction function) => Guard.IsAllowed(DescriptorOf(function));

    /// <inheritdoc/>
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        var descriptor = DescriptorOf(context.Function);
        var call = Guard.Begin(descriptor, GuardedAIFunction.HashArguments(descriptor, context.Arguments));
        if (call.IsRefused)
        {
            context.Result = new FunctionResult(context.Function, call.Refusal.Message);
            return;
        }

        try
        {
            if (descriptor.RequiresApproval && !(_options.Approve is { } approve && await approve(context).ConfigureAwait(false)))
            {
                context.Result = new FunctionResult(
                    context.Function,
                    _options.Approve is null
                        ? $"Tool call refused (approval): '{descriptor.Name}' requires a person's approval and no approver is configured (AgentRulesKernelOptions.Approve)."
                        : $"Tool call refused (approval): '{descriptor.Name}' was not approved.");
                call.Complete();
                return;
            }

            await next(context).ConfigureAwait(false);
            call.Complete();
        }
        catch (Exception e)
        {
            call.Fail(e);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        await next(context).ConfigureAwait(false);
        if (Guard.KillSwitch.IsTripped)
        {
            // The loop must not go back to the model: the function's result (the refusal) ends it.
            context.Terminate = true;
        }
    }
}
