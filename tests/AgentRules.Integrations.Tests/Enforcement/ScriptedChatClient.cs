using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Xunit;

namespace AgentRules.Integrations.Tests.Enforcement;

/// <summary>
/// A model that answers from a script: each call gets the next scripted response (the last one repeats), with the
/// usage the script says. It records what each request offered (tool names) and how many calls started.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly Func<int, IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> _script;
    private int _calls;

    public ScriptedChatClient(Func<int, IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> script) => _script = script;

    public int Calls => Volatile.Read(ref _calls);

    public ConcurrentQueue<string[]> OfferedTools { get; } = new();

    public ConcurrentQueue<List<ChatMessage>> Requests { get; } = new();

    public ConcurrentQueue<CancellationToken> Tokens { get; } = new();

    /// <summary>Runs inside each call, with the call's token, before the response is returned.</summary>
    public Action<CancellationToken>? OnCall { get; set; }

    public static ChatResponse Text(string text, long input = 10, long output = 5) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output }, ModelId = "scripted-1" };

    public static ChatResponse Call(string tool, string callId, IDictionary<string, object?>? arguments = null, long input = 10, long output = 5) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, tool, arguments)]))
        {
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
            ModelId = "scripted-1",
        };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var index = Interlocked.Increment(ref _calls) - 1;
        var list = messages.ToList();
        OfferedTools.Enqueue(options?.Tools?.Select(t => t.Name).ToArray() ?? []);
        Requests.Enqueue(list);
        Tokens.Enqueue(cancellationToken);
        OnCall?.Invoke(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_script(index, list, options));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", defaultModelId: "scripted-1") : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}

/// <summary>Tests that set <see cref="AgentEnvironment"/> or trip <see cref="KillSwitch.Global"/> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnforcementCollection
{
    public const string Name = "AgentRules enforcement (process-wide state)";
}

/// <summary>Tools as real apps write them for MEAI, MCP and SK, with AgentRules' attributes.</summary>
public static class SupportTools
{
    private static int s_lookups;
    private static int s_deletes;
    private static int s_refunds;

    public static int Lookups => Volatile.Read(ref s_lookups);

    public static int Deletes => Volatile.Read(ref s_deletes);

    public static int Refunds => Volatile.Read(ref s_refunds);

    public static Action? OnLookup { get; set; }

    public static void Reset()
    {
        s_lookups = 0;
        s_deletes = 0;
        s_refunds = 0;
        OnLookup = null;
    }

    [System.ComponentModel.Description("Looks up an order.")]
    public static string GetOrder(int orderId)
    {
        Interlocked.Increment(ref s_lookups);
        OnLookup?.Invoke();
        return $"order {orderId}: shipped";
    }

    [EnvironmentScope("Development", "Staging")]
    [System.ComponentModel.Description("Deletes a customer.")]
    public static string DeleteCustomer(int customerId)
    {
        Interlocked.Increment(ref s_deletes);
        return $"customer {customerId} deleted";
    }

    [RequiresApproval]
    [System.ComponentModel.Description("Refunds an order.")]
    public static string RefundOrder(int orderId)
    {
        Interlocked.Increment(ref s_refunds);
        return $"order {orderId} refunded";
    }

    public static AIFunction[] AsAIFunctions() =>
    [
        AIFunctionFactory.Create(GetOrder, "get_order"),
        AIFunctionFactory.Create(DeleteCustomer, "delete_customer"),
        AIFunctionFactory.Create(RefundOrder, "refund_order"),
    ];
}
