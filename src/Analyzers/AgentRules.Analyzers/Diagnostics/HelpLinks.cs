namespace AgentRules.Analyzers.Diagnostics;

/// <summary>Where each rule's documentation lives: docs/rules/{ID}.md in the repository.</summary>
public static class HelpLinks
{
    /// <summary>The repository every help link points into (also the package's RepositoryUrl in nuget.props).</summary>
    public const string RepositoryUrl = "https://github.com/agentrules/AgentRules";

    /// <summary>The documentation page of one rule.</summary>
    public static string ForRule(string id) => RepositoryUrl + "/blob/main/docs/rules/" + id + ".md";
}
