using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace AgentRules.Tests;

/// <summary>The result of one <c>dotnet</c> command.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Command)
{
    public override string ToString() => $"> {Command}{Environment.NewLine}(exit code {ExitCode}){Environment.NewLine}{Output}";
}

/// <summary>
/// Runs the <c>dotnet</c> CLI as a user would, from a clean environment: MSBuild variables the test host inherits
/// from its own build are removed, and no build server or node outlives the command.
/// </summary>
public static class DotNetCli
{
    public static string Executable { get; } = FindDotNet();

    public static CommandResult Run(string workingDirectory, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new List<string>(start.Environment.Keys))
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.Equals("MSBuildExtensionsPath", StringComparison.OrdinalIgnoreCase)
                || name.Equals("MSBuildSDKsPath", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var limit = timeout ?? TimeSpan.FromMinutes(10);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'dotnet {string.Join(' ', start.ArgumentList)}' did not finish within {limit}.{Environment.NewLine}{output}");
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.ToString(), "dotnet " + string.Join(' ', start.ArgumentList));
    }

    private static string FindDotNet()
    {
        // The CLI tells child processes where it lives; otherwise use the one on PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        return OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
    }
}
