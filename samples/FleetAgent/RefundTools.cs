using System.ComponentModel;
using AgentRules;

namespace FleetAgent;

/// <summary>The tools every worker process calls through the generated guard.</summary>
public sealed partial class RefundTools
{
    private int _refunds;

    [AgentTool("refund_order"), DestructiveTool, EnvironmentScope("Development", "Staging"), RequiresApproval]
    [Description("Refunds an order in full.")]
    public string RefundOrder([Description("The order id.")] int orderId) => $"refunded order {orderId} (#{Interlocked.Increment(ref _refunds)} in this process)";
}
