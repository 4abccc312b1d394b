using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

/// <summary>
/// A tool method whose expression body holds only literals, its parameters and operators is not bound by the tool
/// rules (ParameterOnlyBodies): syntax settles what binding would find. These tests state the same tools twice — with
/// such an expression body, and with the same expression returned from a block body, which the rules bind as before —
/// and check that every tool rule says the same about both, on names and descriptions that make the body matter (a
/// destructive name over a placeholder body, arithmetic, computing verbs, declarations, approval).
/// </summary>
public class ParameterOnlyBodyTests
{
    private const string Tools = """
        using System.ComponentModel;
        using AgentRules;
        using ModelContextProtocol.Server;

        namespace Shop;

        [McpServerToolType]
        public class OrderTools
        {
            [McpServerTool, Description("Deletes an order.")]
            public static string DeleteOrder(int orderId) => "deleted " + orderId;

            [McpServerTool(Destructive = true), Description("Refunds an order.")]
            public static decimal Refund(int orderId, decimal amount) => -(amount * 2m);

            [McpServerTool, Description("Adds two numbers.")]
            public static int AddNumbers(int a, int b) => a + b;

            [McpServerTool]
            public static string SendEmail(string to, string subject) => $"sent {subject,10:G} to {to}";

            [McpServerTool, Description("Computes a hash.")]
            public static int ComputeHash(int seed) => (seed * 31) ^ ~seed;

            [McpServerTool(ReadOnly = true), Description("Gets an order.")]
            public static bool GetOrder(int orderId, bool flag) => !flag && orderId > 0 || orderId == -1;

            [McpServerTool, Description("Cannot be undone: removes the cache.")]
            public static string? PurgeCache(string? key) => key ?? "all";

            [AgentTool("archive"), DestructiveTool, RequiresApproval]
            public static string Archive(string name) => name + "-archived";

            [AgentTool("update_status")]
            public static string UpdateStatus(string status) => "DELETE FROM orders WHERE status = " + status;
        }
        """;

    [Fact]
    public async Task Expression_bodies_of_parameters_get_the_diagnostics_of_the_same_bodies_bound()
    {
        var expression = await DiagnosticsAsync(Tools);
        var block = await DiagnosticsAsync(AsBlockBodies(Tools));

        Assert.Equal(block, expression);
        Assert.Contains(expression, d => d.StartsWith("AGR0001", System.StringComparison.Ordinal));
        Assert.Contains(expression, d => d.StartsWith("AGR0005", System.StringComparison.Ordinal));
        Assert.Contains(expression, d => d.StartsWith("AGR0008", System.StringComparison.Ordinal));
    }

    /// <summary>"=> expr;" on each tool method becomes "{ return expr; }" (same lines, so the diagnostics compare by line).</summary>
    private static string AsBlockBodies(string source) =>
        string.Join("\n", source.Split('\n').Select(line =>
            line.Contains(" public static ") && line.Contains(" => ") ? line.Replace(" => ", " { return ").TrimEnd().TrimEnd(';') + "; }" : line));

    private static async Task<string[]> DiagnosticsAsync(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Tools",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), "Tools.cs")],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer(),
            new AGR0005UndeclaredToolEffectAnalyzer(),
            new AGR0007ReadOnlyToolWritesAnalyzer(),
            new AGR0008DestructiveToolWithoutApprovalAnalyzer(),
            new AGR0016ToolControlNotEnforcedAnalyzer());
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics
            .Select(d => $"{d.Id} line {d.Location.GetLineSpan().StartLinePosition.Line}: {d.GetMessage()}")
            .OrderBy(d => d, System.StringComparer.Ordinal)
            .ToArray();
    }
}
