using System;
using System.Threading.Tasks;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Generators.ProcessSpec;

/// <summary>
/// The generator's tracked steps, by the names in <see cref="TrackingNames"/>: values only, and an edit that changes
/// nothing the spec describes leaves every step's output equal, so the source output does not run again.
/// </summary>
public class ProcessSpecTrackingTests
{
    private const string McpTools = """
        using System.ComponentModel;
        using ModelContextProtocol.Server;

        namespace Contoso.Agent;

        [McpServerToolType]
        public sealed class AdminTools
        {
            [McpServerTool(Name = "drop_table", Destructive = true), Description("Drops a table.")]
            public string DropTable(string table) => table;
        }
        """;

    private static GeneratorTest<ProcessSpecGenerator> Test() => new()
    {
        Source = McpTools,
        GlobalConfig = SpecSettings.EmbedProperty + " = true\nbuild_property.RootNamespace = Contoso.Agent\n",
    };

    [Fact]
    public async Task Every_tracked_step_holds_values_only()
    {
        var run = await Test().RunAsync();

        Assert.Contains("drop_table", Assert.Single(run.GeneratedSources).Value, StringComparison.Ordinal);
        GeneratorTest<ProcessSpecGenerator>.AssertModelsHoldNoCompilerObjects(run, TrackingNames.All);
    }

    [Fact]
    public async Task An_edit_the_spec_does_not_describe_leaves_every_step_unchanged()
    {
        await Test().AssertStepsCachedAfterUnrelatedEditAsync(TrackingNames.All);
    }
}
