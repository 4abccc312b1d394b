using System;
using System.Collections.Immutable;

namespace AgentRules.Analyzers.Knowledge;

/// <summary>
/// The words that say what a tool does, as <c>ToolVerbs</c> (Recognition/Tools) reads them in tool names and
/// descriptions: verbs that change the world (delete, send, pay...), verbs that only read (get, list, search...), and
/// the nouns and phrases that qualify them. Edit here when tools in the wild use a word these lists miss.
/// </summary>
public static class ToolWords
{
    /// <summary>Verbs that change state outside the process, in their base form.</summary>
    public static readonly ImmutableArray<string> DefaultDestructiveVerbs = ImmutableArray.Create(
        // delete and overwrite
        "delete", "del", "remove", "rm", "drop", "purge", "truncate", "destroy", "wipe", "erase", "overwrite", "clear", "reset", "unlink",
        "flush", "cleanup", "clean", "recover", "swap", "upgrade", "downgrade", "regenerate", "reinstall",
        // write and create
        "update", "set", "write", "save", "store", "persist", "create", "add", "insert", "upsert", "upload", "put", "patch", "edit",
        "modify", "change", "replace", "append", "rename", "move", "copy", "merge", "import", "sync", "synchronize", "synchronise", "increment", "decrement", "mark",
        "toggle", "turn", "enable", "disable", "lock", "unlock", "archive", "unarchive", "restore", "undo", "rollback", "revert", "migrate",
        "seed", "log", "record", "register", "unregister", "assign", "unassign", "attach", "detach", "remember", "memorize", "forget",
        // send and publish
        "send", "email", "mail", "sms", "notify", "post", "publish", "tweet", "reply", "comment", "forward", "share",
        "unshare", "invite", "broadcast", "message", "submit",
        // deploy and operate
        "deploy", "provision", "scale", "start", "stop", "restart", "reboot", "shutdown", "kill", "terminate", "abort",
        "execute", "exec", "run", "trigger", "launch", "install", "uninstall", "commit", "push", "apply", "configure",
        // pay and transact
        "pay", "charge", "refund", "transfer", "withdraw", "deposit", "buy", "purchase", "sell", "checkout", "book", "reserve",
        "cancel", "complete", "order", "subscribe", "unsubscribe", "enroll", "approve", "reject", "confirm", "accept", "decline", "close",
        "reopen", "schedule", "block", "unblock", "ban", "grant", "revoke", "sign");

    /// <summary>Verbs that only read, in their base form.</summary>
    public static readonly ImmutableArray<string> DefaultReadOnlyVerbs = ImmutableArray.Create(
        "get", "list", "read", "search", "find", "query", "describe", "count", "check", "show", "fetch", "lookup", "look",
        "retrieve", "view", "browse", "inspect", "explain", "summarize", "summarise", "analyze", "analyse", "calculate",
        "compute", "convert", "validate", "verify", "estimate", "compare", "preview", "peek", "diagnose", "test", "ping", "echo",
        "parse", "extract", "classify", "detect", "identify", "recognize", "transcribe", "translate", "locate", "filter", "sort",
        "explore", "scan", "review", "select", "monitor", "measure", "evaluate", "recommend", "suggest", "predict", "display",
        "load", "ask", "answer", "is", "has", "can", "whoami", "resolve", "format", "render", "print",
        "watch", "audit", "lint", "download", "export", "generate", "plan", "think", "reason", "recall", "sample");

