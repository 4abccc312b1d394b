using System;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Harness;

public class MarkupTests
{
    [Fact]
    public void Parses_default_and_named_spans_and_strips_the_markers()
    {
        var (source, spans) = Markup.Parse("class [|A|] { void {|AGR0002:M|}() { } }");

        Assert.Equal("class A { void M() { } }", source);
        Assert.Equal(2, spans.Length);
        Assert.Null(spans[0].Id);
        Assert.Equal("A", source.Substring(spans[0].Span.Start, spans[0].Span.Length));
        Assert.Equal("AGR0002", spans[1].Id);
        Assert.Equal("M", source.Substring(spans[1].Span.Start, spans[1].Span.Length));
    }

    [Fact]
    public void Nested_spans_are_both_reported_outer_first()
    {
        var (source, spans) = Markup.Parse("x = {|AGR0003:Call([|arg|])|};");

        Assert.Equal("x = Call(arg);", source);
        Assert.Equal("Call(arg)", source.Substring(spans[0].Span.Start, spans[0].Span.Length));
        Assert.Equal("arg", source.Substring(spans[1].Span.Start, spans[1].Span.Length));
    }

    [Theory]
    [InlineData("class [|A { }")]
    [InlineData("class A|] { }")]
    [InlineData("class {|AGR0001:A|] { }")]
    [InlineData("class {|A|} { }")]
    public void Rejects_unbalanced_or_malformed_markup(string markup)
    {
        Assert.Throws<FormatException>(() => Markup.Parse(markup));
    }
}
