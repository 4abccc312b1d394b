using System;
using System.Collections.Generic;

namespace AgentRules;

/// <summary>
/// One declared prompt as the generated <c>AgentPrompts</c> registry exposes it: its id, version, the SHA-256 of its
/// text (computed at compile time) and the text itself. Stamp <see cref="Id"/>, <see cref="Version"/> and
/// <see cref="Sha256"/> on every model call's log entry or trace span, so any answer can be traced back to the exact
/// prompt text that produced it.
/// </summary>
/// <example>
/// <code>
/// var prompt = AgentPrompts.SupportTriage;
/// activity?.SetTag(AgentPrompt.IdTagName, prompt.Id);
/// activity?.SetTag(AgentPrompt.VersionTagName, prompt.Version);
/// activity?.SetTag(AgentPrompt.Sha256TagName, prompt.Sha256);
/// var messages = new List&lt;ChatMessage&gt; { new(ChatRole.System, prompt.Text) };
/// </code>
/// </example>
public sealed class AgentPrompt
{
    /// <summary>The tag (OpenTelemetry attribute, log scope key) for the prompt id.</summary>
    public const string IdTagName = "agentrules.prompt.id";

    /// <summary>The tag for the prompt version.</summary>
    public const string VersionTagName = "agentrules.prompt.version";

    /// <summary>The tag for the SHA-256 of the prompt text.</summary>
    public const string Sha256TagName = "agentrules.prompt.sha256";

    /// <summary>Creates a registry entry. The generated registry calls this; code rarely needs to.</summary>
    /// <param name="id">The prompt id.</param>
    /// <param name="version">The prompt version.</param>
    /// <param name="sha256">The lowercase hexadecimal SHA-256 of the text, line endings normalised to '\n'.</param>
    /// <param name="text">The prompt text (for templates: the template as written).</param>
    /// <param name="isTemplate">True when the prompt is a method that builds its text at run time.</param>
    public AgentPrompt(string id, int version, string sha256, string text, bool isTemplate = false)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Version = version;
        Sha256 = sha256 ?? throw new ArgumentNullException(nameof(sha256));
        Text = text ?? throw new ArgumentNullException(nameof(text));
        IsTemplate = isTemplate;
    }

    /// <summary>The prompt id, for example <c>"support.triage"</c>.</summary>
    public string Id { get; }

    /// <summary>The prompt version.</summary>
    public int Version { get; }

    /// <summary>
    /// The lowercase hexadecimal SHA-256 of the text with line endings normalised to '\n', as recorded in
    /// <c>AgentPrompts.lock</c>. For templates it covers the template's code tokens, so formatting and comments do
    /// not change it.
    /// </summary>
    public string Sha256 { get; }

    /// <summary>The prompt text. For a template (<see cref="IsTemplate"/>) it is the template's source, for reference only.</summary>
    public string Text { get; }

    /// <summary>True when the prompt is declared by a method that builds its text from run-time values.</summary>
    public bool IsTemplate { get; }

    /// <summary>The id, version and hash as tags, for <c>Activity.SetTag</c> or a logging scope.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Tags => new[]
    {
        new KeyValuePair<string, object?>(IdTagName, Id),
        new KeyValuePair<string, object?>(VersionTagName, Version),
        new KeyValuePair<string, object?>(Sha256TagName, Sha256),
    };

    /// <summary>The id and version, for example <c>support.triage@3</c>.</summary>
    public override string ToString() => Id + "@" + Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