    /// <summary>
    /// Destructive verbs that are also common nouns ("post", "email", "log"). They count only as the first word
    /// ("email_customer", not "customer_email"), and a reading word after them wins ("email_search").
    /// </summary>
    internal static readonly ImmutableHashSet<string> NounLikeVerbs = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "post", "email", "mail", "sms", "message", "comment", "log", "record", "book", "order", "reply", "share", "schedule",
        "transfer", "set", "sign", "block", "lock", "mark", "copy", "change", "store", "charge", "import", "merge", "patch",
        "push", "trigger", "reset", "clear", "seed", "move", "close", "register", "turn");

    /// <summary>Verbs that also make things nobody else sees ("create_chart", "write_poem", "add_numbers").</summary>
    internal static readonly ImmutableHashSet<string> MakingVerbs = ImmutableHashSet.Create(StringComparer.Ordinal, "create", "add", "write", "draft", "compose", "edit");

    /// <summary>What making verbs make when nothing outside the process changes: a reply, not a record.</summary>
    internal static readonly ImmutableHashSet<string> EphemeralNouns = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "chart", "charts", "diagram", "diagrams", "graph", "plot", "image", "images", "picture", "visualization", "summary",
        "plan", "embedding", "embeddings", "prompt", "query", "queries", "sql", "regex", "story", "poem", "joke", "response",
        "answer", "outline", "suggestion", "suggestions", "recommendation", "recommendations", "numbers", "number",
        "sum", "explanation", "translation", "password", "uuid", "guid", "hash", "description", "title", "caption", "haiku",
        "essay", "code", "example", "examples", "preview", "mermaid", "markdown");

    /// <summary>
    /// Reading verbs whose point, when the body writes a local file, is that file ("export_script" to a path,
    /// "download_file" to disk): the write is the tool's effect, not a cache it refreshes.
    /// </summary>
    internal static readonly ImmutableHashSet<string> FileProducingVerbs = ImmutableHashSet.Create(StringComparer.Ordinal, "export", "download");

    /// <summary>Verbs that run something: the words after them decide ("run_query" reads, "run_command" may do anything).</summary>
    internal static readonly ImmutableHashSet<string> GenericVerbs = ImmutableHashSet.Create(StringComparer.Ordinal, "execute", "exec", "run", "invoke", "call", "perform", "process", "handle", "do");

    /// <summary>Nouns that name something read ("git_status", "order_info") when no verb says otherwise.</summary>
    internal static readonly ImmutableHashSet<string> ReadNouns = ImmutableHashSet.Create(
        StringComparer.Ordinal, "status", "info", "information", "details", "stats", "statistics", "summary", "overview", "health", "history", "schema", "metadata");

    /// <summary>Verbs that read when a description starts with them ("Returns the...") but not in names ("process_return").</summary>
    internal static readonly ImmutableHashSet<string> DescriptionReadVerbs = ImmutableHashSet.Create(StringComparer.Ordinal, "return", "provide", "tell");

    /// <summary>Verbs in descriptions that say nothing about effects ("Accepts a list of...").</summary>
    internal static readonly ImmutableHashSet<string> DescriptionNeutralVerbs = ImmutableHashSet.Create(StringComparer.Ordinal, "accept", "take", "expect", "require", "use", "wrap", "represent", "demonstrate", "block", "wait", "complete", "finish");

    /// <summary>First verbs that are neither reading nor writing: string and flow utilities ("TrimStart", "wait_for_task").</summary>
    internal static readonly ImmutableHashSet<string> NeutralVerbs = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "trim", "say", "greet", "wait", "sleep", "delay", "reverse", "encode", "decode", "split", "join", "concat", "uppercase",
        "lowercase", "capitalize", "pad", "repeat", "substring", "hash", "roll", "flip", "guess", "pick", "choose", "shuffle",
        "navigate", "click", "type", "scroll", "hover", "press", "open", "chat", "respond", "retry", "switch", "go", "use",
        "prepare", "drag",
        "simulate", "demo", "hello", "tokenize", "chunk", "embed", "serialize", "deserialize", "escape", "unescape");

    /// <summary>Verbs that manage the tool's own session when they stand alone ("launch", "stop").</summary>
    internal static readonly ImmutableHashSet<string> LifecycleVerbs = ImmutableHashSet.Create(
        StringComparer.Ordinal, "start", "stop", "launch", "close", "set", "clear", "reset", "restart", "attach", "detach", "toggle", "enable", "disable", "send", "cancel");

    /// <summary>What writing verbs manage when only the tool's own session changes ("launch_browser", "set_breakpoint", "clear_cache").</summary>
    internal static readonly ImmutableHashSet<string> SessionNouns = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "browser", "browsers", "session", "sessions", "connection", "connections", "timer", "timers", "tracking", "trace", "tracing",
        "watch", "watching", "watcher", "breakpoint", "breakpoints", "viewport", "tab", "tabs", "cursor", "selection", "debugger",
        "debug", "debugging", "profiler", "profiling", "coverage", "context", "mode", "default", "active", "current", "cache",
        "keyboard", "keystroke", "keystrokes", "focus", "zoom", "theme", "verbosity", "level", "listener", "listening",
        "monitoring", "stream", "streaming", "conversation", "chat", "typing", "indicator", "spinner", "progress", "query",
        "queries");

    /// <summary>What "run_", "execute_", "exec_" can run that may change anything.</summary>
    internal static readonly ImmutableHashSet<string> ArbitraryRunnables = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "command", "commands", "cmd", "script", "scripts", "code", "shell", "sql", "statement", "statements", "powershell", "bash",
        "terminal", "program", "process", "migration", "migrations", "job", "pipeline", "workflow", "playbook", "macro", "skill",
        "cli", "python", "csharp", "javascript", "js", "batch", "raw", "arbitrary", "custom", "action", "actions", "operation",
        "task", "tasks", "build", "container", "instance");

    /// <summary>Verbs that also name pure computations ("AppendDay", "Increment", "Replace"): a body that only computes wins over them.</summary>
    internal static readonly ImmutableHashSet<string> ComputingVerbs = ImmutableHashSet.Create(
        StringComparer.Ordinal, "append", "add", "change", "increment", "decrement", "merge", "replace", "sum");

    /// <summary>Verbs that mean arithmetic when every parameter is a number ("add(a, b)").</summary>
    internal static readonly ImmutableHashSet<string> ArithmeticVerbs = ImmutableHashSet.Create(StringComparer.Ordinal, "add", "sum", "subtract", "multiply", "divide", "increment", "decrement");

    internal static readonly string[] DestructivePhrases =
    {
        "cannot be undone", "can't be undone", "can not be undone", "irreversibl", "permanently delet", "permanently remov",
        "permanently eras", "permanently destroy",
    };

    internal static readonly string[] ReadOnlyPhrases =
    {
        "read-only", "read only", "readonly", "non-destructive", "nondestructive", "does not modify", "doesn't modify",
        "without modifying", "does not change", "doesn't change", "no side effect", "never modif", "does not write",
        "doesn't write", "without side effect",
    };

    internal static readonly string[] DescriptionPrefixes =
    {
        "use this tool to ", "use this function to ", "use this to ", "use to ", "call this tool to ", "call this to ",
        "this tool will ", "this tool can ", "this tool ", "this function will ", "this function ", "tool to ", "tool that ",
        "a tool to ", "a tool that ", "function to ", "function that ", "used to ", "allows you to ", "allows the user to ",
        "allows the agent to ", "allows the assistant to ", "allows the model to ", "lets you ", "lets the agent ", "helps you ",
        "helps ", "will ", "can ", "it ", "please ",
    };
}
