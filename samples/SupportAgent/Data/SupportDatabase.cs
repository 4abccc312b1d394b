using System.Collections.Concurrent;

namespace SupportAgent.Data;

public sealed record Customer(int Id, string Name, string Email);

public sealed record Order(int Id, int CustomerId, decimal Amount, string Status);

/// <summary>An in-memory stand-in for the support system's database.</summary>
public sealed class SupportDatabase
{
    private readonly ConcurrentDictionary<int, Customer> _customers = new();
    private readonly ConcurrentDictionary<int, Order> _orders = new();

    public SupportDatabase()
    {
        _customers[1] = new Customer(1, "Ada Lovelace", "ada@example.com");
        _customers[2] = new Customer(2, "Alan Turing", "alan@example.com");
        _orders[100] = new Order(100, 1, 129.00m, "Delivered");
        _orders[101] = new Order(101, 2, 45.50m, "Shipped");
    }

    public Customer? FindCustomer(int id) => _customers.GetValueOrDefault(id);

    public IReadOnlyList<Order> OrdersOf(int customerId) => _orders.Values.Where(o => o.CustomerId == customerId).OrderBy(o => o.Id).ToList();

    public Order? FindOrder(int id) => _orders.GetValueOrDefault(id);

    public bool DeleteCustomer(int id) => _customers.TryRemove(id, out _);

    public Order? SetOrderStatus(int id, string status) =>
        _orders.TryGetValue(id, out var order) ? _orders[id] = order with { Status = status } : null;
}
