using System;
using System.Collections.Generic;
using System.Linq;
using AgentRules.Analyzers.Recognition.Loops;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// <c>ChatPayloads.Declares</c> walks a file's syntax only when its text can name <c>model</c> (issue 17: every
/// chat agent spells "messages", and walking each such file node by node was a sixth of the loop rules' time on
/// agent-dense code). The text check (<see cref="ChatPayloadText.MaySpellModel"/>) must never say "no" where a token of the file is <c>model</c> in any case: these
/// texts compare it with the tokens the parser reads, escapes and formatting characters included.
/// </summary>
public class ChatPayloadModelPrefilterTests
{
    public static IEnumerable<object[]> Texts() => new[]
    {
        "class Request { public string Model { get; set; } public List<Message> Messages { get; set; } }",
        "class Request { public string MODEL; public object[] messages; }",
        "class Request { [JsonPropertyName(\"model\")] public string Name { get; set; } }",
        "var body = new { model = name, messages = list };",
        "var json = \"{\\\"model\\\": \\\"gpt\\\", \\\"messages\\\": [{\\\"role\\\": \\\"user\\\"}]}\";",
        "var json = \"\"\"{\"model\": \"gpt\", \"messages\": [{\"role\": \"user\"}]}\"\"\";",
        "payload[\"model\"] = m; payload[\"messages\"] = list;",
        "var @model = 1; var messages = 2;",
        "var mod\\u0065l = 1; var messages = 2;",
        "var key = \"mod\\x65l\"; var messages = 2;",
        "var key = \"mod\\U00000065l\";",
        "var mo\u200Bdel = 1;",
        "var m\u00ADodel = 1;",
        "using ModelContextProtocol.Server; List<ChatMessage> messages = [];",
        "var models = 1; var remodel = 2; var model_ = 3; var _model = 4; var model2 = 5;",
        "// a comment that says model\nvar x = 1;",
        "var modél = 1;",
        "var model\u0301 = 1;",
        "model",
        "Model",
        string.Empty,
    }.Select(text => new object[] { text });

    [Theory]
    [MemberData(nameof(Texts))]
    public void Says_maybe_whenever_a_token_is_model_in_any_case(string text)
    {
        var tree = CSharpSyntaxTree.ParseText(text);
        var tokenIsModel = tree.GetRoot().DescendantTokens(descendIntoTrivia: true)
            .Any(token => string.Equals(token.ValueText, "model", StringComparison.OrdinalIgnoreCase) || token.Text.Contains("\"model\"", StringComparison.Ordinal));
        if (tokenIsModel)
        {
            Assert.True(ChatPayloadText.MaySpellModel(text));
        }
    }

    [Theory]
    [InlineData("using ModelContextProtocol.Server; List<ChatMessage> messages = [];")]
    [InlineData("var models = 1; var remodel = 2; var model_ = 3; var _model = 4; var model2 = 5;")]
    [InlineData("class Chat { public List<string> Messages { get; } = []; public string ModelName { get; set; } }")]
    public void Says_no_where_no_word_is_model(string text) => Assert.False(ChatPayloadText.MaySpellModel(text));
}
