using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace AgentRules.Tests.Generators.ToolWrappers.Runtime;

public enum TicketPriority
{
    Low,
    Normal,
    Urgent,
}

public sealed record ShippingAddress(string Street, [property: Description("The city name.")] string City, string? Zip = null);

public sealed record TicketLine(string Text, int Quantity = 1, IReadOnlyList<string>? Tags = null);

/// <summary>Tools whose generated wrappers the runtime tests call. Each records what it received.</summary>
public sealed partial class TestTools
{
    public int Calls { get; private set; }

    public object?[] LastArguments { get; private set; } = [];

    public CancellationToken LastToken { get; private set; }

    [AgentTool("get_customer"), ReadOnlyTool, Description("Looks up a customer by id.")]
    public string GetCustomer([Description("The customer id.")] int customerId, string? region = null)
    {
        Calls++;
        return region is null ? "customer " + customerId : "customer " + customerId + " in " + region;
    }

    [AgentTool("sum"), ReadOnlyTool]
    public static long Sum(int a, long b) => a + b;

    /// <summary>Counts things: a tool with every primitive type.</summary>
    /// <param name="flag">A boolean.</param>
    [AgentTool("primitives"), ReadOnlyTool]
    public string Primitives(bool flag, byte b, sbyte sb, short s, ushort us, int i, uint ui, long l, ulong ul, float f, double d, decimal m, Guid id, DateTime at, DateTimeOffset when, TicketPriority priority)
    {
        Calls++;
        LastArguments = [flag, b, sb, s, us, i, ui, l, ul, f, d, m, id, at, when, priority];
        return "ok";
    }

    [AgentTool("nullables"), ReadOnlyTool]
    public string Nullables(int? count, TicketPriority? priority, string? note, Guid? id = null)
    {
        Calls++;
        LastArguments = [count, priority, note, id];
        return "ok";
    }

    [AgentTool("collections"), ReadOnlyTool]
    public string Collections(int[] ids, List<string> names, IReadOnlyList<double> scores, IEnumerable<TicketPriority> priorities, IList<int?>? optional = null)
    {
        Calls++;
        LastArguments = [ids, names, scores, priorities, optional];
        return "ok";
    }

    [AgentTool("ship"), DestructiveTool, EnvironmentScope("Development"), RequiresApproval, Description("Ships an order.")]
    public string Ship(long orderId, ShippingAddress address, IReadOnlyList<TicketLine> lines, ShippingAddress? billing = null)
    {
        Calls++;
        LastArguments = [orderId, address, lines, billing];
        return "shipped " + orderId;
    }

    [AgentTool("wait"), ReadOnlyTool]
    public async Task<string> WaitAsync(int milliseconds, CancellationToken cancellationToken)
    {
        Calls++;
        LastToken = cancellationToken;
        await Task.Delay(milliseconds, cancellationToken).ConfigureAwait(false);
        return "waited " + milliseconds;
    }

    [AgentTool("close_ticket"), DestructiveTool, EnvironmentScope("Development", "Staging"), RequiresApproval, ToolBudget(MaxCalls = 2, Cost = 5)]
    [Description("Closes a support ticket.")]
    public void CloseTicket(int ticketId, TicketPriority priority = TicketPriority.Normal)
    {
        Calls++;
        LastArguments = [ticketId, priority];
    }

    [AgentTool("fail"), ReadOnlyTool]
    public string Fail(string message) => throw new InvalidOperationException(message);

    [AgentTool("ping"), ReadOnlyTool]
    public ValueTask PingAsync()
    {
        Calls++;
        return default;
    }
}

/// <summary>Tools whose guarded invokers must not allocate: primitive and string arguments, no allocation in the body.</summary>
public static partial class AllocationFreeTools
{
    [AgentTool("add"), ReadOnlyTool]
    public static long Add(int a, long b) => a + b;

    [AgentTool("code_length"), ReadOnlyTool]
    public static int CodeLength(string code, bool trim, double weight) => trim ? code.Trim().Length : code.Length;
}
