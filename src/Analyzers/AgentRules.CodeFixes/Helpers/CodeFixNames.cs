using System;
using System.Collections.Generic;
using System.Globalization;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Configuration;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.CodeFixes.Helpers;

/// <summary>Names and values the agent-loop code fixes write.</summary>
internal static class CodeFixNames
{
    /// <summary>The limit from <c>agentrules.default_max_iterations</c> (default 10).</summary>
    public static int GetDefaultMaxIterations(Document document, SyntaxTree tree)
    {
        var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree);
        var value = options.GetInt(OptionKeys.DefaultMaxIterations, AgentLoopApis.DefaultMaxIterations);
        return value > 0 ? value : AgentLoopApis.DefaultMaxIterations;
    }

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="preferred"/>, or <paramref name="preferred"/>2, 3, ... : a name no symbol in scope at
    /// <paramref name="position"/> and no declaration inside <paramref name="within"/> uses.
    /// </summary>
    public static string Unique(SemanticModel model, int position, SyntaxNode within, string preferred)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in within.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax variable:
                    declared.Add(variable.Identifier.ValueText);
                    break;
                case ParameterSyntax parameter:
                    declared.Add(parameter.Identifier.ValueText);
                    break;
                case ForEachStatementSyntax forEach:
                    declared.Add(forEach.Identifier.ValueText);
                    break;
                case LocalFunctionStatementSyntax localFunction:
                    declared.Add(localFunction.Identifier.ValueText);
                    break;
                case SingleVariableDesignationSyntax designation:
                    declared.Add(designation.Identifier.ValueText);
                    break;
            }
        }

        for (var i = 1; ; i++)
        {
            var name = i == 1 ? preferred : preferred + i.ToString(CultureInfo.InvariantCulture);
            if (!declared.Contains(name) && model.LookupSymbols(position, name: name).IsEmpty)
            {
                return name;
            }
        }
    }
}
