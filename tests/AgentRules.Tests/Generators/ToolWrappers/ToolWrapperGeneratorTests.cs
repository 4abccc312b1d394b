using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Generators.ToolWrappers;

/// <summary>What the tool wrapper generator emits, and the incremental-generator guarantees.</summary>
public class ToolWrapperGeneratorTests
{
    internal const string SupportTools = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.Threading;
        using System.Threading.Tasks;
        using AgentRules;

        namespace Support.Agent;

        public enum Priority { Low, Normal, Urgent }

        public sealed record Address(string Street, [property: Description("The city name.")] string City, string? Zip = null);

        /// <summary>Customer and order tools for the support agent.</summary>
        public sealed partial class SupportTools
        {
            [AgentTool("get_customer"), AgentRules.ReadOnlyTool, Description("Looks up a customer by id.")]
            public string GetCustomer([Description("The customer id.")] int customerId) => "Ada <ada@example.com>";

            /// <summary>Lists the orders of a customer.</summary>
            /// <param name="customerId">The customer id.</param>
            /// <param name="limit">How many orders to return.</param>
            [AgentTool("list_orders"), AgentRules.ReadOnlyTool]
            public Task<IReadOnlyList<string>> ListOrdersAsync(int customerId, int limit = 10, CancellationToken cancellationToken = default) =>
                Task.FromResult<IReadOnlyList<string>>(new[] { "#100" });

            [AgentTool("refund_order"), DestructiveTool, EnvironmentScope("Development", "Staging"), RequiresApproval, ToolBudget(MaxCalls = 3, Cost = 5)]
            [Description("Refunds an order in full.")]
            public void RefundOrder(long orderId, decimal amount, string? reason, Priority priority = Priority.Normal) { }

            [AgentTool, AgentRules.ReadOnlyTool]
            public static bool IsOpen(DateTimeOffset at, Guid? tenant, double[] scores, List<Address> addresses, Address? primary) => true;
        }
        """;

    private static readonly string[] Steps = [.. TrackingNames.All];

    private static GeneratorTest<ToolWrapperGenerator> Test(string source) => new() { Source = source };

    [Fact]
    public async Task Generated_code_compiles_without_warnings_with_nullable_enabled()
    {
        var run = await Test(SupportTools).RunAsync();

        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run);
        var source = Assert.Single(run.GeneratedSources).Value;
        Assert.Contains("public global::AgentRules.ToolCallResult<string> GetCustomerGuarded(global::AgentRules.ToolGuard guard, int customerId)", source, StringComparison.Ordinal);
        Assert.Contains("public async global::System.Threading.Tasks.Task<global::AgentRules.ToolCallResult<global::System.Collections.Generic.IReadOnlyList<string>>> ListOrdersGuardedAsync(global::AgentRules.ToolGuard guard, int customerId, int limit = 10, global::System.Threading.CancellationToken cancellationToken = default)", source, StringComparison.Ordinal);
        Assert.Contains("global::Support.Agent.Priority priority = global::Support.Agent.Priority.Normal", source, StringComparison.Ordinal);
        Assert.Contains("public static global::System.Collections.Generic.List<global::Microsoft.Extensions.AI.AITool> CreateAIFunctions(global::Support.Agent.SupportTools instance, global::AgentRules.ToolGuard guard)", source, StringComparison.Ordinal);
        Assert.Contains("new global::Microsoft.Extensions.AI.ApprovalRequiredAIFunction(new RefundOrderAIFunction(instance, guard))", source, StringComparison.Ordinal);
        Assert.Contains("\"u8);", source, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Reflection", source, StringComparison.Ordinal);
        Assert.DoesNotContain("JsonSerializer", source, StringComparison.Ordinal);

        // A synchronous tool: the fast path, then the traced or refused path in its own method (so the wrapper has
        // no exception handler); an asynchronous one keeps both in its state machine.
        Assert.Contains("""
                        if (guard.TryAdmit(AgentToolDescriptors.GetCustomer, __hash))
                        {
                            return new global::AgentRules.ToolCallResult<string>(this.GetCustomer(customerId));
                        }

