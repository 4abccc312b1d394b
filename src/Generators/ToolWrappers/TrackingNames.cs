using System.Collections.Generic;

namespace AgentRules.Generators.ToolWrappers;

/// <summary>The tracked step names of <see cref="ToolWrapperGenerator"/>, for caching tests.</summary>
public static class TrackingNames
{
    public const string Methods = "AgentToolMethods";

    /// <summary>
    /// The compilation's declarations as the tools see them (an input, like the compilation itself: it changes when a
    /// declaration a tool was read from, or a type name such a file mentions, changes, so it is not in
    /// <see cref="All"/>). Unchanged after an edit inside a body and after a declaration edit no tool reads.
    /// </summary>
    public const string Declarations = "AgentToolDeclarations";
    public const string Options = "AgentToolGenerationOptions";
    public const string Types = "AgentToolTypes";
    public const string Output = "AgentToolOutput";
    public const string Diagnostics = "AgentToolDiagnostics";
    public const string HintNames = "AgentToolHintNames";

    /// <summary>Every step whose output must be cached after an unrelated edit and hold no compiler objects.</summary>
    public static readonly IReadOnlyList<string> All = new[] { Methods, Options, Types, HintNames, Output, Diagnostics };
}
