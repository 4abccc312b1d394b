using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using static AgentRules.Analyzers.Knowledge.ToolWords;

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
    /// <summary>True for description verbs that say what a tool returns, not what it does ("Returns ...").</summary>
    internal static bool DescribesOutput(string? verb) => verb is not null && DescriptionReadVerbs.Contains(verb);

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
