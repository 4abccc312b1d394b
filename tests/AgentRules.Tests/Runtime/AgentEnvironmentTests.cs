using System;
using Xunit;

namespace AgentRules.Tests.Runtime;

[Collection(ProcessStateCollection.Name)]
public sealed class AgentEnvironmentTests : IDisposable
{
    private static readonly string[] Variables = ["AGENTRULES_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT"];
    private readonly string?[] _saved = Array.ConvertAll(Variables, Environment.GetEnvironmentVariable);

    public AgentEnvironmentTests()
    {
        foreach (var variable in Variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        AgentEnvironment.Reset();
    }

    public void Dispose()
    {
        for (var i = 0; i < Variables.Length; i++)
        {
            Environment.SetEnvironmentVariable(Variables[i], _saved[i]);
        }

        AgentEnvironment.Reset();
    }

    [Fact]
    public void Defaults_to_Production_when_nothing_is_configured()
    {
        Assert.Equal("Production", AgentEnvironment.Current);
        Assert.True(AgentEnvironment.IsProduction);
        Assert.False(AgentEnvironment.IsDevelopment);
    }

    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT", "Staging")]
    [InlineData("DOTNET_ENVIRONMENT", "Development")]
    [InlineData("AGENTRULES_ENVIRONMENT", "QA")]
    public void Reads_the_environment_variables(string variable, string value)
    {
        Environment.SetEnvironmentVariable(variable, value);
        Assert.Equal(value, AgentEnvironment.Current);
    }

    [Fact]
    public void AGENTRULES_ENVIRONMENT_wins_over_DOTNET_which_wins_over_ASPNETCORE()
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", "Development");
        Environment.SetEnvironmentVariable("DOTNET_ENVIRONMENT", "Staging");
        Assert.Equal("Staging", AgentEnvironment.Current);

        AgentEnvironment.Reset();
        Environment.SetEnvironmentVariable("AGENTRULES_ENVIRONMENT", "Production");
        Assert.Equal("Production", AgentEnvironment.Current);
    }

    [Fact]
    public void Set_overrides_variables_and_comparisons_ignore_case()
    {
        Environment.SetEnvironmentVariable("DOTNET_ENVIRONMENT", "Development");
        AgentEnvironment.Set("staging");

        Assert.Equal("staging", AgentEnvironment.Current);
        Assert.True(AgentEnvironment.IsStaging);
        Assert.True(AgentEnvironment.Is("STAGING"));
        Assert.True(AgentEnvironment.IsAny("Development", "Staging"));
        Assert.False(AgentEnvironment.IsAny("Development"));
        Assert.Throws<ArgumentException>(() => AgentEnvironment.Set(" "));
    }
}
