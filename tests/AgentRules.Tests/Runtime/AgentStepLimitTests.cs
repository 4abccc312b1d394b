using System;
using Xunit;

namespace AgentRules.Tests.Runtime;

public sealed class AgentStepLimitTests
{
    [Fact]
    public void TryNext_allows_exactly_the_limit_then_refuses()
    {
        var steps = new AgentStepLimit(3);
        var taken = 0;
        while (steps.TryNext())
        {
            taken++;
        }

        Assert.Equal(3, taken);
        Assert.Equal(3, steps.Taken);
        Assert.Equal(0, steps.Remaining);
        Assert.True(steps.IsExhausted);
        Assert.False(steps.TryNext());
        Assert.Equal(3, steps.Taken);
        Assert.Equal("3/3 steps", steps.ToString());
    }

    [Fact]
    public void Next_throws_once_the_limit_is_reached()
    {
        var steps = new AgentStepLimit(2);
        steps.Next();
        steps.Next();
        var exception = Assert.Throws<AgentStepLimitExceededException>(() => steps.Next());
        Assert.Equal(2, exception.MaxSteps);
        Assert.Contains("2 steps", exception.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<InvalidOperationException>(exception);
    }

    [Fact]
    public void Progress_is_reported_while_steps_are_taken()
    {
        var steps = new AgentStepLimit(5);
        Assert.Equal(5, steps.MaxSteps);
        Assert.Equal(5, steps.Remaining);
        Assert.False(steps.IsExhausted);
        steps.TryNext();
        Assert.Equal(1, steps.Taken);
        Assert.Equal(4, steps.Remaining);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_limit_below_one_is_rejected(int maxSteps)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentStepLimit(maxSteps));
    }

    [Fact]
    public void A_default_limit_allows_no_steps()
    {
        AgentStepLimit steps = default;
        Assert.True(steps.IsExhausted);
        Assert.False(steps.TryNext());
    }
}
