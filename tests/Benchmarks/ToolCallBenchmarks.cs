using System.Runtime.CompilerServices;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace AgentRules.Benchmarks;

/// <summary>
/// The same tool called four ways: directly; through the generated guarded invoker (kill switch, environment,
/// budget and duplicate checks, tracing check); through the generated AIFunction; and through
/// AIFunctionFactory.Create (reflection), with the arguments a chat client passes (JSON elements).
/// </summary>
[MemoryDiagnoser]
public class ToolCallBenchmarks
{
    private readonly BenchTools _tools = new();
    private readonly string _region = "EU";
    private ToolGuard _guard = null!;
    private ToolGuard _noDuplicateGuard = null!;
    private ToolGuard _bareGuard = null!;
    private AIFunction _generated = null!;
    private AIFunction _reflection = null!;
    private AIFunctionArguments _arguments = null!;
    private int _orderId;

    [GlobalSetup]
    public void Setup()
    {
        AgentEnvironment.Set(AgentEnvironment.Production);

        // Full guard for the invoker: session budget, cost budget, duplicate detection over the last 10 calls. The
        // order id changes on every call, so no call is a duplicate and every one is admitted.
        _guard = new ToolGuard(new ToolGuardOptions { AgentName = "bench", MaxCalls = int.MaxValue, MaxCost = int.MaxValue });

        // The same invoker with parts of the guard switched off, to show what each costs: without duplicate
        // detection; and with no limit at all (kill switch, environment and the one atomic admission remain).
        _noDuplicateGuard = new ToolGuard(new ToolGuardOptions { AgentName = "bench", MaxCalls = int.MaxValue, MaxCost = int.MaxValue, MaxIdenticalCalls = 0 });
        _bareGuard = new ToolGuard(new ToolGuardOptions { AgentName = "bench", MaxIdenticalCalls = 0 });

        // AIFunctions get the same JSON arguments every time, as a replayed tool call would: duplicate detection off
        // there, everything else on.
        var functionGuard = new ToolGuard(new ToolGuardOptions { AgentName = "bench", MaxCalls = int.MaxValue, MaxCost = int.MaxValue, MaxIdenticalCalls = 0 });
        _generated = (AIFunction)BenchTools.CreateAIFunctions(_tools, functionGuard).Single();
        _reflection = AIFunctionFactory.Create(_tools.LookupOrder, "lookup_order", "Looks up an order's status code.");
        using var json = JsonDocument.Parse("""{"orderId":42,"region":"EU"}""");
        _arguments = new AIFunctionArguments
        {
            ["orderId"] = json.RootElement.GetProperty("orderId").Clone(),
            ["region"] = json.RootElement.GetProperty("region").Clone(),
        };
    }

    [Benchmark(Baseline = true, Description = "direct call")]
    public int Direct() => _tools.LookupOrder(NextOrderId(), _region);

    [Benchmark(Description = "generated guarded invoker")]
    public int Guarded() => _tools.LookupOrderGuarded(_guard, NextOrderId(), _region).Value;

    [Benchmark(Description = "guarded invoker, duplicate detection off")]
    public int GuardedNoDuplicates() => _tools.LookupOrderGuarded(_noDuplicateGuard, NextOrderId(), _region).Value;

    [Benchmark(Description = "guarded invoker, no limits")]
    public int GuardedBare() => _tools.LookupOrderGuarded(_bareGuard, NextOrderId(), _region).Value;

    // A new order id per call, and a new session every 2^26 calls: a run makes more calls than a session budget of
    // int.MaxValue allows. The direct call pays the same (a predictable branch), so the difference is the guard's.
    private int NextOrderId()
    {
        var id = ++_orderId;
        if ((id & ((1 << 26) - 1)) == 0)
        {
            NewSession();
        }

        return id;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void NewSession()
    {
        _guard.Reset();
        _noDuplicateGuard.Reset();
        _bareGuard.Reset();
    }

    [Benchmark(Description = "generated AIFunction.InvokeAsync")]
    public ValueTask<object?> GeneratedAIFunction() => _generated.InvokeAsync(_arguments);

    [Benchmark(Description = "AIFunctionFactory.Create(...).InvokeAsync")]
    public ValueTask<object?> ReflectionAIFunction() => _reflection.InvokeAsync(_arguments);
}
