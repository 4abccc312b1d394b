using System;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Generators.Prompts;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Generators;

/// <summary>
/// Every generator on the names real code has: verbatim and keyword identifiers (<c>namespace Contoso.@event</c>),
/// unicode names, nested and generic containing types, and types whose names differ only in case. The generators must
/// not throw (Roslyn drops all of a generator's output when one AddSource throws), hint names must be valid, unique
/// and deterministic, and the generated code must compile without warnings.
/// </summary>
public class GeneratorIdentifierTests
{
    [Fact]
    public async Task Tool_wrappers_for_verbatim_and_keyword_identifiers_compile()
    {
        var test = new GeneratorTest<ToolWrapperGenerator>
        {
            Source = """
                using System.ComponentModel;
                using AgentRules;

                namespace Contoso.@event;

                public partial class @class
                {
                    [AgentTool("lookup"), ReadOnlyTool, Description("Looks up an event.")]
                    public string @default(string @event, int @int = 1) => @event + @int;

                    public partial class @struct
                    {
                        [AgentTool("cancel"), DestructiveTool, EnvironmentScope("Development")]
                        public static void @delete(string @params) { }
                    }
                }
                """,
        };
        var run = await test.RunAsync();

        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run);
        Assert.Equal(["Contoso.event.class.AgentTools.g.cs", "Contoso.event.class.struct.AgentTools.g.cs"], run.GeneratedSources.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("namespace Contoso.@event", run.GeneratedSources["Contoso.event.class.AgentTools.g.cs"], StringComparison.Ordinal);
        await test.AssertDeterministicAsync();
    }

    [Fact]
    public async Task Tool_wrappers_for_unicode_names_in_nested_types_compile()
    {
        var run = await new GeneratorTest<ToolWrapperGenerator>
        {
            Source = """
                using AgentRules;

                namespace Café.Ünïcødé
                {
                    public partial class Outil
                    {
                        public partial class Übersicht
                        {
                            [AgentTool("prüfen"), ReadOnlyTool]
                            public string Prüfen(string wert, string 名前) => wert + 名前;
                        }
                    }
                }
                """,
        }.RunAsync();

        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run);
        Assert.Equal("Café.Ünïcødé.Outil.Übersicht.AgentTools.g.cs", Assert.Single(run.GeneratedSources).Key);
    }

    [Fact]
    public async Task A_generic_containing_type_is_reported_and_the_other_types_still_get_their_wrappers()
    {
        var run = await new GeneratorTest<ToolWrapperGenerator>
        {
            Source = """
                using AgentRules;

                namespace Shop;

                public partial class Box<T>
                {
                    public partial class Lid
                    {
                        [AgentTool("open"), ReadOnlyTool]
                        public string Open(string name) => name;
                    }
                }

                public partial class Counter
                {
                    [AgentTool("count"), ReadOnlyTool]
                    public int Count(string name) => name.Length;
                }
                """,
        }.RunAsync();

        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run, "AGR0102");
        Assert.Contains(run.Diagnostics, d => d.Id == "AGR0102");
        Assert.Equal("Shop.Counter.AgentTools.g.cs", Assert.Single(run.GeneratedSources).Key);
    }

    [Fact]
    public async Task Types_whose_names_differ_only_in_case_get_distinct_deterministic_hint_names()
    {
        // Roslyn compares hint names ignoring case: two files 'Shop.Tools' and 'Shop.TOOLS' would make AddSource throw.
        var test = new GeneratorTest<ToolWrapperGenerator>
        {
            Source = """
                using AgentRules;

                namespace Shop;

                public partial class Tools
                {
                    [AgentTool("count"), ReadOnlyTool]
                    public int Count(string name) => name.Length;
                }

                public partial class TOOLS
                {
                    [AgentTool("shout"), ReadOnlyTool]
                    public string Shout(string name) => name.ToUpperInvariant();
                }

                public partial class Other
                {
                    [AgentTool("other"), ReadOnlyTool]
                    public string Echo(string name) => name;
                }
                """,
        };
        var run = await test.RunAsync();

        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run);
        var names = run.GeneratedSources.Keys.ToList();
        Assert.Equal(3, names.Count);
        Assert.Equal(3, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("Shop.Other.AgentTools.g.cs", names); // names that do not clash stay readable
        Assert.All(names, name => Assert.EndsWith(".AgentTools.g.cs", name, StringComparison.Ordinal));
        Assert.Equal(names.Order(StringComparer.Ordinal), (await test.RunAsync()).GeneratedSources.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Contoso.event")]
    [InlineData("Contoso.@event")]
    public async Task Prompt_registry_in_a_root_namespace_with_a_keyword_compiles(string rootNamespace)
    {
        var test = new GeneratorTest<PromptRegistryGenerator>
        {
            Source = """
                using AgentRules;

                namespace Contoso.@event;

                public static class @class
                {
                    [Prompt("café.begrüßung", Version = 2)]
                    public const string @default = "Begrüße den Gast.";

                    public static class Inner
                    {
                        [Prompt("event.class")]
                        public const string @event = "Describe the event.";
                    }
                }
                """,
            GlobalConfig = "build_property.RootNamespace = " + rootNamespace + "\n",
        };
        var run = await test.RunAsync();

        GeneratorTest<PromptRegistryGenerator>.AssertCompilesWithoutWarnings(run);
        var source = run.GeneratedSources["AgentPrompts.g.cs"];
        Assert.Contains("namespace Contoso.@event", source, StringComparison.Ordinal);
        Assert.Contains("CaféBegrüßung", source, StringComparison.Ordinal);
        Assert.Contains("EventClass", source, StringComparison.Ordinal);
        await test.AssertDeterministicAsync();
    }

    [Theory]
    [InlineData("Contoso.event")]
    [InlineData("Contoso.@event")]
    public async Task Process_spec_for_verbatim_unicode_and_nested_names_compiles(string rootNamespace)
    {
        var test = new GeneratorTest<ProcessSpecGenerator>
        {
            Source = """
                using System.ComponentModel;
                using ModelContextProtocol.Server;

                namespace Contoso.@event;

                [McpServerToolType]
                public sealed class @class
                {
                    [McpServerTool(Name = "drop_table", Destructive = true), Description("Drops a table.")]
                    public string @delete(string @table) => @table;

                    [McpServerToolType]
                    public static class Übersicht
                    {
                        [McpServerTool(Name = "prüfen", ReadOnly = true), Description("Prüft.")]
                        public static string Prüfen(string 名前) => 名前;
                    }
                }
                """,
            GlobalConfig = "build_property.RootNamespace = " + rootNamespace + "\n",
        };
        var run = await test.RunAsync();

        GeneratorTest<ProcessSpecGenerator>.AssertCompilesWithoutWarnings(run);
        var source = Assert.Single(run.GeneratedSources).Value;
        Assert.Contains("namespace Contoso.@event;", source, StringComparison.Ordinal);
        Assert.Contains("prüfen", source, StringComparison.Ordinal);
        await test.AssertDeterministicAsync();
    }
}
