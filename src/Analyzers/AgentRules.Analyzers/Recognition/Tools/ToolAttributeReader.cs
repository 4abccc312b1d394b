using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>The values of a <c>[ToolBudget]</c>, as written.</summary>
/// <param name="MaxCalls">Named argument <c>MaxCalls</c>; 0 (no limit) when it is not set.</param>
/// <param name="Cost">Named argument <c>Cost</c>; 1 when it is not set.</param>
public readonly record struct ToolBudgetValues(int MaxCalls, int Cost)
{
    /// <summary>A tool without <c>[ToolBudget]</c>: no limit, cost 1 (the runtime attribute's defaults).</summary>
    public static ToolBudgetValues Unset => new(0, 1);
}

/// <summary>
/// The one reader of the values in AgentRules' tool attributes (<c>[EnvironmentScope]</c>, <c>[ToolBudget]</c>), for
/// the analyzers (<see cref="ToolSafetyContext"/>) and the tool-wrapper generator's parser alike. It returns what the
/// source says, unchanged; each consumer normalises explicitly, because they need different things: the diagnostics
/// and the process spec show environments as written, while the generated wrapper enforces them, so it trims them and
/// drops blank ones (<see cref="NormalizeEnvironments"/>) and clamps negative budgets to 0.
/// </summary>
/// <remarks>Finding the attribute stays with the consumer: the analyzers match resolved types, the generator matches
/// by name inside the <c>AgentRules</c> namespace (it runs before any type is resolved).</remarks>
public static class ToolAttributeReader
{
    /// <summary>
    /// The environments of an <c>[EnvironmentScope]</c>, as written: every string of its constructor arguments (the
    /// <c>params</c> array flattened), in order, blank and untrimmed ones included. Null and erroneous arguments are
    /// skipped.
    /// </summary>
    public static ImmutableArray<string> Environments(AttributeData environmentScope)
    {
        var environments = ImmutableArray.CreateBuilder<string>();
        foreach (var argument in environmentScope.ConstructorArguments)
        {
            if (argument.IsNull || argument.Kind == TypedConstantKind.Error)
            {
                continue;
            }

            if (argument.Kind == TypedConstantKind.Array)
            {
                foreach (var value in argument.Values)
                {
                    if (value.Value is string environment)
                    {
                        environments.Add(environment);
                    }
                }
            }
            else if (argument.Value is string single)
            {
                environments.Add(single);
            }
        }

        return environments.ToImmutable();
    }

    /// <summary>Environments as a guard compares them: trimmed, blank ones dropped, order kept.</summary>
    public static ImmutableArray<string> NormalizeEnvironments(ImmutableArray<string> environments)
    {
        var normalized = new List<string>(environments.Length);
        foreach (var environment in environments)
        {
            if (!string.IsNullOrWhiteSpace(environment))
            {
                normalized.Add(environment.Trim());
            }
        }

        return normalized.ToImmutableArray();
    }

    /// <summary>The values of a <c>[ToolBudget]</c>, as written (negative numbers included).</summary>
    public static ToolBudgetValues Budget(AttributeData toolBudget)
    {
        var values = ToolBudgetValues.Unset;
        foreach (var pair in toolBudget.NamedArguments)
        {
            if (pair.Value.Value is not int value)
            {
                continue;
            }

            if (pair.Key == "MaxCalls")
            {
                values = values with { MaxCalls = value };
            }
            else if (pair.Key == "Cost")
            {
                values = values with { Cost = value };
            }
        }

        return values;
    }
}
