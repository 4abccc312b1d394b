using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AgentRules.CodeFixes.Helpers;

/// <summary>The diagnostics a Fix All covers, by scope, with the project each belongs to.</summary>
internal static class FixAllDiagnostics
{
    public static async Task<List<(Project Project, Diagnostic Diagnostic)>> GetAsync(FixAllContext context)
    {
        var result = new List<(Project, Diagnostic)>();
        switch (context.Scope)
        {
            case FixAllScope.Document when context.Document is { } document:
                foreach (var diagnostic in await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                {
                    result.Add((document.Project, diagnostic));
                }

                break;
            case FixAllScope.Project:
                foreach (var diagnostic in await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false))
                {
                    result.Add((context.Project, diagnostic));
                }

                break;
            case FixAllScope.Solution:
                foreach (var project in context.Solution.Projects)
                {
                    foreach (var diagnostic in await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false))
                    {
                        result.Add((project, diagnostic));
                    }
                }

                break;
        }

        result.RemoveAll(pair => !context.DiagnosticIds.Contains(pair.Item2.Id));
        return result;
    }
}
