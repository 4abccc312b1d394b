using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>Where the text at a prompt site comes from, as far as the code shows.</summary>
public enum PromptTextSource
{
    /// <summary>From declared prompts: <c>[Prompt]</c> members, or the generated registry (an <c>AgentPrompt</c>'s text).</summary>
    Declared,

    /// <summary>From text in the code or a file that no prompt declaration covers: AGR0004.</summary>
    Unversioned,

    /// <summary>From somewhere the code does not show: a parameter, configuration, a database, a model's answer.</summary>
    Unknown,

    /// <summary>No text: null, empty or whitespace.</summary>
    Empty,
}

/// <summary>What kind of unversioned text feeds a site.</summary>
public enum UnversionedTextKind
{
    Literal,
    Interpolated,
    Concatenated,
    Formatted,
    Constant,
    Field,
    Property,
    FileRead,
    StringBuilder,

    /// <summary>The default value of a settable property (<c>public string SystemPrompt { get; set; } = "You are …";</c>).</summary>
    PropertyDefault,
}

/// <summary>A declared prompt feeding a site: by id for <c>[Prompt]</c> members, by registry member for the generated registry.</summary>
/// <param name="Id">The prompt id, or null when the prompt is read through the registry.</param>
/// <param name="Version">The declared version (0 when read through the registry).</param>
/// <param name="RegistryMember">The <c>AgentPrompts</c> member read, when known ("SupportTriage").</param>
public sealed record PromptReference(string? Id, int Version, string? RegistryMember);

/// <summary>
/// The classification of the text at a prompt site. For unversioned text it also says what to fix: the inline text
/// (<see cref="Origin"/>, extractable when <see cref="IsConstantText"/>) or the member holding it
/// (<see cref="OriginMember"/>, which a <c>[Prompt]</c> attribute would declare).
/// </summary>
public sealed class PromptText
{
    private PromptText(PromptTextSource source, UnversionedTextKind kind, string description, ImmutableArray<PromptReference> prompts, SyntaxNode? origin, ISymbol? originMember, bool isConstantText)
    {
        Source = source;
        UnversionedKind = kind;
        Description = description;
        Prompts = prompts;
        Origin = origin;
        OriginMember = originMember;
        IsConstantText = isConstantText;
    }

    public static PromptText Unknown { get; } = new(PromptTextSource.Unknown, default, "text from outside the code", ImmutableArray<PromptReference>.Empty, null, null, false);

    public static PromptText Empty { get; } = new(PromptTextSource.Empty, default, "no text", ImmutableArray<PromptReference>.Empty, null, null, false);

    public PromptTextSource Source { get; }

    /// <summary>For <see cref="PromptTextSource.Unversioned"/>: what kind of text.</summary>
    public UnversionedTextKind UnversionedKind { get; }

    /// <summary>How AGR0004 describes the text: "a string literal", "constant 'Prompts.Narrator'", ...</summary>
    public string Description { get; }

    /// <summary>For <see cref="PromptTextSource.Declared"/>: the declared prompts feeding the site.</summary>
    public ImmutableArray<PromptReference> Prompts { get; }

    /// <summary>The syntax holding the unversioned text: an expression, or the declaration of <see cref="OriginMember"/>.</summary>
    public SyntaxNode? Origin { get; }

    /// <summary>The field, property or method in source that holds the unversioned text, when it is one.</summary>
    public ISymbol? OriginMember { get; }

    /// <summary>True when <see cref="Origin"/> is an expression whose value is a compile-time constant.</summary>
    public bool IsConstantText { get; }

    public static PromptText Declared(ImmutableArray<PromptReference> prompts) =>
        new(PromptTextSource.Declared, default, "a declared prompt", prompts, null, null, false);

    public static PromptText Unversioned(UnversionedTextKind kind, string description, SyntaxNode? origin, ISymbol? originMember = null, bool isConstantText = false) =>
        new(PromptTextSource.Unversioned, kind, description, ImmutableArray<PromptReference>.Empty, origin, originMember, isConstantText);

    /// <summary>The same unversioned text, described as reached through a method ("… returned by 'BuildPrompt'").</summary>
    internal PromptText ReturnedBy(IMethodSymbol method, SyntaxNode? declaration)
    {
        if (OriginMember is not null || UnversionedKind == UnversionedTextKind.FileRead)
        {
            // The text lives in a constant, field or property (declare that), or in a file (nothing to annotate).
            return new(Source, UnversionedKind, Description + " returned by '" + method.Name + "'", Prompts, Origin, OriginMember, false);
        }

        return new(Source, UnversionedKind, Description + " returned by '" + method.Name + "'", Prompts, declaration ?? Origin, method, false);
    }

    public override string ToString() => Source + ": " + Description;
}
