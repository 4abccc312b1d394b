using System.Diagnostics;
using AgentRules;
using AgentRules.Redis;
using FleetAgent;

// dotnet run --project samples/FleetAgent                     two worker processes, until someone runs the printed command
// dotnet run --project samples/FleetAgent -- --demo           ... and the sample runs that command itself after 3 seconds
// dotnet run --project samples/FleetAgent -- --redis host:6379 --workers 4
// Without --redis it starts a redis-server of its own on a free loopback port (redis-server must be installed).
var redisAt = Array.IndexOf(args, "--redis");
var configuration = redisAt >= 0 && redisAt + 1 < args.Length ? args[redisAt + 1] : null;

if (args.Length > 1 && args[0] == "--worker")
{
    return await WorkerAsync(args[1], args.Length > 2 ? args[2] : "1");
}

var workersAt = Array.IndexOf(args, "--workers");
var count = workersAt >= 0 && workersAt + 1 < args.Length ? int.Parse(args[workersAt + 1], System.Globalization.CultureInfo.InvariantCulture) : 2;
using var ownServer = configuration is null ? LocalRedis.Start() : null;
configuration ??= ownServer!.Configuration;
var port = configuration.Split(':') is [_, var p, ..] ? p.Split(',')[0] : "6379";

// A fleet starts from a clean switch (an earlier run of this sample may have left it tripped).
using (var redis = await RedisFleet.ConnectAsync(configuration))
{
    await redis.GetDatabase().HashDeleteAsync("agentrules:killswitch", RedisKillSwitch.GlobalField);
}

var workers = new List<Process>();
for (var i = 1; i <= count; i++)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!, [.. Self(), "--worker", configuration, i.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false };
    workers.Add(Process.Start(start)!);
}

var command = $"redis-cli -p {port} HSET agentrules:killswitch global \"stop the fleet\" && redis-cli -p {port} PUBLISH agentrules:killswitch global";
Console.WriteLine($"{count} agent processes are calling refund_order. Stop all of them with one command:");
Console.WriteLine();
Console.WriteLine($"  {command}");
Console.WriteLine();

var stopwatch = new Stopwatch();
if (args.Contains("--demo"))
{
    await Task.Delay(3000);
    Console.WriteLine($"demo> {command}");
    stopwatch.Start();
    using var shell = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false, RedirectStandardOutput = true })!;
    await shell.WaitForExitAsync();
}

foreach (var worker in workers)
{
    await worker.WaitForExitAsync();
}

Console.WriteLine(stopwatch.IsRunning
    ? $"all {count} processes stopped {stopwatch.ElapsedMilliseconds} ms after the command ran (process exit included)"
    : $"all {count} processes stopped");
return 0;

// One agent process: mirrors the fleet switch into its KillSwitch.Global and calls a guarded tool until refused.
static async Task<int> WorkerAsync(string configuration, string name)
{
    using var redis = await RedisFleet.ConnectAsync(configuration);
    await using var fleet = await RedisKillSwitch.StartAsync(redis);
    using var budget = new RedisSharedBudget(redis, new RedisSharedBudgetOptions { DefaultLimit = 10_000 });
    var guard = new ToolGuard(new ToolGuardOptions
    {
        AgentName = "refund-agent",
        Environment = AgentEnvironment.Development,
        SharedBudget = budget,                   // refunds of the whole fleet count against one budget
        SharedBudgetScope = "tenant:demo",
    });
    var tools = new RefundTools();
    for (var orderId = 1; ; orderId++)
    {
        var result = tools.RefundOrderGuarded(guard, orderId);
        if (result.IsRefused)
        {
            Console.WriteLine($"worker {name}: {result.Refusal.Message}");
            return 0;
        }

        if (orderId % 10 == 1)
        {
            Console.WriteLine($"worker {name}: {result.Value}");
        }

        await Task.Delay(100);
    }
}

// How this program was started (dotnet FleetAgent.dll, or the apphost), to start workers the same way.
static string[] Self() =>
    Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? [typeof(RefundTools).Assembly.Location] : [];
