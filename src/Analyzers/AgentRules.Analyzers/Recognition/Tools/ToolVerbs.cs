using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>What a tool's name or description says about its effect.</summary>
/// <param name="Effect">Destructive, read-only, or unknown (no verb, or words that disagree).</param>
/// <param name="Word">The word that decided, as written ("Delete", "removes", "cannot be undone").</param>
/// <param name="IsFirstWord">The word starts the name (for the message "name starts with 'x'").</param>
/// <param name="Verb">The verb in its base form ("delete"); null for phrases.</param>
public readonly record struct VerbVerdict(ToolEffect Effect, string? Word, bool IsFirstWord, string? Verb)
{
    public static VerbVerdict None => default;

    public bool IsDecisive => Effect != ToolEffect.Unknown;
}

/// <summary>
/// The words that say what a tool does: verbs that change the world (delete, send, pay...) and verbs that only read
/// (get, list, search...). Users add or remove words with <c>agentrules.destructive_verbs</c> and
/// <c>agentrules.readonly_verbs</c> ("archive, -add" adds "archive" and removes the built-in "add").
/// </summary>
public sealed class ToolVerbs
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
    private static readonly ImmutableHashSet<string> NounLikeVerbs = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "post", "email", "mail", "sms", "message", "comment", "log", "record", "book", "order", "reply", "share", "schedule",
        "transfer", "set", "sign", "block", "lock", "mark", "copy", "change", "store", "charge", "import", "merge", "patch",
        "push", "trigger", "reset", "clear", "seed", "move", "close", "register", "turn");

    /// <summary>Verbs that also make things nobody else sees ("create_chart", "write_poem", "add_numbers").</summary>
    private static readonly ImmutableHashSet<string> MakingVerbs = ImmutableHashSet.Create(StringComparer.Ordinal, "create", "add", "write", "draft", "compose", "edit");

    /// <summary>What making verbs make when nothing outside the process changes: a reply, not a record.</summary>
    private static readonly ImmutableHashSet<string> EphemeralNouns = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "chart", "charts", "diagram", "diagrams", "graph", "plot", "image", "images", "picture", "visualization", "summary",
        "plan", "embedding", "embeddings", "prompt", "query", "queries", "sql", "regex", "story", "poem", "joke", "response",
        "answer", "outline", "suggestion", "suggestions", "recommendation", "recommendations", "numbers", "number",
        "sum", "explanation", "translation", "password", "uuid", "guid", "hash", "description", "title", "caption", "haiku",
        "essay", "code", "example", "examples", "preview", "mermaid", "markdown");

    /// <summary>Verbs that run something: the words after them decide ("run_query" reads, "run_command" may do anything).</summary>
    private static readonly ImmutableHashSet<string> GenericVerbs = ImmutableHashSet.Create(StringComparer.Ordinal, "execute", "exec", "run", "invoke", "call", "perform", "process", "handle", "do");

    /// <summary>Nouns that name something read ("git_status", "order_info") when no verb says otherwise.</summary>
    private static readonly ImmutableHashSet<string> ReadNouns = ImmutableHashSet.Create(
        StringComparer.Ordinal, "status", "info", "information", "details", "stats", "statistics", "summary", "overview", "health", "history", "schema", "metadata");

    /// <summary>Verbs that read when a description starts with them ("Returns the...") but not in names ("process_return").</summary>
    private static readonly ImmutableHashSet<string> DescriptionReadVerbs = ImmutableHashSet.Create(StringComparer.Ordinal, "return", "provide", "tell");

    /// <summary>True for description verbs that say what a tool returns, not what it does ("Returns ...").</summary>
    internal static bool DescribesOutput(string? verb) => verb is not null && DescriptionReadVerbs.Contains(verb);

    /// <summary>Verbs in descriptions that say nothing about effects ("Accepts a list of...").</summary>
    private static readonly ImmutableHashSet<string> DescriptionNeutralVerbs = ImmutableHashSet.Create(StringComparer.Ordinal, "accept", "take", "expect", "require", "use", "wrap", "represent", "demonstrate", "block", "wait", "complete", "finish");

    /// <summary>First verbs that are neither reading nor writing: string and flow utilities ("TrimStart", "wait_for_task").</summary>
    private static readonly ImmutableHashSet<string> NeutralVerbs = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "trim", "say", "greet", "wait", "sleep", "delay", "reverse", "encode", "decode", "split", "join", "concat", "uppercase",
        "lowercase", "capitalize", "pad", "repeat", "substring", "hash", "roll", "flip", "guess", "pick", "choose", "shuffle",
        "navigate", "click", "type", "scroll", "hover", "press", "open", "chat", "respond", "retry", "switch", "go", "use",
        "prepare", "drag",
        "simulate", "demo", "hello", "tokenize", "chunk", "embed", "serialize", "deserialize", "escape", "unescape");

    /// <summary>Verbs that manage the tool's own session when they stand alone ("launch", "stop").</summary>
    private static readonly ImmutableHashSet<string> LifecycleVerbs = ImmutableHashSet.Create(
        StringComparer.Ordinal, "start", "stop", "launch", "close", "set", "clear", "reset", "restart", "attach", "detach", "toggle", "enable", "disable", "send", "cancel");

    /// <summary>What writing verbs manage when only the tool's own session changes ("launch_browser", "set_breakpoint", "clear_cache").</summary>
    private static readonly ImmutableHashSet<string> SessionNouns = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "browser", "browsers", "session", "sessions", "connection", "connections", "timer", "timers", "tracking", "trace", "tracing",
        "watch", "watching", "watcher", "breakpoint", "breakpoints", "viewport", "tab", "tabs", "cursor", "selection", "debugger",
        "debug", "debugging", "profiler", "profiling", "coverage", "context", "mode", "default", "active", "current", "cache",
        "keyboard", "keystroke", "keystrokes", "focus", "zoom", "theme", "verbosity", "level", "listener", "listening",
        "monitoring", "stream", "streaming", "conversation", "chat", "typing", "indicator", "spinner", "progress", "query",
        "queries");

    /// <summary>What "run_", "execute_", "exec_" can run that may change anything.</summary>
    private static readonly ImmutableHashSet<string> ArbitraryRunnables = ImmutableHashSet.Create(
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

    private static readonly string[] DestructivePhrases =
    {
        "cannot be undone", "can't be undone", "can not be undone", "irreversibl", "permanently delet", "permanently remov",
        "permanently eras", "permanently destroy",
    };

    private static readonly string[] ReadOnlyPhrases =
    {
        "read-only", "read only", "readonly", "non-destructive", "nondestructive", "does not modify", "doesn't modify",
        "without modifying", "does not change", "doesn't change", "no side effect", "never modif", "does not write",
        "doesn't write", "without side effect",
    };

    private static readonly string[] DescriptionPrefixes =
    {
        "use this tool to ", "use this function to ", "use this to ", "use to ", "call this tool to ", "call this to ",
        "this tool will ", "this tool can ", "this tool ", "this function will ", "this function ", "tool to ", "tool that ",
        "a tool to ", "a tool that ", "function to ", "function that ", "used to ", "allows you to ", "allows the user to ",
        "allows the agent to ", "allows the assistant to ", "allows the model to ", "lets you ", "lets the agent ", "helps you ",
        "helps ", "will ", "can ", "it ", "please ",
    };

    private readonly HashSet<string> _destructive;
    private readonly HashSet<string> _readOnly;

    public ToolVerbs(ImmutableArray<string> destructiveVerbs, ImmutableArray<string> readOnlyVerbs)
    {
        _destructive = new HashSet<string>(StringComparer.Ordinal);
        _readOnly = new HashSet<string>(StringComparer.Ordinal);
        Apply(_destructive, DefaultDestructiveVerbs);
        Apply(_readOnly, DefaultReadOnlyVerbs);
        Apply(_destructive, destructiveVerbs, _readOnly);
        Apply(_readOnly, readOnlyVerbs, _destructive);
    }

    /// <summary>The built-in lists, unchanged.</summary>
    public static ToolVerbs Default { get; } = new(ImmutableArray<string>.Empty, ImmutableArray<string>.Empty);

    /// <summary>The effect a verb in its base form stands for; <see cref="ToolEffect.Unknown"/> when it is neither.</summary>
    public ToolEffect Classify(string verb) =>
        _destructive.Contains(verb) ? ToolEffect.Destructive : _readOnly.Contains(verb) ? ToolEffect.ReadOnly : ToolEffect.Unknown;

    /// <summary>
    /// What a tool or method name says: the first verb in it decides ("delete_customer", "CustomerDelete",
    /// "processRefund"), except that a noun-like verb ("post", "email") or a verb that runs something ("execute")
    /// followed by a reading word is undecided ("email_search", "execute_raw_select").
    /// </summary>
    public VerbVerdict ClassifyName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return VerbVerdict.None;
        }

        var words = SplitWords(name!);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var lower = word.ToLowerInvariant();
            if (GenericVerbs.Contains(lower))
            {
                // "run_query", "execute_select", "run_tests" read or test; "run_command", "execute_sql" may do anything;
                // "process_refund" is decided by the words after the generic verb.
                if (HasReadingWord(words, i + 1))
                {
                    return new VerbVerdict(ToolEffect.Unknown, word, i == 0, lower);
                }

                if (_destructive.Contains(lower) && RunsSomethingArbitrary(words, i + 1))
                {
                    return new VerbVerdict(ToolEffect.Destructive, word, i == 0, lower); // "run_command", "execute_sql"; not "RunAgent"
                }

                continue;
            }

            if (i == 0 && NeutralVerbs.Contains(lower))
            {
                return VerbVerdict.None; // "TrimStart", "wait_for_completion": the first verb is neither
            }

            var effect = Classify(lower);
            if (effect == ToolEffect.Destructive && NounLikeVerbs.Contains(lower))
            {
                if (i > 0)
                {
                    continue; // "customer_email", "audit_log": a noun here
                }

                if (words.Count == 1)
                {
                    return VerbVerdict.None; // a bare "Log", "Post", "Order": more likely a noun
                }

                if (HasReadingWord(words, i + 1))
                {
                    return new VerbVerdict(ToolEffect.Unknown, word, true, lower);
                }
            }

            if (effect == ToolEffect.Destructive
                && ((MakingVerbs.Contains(lower) && MakesSomethingEphemeral(words, i + 1, 4))
                    || (lower == "complete" && CompletesText(words, i + 1))
                    || ManagesSession(words, i + 1)
                    || (LifecycleVerbs.Contains(lower) && words.Count == 1)))
            {
                return new VerbVerdict(ToolEffect.Unknown, word, i == 0, lower);
            }

            if (effect != ToolEffect.Unknown)
            {
                return new VerbVerdict(effect, word, i == 0, lower);
            }
        }

        foreach (var word in words)
        {
            if (ReadNouns.Contains(word.ToLowerInvariant()))
            {
                return new VerbVerdict(ToolEffect.ReadOnly, word, false, null);
            }
        }

        return VerbVerdict.None;
    }

    /// <summary>
    /// What a description says: a phrase anywhere ("cannot be undone", "read-only"), else the verb it starts with
    /// ("Deletes the customer...", "Use this tool to send..."), skipping adverbs ("Permanently deletes...").
    /// </summary>
    public VerbVerdict ClassifyDescription(string? description, out VerbVerdict phrase)
    {
        phrase = VerbVerdict.None;
        if (string.IsNullOrWhiteSpace(description))
        {
            return VerbVerdict.None;
        }

        var text = description!.Trim();
        var lower = text.ToLowerInvariant();
        phrase = FindPhrase(lower);

        var start = 0;
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var prefix in DescriptionPrefixes)
            {
                if (string.CompareOrdinal(lower, start, prefix, 0, prefix.Length) == 0)
                {
                    start += prefix.Length;
                    changed = true;
                    break;
                }
            }
        }

        // The first word that is not an adverb.
        for (var attempts = 0; attempts < 3 && start < lower.Length; attempts++)
        {
            var end = start;
            while (end < lower.Length && (char.IsLetter(lower[end]) || lower[end] == '-'))
            {
                end++;
            }

            if (end == start)
            {
                return VerbVerdict.None;
            }

            var word = lower.Substring(start, end - start);
            if (word.EndsWith("ly", StringComparison.Ordinal) && word.Length > 3)
            {
                start = SkipSpaces(lower, end);
                continue;
            }

            foreach (var verb in BaseForms(word))
            {
                if (GenericVerbs.Contains(verb) || DescriptionNeutralVerbs.Contains(verb))
                {
                    // "Runs a query...", "Accepts a POCO...", "Blocks until...", "Change the text to upper case": in a
                    // sentence these verbs say too little.
                    return VerbVerdict.None;
                }

                var effect = DescriptionReadVerbs.Contains(verb) ? ToolEffect.ReadOnly : Classify(verb);
                var rest = SplitWords(lower.Substring(end));
                if (effect == ToolEffect.Destructive
                    && ((MakingVerbs.Contains(verb) && MakesSomethingEphemeral(rest, 0, 5)) || (verb == "complete" && CompletesText(rest, 0))))
                {
                    return VerbVerdict.None; // "Creates a summary of...", "Writes a poem about..."
                }

                if (effect != ToolEffect.Unknown)
                {
                    return new VerbVerdict(effect, text.Substring(start, end - start), true, verb);
                }
            }

            return VerbVerdict.None;
        }

        return VerbVerdict.None;
    }

    /// <summary>Splits "deleteCustomerAsync", "delete_customer", "delete-customer", "HTTPGet" into words.</summary>
    public static List<string> SplitWords(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (current.Length > 0)
            {
                var previous = name[i - 1];
                var boundary =
                    (char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous)))
                    || (char.IsUpper(c) && char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]))
                    || (char.IsDigit(c) != char.IsDigit(previous));
                if (boundary)
                {
                    Flush();
                }
            }

            current.Append(c);
        }

        Flush();
        if (words.Count > 1 && string.Equals(words[words.Count - 1], "Async", StringComparison.Ordinal))
        {
            words.RemoveAt(words.Count - 1);
        }

        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    private static bool ManagesSession(List<string> words, int from)
    {
        for (var i = from; i < words.Count && i < from + 3; i++)
        {
            if (SessionNouns.Contains(words[i].ToLowerInvariant()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"complete_code", "CompleteChat": completing text, not a task.</summary>
    private static bool CompletesText(List<string> words, int from) =>
        from >= words.Count || words[from].ToLowerInvariant() is "code" or "text" or "sentence" or "chat" or "prompt" or "word" or "phrase" or "completion" or "async";

    private static bool RunsSomethingArbitrary(List<string> words, int from)
    {
        for (var i = from; i < words.Count && i < from + 2; i++)
        {
            if (ArbitraryRunnables.Contains(words[i].ToLowerInvariant()))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MakesSomethingEphemeral(List<string> words, int from, int count)
    {
        for (var i = from; i < words.Count && i < from + count; i++)
        {
            if (EphemeralNouns.Contains(words[i].ToLowerInvariant()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A reading verb anywhere after <paramref name="from"/> ("email_search"), or a reading noun right there ("order_status").</summary>
    private bool HasReadingWord(List<string> words, int from)
    {
        for (var i = from; i < words.Count; i++)
        {
            var lower = words[i].ToLowerInvariant();
            if (_readOnly.Contains(lower) || (i == from && ReadNouns.Contains(lower)) || (lower.EndsWith("s", StringComparison.Ordinal) && _readOnly.Contains(lower.Substring(0, lower.Length - 1))))
            {
                return true;
            }
        }

        return false;
    }

    private static VerbVerdict FindPhrase(string lower)
    {
        foreach (var phrase in ReadOnlyPhrases)
        {
            if (lower.IndexOf(phrase, StringComparison.Ordinal) >= 0)
            {
                return new VerbVerdict(ToolEffect.ReadOnly, phrase, false, null);
            }
        }

        foreach (var phrase in DestructivePhrases)
        {
            if (lower.IndexOf(phrase, StringComparison.Ordinal) >= 0)
            {
                return new VerbVerdict(ToolEffect.Destructive, phrase, false, null);
            }
        }

        return VerbVerdict.None;
    }

    /// <summary>"deletes" → delete, "searches" → search, "queries" → query, "lists" → list.</summary>
    private static IEnumerable<string> BaseForms(string word)
    {
        yield return word;
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            yield return word.Substring(0, word.Length - 3) + "y";
        }

        if (word.EndsWith("es", StringComparison.Ordinal) && word.Length > 3)
        {
            yield return word.Substring(0, word.Length - 2);
        }

        if (word.EndsWith("s", StringComparison.Ordinal) && word.Length > 2)
        {
            yield return word.Substring(0, word.Length - 1);
        }
    }

    private static int SkipSpaces(string text, int index)
    {
        while (index < text.Length && char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index;
    }

    private static void Apply(HashSet<string> into, ImmutableArray<string> words, HashSet<string>? other = null)
    {
        foreach (var raw in words)
        {
            var word = raw.Trim().ToLowerInvariant();
            if (word.Length > 1 && word[0] == '-')
            {
                into.Remove(word.Substring(1));
            }
            else if (word.Length > 0)
            {
                into.Add(word);
                other?.Remove(word);
            }
        }
    }
}
