using AgentRules;

namespace AgentLibrary;

public sealed partial class OrderTools
{
    [AgentTool("get_order"), ReadOnlyTool]
    public string GetOrder(int id) => $"Order {id}";
}
