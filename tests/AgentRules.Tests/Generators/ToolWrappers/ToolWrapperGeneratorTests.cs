using System;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AgentRules.Tests.Generators.ToolWrappers;

public class ToolWrapperGeneratorTests(ITestOutputHelper output)
{
    internal const string SupportTools = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.Threading;
        using System.Threading.Tasks;
        using AgentRules;

        namespace Support.Agent;

        public enum Priority { Low, Normal, Urgent }

        public sealed record Address(string Street, [property: Description("The city name.")] string City, string? Zip = null);

        /// <summary>Customer and order tools for the support agent.</summary>
        public sealed partial class SupportTools
        {
            [AgentTool("get_customer"), AgentRules.ReadOnly, Description("Looks up a customer by id.")]
            public string GetCustomer([Description("The customer id.")] int customerId) => "Ada <ada@example.com>";

            /// <summary>Lists the orders of a customer.</summary>
            /// <param name="customerId">The customer id.</param>
            /// <param name="limit">How many orders to return.</param>
            [AgentTool("list_orders"), AgentRules.ReadOnly]
            public Task<IReadOnlyList<string>> ListOrdersAsync(int customerId, int limit = 10, CancellationToken cancellationToken = default) =>
                Task.FromResult<IReadOnlyList<string>>(new[] { "#100" });

            [AgentTool("refund_order"), Destructive, EnvironmentScope("Development", "Staging"), RequiresApproval, ToolBudget(MaxCalls = 3, Cost = 5)]
            [Description("Refunds an order in full.")]
            public void RefundOrder(long orderId, decimal amount, string? reason, Priority priority = Priority.Normal) { }

            [AgentTool, AgentRules.ReadOnly]
            public static bool IsOpen(DateTimeOffset at, Guid? tenant, double[] scores, List<Address> addresses, Address? primary) => true;
        }
        """;

    [Fact]
    public async Task Prints_generated_source()
    {
        var run = await new GeneratorTest<ToolWrapperGenerator> { Source = SupportTools }.RunAsync();
        foreach (var (name, text) in run.GeneratedSources)
        {
            output.WriteLine("// ---- " + name);
            output.WriteLine(text);
        }

        foreach (var d in run.Diagnostics)
        {
            output.WriteLine(d.ToString());
        }

        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run);
    }
}
