using System.Diagnostics;
using System.Globalization;
using AgentRules;
using AgentRules.Redis;
using AgentRules.RedisFleetBench;
using StackExchange.Redis;

// dotnet run -c Release --project tests/RedisFleetBench            -> every measurement of docs/kill-switch.md
// dotnet run -c Release --project tests/RedisFleetBench -- 200     -> 200 trips instead of 100
// dotnet run -c Release --project tests/RedisFleetBench -- --run-budgets -> only RunBudgets sharing a run's budget
// (the tests run this program as `worker watch|budget ...`: one process of a fleet)
if (args.Length > 0 && args[0] == "worker")
{
    return await Worker.RunAsync(args);
}

if (RedisServer.UnavailableReason is { } why)
{
    Console.Error.WriteLine(why);
    return 1;
}

if (args.Contains("--run-budgets"))
{
    // Only the RunBudget scenarios (docs/kill-switch.md, "Run budgets across the fleet").
    using var only = RedisServer.Start();
    await ModelCallsAsync(only, maxCalls: 20_000, maxTotalTokens: 0, leaseSize: 16);
    await ModelCallsAsync(only, maxCalls: 2_000, maxTotalTokens: 0, leaseSize: 0);
    await ModelCallsAsync(only, maxCalls: 0, maxTotalTokens: 500_000, leaseSize: 16);
    return 0;
}

var trips = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
const int Processes = 8;
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, redis-server {RedisServer.Executable}");

using (var server = RedisServer.Start())
{
    await KillSwitchLatencyAsync(server, trips);
    await BudgetAsync(server, limit: 50_000, leaseSize: 16);
    await BudgetAsync(server, limit: 5_000, leaseSize: 0);
    await ModelCallsAsync(server, maxCalls: 20_000, maxTotalTokens: 0, leaseSize: 16);
    await ModelCallsAsync(server, maxCalls: 2_000, maxTotalTokens: 0, leaseSize: 0);
    await ModelCallsAsync(server, maxCalls: 0, maxTotalTokens: 500_000, leaseSize: 16);
}

await RestartAsync();
return 0;

static async Task KillSwitchLatencyAsync(RedisServer server, int trips)
{
    var prefix = "bench-" + Guid.NewGuid().ToString("N");
    using var redis = await Worker.ConnectAsync(server.Configuration);
    await using var operator_ = await RedisKillSwitch.StartAsync(redis, new RedisKillSwitchOptions { KeyPrefix = prefix, MirrorToLocal = false });
    using var fleet = Fleet.Start(Processes, "watch", server.Configuration, prefix);
    await fleet.ReadLinesAsync(TimeSpan.FromSeconds(60));

    var published = new List<double>();
    var polled = new List<double>();
    var refusedAll = true;
    for (var round = 0; round < trips + 10; round++)
    {
        var withPublish = round < trips; // the last ten: HSET without PUBLISH, a lost message the poll must catch
        var start = DateTime.UtcNow.Ticks;
        if (withPublish)
        {
            await operator_.TripAsync($"bench trip {round}");
        }
        else
        {
            await redis.GetDatabase().HashSetAsync(operator_.Key, RedisKillSwitch.GlobalField, $"bench trip {round}, not published");
        }

        foreach (var line in await fleet.ReadLinesAsync(TimeSpan.FromSeconds(10)))
        {
            var parts = line.Split(' ');
            (withPublish ? published : polled).Add((long.Parse(parts[1], CultureInfo.InvariantCulture) - start) / 10_000.0);
            refusedAll &= parts[2] == "True";
        }

        await operator_.ResetAsync();
        await fleet.ReadLinesAsync(TimeSpan.FromSeconds(10)); // "armed" again
    }

    Console.WriteLine();
    Console.WriteLine($"Kill switch: trip -> the next guarded call refused, in each of {Processes} processes ({trips} trips, {published.Count} observations)");
    Console.WriteLine($"  HSET + PUBLISH:       {Percentiles(published)}");
    Console.WriteLine($"  HSET only (poll 1 s): {Percentiles(polled)}   ({polled.Count} observations)");
    Console.WriteLine($"  every observation refused the guarded call: {refusedAll}");
}

