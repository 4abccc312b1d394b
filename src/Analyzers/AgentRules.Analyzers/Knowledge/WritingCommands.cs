using System;
using System.Collections.Immutable;

namespace AgentRules.Analyzers.Knowledge;

/// <summary>
/// Command lines that change files, repositories, packages or processes when a tool starts them with a fixed text
/// (<c>go mod tidy</c>, <c>git commit -am …</c>, <c>npm install …</c>, <c>rm -rf …</c>), as <c>CommandLineEffects</c>
/// (Recognition/Tools) reads them. Programs are matched by file name without extension, case-insensitively; a program
/// listed with no subcommand writes whatever its arguments. Commands that only read (<c>git status</c>, <c>go test</c>,
/// <c>dotnet build</c>) are absent on purpose: a tool running them stays unknown, as before. Edit here when tools in
/// the wild start a writing command this table misses.
/// </summary>
public static class WritingCommands
{
    /// <summary>Programs whose every run changes something (file system, processes, the machine).</summary>
    public static readonly ImmutableHashSet<string> WritingPrograms = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "rm", "rmdir", "del", "erase", "rd", "mv", "move", "cp", "copy", "xcopy", "robocopy", "mkdir", "md", "touch", "chmod",
        "chown", "ln", "kill", "pkill", "killall", "taskkill", "shutdown", "reboot");

    /// <summary>Subcommands that write, by program: the first words of the arguments (options before them are skipped).</summary>
    public static readonly ImmutableDictionary<string, ImmutableArray<string>> WritingSubcommands =
        ImmutableDictionary.CreateRange(
            StringComparer.OrdinalIgnoreCase,
            new[]
            {
                Entry("git", "add", "commit", "push", "pull", "merge", "rebase", "reset", "checkout", "switch", "clone", "init", "rm", "mv", "tag", "stash", "cherry-pick", "revert", "apply", "am", "restore", "clean", "gc", "prune", "submodule update", "remote add", "remote remove"),
                Entry("go", "get", "install", "mod tidy", "mod init", "mod edit", "mod vendor", "fmt", "generate", "work init", "work use", "clean"),
                Entry("dotnet", "add", "remove", "new", "nuget push", "nuget delete", "tool install", "tool uninstall", "tool update", "workload install", "ef database update", "ef database drop", "ef migrations add", "ef migrations remove", "format", "sln add", "sln remove"),
                Entry("npm", "install", "i", "ci", "uninstall", "remove", "rm", "update", "publish", "unpublish", "link", "init"),
                Entry("pnpm", "install", "i", "add", "remove", "rm", "update", "publish"),
                Entry("yarn", "install", "add", "remove", "upgrade", "publish"),
                Entry("pip", "install", "uninstall"),
                Entry("pip3", "install", "uninstall"),
                Entry("cargo", "add", "remove", "install", "uninstall", "publish", "new", "init", "update", "fmt"),
                Entry("docker", "rm", "rmi", "run", "stop", "kill", "restart", "push", "create", "volume rm", "network rm", "system prune", "compose up", "compose down"),
                Entry("kubectl", "apply", "create", "delete", "patch", "replace", "scale", "rollout restart", "set", "edit", "label", "annotate", "drain", "cordon"),
                Entry("az", "group delete", "group create", "vm delete", "vm create", "webapp deploy", "storage blob upload", "storage blob delete"),
                Entry("gh", "pr create", "pr merge", "pr close", "issue create", "issue close", "release create", "repo create", "repo delete"),
                Entry("terraform", "apply", "destroy", "import"),
                Entry("helm", "install", "uninstall", "upgrade", "rollback", "delete"),
                Entry("winget", "install", "uninstall", "upgrade"),
                Entry("choco", "install", "uninstall", "upgrade"),
                Entry("apt", "install", "remove", "purge", "upgrade"),
                Entry("apt-get", "install", "remove", "purge", "upgrade"),
                Entry("brew", "install", "uninstall", "upgrade"),
            });

    /// <summary>Shells whose <c>-c</c>/<c>/c</c>/<c>-Command</c> argument is itself a command line.</summary>
    public static readonly ImmutableHashSet<string> Shells = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "bash", "sh", "zsh", "cmd", "powershell", "pwsh");

    private static System.Collections.Generic.KeyValuePair<string, ImmutableArray<string>> Entry(string program, params string[] subcommands) =>
        new(program, ImmutableArray.Create(subcommands));
}
