using System.Collections.Generic;

namespace AgentRules.Generators.ToolWrappers;

/// <summary>The tracked step names of <see cref="ToolWrapperGenerator"/>, for caching tests.</summary>
public static class TrackingNames
{
    public const string Methods = "AgentToolMethods";

    /// <summary>
    /// The compilation's declaration fingerprint (an input, like the compilation itself: it changes whenever a
    /// declaration does, so it is not in <see cref="All"/>). Unchanged after an edit inside a body.
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
