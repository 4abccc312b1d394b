namespace AgentRules.Analyzers.Recognition.Loops;

/// <summary>
/// The text check in front of the syntax walk that looks for a chat request's declaration (<c>ChatPayloads.Declares</c>):
/// a request needs a <c>model</c>, and a file that cannot name one is not walked node by node (every chat agent spells
/// "messages", so the walk alone read nearly every file of an agent project; issue 17, docs/performance.md).
/// </summary>
public static class ChatPayloadText
{
    /// <summary>
    /// False only when no name or string of the text can be <c>model</c> in any case, which every way
    /// <c>ChatPayloads.Scan</c> finds the <c>model</c> half needs (an identifier, a string key, an attribute's JSON name, JSON
    /// text): the text has no whole word that equals it ignoring case. A word is a run of letters, digits and
    /// underscores; formatting characters inside it are skipped (the compiler drops them from identifiers), and any
    /// escape that can spell a letter (<c>\u</c>, <c>\U</c>, <c>\x</c>) makes the answer "maybe".
    /// </summary>
    public static bool MaySpellModel(string text)
    {
        const string Model = "MODEL";
        var matched = 0; // characters of "model" matched by the current word so far; -1: the word is something else
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is 'u' or 'U' or 'x')
            {
                return true;
            }

            if (c == '_' || char.IsLetterOrDigit(c))
            {
                if (matched >= 0)
                {
                    matched = matched < Model.Length && char.ToUpperInvariant(c) == Model[matched] ? matched + 1 : -1;
                }
            }
            else if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                continue; // inside an identifier the compiler ignores it
            }
            else
            {
                if (matched == Model.Length)
                {
                    return true;
                }

                matched = 0;
            }
        }

        return matched == Model.Length;
    }
}
