using System.Text.Json;
using AgentRules.Extensions.AI;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace AgentRules.Benchmarks;

/// <summary>
/// What the framework middleware adds to one admitted model call and one admitted tool call. The model is an
/// in-process fake that returns a cached, completed response (with usage), so every nanosecond above the baseline is
/// the middleware's: the run budget's admission and usage accounting, the request hash for duplicate detection, the
/// kill-switch token and the tracing check.
/// </summary>
[MemoryDiagnoser]
public class MiddlewareBenchmarks
{
    private readonly List<ChatMessage> _messages =
    [
        new(ChatRole.System, "You are the support agent of an online shop. Answer briefly."),
        new(ChatRole.User, "Where is my parcel? Order 4711."),
    ];

    // An agent loop's history: system, user, then nine tool calls and their results; the last message varies per call.
    private readonly List<ChatMessage> _loopHistory = CreateLoopHistory(9);

    // A longer loop: 24 tool calls and their results, 50 messages.
    private readonly List<ChatMessage> _longHistory = CreateLoopHistory(24);
    private Sequence _loopSequence = null!;
    private Sequence _longSequence = null!;
    private Sequence _sequence = null!;

    private IChatClient _model = null!;
    private IChatClient _guarded = null!;
    private IChatClient _guardedNoDuplicates = null!;
    private AIFunction _function = null!;
    private AIFunction _guardedFunction = null!;
    private AIFunctionArguments _arguments = null!;
    private RunBudget _budget = null!;
    private RunBudget _noDuplicatesBudget = null!;
    private int _calls;

    [GlobalSetup]
    public void Setup()
    {
        AgentEnvironment.Set(AgentEnvironment.Production);
        _model = new CachedModel();
        _loopSequence = new Sequence(_loopHistory);
        _longSequence = new Sequence(_longHistory);
        _sequence = new Sequence(_messages);

        // Every limit on (calls, tokens; duplicate detection over the last 10 requests): the requests repeat, so a
        // new budget every 2^20 calls keeps them admitted and the window is told a fresh hash per call below.
        _budget = NewBudget(duplicates: true);
        _noDuplicatesBudget = NewBudget(duplicates: false);
        _guarded = new AgentRulesModelCallClient(_model, new AgentRulesChatClientOptions { AgentName = "bench", RunBudget = _budget });
        _guardedNoDuplicates = new AgentRulesModelCallClient(_model, new AgentRulesChatClientOptions { AgentName = "bench", RunBudget = _noDuplicatesBudget });

        var tools = new BenchTools();
        _function = AIFunctionFactory.Create(tools.LookupOrder, "lookup_order", "Looks up an order's status code.");
        _guardedFunction = new GuardedAIFunction(_function, new ToolGuard(new ToolGuardOptions { AgentName = "bench", MaxCalls = int.MaxValue, MaxCost = int.MaxValue, MaxIdenticalCalls = 0 }));
        using var json = JsonDocument.Parse("""{"orderId":42,"region":"EU"}""");
        _arguments = new AIFunctionArguments
        {
            ["orderId"] = json.RootElement.GetProperty("orderId").Clone(),
            ["region"] = json.RootElement.GetProperty("region").Clone(),
        };
    }

    [Benchmark(Baseline = true, Description = "model call, no middleware")]
    public Task<ChatResponse> Model() => _model.GetResponseAsync(_messages);

    [Benchmark(Description = "model call through AgentRulesModelCallClient")]
    public Task<ChatResponse> Guarded()
    {
        // The request differs on every call (the last message's text), as it does in a real loop.
        Vary();
        return _guarded.GetResponseAsync(_messages);
    }

    [Benchmark(Description = "model call, whole-history hash (a sequence, not a list)")]
    public Task<ChatResponse> GuardedWholeHistory()
    {
        Vary();
        return _guarded.GetResponseAsync(_sequence.Start());
    }

    [Benchmark(Description = "model call, duplicate detection off")]
    public Task<ChatResponse> GuardedNoDuplicates()
    {
        Vary();
        return _guardedNoDuplicates.GetResponseAsync(_messages);
    }

    [Benchmark(Description = "model call, 20-message history, no middleware")]
    public Task<ChatResponse> LoopModel() => _model.GetResponseAsync(_loopHistory);

    [Benchmark(Description = "model call, 20-message history, AgentRulesModelCallClient")]
    public Task<ChatResponse> LoopGuarded()
    {
        VaryLoop();
        return _guarded.GetResponseAsync(_loopHistory);
    }

    [Benchmark(Description = "model call, 20-message history, whole-history hash (a sequence, not a list)")]
    public Task<ChatResponse> LoopGuardedWholeHistory()
    {
        VaryLoop();
        return _guarded.GetResponseAsync(_loopSequence.Start());
    }

