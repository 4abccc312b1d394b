using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace AgentRules.Extensions.AI;

/// <summary>A hash of a chat request (messages and the options that shape the answer) for duplicate-request detection; allocates nothing for lists.</summary>
internal static class RequestHash
{
    private const ulong Seed = 0x6A09E667F3BCC908UL;

    public static ulong Compute(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var hash = Seed;
        if (messages is IList<ChatMessage> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                hash = Add(hash, list[i]);
            }
        }
        else
        {
            foreach (var message in messages)
            {
                hash = Add(hash, message);
            }
        }

        if (options is not null)
        {
            hash = ToolArgumentHash.Add(hash, options.ModelId);
            hash = ToolArgumentHash.Add(hash, options.Instructions);
            if (options.Tools is { } tools)
            {
                for (var i = 0; i < tools.Count; i++)
                {
                    hash = ToolArgumentHash.Add(hash, tools[i].Name);
                }
            }
        }

        // 0 means "no hash" to the budget.
        return hash == 0 ? 1 : hash;
    }

    /// <summary>The hash before any message is added.</summary>
    internal static ulong Start => Seed;

    /// <summary>Adds the options that shape the answer and finishes the hash (never 0).</summary>
    internal static ulong Finish(ulong hash, ChatOptions? options)
    {
        if (options is not null)
        {
            hash = ToolArgumentHash.Add(hash, options.ModelId);
            hash = ToolArgumentHash.Add(hash, options.Instructions);
            if (options.Tools is { } tools)
            {
                for (var i = 0; i < tools.Count; i++)
                {
                    hash = ToolArgumentHash.Add(hash, tools[i].Name);
                }
            }
        }

        return hash == 0 ? 1 : hash;
    }

    internal static ulong Add(ulong hash, ChatMessage message)
    {
        hash = ToolArgumentHash.Add(hash, message.Role.Value);
        var contents = message.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            hash = contents[i] switch
            {
                TextContent text => ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 1), text.Text),
                FunctionCallContent call => AddArguments(ToolArgumentHash.Add(ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 2), call.CallId), call.Name), call.Arguments),
                FunctionResultContent result => GuardedAIFunction.HashValue(ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 3), result.CallId), result.Result),
                { } other => ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 4), other.GetType().GetHashCode()),
                _ => hash,
            };
        }

        return hash;
    }

    // A function call's arguments, independent of their order (as for tool calls); a dictionary's own struct enumerator
    // where it is one, so nothing is allocated.
    private static ulong AddArguments(ulong hash, IDictionary<string, object?>? arguments)
    {
        if (arguments is null)
        {
            return GuardedAIFunction.HashValue(hash, null);
        }

        var sum = 0UL;
        if (arguments is Dictionary<string, object?> dictionary)
        {
            foreach (var argument in dictionary)
            {
                sum += GuardedAIFunction.HashValue(ToolArgumentHash.Add(0x51ED27UL, argument.Key), argument.Value);
            }
        }
        else
        {
            foreach (var argument in arguments)
            {
                sum += GuardedAIFunction.HashValue(ToolArgumentHash.Add(0x51ED27UL, argument.Key), argument.Value);
            }
        }

        return ToolArgumentHash.Add(ToolArgumentHash.Add(hash, sum), arguments.Count);
    }
}