static async Task BudgetAsync(RedisServer server, long limit, long leaseSize)
{
    var prefix = "bench-" + Guid.NewGuid().ToString("N");
    const int Threads = 8;
    using var fleet = Fleet.Start(Processes, "budget", server.Configuration, prefix, "tenant:bench", limit.ToString(CultureInfo.InvariantCulture), Threads.ToString(CultureInfo.InvariantCulture), leaseSize.ToString(CultureInfo.InvariantCulture));
    await fleet.ReadLinesAsync(TimeSpan.FromSeconds(60));
    var clock = Stopwatch.StartNew();
    fleet.WriteLine("go");
    var lines = await fleet.ReadLinesAsync(TimeSpan.FromSeconds(120));
    clock.Stop();
    long admitted = 0, roundTrips = 0;
    foreach (var line in lines)
    {
        var parts = line.Split(' ');
        admitted += long.Parse(parts[1], CultureInfo.InvariantCulture);
        roundTrips += long.Parse(parts[2], CultureInfo.InvariantCulture);
    }

    using var redis = await Worker.ConnectAsync(server.Configuration);
    var used = (long)await redis.GetDatabase().HashGetAsync(prefix + ":budget:tenant:bench", "used");
    Console.WriteLine();
    Console.WriteLine($"Budget, {(leaseSize == 0 ? "exact mode" : $"leases of up to {leaseSize}")}: {Processes} processes x {Threads} threads, limit {limit}");
    Console.WriteLine($"  admitted {admitted} (limit {limit}: {(admitted == limit ? "exact" : admitted > limit ? "OVER" : "under")}), Redis counts {used} used");
    Console.WriteLine($"  {roundTrips} round trips ({roundTrips / (double)admitted:0.###} per admitted call), {clock.Elapsed.TotalSeconds:0.00} s, {admitted / clock.Elapsed.TotalSeconds:0} admissions/s");
}

// RunBudgets in 8 processes x 8 threads sharing one run's model calls (or tokens) through Redis.
static async Task ModelCallsAsync(RedisServer server, int maxCalls, long maxTotalTokens, long leaseSize)
{
    var prefix = "bench-" + Guid.NewGuid().ToString("N");
    const int Threads = 8;
    using var fleet = Fleet.Start(Processes, "model", server.Configuration, prefix, "session:bench", maxCalls.ToString(CultureInfo.InvariantCulture), maxTotalTokens.ToString(CultureInfo.InvariantCulture), Threads.ToString(CultureInfo.InvariantCulture), leaseSize.ToString(CultureInfo.InvariantCulture));
    await fleet.ReadLinesAsync(TimeSpan.FromSeconds(60));
    var clock = Stopwatch.StartNew();
    fleet.WriteLine("go");
    var lines = await fleet.ReadLinesAsync(TimeSpan.FromSeconds(180));
    clock.Stop();
    long calls = 0, tokens = 0, roundTrips = 0;
    foreach (var line in lines)
    {
        var parts = line.Split(' ');
        calls += long.Parse(parts[1], CultureInfo.InvariantCulture);
        tokens += long.Parse(parts[2], CultureInfo.InvariantCulture);
        roundTrips += long.Parse(parts[3], CultureInfo.InvariantCulture);
    }

    Console.WriteLine();
    Console.WriteLine($"RunBudget model calls, {(leaseSize == 0 ? "exact mode" : $"leases of up to {leaseSize}")}: {Processes} processes x {Threads} threads, MaxModelCalls {maxCalls}, MaxTotalTokens {maxTotalTokens}, 50 tokens a response");
    Console.WriteLine($"  admitted {calls} model calls, {tokens} tokens (over the token limit by {Math.Max(0, maxTotalTokens > 0 ? tokens - maxTotalTokens : 0)}; bound {Processes * Threads} calls in flight x 49)");
    Console.WriteLine($"  {roundTrips} take round trips ({roundTrips / (double)calls:0.###} per admitted call; usage recorded after a response adds its own), {clock.Elapsed.TotalSeconds:0.00} s, {calls / clock.Elapsed.TotalSeconds:0} calls/s");
}

