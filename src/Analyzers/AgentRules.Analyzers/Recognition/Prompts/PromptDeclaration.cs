using System;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>How a prompt is declared.</summary>
public enum PromptDeclarationKind
{
    /// <summary>A <c>const</c> string field.</summary>
    Constant,

    /// <summary>A <c>readonly</c> string field or a get-only string property whose text is a compile-time constant.</summary>
    ReadOnlyMember,

    /// <summary>A method (or a member computing its text) that builds the text from run-time values.</summary>
    Template,

    /// <summary>An <c>&lt;AgentPrompt Include="..." Id="..." Version="..." /&gt;</c> file.</summary>
    File,
}

/// <summary>
/// One declared prompt: its id and version, its text and hash when they are known at compile time, where it is
/// declared, and — when it cannot be versioned as written — why (<see cref="Problem"/>, reported as AGR0013).
/// </summary>
public sealed class PromptDeclaration
{
    public PromptDeclaration(
        string id,
        int version,
        PromptDeclarationKind kind,
        string? text,
        string? sha256,
        string declaredBy,
        Location location,
        ISymbol? member,
        string? problem)
    {
        Id = id;
        Version = version;
        Kind = kind;
        Text = text;
        Sha256 = sha256;
        DeclaredBy = declaredBy;
        Location = location;
        Member = member;
        Problem = problem;
    }

    /// <summary>The prompt id ("support.triage").</summary>
    public string Id { get; }

    /// <summary>The declared version (1 when not set).</summary>
    public int Version { get; }

    public PromptDeclarationKind Kind { get; }

    /// <summary>True for templates: <see cref="Text"/> is the template's source, and the hash covers its tokens.</summary>
    public bool IsTemplate => Kind == PromptDeclarationKind.Template;

    /// <summary>The text (line endings normalised to '\n'); null when it cannot be known at compile time.</summary>
    public string? Text { get; }

    /// <summary>The content hash recorded in the lock file (see <see cref="PromptHash"/>); null when the text is unknown.</summary>
    public string? Sha256 { get; }

    /// <summary>The declaring member ("SupportAgent.Chat.Prompts.Triage") or the file's path relative to the project.</summary>
    public string DeclaredBy { get; }

    /// <summary>The <c>[Prompt]</c> attribute, or the start of the prompt file.</summary>
    public Location Location { get; }

    /// <summary>The declaring field, property or method; null for files.</summary>
    public ISymbol? Member { get; }

    /// <summary>Why this declaration cannot be versioned (AGR0013), or null when it is valid.</summary>
    public string? Problem { get; }

    public bool IsValid => Problem is null && Sha256 is not null;

    /// <summary>The number of characters of the text (0 when unknown).</summary>
    public int Length => Text?.Length ?? 0;

    /// <summary>The first non-blank line of the text, trimmed (empty when unknown).</summary>
    public string FirstLine
    {
        get
        {
            if (Text is null)
            {
                return string.Empty;
            }

            foreach (var line in Text.Split('\n'))
            {
                if (line.Trim().Length > 0)
                {
                    return line.Trim();
                }
            }

            return string.Empty;
        }
    }

    /// <summary>The member name this prompt gets in the generated registry.</summary>
    public string RegistryMemberName => PromptNames.RegistryMemberName(Id);

    public override string ToString() => Id + "@" + Version.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (" + DeclaredBy + ")";

    internal static string Describe(PromptDeclaration declaration) =>
        declaration.Kind == PromptDeclarationKind.File ? declaration.DeclaredBy : "'" + declaration.DeclaredBy + "'";

    internal static bool SameId(PromptDeclaration a, PromptDeclaration b) => string.Equals(a.Id, b.Id, StringComparison.Ordinal);
}
