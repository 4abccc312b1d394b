using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AgentRules.Extensions.AI;

/// <summary>
/// An <see cref="AIFunction"/> behind a <see cref="ToolGuard"/>: every call is checked (kill switch, environment
/// scope, budget, duplicates) before the function runs. A refused call does not run; its result is the refusal's
/// message, which the model reads as the tool's answer.
/// </summary>
public sealed class GuardedAIFunction : DelegatingAIFunction
{
    /// <summary>Guards <paramref name="function"/> with <paramref name="guard"/>.</summary>
    public GuardedAIFunction(AIFunction function, ToolGuard guard)
        : base(function)
    {
        Guard = guard ?? throw new ArgumentNullException(nameof(guard));
        Descriptor = ToolDescriptors.ForMethod(function.UnderlyingMethod, function.Name, function.Description);
    }

    /// <summary>The guard every call goes through.</summary>
    public ToolGuard Guard { get; }

    /// <summary>What the guard knows about the tool: its scope, approval and budget, read from the method behind it.</summary>
    public ToolDescriptor Descriptor { get; }

    /// <summary>The function that runs when a call is admitted.</summary>
    public AIFunction Inner => InnerFunction;

    /// <summary>
    /// Guards the tools a request offers: each <see cref="AIFunction"/> is wrapped in a <see cref="GuardedAIFunction"/>
    /// (and in <see cref="ApprovalRequiredAIFunction"/> when its method carries <see cref="RequiresApprovalAttribute"/>);
    /// tools that may not run in the guard's environment are left out when <paramref name="removeOutOfScope"/> is true.
    /// Other tools (hosted tools, declarations) pass through. Returns null for null.
    /// </summary>
    public static List<AITool>? GuardAll(IEnumerable<AITool>? tools, ToolGuard guard, bool removeOutOfScope = true)
    {
        if (tools is null)
        {
            return null;
        }

        var guarded = new List<AITool>();
        foreach (var tool in tools)
        {
            if (tool is not AIFunction function || tool.GetService<GuardedAIFunction>() is not null)
            {
                guarded.Add(tool);
                continue;
            }

            var wrapped = new GuardedAIFunction(function, guard);
            if (removeOutOfScope && !guard.IsAllowed(wrapped.Descriptor))
            {
                continue;
            }

            guarded.Add(wrapped.Descriptor.RequiresApproval && tool.GetService<ApprovalRequiredAIFunction>() is null
                ? new ApprovalRequiredAIFunction(wrapped)
                : wrapped);
        }

        return guarded;
    }

    /// <inheritdoc/>
    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var hash = HashArguments(Descriptor, arguments);
        if (!cancellationToken.CanBeCanceled)
        {
            cancellationToken = Guard.KillSwitch.Token;
        }

        if (Guard.TryAdmit(Descriptor, hash))
        {
            return base.InvokeCoreAsync(arguments, cancellationToken);
        }

        var call = Guard.Begin(Descriptor, hash, FunctionInvokingChatClient.CurrentContext?.CallContent.CallId);
        if (call.IsRefused)
        {
            return new ValueTask<object?>(call.Refusal.Message);
        }

        return RunAsync(call, arguments, cancellationToken);
    }

    private async ValueTask<object?> RunAsync(GuardedToolCall call, AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        try
        {
            var result = await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
            call.Complete();
            return result;
        }
        catch (Exception e)
        {
            call.Fail(e);
            throw;
        }
    }

    /// <summary>The tool and its arguments, hashed for duplicate detection; allocates nothing for JSON, string and primitive values.</summary>
    internal static ulong HashArguments(ToolDescriptor tool, IEnumerable<KeyValuePair<string, object?>>? arguments)
    {
        var hash = ToolArgumentHash.Start(tool);
        if (arguments is null)
        {
            return hash;
        }

        // Order-independent over the arguments: the model may send them in any order.
        var sum = 0UL;
        var count = 0UL;
        if (arguments is AIFunctionArguments functionArguments)
        {
            foreach (var argument in functionArguments)
            {
                sum += HashValue(ToolArgumentHash.Add(0x51ED27UL, argument.Key), argument.Value);
                count++;
            }
        }
        else
        {
            foreach (var argument in arguments)
            {
                sum += HashValue(ToolArgumentHash.Add(0x51ED27UL, argument.Key), argument.Value);
                count++;
            }
        }

        return ToolArgumentHash.Add(ToolArgumentHash.Add(hash, sum), count);
    }

    internal static ulong HashValue(ulong hash, object? value) => value switch
    {
        null => ToolArgumentHash.Add(hash, (string?)null),
        string s => ToolArgumentHash.Add(hash, s),
        JsonElement element => ToolArgumentHash.AddUtf8(hash, element.ValueKind == JsonValueKind.Undefined ? default : JsonMarshal.GetRawUtf8Value(element)),
        bool b => ToolArgumentHash.Add(hash, b),
        int i => ToolArgumentHash.Add(hash, (long)i),
        long l => ToolArgumentHash.Add(hash, l),
        double d => ToolArgumentHash.Add(hash, d),
        _ => ToolArgumentHash.Add(hash, value.GetHashCode()),
    };
}
