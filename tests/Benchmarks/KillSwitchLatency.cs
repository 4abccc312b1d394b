using System.Diagnostics;
using System.Globalization;

namespace AgentRules.Benchmarks;

/// <summary>
/// How long after <see cref="KillSwitch.Trip"/> starts another thread sees it: (a) <see cref="KillSwitch.IsTripped"/>
/// turns true, (b) its next guarded call comes back refused (refusal message included). An observer thread polls in a
/// loop; the main thread trips the agent's switch; the observer records when it first sees the trip. Reported as
/// percentiles over many trips: BenchmarkDotNet measures throughput, not this hand-off.
/// </summary>
public static class KillSwitchLatency
{
    public static void Run(int trips, TextWriter output)
    {
        output.WriteLine($"Kill switch trip -> seen on another thread, {trips} trips per row ({Environment.ProcessorCount} cores):");
        Measure("IsTripped turns true", trips, output, static (guard, _) => guard.KillSwitch.IsTripped);
        Measure("next guarded call refused", trips, output, static (guard, tool) => guard.Check(tool, 1).IsRefused);
    }

    private static void Measure(string what, int trips, TextWriter output, Func<ToolGuard, ToolDescriptor, bool> seesTrip)
    {
        var tool = BenchTools.AgentToolDescriptors.LookupOrder;
        var killSwitch = KillSwitch.ForAgent("latency");
        killSwitch.Reset();
        var guard = new ToolGuard(new ToolGuardOptions { AgentName = "latency", MaxIdenticalCalls = 0 });
        var samples = new double[trips];
        var observedAt = 0L;
        var armed = 0;
        var stop = 0;

        var observer = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                if (Volatile.Read(ref armed) == 1 && seesTrip(guard, tool))
                {
                    Volatile.Write(ref observedAt, Stopwatch.GetTimestamp());
                    Volatile.Write(ref armed, 0);
                }
            }
        }) { IsBackground = true };
        observer.Start();

        for (var i = 0; i < trips; i++)
        {
            killSwitch.Reset();
            Volatile.Write(ref observedAt, 0);
            Volatile.Write(ref armed, 1);
            Thread.SpinWait(500);
            var start = Stopwatch.GetTimestamp();
            killSwitch.Trip("latency benchmark");
            long seenAt;
            while ((seenAt = Volatile.Read(ref observedAt)) == 0)
            {
                Thread.SpinWait(1);
            }

            samples[i] = (seenAt - start) * 1_000_000_000.0 / Stopwatch.Frequency;
        }

        Volatile.Write(ref stop, 1);
        observer.Join();
        killSwitch.Reset();

        Array.Sort(samples);
        string P(double q) => samples[Math.Min(samples.Length - 1, (int)(q * samples.Length))].ToString("0", CultureInfo.InvariantCulture);
        output.WriteLine($"  {what,-28} p50 {P(0.50)} ns, p90 {P(0.90)} ns, p99 {P(0.99)} ns, max {samples[^1].ToString("0", CultureInfo.InvariantCulture)} ns");
    }
}
