using System;
using System.Collections.Generic;

namespace AgentRules.Analyzers.Diagnostics;

/// <summary>
/// The one table that maps each AgentRules diagnostic to the standards security teams read findings through: the OWASP
/// Top 10 for LLM Applications 2025 (<c>LLM01</c>..<c>LLM10</c>), the OWASP Top 10 for Agentic Applications 2026
/// (<c>ASI01</c>..<c>ASI10</c>) and CWE. Descriptors carry the mapping as custom tags, so the compiler's SARIF log lists
/// them in each rule's <c>properties.tags</c> the way GitHub code scanning reads them (<c>security</c>,
/// <c>external/cwe/cwe-770</c>, ...). docs/rules/{ID}.md, the README's rule table and docs/standards.md list the same
/// items (tests keep them in step).
/// </summary>
public static class RuleStandards
{
    /// <summary>The tag GitHub code scanning reads as "this is a security finding".</summary>
    public const string SecurityTag = "security";

    /// <summary>
    /// The standard items a rule maps to, e.g. <c>["LLM10", "ASI08", "CWE-835", "CWE-770"]</c>; empty for an unknown ID.
    /// </summary>
    public static IReadOnlyList<string> ItemsFor(string id) => Table(id).Split(s_space, StringSplitOptions.RemoveEmptyEntries);

    private static readonly char[] s_space = { ' ' };

    /// <summary>
    /// The descriptor custom tags for a rule: <c>security</c>, then one tag per item in the SARIF convention GitHub
    /// documents for CWE (<c>external/cwe/cwe-835</c>), and the same shape for OWASP (<c>external/owasp-llm/llm10</c>,
    /// <c>external/owasp-asi/asi08</c>). Empty for an unknown ID.
    /// </summary>
    public static string[] TagsFor(string id)
    {
        var items = ItemsFor(id);
        if (items.Count == 0)
        {
            return Array.Empty<string>();
        }

        var tags = new string[items.Count + 1];
        tags[0] = SecurityTag;
        for (var i = 0; i < items.Count; i++)
        {
            tags[i + 1] = TagFor(items[i]);
        }

        return tags;
    }

    /// <summary>The SARIF tag of one standard item: <c>LLM06</c> → <c>external/owasp-llm/llm06</c>, <c>CWE-770</c> → <c>external/cwe/cwe-770</c>.</summary>
    public static string TagFor(string item)
    {
        var lower = item.ToLowerInvariant();
        if (lower.StartsWith("cwe-", StringComparison.Ordinal))
        {
            return "external/cwe/" + lower;
        }

        if (lower.StartsWith("llm", StringComparison.Ordinal))
        {
            return "external/owasp-llm/" + lower;
        }

        if (lower.StartsWith("asi", StringComparison.Ordinal))
        {
            return "external/owasp-asi/" + lower;
        }

        throw new ArgumentException("Not an OWASP LLM, OWASP ASI or CWE item: " + item, nameof(item));
    }

    /// <summary>The official name of each standard item the table uses (OWASP 2025/2026 lists and MITRE CWE titles).</summary>
    public static IReadOnlyDictionary<string, string> ItemNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["LLM01"] = "Prompt Injection",
        ["LLM03"] = "Supply Chain",
        ["LLM06"] = "Excessive Agency",
        ["LLM10"] = "Unbounded Consumption",
        ["ASI01"] = "Agent Goal Hijack",
        ["ASI02"] = "Tool Misuse and Exploitation",
        ["ASI03"] = "Identity and Privilege Abuse",
        ["ASI04"] = "Agentic Supply Chain Vulnerabilities",
        ["ASI08"] = "Cascading Failures",
        ["ASI09"] = "Human-Agent Trust Exploitation",
        ["ASI10"] = "Rogue Agents",
        ["CWE-284"] = "Improper Access Control",
        ["CWE-345"] = "Insufficient Verification of Data Authenticity",
        ["CWE-400"] = "Uncontrolled Resource Consumption",
        ["CWE-494"] = "Download of Code Without Integrity Check",
        ["CWE-684"] = "Incorrect Provision of Specified Functionality",
        ["CWE-693"] = "Protection Mechanism Failure",
        ["CWE-694"] = "Use of Multiple Resources with Duplicate Identifier",
        ["CWE-770"] = "Allocation of Resources Without Limits or Throttling",
        ["CWE-835"] = "Loop with Unreachable Exit Condition ('Infinite Loop')",
        ["CWE-862"] = "Missing Authorization",
        ["CWE-1059"] = "Insufficient Technical Documentation",
        ["CWE-1188"] = "Initialization of a Resource with an Insecure Default",
    };

    // The mapping, by rule: OWASP LLM items, then OWASP agentic items, then CWE. docs/standards.md explains each choice.
    private static string Table(string id) => id switch
    {
        // Tool safety: what tools may do, where, and with whose consent.
        "AGR0001" => "LLM06 ASI02 ASI03 CWE-284",
        "AGR0005" => "LLM06 ASI02 CWE-1059",
        "AGR0007" => "LLM06 ASI02 CWE-684",
        "AGR0008" => "LLM06 ASI02 ASI09 CWE-862",
        "AGR0015" => "LLM01 LLM03 ASI04 ASI02 CWE-345 CWE-494",
        "AGR0016" => "LLM06 ASI02 ASI03 CWE-284",

        // Agent loops: caps and stop signals.
        "AGR0002" => "LLM10 ASI08 CWE-835 CWE-770",
        "AGR0003" => "LLM10 ASI10 ASI08 CWE-400",
        "AGR0009" => "LLM10 ASI08 CWE-1188 CWE-770",
        "AGR0017" => "LLM10 ASI08 CWE-770",

        // Prompts: instructions as versioned, integrity-checked artifacts.
        "AGR0004" => "LLM01 ASI01 CWE-345",
        "AGR0006" => "LLM01 ASI01 CWE-345",
        "AGR0010" => "LLM01 ASI01 CWE-345",
        "AGR0011" => "ASI01 CWE-345",
        "AGR0012" => "ASI01 CWE-694",
        "AGR0013" => "ASI01 CWE-345",
        "AGR0014" => "ASI01 CWE-694",

        // Tool wrapper generation: each one leaves a tool without its generated guard.
        "AGR0100" => "LLM06 ASI02 CWE-693",
        "AGR0101" => "LLM06 ASI02 CWE-693",
        "AGR0102" => "LLM06 ASI02 CWE-693",
        "AGR0103" => "LLM06 ASI02 CWE-693",
        "AGR0104" => "LLM06 ASI02 CWE-693",
        "AGR0105" => "ASI02 CWE-694",

        // Generation settings: the prompt registry and the process spec class land in a fallback namespace.
        "AGR0120" => "ASI01 ASI10 CWE-1059",

        // Process spec: the reviewed inventory of what the agent can do.
        "AGR0200" => "LLM06 ASI10 CWE-1059",
        "AGR0201" => "ASI10 CWE-1059",
        "AGR0202" => "ASI10 CWE-1059",

        // Configuration: a safety option that is ignored leaves the rules on their defaults.
        "AGR0300" => "LLM06 CWE-1188",
        _ => string.Empty,
    };
}
