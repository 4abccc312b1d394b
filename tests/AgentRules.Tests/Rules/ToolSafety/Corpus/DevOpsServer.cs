// Corpus: developer and operations MCP servers (git, Kubernetes-like clusters, CI, shell), with process calls and
// HTTP clients.
using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Server;

namespace Corpus.DevOps;

public static class Shell
{
    public static async Task<string> RunAsync(string fileName, string arguments, CancellationToken ct)
    {
        using var process = Process.Start(new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return output;
    }
}

[McpServerToolType]
public static class GitTools
{
    [McpServerTool(Name = "git_status"), Description("Shows the working tree status.")]
    // corpus: silent
    public static Task<string> GitStatus(string repoPath, CancellationToken ct) => Shell.RunAsync("git", $"-C {repoPath} status", ct);

    [McpServerTool(Name = "git_log"), Description("Shows the commit logs.")]
    // corpus: silent
    public static Task<string> GitLog(string repoPath, int maxCount, CancellationToken ct) => Shell.RunAsync("git", $"-C {repoPath} log -n {maxCount}", ct);

    [McpServerTool(Name = "git_diff"), Description("Shows changes between the working tree and the index.")]
    // corpus: silent
    public static Task<string> GitDiff(string repoPath, CancellationToken ct) => Shell.RunAsync("git", $"-C {repoPath} diff", ct);

    [McpServerTool(Name = "git_commit"), Description("Records changes to the repository.")]
    // corpus: report
    public static Task<string> GitCommit(string repoPath, string message, CancellationToken ct) => Shell.RunAsync("git", $"-C {repoPath} commit -m \"{message}\"", ct);

    [McpServerTool(Name = "git_add"), Description("Adds file contents to the staging area.")]
    // corpus: report
    public static Task<string> GitAdd(string repoPath, string[] files, CancellationToken ct) => Shell.RunAsync("git", $"-C {repoPath} add {string.Join(' ', files)}", ct);

    [McpServerTool(Name = "git_reset"), Description("Unstages all staged changes.")]
    // corpus: report
    public static Task<string> GitReset(string repoPath, CancellationToken ct) => Shell.RunAsync("git", $"-C {repoPath} reset", ct);

    [McpServerTool(Name = "git_create_branch"), Description("Creates a new branch from an optional base branch.")]
    // corpus: report
    public static Task<string> GitCreateBranch(string repoPath, string branchName, CancellationToken ct) => Shell.RunAsync("git", $"-C {repoPath} branch {branchName}", ct);

    [McpServerTool(Name = "git_show"), Description("Shows the contents of a commit.")]
    // corpus: silent
    public static Task<string> GitShow(string repoPath, string revision, CancellationToken ct) => Shell.RunAsync("git", $"-C {repoPath} show {revision}", ct);
}

[McpServerToolType]
public sealed class ClusterTools(HttpClient cluster)
{
    [McpServerTool(Name = "list_pods", ReadOnly = true), Description("Lists pods in a namespace.")]
    // corpus: silent
    public Task<string> ListPods(string ns) => cluster.GetStringAsync($"/api/v1/namespaces/{ns}/pods");

    [McpServerTool(Name = "delete_pod"), Description("Deletes a pod; its controller recreates it.")]
    // corpus: report
    public async Task<string> DeletePod(string ns, string name) => (await cluster.DeleteAsync($"/api/v1/namespaces/{ns}/pods/{name}")).StatusCode.ToString();

    [McpServerTool(Name = "scale_deployment"), Description("Scales a deployment to a number of replicas.")]
    // corpus: report
    public async Task<string> ScaleDeployment(string ns, string name, int replicas) =>
        (await cluster.PatchAsJsonAsync($"/apis/apps/v1/namespaces/{ns}/deployments/{name}/scale", new { spec = new { replicas } })).StatusCode.ToString();

    [McpServerTool(Name = "pod_logs"), Description("Gets the logs of a pod.")]
    // corpus: silent
    public Task<string> PodLogs(string ns, string name) => cluster.GetStringAsync($"/api/v1/namespaces/{ns}/pods/{name}/log");

    [McpServerTool(Name = "restart_service"), Description("Restarts a service by rolling its pods.")]
    // corpus: report
    public async Task<string> RestartService(string ns, string name) =>
        (await cluster.PostAsync($"/apis/apps/v1/namespaces/{ns}/deployments/{name}/restart", null)).StatusCode.ToString();
}

[McpServerToolType]
public sealed class PipelineTools(HttpClient ci)
{
    [McpServerTool(Name = "trigger_pipeline"), Description("Queues a new run of a CI pipeline.")]
    // corpus: report
    public async Task<string> TriggerPipeline(string pipelineId) => (await ci.PostAsJsonAsync($"/pipelines/{pipelineId}/runs", new { })).StatusCode.ToString();

    [McpServerTool(Name = "pipeline_runs"), Description("Lists the latest runs of a pipeline.")]
    // corpus: silent
    public Task<string> PipelineRuns(string pipelineId) => ci.GetStringAsync($"/pipelines/{pipelineId}/runs");

    [McpServerTool(Name = "run_command"), Description("Runs a shell command in the workspace and returns its output.")]
    // corpus: report
    public Task<string> RunCommand(string command, CancellationToken ct) => Shell.RunAsync("/bin/sh", $"-c \"{command}\"", ct);

    [McpServerTool(Name = "run_tests"), Description("Runs the unit tests of the solution.")]
    // corpus: silent
    public Task<string> RunTests(string filter, CancellationToken ct) => Shell.RunAsync("dotnet", $"test --filter {filter}", ct);
}
