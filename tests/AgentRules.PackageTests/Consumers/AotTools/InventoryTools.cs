using System.ComponentModel;
using AgentRules;

namespace AotTools;

public enum StockLevel { Out, Low, Plenty }

public sealed record Shelf(string Aisle, int Row, IReadOnlyList<string>? Labels = null);

public sealed partial class InventoryTools
{
    // System.ComponentModel (for [Description]) next to AgentRules: [ReadOnlyTool] is not ambiguous (no CS0104).
    [AgentTool("count_stock"), ReadOnlyTool, Description("Counts the stock of a product.")]
    public int CountStock(string sku, Guid? warehouse, StockLevel? atLeast = null) => sku.Length;

    [AgentTool("restock"), DestructiveTool, EnvironmentScope("Development", "Staging"), RequiresApproval, ToolBudget(MaxCalls = 5, Cost = 3)]
    [Description("Orders more of a product.")]
    public Task<string> RestockAsync(string sku, int quantity, List<Shelf> shelves, decimal[] prices, DateTimeOffset by, CancellationToken cancellationToken) =>
        Task.FromResult($"Ordered {quantity} of {sku}.");
}
