using System;

namespace AgentRules;

/// <summary>
/// Declares a prompt: a stable id and a version for prompt text written in code, for example
/// <c>[Prompt("support.triage", Version = 3)]</c> on a <c>const</c> string.
/// </summary>
/// <remarks>
/// <para>
/// Put it on a <c>const</c> or <c>readonly</c> string field, a get-only string property, or a method that builds the
/// text from run-time values (a template). Prompt sites (system messages, agent instructions, prompt templates, ...)
/// fed by a declared prompt are versioned; sites fed by any other text are reported (AGR0004).
/// </para>
/// <para>
/// The project's <c>AgentPrompts.lock</c> file records the SHA-256 of every shipped prompt version. Changing the text
/// without bumping <see cref="Version"/> is reported (AGR0006), and the generated <c>AgentPrompts</c> registry gives
/// each prompt's id, version and hash to logs and traces at run time.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PromptAttribute : Attribute
{
    /// <summary>Declares a prompt with a stable id such as <c>"support.triage"</c>.</summary>
    /// <param name="id">The prompt id: unique in the project, without whitespace.</param>
    public PromptAttribute(string id)
    {
        Id = id;
    }

    /// <summary>The prompt id.</summary>
    public string Id { get; }

    /// <summary>The prompt version, 1 when not set; bump it whenever the text changes.</summary>
    public int Version { get; set; } = 1;
}
