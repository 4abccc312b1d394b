using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
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

        return Finish(hash, options);
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

            hash = AddSampling(hash, options);
        }

        // 0 means "no hash" to the budget.
        return hash == 0 ? 1 : hash;
    }

    // The settings that change the answer to the same messages: a request retried with another temperature, seed or
    // output format (a common way out of a loop) is not a repeat. A response format's schema is read as its JSON.
    private static ulong AddSampling(ulong hash, ChatOptions options)
    {
        hash = ToolArgumentHash.Add(hash, (double)(options.Temperature ?? float.NaN));
        hash = ToolArgumentHash.Add(hash, (double)(options.TopP ?? float.NaN));
        hash = ToolArgumentHash.Add(hash, (long)(options.TopK ?? -1));
        hash = ToolArgumentHash.Add(hash, options.Seed ?? long.MinValue);
        hash = ToolArgumentHash.Add(hash, (long)(options.MaxOutputTokens ?? -1));
        hash = ToolArgumentHash.Add(hash, (double)(options.FrequencyPenalty ?? float.NaN));
        hash = ToolArgumentHash.Add(hash, (double)(options.PresencePenalty ?? float.NaN));
        if (options.StopSequences is { } stops)
        {
            for (var i = 0; i < stops.Count; i++)
            {
                hash = ToolArgumentHash.Add(hash, stops[i]);
            }
        }

        hash = options.ResponseFormat switch
        {
            null => hash,
            ChatResponseFormatText => ToolArgumentHash.Add(hash, 1),
            ChatResponseFormatJson json => ToolArgumentHash.Add(ToolArgumentHash.AddUtf8(ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 2), json.SchemaName),
                json.Schema is { ValueKind: not JsonValueKind.Undefined } schema ? JsonMarshal.GetRawUtf8Value(schema) : default), json.SchemaDescription),
            _ => Unlike(hash),
        };
        return options.ToolMode switch
        {
            null => hash,
            AutoChatToolMode => ToolArgumentHash.Add(hash, 1),
            NoneChatToolMode => ToolArgumentHash.Add(hash, 2),
            RequiredChatToolMode required => ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 3), required.RequiredFunctionName),
            _ => Unlike(hash),
        };
    }

    internal static ulong Add(ulong hash, ChatMessage message)
    {
        hash = ToolArgumentHash.Add(hash, message.Role.Value);
        var contents = message.Contents;
        return contents.GetType() == typeof(List<AIContent>)
            ? AddContents(hash, CollectionsMarshal.AsSpan(Unsafe.As<List<AIContent>>(contents)))
            : AddContents(hash, contents);
    }

    // The message's own list (a List unless someone set another) as a span: no interface call per item.
    private static ulong AddContents(ulong hash, ReadOnlySpan<AIContent> contents)
    {
        foreach (var content in contents)
        {
            hash = AddContent(hash, content);
        }

        return hash;
    }

    private static ulong AddContents(ulong hash, IList<AIContent> contents)
    {
        for (var i = 0; i < contents.Count; i++)
        {
            hash = AddContent(hash, contents[i]);
        }

        return hash;
    }

    private static ulong AddContent(ulong hash, AIContent? content) => content switch
    {
        TextContent text => ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 1), text.Text),
        FunctionCallContent call => AddArguments(ToolArgumentHash.Add(ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 2), call.CallId), call.Name), call.Arguments),
        FunctionResultContent result => AddValue(ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 3), result.CallId), result.Result),
        { } other => AddOther(hash, other),
        _ => hash,
    };

    // Content other than text and function calls and results: what tells two of a kind apart (an image's bytes, a
    // link, a file id). Content this cannot compare makes the request unlike any other (a fresh number): a duplicate
    // missed, never one invented (two requests differing only in an image used to hash equal).
    private static ulong AddOther(ulong hash, AIContent content) => content switch
    {
        DataContent data => ToolArgumentHash.AddUtf8(ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 5), data.MediaType), data.Data.Span),
        UriContent uri => ToolArgumentHash.Add(ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 6), uri.Uri.OriginalString), uri.MediaType),
        TextReasoningContent reasoning => ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 7), reasoning.Text),
        HostedFileContent file => ToolArgumentHash.Add(ToolArgumentHash.Add(hash, 8), file.FileId),
        _ => Unlike(hash),
    };

    // A value in a call's arguments or a function's result. Strings, JSON and numbers are compared by content; any
    // other object only by what its GetHashCode says, which for a mutable object edited in place says nothing new — so
    // such a value makes the request unlike any other instead.
    private static ulong AddValue(ulong hash, object? value) => value switch
    {
        null or string or JsonElement or bool or int or long or double => GuardedAIFunction.HashValue(hash, value),
        decimal or float or short or byte or Guid or DateTime or DateTimeOffset or TimeSpan => ToolArgumentHash.Add(hash, value.GetHashCode()),
        _ => Unlike(hash),
    };

    private static ulong Unlike(ulong hash) => ToolArgumentHash.Add(hash, (ulong)Random.Shared.NextInt64() ^ (ulong)Stopwatch.GetTimestamp());

    // A function call's arguments, independent of their order (as for tool calls); a dictionary's own struct enumerator
    // where it is one, so nothing is allocated.
    private static ulong AddArguments(ulong hash, IDictionary<string, object?>? arguments)
    {
        if (arguments is null)
        {
            return AddValue(hash, null);
        }

        var sum = 0UL;
        if (arguments is Dictionary<string, object?> dictionary)
        {
            foreach (var argument in dictionary)
            {
                sum += AddValue(ToolArgumentHash.Add(0x51ED27UL, argument.Key), argument.Value);
            }
        }
        else
        {
            foreach (var argument in arguments)
            {
                sum += AddValue(ToolArgumentHash.Add(0x51ED27UL, argument.Key), argument.Value);
            }
        }

        return ToolArgumentHash.Add(ToolArgumentHash.Add(hash, sum), arguments.Count);
    }
}
