using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace AgentRules.RedisFleetBench;

/// <summary>Worker processes of this program, started with <c>dotnet RedisFleetBench.dll worker ...</c>.</summary>
public sealed class Fleet : IDisposable
{
    private readonly List<Process> _processes = [];

    /// <summary>Starts <paramref name="count"/> workers with the same arguments.</summary>
    public static Fleet Start(int count, params string[] arguments)
    {
        var fleet = new Fleet();
        var program = typeof(Fleet).Assembly.Location;
        for (var i = 0; i < count; i++)
        {
            var start = new ProcessStartInfo(DotNet(), ["exec", program, "worker", .. arguments])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            fleet._processes.Add(Process.Start(start) ?? throw new InvalidOperationException("A worker did not start."));
        }

        return fleet;
    }

    /// <summary>The workers.</summary>
    public IReadOnlyList<Process> Processes => _processes;

    /// <summary>Reads each worker's next line (throws with its stderr when a worker ends or stays silent too long).</summary>
    public async Task<string[]> ReadLinesAsync(TimeSpan timeout)
    {
        var reads = new Task<string?>[_processes.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = _processes[i].StandardOutput.ReadLineAsync();
        }

        var all = Task.WhenAll(reads);
        if (await Task.WhenAny(all, Task.Delay(timeout)) != all)
        {
            throw new TimeoutException($"A worker said nothing for {timeout.TotalSeconds} s.");
        }

        var lines = await all;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] is null)
            {
                throw new InvalidOperationException($"Worker {i} ended: {await _processes[i].StandardError.ReadToEndAsync()}");
            }
        }

        return lines!;
    }

    /// <summary>Writes a line to every worker.</summary>
    public void WriteLine(string line)
    {
        foreach (var process in _processes)
        {
            process.StandardInput.WriteLine(line);
            process.StandardInput.Flush();
        }
    }

    /// <summary>Closes the workers' input (they exit) and kills any still running after a second.</summary>
    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
            }
        }

        foreach (var process in _processes)
        {
            if (!process.WaitForExit(2000))
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }
    }

    private static string DotNet()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
