using AgentRules.Analyzers.Roslyn;
using Xunit;

namespace AgentRules.Tests.Rules;

public class TextFormattingTests
{
    [Theory]
    [InlineData("while (true)\n{\n    await chat.GetResponseAsync(history);\n}", "while (true) { await chat.GetResponseAsync(history); }")]
    [InlineData("  Deletes\r\n\t the   customer.  ", "Deletes the customer.")]
    [InlineData("", "")]
    [InlineData(" \n\t ", "")]
    public void Whitespace_runs_become_one_space_and_the_ends_are_trimmed(string text, string expected) =>
        Assert.Equal(expected, TextFormatting.CollapseWhitespace(text));

    [Fact]
    public void Text_longer_than_the_limit_is_cut_and_marked()
    {
        Assert.Equal("abc def…", TextFormatting.CollapseWhitespace("abc   def ghi", maxLength: 7));
        Assert.Equal("abc def", TextFormatting.CollapseWhitespace("abc\n\ndef", maxLength: 8));
    }
}