    [Benchmark(Description = "model call, 20-message history, duplicate detection off")]
    public Task<ChatResponse> LoopGuardedNoDuplicates()
    {
        VaryLoop();
        return _guardedNoDuplicates.GetResponseAsync(_loopHistory);
    }

    [Benchmark(Description = "model call, 50-message history, no middleware")]
    public Task<ChatResponse> LongModel() => _model.GetResponseAsync(_longHistory);

    [Benchmark(Description = "model call, 50-message history, AgentRulesModelCallClient")]
    public Task<ChatResponse> LongGuarded()
    {
        VaryLong();
        return _guarded.GetResponseAsync(_longHistory);
    }

    [Benchmark(Description = "model call, 50-message history, whole-history hash (a sequence, not a list)")]
    public Task<ChatResponse> LongGuardedWholeHistory()
    {
        VaryLong();
        return _guarded.GetResponseAsync(_longSequence.Start());
    }

    [Benchmark(Description = "model call, 50-message history, duplicate detection off")]
    public Task<ChatResponse> LongGuardedNoDuplicates()
    {
        VaryLong();
        return _guardedNoDuplicates.GetResponseAsync(_longHistory);
    }

    [Benchmark(Description = "AIFunctionFactory tool call")]
    public ValueTask<object?> Tool() => _function.InvokeAsync(_arguments);

    [Benchmark(Description = "the same tool through GuardedAIFunction")]
    public ValueTask<object?> GuardedTool() => _guardedFunction.InvokeAsync(_arguments);

    private void Vary()
    {
        if ((++_calls & ((1 << 20) - 1)) == 0)
        {
            _budget = NewBudget(duplicates: true);
            _noDuplicatesBudget = NewBudget(duplicates: false);
            _guarded = new AgentRulesModelCallClient(_model, new AgentRulesChatClientOptions { AgentName = "bench", RunBudget = _budget });
            _guardedNoDuplicates = new AgentRulesModelCallClient(_model, new AgentRulesChatClientOptions { AgentName = "bench", RunBudget = _noDuplicatesBudget });
        }

        _messages[1] = s_questions[_calls & 1023];
    }

    private void VaryLoop()
    {
        Vary();
        _loopHistory[^1] = s_results[_calls & 1023];
    }

    private void VaryLong()
    {
        Vary();
        _longHistory[^1] = s_results[_calls & 1023];
    }

    private static List<ChatMessage> CreateLoopHistory(int toolCalls)
    {
        var history = new List<ChatMessage>
        {
            new(ChatRole.System, "You are the support agent of an online shop. Answer briefly, and look orders up before you answer."),
            new(ChatRole.User, "Where are my parcels? Orders 4711 to 4719."),
        };
        for (var i = 0; i < toolCalls; i++)
        {
            var callId = "call_" + i;
            history.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, "lookup_order", new Dictionary<string, object?> { ["orderId"] = 4711 + i, ["region"] = "EU" })]));
            history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, $"Order {4711 + i}: in transit, expected Thursday.")]));
        }

        return history;
    }

    // The last tool result, varied per call (its call id is the 20-message history's last; the hash does not pair ids).
    private static readonly ChatMessage[] s_results = Enumerable.Range(0, 1024).Select(i => new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_8", $"Order {4719 + i}: in transit, expected Thursday.")])).ToArray();

    private static readonly ChatMessage[] s_questions = Enumerable.Range(0, 1024).Select(i => new ChatMessage(ChatRole.User, $"Where is my parcel? Order {4711 + i}.")).ToArray();

    private static RunBudget NewBudget(bool duplicates) => new(new RunBudgetOptions
    {
        AgentName = "bench",
        MaxModelCalls = int.MaxValue,
        MaxTotalTokens = long.MaxValue / 2,
        MaxIdenticalRequests = duplicates ? 3 : 0,
    });

    // The same messages as a sequence that is not a list (one reused enumerator: no allocation), which the client
    // hashes in full on every call: what every call cost before the hash became incremental.
    private sealed class Sequence(List<ChatMessage> messages) : IEnumerable<ChatMessage>, IEnumerator<ChatMessage>
    {
        private int _index = -1;

        public ChatMessage Current => messages[_index];

        object System.Collections.IEnumerator.Current => Current;

        public Sequence Start()
        {
            _index = -1;
            return this;
        }

        public IEnumerator<ChatMessage> GetEnumerator() => Start();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public bool MoveNext() => ++_index < messages.Count;

        public void Reset() => _index = -1;

        public void Dispose()
        {
        }
    }

    private sealed class CachedModel : IChatClient
    {
        private readonly Task<ChatResponse> _response = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "In transit."))
        {
            ModelId = "bench-model",
            Usage = new UsageDetails { InputTokenCount = 40, OutputTokenCount = 3, TotalTokenCount = 43 },
        });

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => _response;

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
