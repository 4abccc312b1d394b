using System;

namespace AgentRules;

/// <summary>
/// Declares a prompt: a <c>const</c> or <c>static readonly</c> string (or a member returning the text) with a stable
/// id and a version, for example <c>[Prompt("support.triage", Version = 3)]</c>. Prompt sites fed by declared
/// prompts are versioned (AGR0004); changing the text without bumping the version is reported (AGR0006).
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PromptAttribute : Attribute
{
    /// <summary>Declares a prompt with a stable id such as <c>"support.triage"</c>.</summary>
    /// <param name="id">The prompt id; unique in the project.</param>
    public PromptAttribute(string id)
    {
        Id = id;
    }

    /// <summary>The prompt id.</summary>
    public string Id { get; }

    /// <summary>The prompt version; bump it whenever the text changes.</summary>
    public int Version { get; set; } = 1;
}
