using AgentRules;
using SupportAgent.Data;

namespace SupportAgent.Agent;

/// <summary>The scripted session `dotnet run` shows: a model that over-uses a paid tool, repeats itself, and finally asks for a tool it was never given.</summary>
public static class SupportSessionDemo
{
    public static async Task RunAsync(string environment, TextWriter output, CancellationToken cancellationToken)
    {
        static Dictionary<string, object?> Args(string name, object? value) => new() { [name] = value };

        var model = new ScriptedToolCallingChatClient(
            ScriptedTurn.Call(("get_customer", Args("customerId", 1)), ("list_orders", Args("customerId", 1))),
            ScriptedTurn.Call(("track_parcel", Args("orderId", 100)), ("track_parcel", Args("orderId", 101)), ("track_parcel", Args("orderId", 100)), ("track_parcel", Args("orderId", 101))),
            ScriptedTurn.Call(("get_customer", Args("customerId", 2)), ("get_customer", Args("customerId", 2)), ("get_customer", Args("customerId", 2)), ("get_customer", Args("customerId", 2))),
            ScriptedTurn.Call(("delete_customer", Args("customerId", 2)), ("get_customer", Args("customerId", 1))),
            ScriptedTurn.Answer("Your parcel is at the local depot."));

        AgentEnvironment.Set(environment);
        var agent = KillSwitch.ForAgent("support-agent");
        agent.Reset();
        var guard = new ToolGuard(new ToolGuardOptions { AgentName = "support-agent", MaxCalls = 20, MaxCost = 50 });
        var session = new GuardedSupportSession(model, new SupportDeskTools(new SupportDatabase()), guard, output);

        output.WriteLine("== Guarded support session ==");
        await session.RunAsync("Where is my parcel? It is order 100.", cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Session: {guard.CallCount} tool calls ran; refused: {guard.RefusalCount(ToolRefusalReason.KillSwitch)} by the kill switch, {guard.RefusalCount(ToolRefusalReason.Environment)} by environment, {guard.RefusalCount(ToolRefusalReason.Budget)} by budget, {guard.RefusalCount(ToolRefusalReason.Duplicate)} as duplicates.");
    }
}
