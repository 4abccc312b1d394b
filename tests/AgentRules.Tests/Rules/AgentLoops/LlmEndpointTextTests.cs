using System;
using System.Collections.Generic;
using System.Linq;
using AgentRules.Analyzers.Knowledge;
using AgentRules.Analyzers.Recognition.Loops;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// <see cref="LlmEndpointText"/> looks only at the '/' and ':' characters (every endpoint fragment has one) instead of
/// searching the text once per fragment: it must give the answer of the plain search, ignoring case, for every text.
/// </summary>
public class LlmEndpointTextTests
{
    public static IEnumerable<object[]> Texts() => new[]
    {
        "var url = \"https://api.openai.com/v1/chat/completions\";",
        "var url = \"HTTPS://API.OPENAI.COM/V1/CHAT/COMPLETIONS\";",
        "chat/completions",
        "xchat/completions/",
        "await http.PostAsJsonAsync(\"/api/chat\", body);",
        "await http.PostAsync(\"http://localhost:11434/API/Generate\", body);",
        "models/gemini:streamGenerateContent?alt=sse",
        "models/gemini:GENERATECONTENT",
        "// comment: chat / completions, api/chat without its slash, v1/responses without its slash",
        "/v1/messages",
        "/v1/message",
        "https://example.com/v1/responses?x=1",
        "a ? b : c; // nothing here",
        ":",
        "/",
        "",
        "chat/completion",
        "/apı/chat",
        "/api/chat\u0130",
        "x /v1/messages:generateContent chat/completions",
    }.Select(text => new object[] { text });

    [Theory]
    [MemberData(nameof(Texts))]
    public void Gives_the_answer_of_searching_each_fragment_ignoring_case(string text)
    {
        var expected = AgentLoopApis.LlmEndpointFragments.Any(fragment => text.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0);
        Assert.Equal(expected, LlmEndpointText.Mentions(CSharpSyntaxTree.ParseText(text), default));
    }

    [Fact]
    public void Every_fragment_is_found_at_the_start_the_end_and_in_any_case()
    {
        foreach (var fragment in AgentLoopApis.LlmEndpointFragments)
        {
            Assert.True(LlmEndpointText.Mentions(CSharpSyntaxTree.ParseText(fragment), default), fragment);
            Assert.True(LlmEndpointText.Mentions(CSharpSyntaxTree.ParseText("x = \"" + fragment.ToUpperInvariant()), default), fragment);
            Assert.False(LlmEndpointText.Mentions(CSharpSyntaxTree.ParseText(fragment.Substring(0, fragment.Length - 1)), default), fragment);
        }
    }
}
