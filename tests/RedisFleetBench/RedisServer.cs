using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace AgentRules.RedisFleetBench;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, for the tests and the measurements: in memory only, or with an
/// append-only file in a temporary folder (fsync on every write) so that its data survives <see cref="Kill"/> and
/// <see cref="Restart"/>. Killed when disposed and when the process exits.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private static readonly List<RedisServer> s_running = [];
    private readonly string? _directory;
    private Process? _process;

    static RedisServer() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        lock (s_running)
        {
            foreach (var server in s_running.ToArray())
            {
                server.Kill();
            }
        }
    };

    private RedisServer(int port, string? directory)
    {
        Port = port;
        _directory = directory;
    }

    /// <summary>The redis-server on PATH, or null.</summary>
    public static string? Executable { get; } = Find("redis-server");

    /// <summary>Why Redis tests cannot run here, or null when they can.</summary>
    public static string? UnavailableReason => Executable is null
        ? "redis-server is not installed (apt-get install -y redis-server; .ci/run installs it), so the Redis tests are skipped."
        : null;

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for it.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>
    /// Starts a server (on <paramref name="port"/>, else a free one); <paramref name="persistent"/> keeps its data
    /// across <see cref="Kill"/> and <see cref="Restart"/>.
    /// </summary>
    public static RedisServer Start(bool persistent = false, int? port = null)
    {
        var directory = persistent ? Directory.CreateTempSubdirectory("agentrules-redis-").FullName : null;
        var server = new RedisServer(port ?? FreePort(), directory);
        server.Launch();
        return server;
    }

    /// <summary>Kills the server at once (SIGKILL): no shutdown save, connections dropped.</summary>
    public void Kill()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        try
        {
            process.Kill();
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
        lock (s_running)
        {
            s_running.Remove(this);
        }
    }

    /// <summary>Starts the server again on the same port (and, when persistent, with the same data).</summary>
    public void Restart()
    {
        Kill();
        Launch();
    }

    /// <summary>Kills the server and deletes its data.</summary>
    public void Dispose()
    {
        Kill();
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void Launch()
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException(UnavailableReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--protected-mode", "no", "--daemonize", "no", "--save", "" })
        {
            start.ArgumentList.Add(argument);
        }

        if (_directory is null)
        {
            start.ArgumentList.Add("--appendonly");
            start.ArgumentList.Add("no");
        }
        else
        {
            foreach (var argument in new[] { "--dir", _directory, "--appendonly", "yes", "--appendfsync", "always" })
            {
                start.ArgumentList.Add(argument);
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        lock (s_running)
        {
            s_running.Add(this);
        }

        var deadline = Stopwatch.StartNew();
        while (!Ping())
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                Kill();
                lock (output)
                {
                    throw new InvalidOperationException($"redis-server on port {Port} did not answer PING:{Environment.NewLine}{output}");
                }
            }

            Thread.Sleep(20);
        }
    }

    private bool Ping()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[64];
            var read = stream.Read(buffer, 0, buffer.Length);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal); // -LOADING while the AOF loads
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A loopback port nothing listens on (at the time of the call).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Find(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, name);
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return File.Exists("/usr/bin/" + name) ? "/usr/bin/" + name : null;
    }
}