                        return __GetCustomerGuardedTraced(guard, __hash, customerId);
            """.Replace("\r\n", "\n", StringComparison.Ordinal), source, StringComparison.Ordinal);
        Assert.Contains("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]\n        private global::AgentRules.ToolCallResult<string> __GetCustomerGuardedTraced(global::AgentRules.ToolGuard guard, ulong __hash, int customerId)", source, StringComparison.Ordinal);
        Assert.Contains("return new global::AgentRules.ToolCallResult<global::System.Collections.Generic.IReadOnlyList<string>>(await this.ListOrdersAsync(customerId, limit, cancellationToken).ConfigureAwait(false));", source, StringComparison.Ordinal);
        Assert.DoesNotContain("__ListOrdersGuardedTraced", source, StringComparison.Ordinal);
        Assert.Contains("return InvokeTraced(__hash, __p0, cancellationToken);", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_step_is_cached_after_an_unrelated_edit()
    {
        await Test(SupportTools).AssertStepsCachedAfterUnrelatedEditAsync(Steps);
    }

    [Fact]
    public async Task Models_hold_no_compiler_objects()
    {
        var run = await Test(SupportTools).RunAsync();
        GeneratorTest<ToolWrapperGenerator>.AssertModelsHoldNoCompilerObjects(run, Steps);
    }

    [Fact]
    public async Task Output_is_deterministic()
    {
        await Test(SupportTools).AssertDeterministicAsync();
    }

    [Fact]
    public async Task Editing_one_tool_type_regenerates_only_that_type()
    {
        var test = new GeneratorTest<ToolWrapperGenerator>();
        test.Sources.Add(SupportTools);
        test.Sources.Add("""
            namespace Other;
            public partial class Clock
            {
                [AgentRules.AgentTool, AgentRules.ReadOnlyTool]
                public static string Now() => "noon";
            }
            """);
        var first = await test.RunAsync();
        var tree = first.InputCompilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("Test1.cs", StringComparison.Ordinal));
        var edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(tree.GetText().ToString().Replace("\"noon\"", "\"midnight\"", StringComparison.Ordinal)));
        var second = GeneratorTest<ToolWrapperGenerator>.Run(first.Driver, first.InputCompilation.ReplaceSyntaxTree(tree, edited));

        var output = second.Result.Results.Single().TrackedSteps[TrackingNames.Output];
        Assert.All(output.SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public async Task Without_Microsoft_Extensions_AI_only_descriptors_and_guarded_invokers_are_generated()
    {
        var test = Test("""
            using AgentRules;
            namespace Plain;
            public partial class Tools
            {
                [AgentTool("echo"), ReadOnlyTool]
                public string Echo(string text, System.IO.Stream unsupported) => text;
            }
            """);
        test.References = TestReferences.Net.Add(TestReferences.AgentRules);
        var run = await test.RunAsync();

        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run); // no AGR0101 either: nothing to bind
        var source = Assert.Single(run.GeneratedSources).Value;
        Assert.Contains("EchoGuarded(global::AgentRules.ToolGuard guard, string text, global::System.IO.Stream unsupported)", source, StringComparison.Ordinal);
        Assert.DoesNotContain("AIFunction", source, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Text.Json", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_struct_static_global_and_keyword_cases_compile()
    {
        var run = await Test("""
            using AgentRules;

            public static partial class GlobalTools
            {
                [AgentTool, ReadOnlyTool] public static int Twice(int @class, string @event) => @class * 2;
                [AgentTool, ReadOnlyTool] public static int Count(params string[] tags) => tags.Length;
            }

            namespace Deep.Ns
            {
                public partial class Outer
                {
                    internal partial struct Inner
                    {
                        [AgentTool("inner_tool"), ReadOnlyTool] internal string Hello(string guard, int toolGuard) => guard;
                    }

