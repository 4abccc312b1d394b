namespace AgentRules.Analyzers.Diagnostics;

/// <summary>The categories AgentRules diagnostics are grouped under (visible in the IDE and in SARIF).</summary>
public static class DiagnosticCategories
{
    /// <summary>What tools an agent can call, and where and how they may change the world.</summary>
    public const string ToolSafety = "AgentRules.ToolSafety";

    /// <summary>Agent loops: iteration caps, kill switches and cancellation.</summary>
    public const string AgentLoops = "AgentRules.AgentLoops";

    /// <summary>Prompts as declared, versioned artifacts.</summary>
    public const string Prompts = "AgentRules.Prompts";

    /// <summary>Problems in the input of AgentRules' source generators.</summary>
    public const string Generation = "AgentRules.Generation";

    /// <summary>The process spec written at build.</summary>
    public const string ProcessSpec = "AgentRules.ProcessSpec";

    /// <summary>AgentRules' own configuration (<c>.editorconfig</c> options).</summary>
    public const string Configuration = "AgentRules.Configuration";
}
