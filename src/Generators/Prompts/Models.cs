using System;
using AgentRules.Generators.Infrastructure;

namespace AgentRules.Generators.Prompts;

/// <summary>One valid prompt declaration, as the registry needs it. No symbols, syntax or locations: only values.</summary>
/// <param name="Id">The prompt id.</param>
/// <param name="Version">The declared version.</param>
/// <param name="Sha256">The content hash recorded in the lock file.</param>
/// <param name="Text">The text (for templates: the template's source).</param>
/// <param name="IsTemplate">True for methods building their text at run time.</param>
/// <param name="DeclaredBy">The member or file that declares it.</param>
/// <param name="SourcePath">The declaring file's path: with <paramref name="SourcePosition"/>, the order duplicates are resolved in.</param>
/// <param name="SourcePosition">The declaration's position in its file.</param>
public sealed record PromptModel(string Id, int Version, string Sha256, string Text, bool IsTemplate, string DeclaredBy, string SourcePath, int SourcePosition);

/// <summary>What the generated code may use from the compilation: cheap facts, equal across most edits.</summary>
/// <param name="HasAgentPrompt">The AgentRules runtime (AgentRules.AgentPrompt) is referenced.</param>
/// <param name="HasNotNullWhen">System.Diagnostics.CodeAnalysis.NotNullWhenAttribute is usable (not on netstandard2.0 without a polyfill).</param>
public sealed record RuntimeSupport(bool HasAgentPrompt, bool HasNotNullWhen);

/// <summary>One registry member: a prompt and the member name it gets (null when an earlier id took the name).</summary>
public sealed record RegistryEntry(PromptModel Prompt, string? MemberName);

/// <summary>The whole registry: what the emitter writes.</summary>
/// <param name="Namespace">The registry's namespace, escaped for C#.</param>
/// <param name="Entries">The prompts, by id.</param>
/// <param name="HasNotNullWhen">TryGet can carry [NotNullWhen].</param>
/// <param name="InvalidRootNamespace">The project's RootNamespace when it is not a valid namespace (reported as AGR0120), else null.</param>
public sealed record RegistryModel(string Namespace, EquatableArray<RegistryEntry> Entries, bool HasNotNullWhen, string? InvalidRootNamespace = null)
{
    public bool IsEmpty => Entries.IsEmpty;
}

internal static class ModelComparisons
{
    public static int BySource(PromptModel a, PromptModel b)
    {
        var byPath = string.CompareOrdinal(a.SourcePath, b.SourcePath);
        return byPath != 0 ? byPath : a.SourcePosition.CompareTo(b.SourcePosition);
    }

    public static int ById(PromptModel a, PromptModel b) => string.CompareOrdinal(a.Id, b.Id);

    public static bool SameId(PromptModel a, PromptModel b) => string.Equals(a.Id, b.Id, StringComparison.Ordinal);
}