                    public partial record Settings(int Level)
                    {
                        [AgentTool, ReadOnlyTool] public int Current() => Level;
                        [AgentTool("find_by_id"), ReadOnlyTool] public int Find(int id) => id;
                        [AgentTool("find_by_name"), ReadOnlyTool] public int Find(string name) => name.Length;
                    }
                }
            }
            """).RunAsync();

        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run);
        Assert.Equal(["Deep.Ns.Outer.Inner.AgentTools.g.cs", "Deep.Ns.Outer.Settings.AgentTools.g.cs", "GlobalTools.AgentTools.g.cs"], run.GeneratedSources.Keys.OrderBy(k => k, StringComparer.Ordinal));
        var settings = run.GeneratedSources["Deep.Ns.Outer.Settings.AgentTools.g.cs"];
        Assert.Contains("Find_2 = new global::AgentRules.ToolDescriptor(", settings, StringComparison.Ordinal);
        Assert.Contains("FindGuarded(global::AgentRules.ToolGuard guard, string name)", settings, StringComparison.Ordinal);
        Assert.Contains("internal string Hello", run.OutputCompilation.SyntaxTrees.First().ToString(), StringComparison.Ordinal);
        Assert.Contains("HelloGuarded(global::AgentRules.ToolGuard __guard, string guard, int toolGuard)", run.GeneratedSources["Deep.Ns.Outer.Inner.AgentTools.g.cs"], StringComparison.Ordinal);
        Assert.Contains("public static global::System.Collections.Generic.List<global::Microsoft.Extensions.AI.AITool> CreateAIFunctions(global::AgentRules.ToolGuard guard)", run.GeneratedSources["GlobalTools.AgentTools.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assembly_environment_scope_applies_to_unscoped_tools_and_type_scope_wins()
    {
        var run = await Test("""
            using AgentRules;
            [assembly: EnvironmentScope("Development")]
            namespace Scoped;
            [EnvironmentScope("Staging")]
            public partial class TypeScoped
            {
                [AgentTool, DestructiveTool, RequiresApproval] public void Drop() { }
            }
            public partial class AssemblyScoped
            {
                [AgentTool, DestructiveTool, RequiresApproval] public void Purge() { }
                [AgentTool, DestructiveTool, RequiresApproval, EnvironmentScope("Development", "Staging")] public void Wipe() { }
            }
            """).RunAsync();

        GeneratorTest<ToolWrapperGenerator>.AssertCompilesWithoutWarnings(run);
        Assert.Contains("environments: new string[] { \"Staging\" }", run.GeneratedSources["Scoped.TypeScoped.AgentTools.g.cs"], StringComparison.Ordinal);
        var assembly = run.GeneratedSources["Scoped.AssemblyScoped.AgentTools.g.cs"];
        Assert.Contains("environments: new string[] { \"Development\" }", assembly, StringComparison.Ordinal);
        Assert.Contains("environments: new string[] { \"Development\", \"Staging\" }", assembly, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptions_fall_back_to_xml_docs_even_without_a_documentation_file()
    {
        const string Source = """
            using AgentRules;
            namespace Docs;
            public partial class Tools
            {
                /// <summary>
                /// Finds a <see cref="System.String"/> by <paramref name="key"/>.
                /// <para>Second paragraph.</para>
                /// </summary>
                /// <param name="key">The lookup <c>key</c>.</param>
                [AgentTool, ReadOnlyTool]
                public string Find(string key) => key;
            }
            """;
        foreach (var mode in new[] { DocumentationMode.Diagnose, DocumentationMode.None })
        {
            var run = RunWith(Source, TestProject.ParseOptions.WithDocumentationMode(mode));
            var source = Assert.Single(run.GeneratedSources).Value;
            Assert.Contains("description: \"Finds a String by key. Second paragraph.\"", source, StringComparison.Ordinal);
            Assert.Contains("\\\"description\\\":\\\"The lookup key.\\\"", source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Before_CSharp_11_the_schema_is_a_string_literal()
    {
        var run = RunWith(SupportTools.Replace("namespace Support.Agent;", "namespace Support.Agent {", StringComparison.Ordinal) + "}", TestProject.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp10));

        Assert.Empty(run.Diagnostics);
        var source = Assert.Single(run.GeneratedSources).Value;
        Assert.DoesNotContain("\"u8", source, StringComparison.Ordinal);
        Assert.Contains("ParseSchema(string json)", source, StringComparison.Ordinal);
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.Contains("AgentTools", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void Parser_lists_every_tool_of_a_compilation_for_other_generators()
    {
        var compilation = CSharpCompilation.Create("Spec", [CSharpSyntaxTree.ParseText(SupportTools, TestProject.ParseOptions, path: "SupportTools.cs")], TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var tools = ToolWrapperGenerator.Parser.FindAll(compilation, CancellationToken.None);

        Assert.Equal(["get_customer", "list_orders", "refund_order", "IsOpen"], tools.Select(t => t.Name));
        var refund = tools[2];
        Assert.Equal(("RefundOrder", "global::Support.Agent.SupportTools", "M:Support.Agent.SupportTools.RefundOrder(System.Int64,System.Decimal,System.String,Support.Agent.Priority)"), (refund.MethodName, refund.ContainingTypeName, refund.DocumentationId));
        Assert.Equal(("Refunds an order in full.", DeclaredToolEffect.Destructive, EnvironmentScopeSource.Method, true, 3, 5), (refund.Description, refund.Effect, refund.ScopeSource, refund.RequiresApproval, refund.MaxCalls, refund.Cost));
        Assert.Equal(["Development", "Staging"], refund.Environments);
        Assert.Equal(["orderId", "amount", "reason", "priority"], refund.Parameters.Select(p => p.Name));
        Assert.Equal([ToolValueKind.Int64, ToolValueKind.Decimal, ToolValueKind.String, ToolValueKind.Enum], refund.Parameters.Select(p => p.Type.Kind));
        Assert.True(refund.Parameters[2].Type.IsNullable);
        Assert.Equal(["Low", "Normal", "Urgent"], refund.Parameters[3].Type.EnumNames);
        Assert.False(refund.Parameters[3].IsRequired);
        Assert.Equal(ToolReturnKind.Void, refund.ReturnKind);

        var list = tools[1];
        Assert.Equal("Lists the orders of a customer.", list.Description);
        Assert.Equal("How many orders to return.", list.Parameters[1].Description);
        Assert.Equal(ToolParameterRole.CancellationToken, list.Parameters[2].Role);
        Assert.Equal((ToolReturnKind.TaskOfT, "global::System.Collections.Generic.IReadOnlyList<string>"), (list.ReturnKind, list.ResultTypeName));

        var open = tools[3];
        Assert.True(open.IsStatic);
        Assert.Equal(ToolValueKind.Record, open.Parameters[4].Type.Kind);
        Assert.Equal(["street", "city", "zip"], open.Parameters[4].Type.Members.Select(m => m.JsonName));
        Assert.Equal("The city name.", open.Parameters[4].Type.Members[1].Description);
        Assert.Equal(ToolCollectionShape.List, open.Parameters[3].Type.Collection);
        Assert.True(open.SupportsAIFunction);
        Assert.Equal(DeclaredToolEffect.Unspecified, ToolWrapperGenerator.Parser.FindAll(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("partial class X { [AgentRules.AgentTool] void Y() { } }", TestProject.ParseOptions)), CancellationToken.None).Last().Effect);
    }

    internal static GeneratorRun RunWith(string source, CSharpParseOptions parseOptions)
    {
        var compilation = CSharpCompilation.Create(
            "TestProject",
            [CSharpSyntaxTree.ParseText(source, parseOptions, path: TestProject.SourcePath(0))],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ToolWrapperGenerator().AsSourceGenerator()], parseOptions: parseOptions);
        return GeneratorTest<ToolWrapperGenerator>.Run(driver, compilation);
    }
}