// Redis killed (SIGKILL) and restarted mid-run, with an append-only file: 8 clients x 4 threads take from one budget,
// exact mode and leased; the fleet switch is tripped before the kill.
static async Task RestartAsync()
{
    using var server = RedisServer.Start(persistent: true);
    var prefix = "bench-" + Guid.NewGuid().ToString("N");
    const long Limit = 20_000;
    var clients = new List<(ConnectionMultiplexer Redis, RedisSharedBudget Budget)>();
    for (var i = 0; i < Processes; i++)
    {
        var redis = await Worker.ConnectAsync(server.Configuration);
        clients.Add((redis, new RedisSharedBudget(redis, new RedisSharedBudgetOptions { KeyPrefix = prefix, DefaultLimit = Limit, LeaseSize = i % 2 == 0 ? 0 : 16 })));
    }

    await using (var trip = await RedisKillSwitch.StartAsync(clients[0].Redis, new RedisKillSwitchOptions { KeyPrefix = prefix, MirrorToLocal = false }))
    {
        await trip.TripAsync("tripped before the restart");
    }

    long admitted = 0, refusedDuringOutage = 0;
    var stop = false;
    var outage = false;
    var threads = new List<Thread>();
    foreach (var (_, budget) in clients)
    {
        for (var t = 0; t < 4; t++)
        {
            var thread = new Thread(() =>
            {
                while (!Volatile.Read(ref stop))
                {
                    if (budget.TryTake("tenant:restart", 1, ToolEffect.Destructive))
                    {
                        Interlocked.Increment(ref admitted);
                        Thread.Sleep(1); // an agent's pace: about 1,000 takes a second per thread at most
                    }
                    else if (Volatile.Read(ref outage))
                    {
                        Interlocked.Increment(ref refusedDuringOutage);
                        Thread.Sleep(1);
                    }
                    else
                    {
                        Thread.Sleep(1);
                    }
                }
            });
            thread.Start();
            threads.Add(thread);
        }
    }

    await Task.Delay(1000);
    var beforeKill = Interlocked.Read(ref admitted);
    Volatile.Write(ref outage, true);
    server.Kill();
    var down = Stopwatch.StartNew();
    await Task.Delay(1000);
    server.Restart();
    var restarted = down.Elapsed;
    var atRestart = Interlocked.Read(ref admitted);
    while (Interlocked.Read(ref admitted) == atRestart && down.Elapsed < TimeSpan.FromSeconds(20))
    {
        await Task.Delay(5);
    }

    var resumed = down.Elapsed - restarted;
    Volatile.Write(ref outage, false);
    while (Interlocked.Read(ref admitted) < Limit && down.Elapsed < TimeSpan.FromSeconds(60))
    {
        await Task.Delay(50);
    }

    await Task.Delay(500); // the budget is spent: every take is refused now
    Volatile.Write(ref stop, true);
    threads.ForEach(t => t.Join());
    foreach (var (_, budget) in clients)
    {
        budget.ReturnLeases();
    }

    using var fresh = await Worker.ConnectAsync(server.Configuration);
    await using var late = await RedisKillSwitch.StartAsync(fresh, new RedisKillSwitchOptions { KeyPrefix = prefix, MirrorToLocal = false });
    var used = (long)await fresh.GetDatabase().HashGetAsync(prefix + ":budget:tenant:restart", "used");
    Console.WriteLine();
    Console.WriteLine($"Redis killed (SIGKILL) and restarted (append-only file, fsync always): {Processes} clients x 4 threads, limit {Limit}, half exact, half leased");
    Console.WriteLine($"  admitted before the kill {beforeKill}; destructive takes refused while down {Interlocked.Read(ref refusedDuringOutage)}; admitted between the last count before the kill and the restart (in-flight calls, units leased before the kill) {atRestart - beforeKill}");
    Console.WriteLine($"  server back after {restarted.TotalMilliseconds:0} ms, first admission {resumed.TotalMilliseconds:0} ms later");
    Console.WriteLine($"  admitted in total {Interlocked.Read(ref admitted)} (limit {Limit}); Redis counts {used} used");
    Console.WriteLine($"  the trip survived the restart (a process started afterwards sees it): {late.IsTripped} ({late.Reason})");
    foreach (var (redis, _) in clients)
    {
        redis.Dispose();
    }
}

static string Percentiles(List<double> values)
{
    if (values.Count == 0)
    {
        return "no observations";
    }

    values.Sort();
    double At(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
    return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.50):0.00} ms, p90 {At(0.90):0.00} ms, p99 {At(0.99):0.00} ms, max {values[^1]:0.00} ms");
}
