using System.Text;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>
/// Prompt ids and the names derived from them: which ids are valid, the member an id gets in the generated
/// <c>AgentPrompts</c> registry, and the ids and constant names the AGR0004 code fix proposes.
/// </summary>
public static class PromptNames
{
    /// <summary>The generated registry class.</summary>
    public const string RegistryClassName = "AgentPrompts";

    /// <summary>The registry's namespace when the project has no usable root namespace.</summary>
    public const string FallbackRegistryNamespace = "AgentRules.Generated";

    private static readonly string[] s_reservedRegistryMembers = { "All", "Find", "TryGet", "Get", RegistryClassName };

    /// <summary>Null when <paramref name="id"/> is a valid prompt id, else why not.</summary>
    public static string? ValidateId(string? id)
    {
        if (id is null || id.Length == 0)
        {
            return "its id is empty";
        }

        foreach (var c in id)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return "its id contains whitespace";
            }

            if (c == '#')
            {
                return "its id contains '#'";
            }
        }

        return null;
    }

    /// <summary>
    /// The member name an id gets in the registry: its letters and digits in PascalCase ("support.triage" →
    /// "SupportTriage"), prefixed with "Prompt" when it would not start with a letter or would clash with a member
    /// the registry itself declares.
    /// </summary>
    public static string RegistryMemberName(string id)
    {
        var builder = new StringBuilder(id.Length);
        var upperNext = true;
        foreach (var c in id)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = true;
            }
        }

        var name = builder.ToString();
        if (name.Length == 0 || !char.IsLetter(name[0]) || System.Array.IndexOf(s_reservedRegistryMembers, name) >= 0)
        {
            name = "Prompt" + name;
        }

        return name;
    }

    /// <summary>"SupportConversation" → "support_conversation"; "HTTPClient" → "http_client"; "_systemPrompt" → "system_prompt".</summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (builder.Length > 0 && builder[builder.Length - 1] != '_')
                {
                    builder.Append('_');
                }

                continue;
            }

            if (char.IsUpper(c) && builder.Length > 0 && builder[builder.Length - 1] != '_')
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    builder.Append('_');
                }
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        while (builder.Length > 0 && builder[builder.Length - 1] == '_')
        {
            builder.Length--;
        }

        return builder.ToString();
    }
}
