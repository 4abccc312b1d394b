using AgentRules;

// The runtime flowed from the library: the app uses its types and the library's generated wrappers.
var guard = new ToolGuard(new ToolGuardOptions());
Console.WriteLine(new AgentLibrary.OrderTools().GetOrderGuarded(guard, 7).Value);
Console.WriteLine(string.Join(",", AppTools.AgentToolDescriptors.All.Select(d => d.Name)));

// The generator flowed too: the app's own [AgentTool] gets a descriptor.
public sealed partial class AppTools
{
    [AgentTool("ping"), ReadOnlyTool]
    public string Ping() => "pong";
}
