using System.ComponentModel;

namespace AgentRules.Benchmarks;

/// <summary>The tool every benchmark calls: synchronous, primitive and string arguments, no allocation in its body.</summary>
public sealed partial class BenchTools
{
    [AgentTool("lookup_order"), AgentRules.ReadOnlyTool, Description("Looks up an order's status code.")]
    public int LookupOrder([Description("The order id.")] int orderId, [Description("The sales region.")] string region) => orderId + region.Length;
}
