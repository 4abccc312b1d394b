using System;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static AgentRules.Tests.Generators.ToolWrappers.ToolWrapperDiagnosticsTests;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0102 (tool wrapper generator): a generic [AgentTool] method, or one in a generic type.</summary>
public class AGR0102AgentToolIsGenericTests
{
    [Fact]
    public async Task AGR0102_generic_method()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class Store
            {
                [AgentTool, ReadOnlyTool] public T Get<T>(string key) => default!;
            }
            """);

        Assert.Equal(("AGR0102", "Get", "Agent tool 'Get' is generic: a model cannot choose type arguments, so no guarded wrapper or AIFunction is generated for it"), Only(run));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public async Task AGR0102_method_in_a_generic_type()
    {
        var run = await RunAsync("""
            using AgentRules;
            public partial class Repository<TEntity>
            {
                [AgentTool("count"), ReadOnlyTool] public int Count() => 0;
            }
            """);

        Assert.Equal(("AGR0102", "Count", "Agent tool 'count' is generic (its type 'Repository<TEntity>' is generic): a model cannot choose type arguments, so no guarded wrapper or AIFunction is generated for it"), Only(run));
    }
}
