using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using AgentRules.Analyzers.Recognition.Tools;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

/// <summary>
/// In the IDE every keystroke is a new compilation that shares all but the edited tree with the previous one. The tool
/// rules carry which files declare a method that a factory registers from one compilation to the next when the changed
/// trees cannot change it, so an edit in a file with no tool binds no registration. These tests edit successive
/// compilations — an unrelated file, the file that declares a registered method, the registration file, a file that
/// calls the app's own registration helper — and check after each edit, the edited document first as the IDE asks,
/// that the tools and diagnostics are those of the same sources parsed afresh, and that the answer was reused only
/// when the edit could not change it.
/// </summary>
[Collection(ToolRegistrationCacheCollection.Name)] // the cache is process-wide: other tests' compilations must not evict it mid-test
public class ToolRegistrationEditTests
{
    private const string RegistrationFile = """
        using System;
        using System.Collections.Generic;
        using Microsoft.Extensions.AI;

        namespace Shop;

        public static class ToolList
        {
            public static IList<AITool> Create() => [AIFunctionFactory.Create(Maintenance.PurgeOrders)];

            public static AITool Tool(Delegate implementation) => AIFunctionFactory.Create(implementation);
        }
        """;

    private const string DeclaringFile = """
        using System.IO;

        namespace Shop;

        public static class Maintenance
        {
            public static void PurgeOrders(string folder)
            {
                Directory.Delete(folder, true);
            }

            public static int CountOrders(string folder)
            {
                return Directory.GetFiles(folder).Length;
            }

            public static void ArchiveOrders(string folder)
            {
                File.Delete(Path.Combine(folder, "orders.db"));
            }
        }
        """;

    private const string UnrelatedFile = """
        namespace Shop;

        public static class Numbers
        {
            public static int Twice(int value)
            {
                return value * 2;
            }
        }
        """;

    private const string HelperCallerFile = """
        using System.Collections.Generic;

        namespace Shop;

        public static class MoreTools
        {
            public static object[] Build() => [ToolList.Tool(Maintenance.CountOrders)];
        }
        """;

    [Fact]
    public async Task Each_edit_gives_the_tools_of_a_fresh_compilation_and_reuses_the_registrations_only_when_they_cannot_change()
    {
        var test = new TestProject();
        test.Sources.Add(RegistrationFile);
        test.Sources.Add(DeclaringFile);
        test.Sources.Add(UnrelatedFile);
        test.Sources.Add(HelperCallerFile);
        var project = test.CreateProject(test.Sources, test.AdditionalFiles);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var registrations = compilation.SyntaxTrees.ElementAt(0);
        var declaring = compilation.SyntaxTrees.ElementAt(1);
        var unrelated = compilation.SyntaxTrees.ElementAt(2);
        var helperCaller = compilation.SyntaxTrees.ElementAt(3);

        // The first compilation: PurgeOrders (registered directly) and CountOrders (through the helper) are tools,
        // declared in a file that spells no tool API; ArchiveOrders is not registered.
        var (tools, _) = await AnalyseAsync(compilation, unrelated);
        Assert.Equal(new[] { "Test1.cs: PurgeOrders Destructive", "Test1.cs: CountOrders ReadOnly" }, tools);

        // A keystroke in a body of the unrelated file: reused, and the file holds no tool.
        compilation = Edit(compilation, ref unrelated, "value * 2", "value  * 2");
        (tools, var reused) = await AnalyseAsync(compilation, unrelated);
        Assert.True(reused);
        Assert.Equal(new[] { "Test1.cs: PurgeOrders Destructive", "Test1.cs: CountOrders ReadOnly" }, tools);

        // A body of the declaring file: its declarations are the same, so it still declares the registered methods.
        compilation = Edit(compilation, ref declaring, "return Directory.GetFiles(folder).Length;", "return Directory.GetFiles(folder).Length + 0;");
        (tools, reused) = await AnalyseAsync(compilation, declaring);
        Assert.True(reused);
        Assert.Equal(new[] { "Test1.cs: PurgeOrders Destructive", "Test1.cs: CountOrders ReadOnly" }, tools);

        // A declaration of the declaring file changes (a parameter renamed): recomputed.
        compilation = Edit(compilation, ref declaring, "ArchiveOrders(string folder)\n    {\n        File.Delete(Path.Combine(folder,", "ArchiveOrders(string directory)\n    {\n        File.Delete(Path.Combine(directory,");
        (tools, reused) = await AnalyseAsync(compilation, declaring);
        Assert.False(reused);
        Assert.Equal(new[] { "Test1.cs: PurgeOrders Destructive", "Test1.cs: CountOrders ReadOnly" }, tools);

        // The registration file registers ArchiveOrders instead of PurgeOrders: recomputed (it spells a factory).
        compilation = Edit(compilation, ref registrations, "AIFunctionFactory.Create(Maintenance.PurgeOrders)", "AIFunctionFactory.Create(Maintenance.ArchiveOrders)");
        (tools, reused) = await AnalyseAsync(compilation, unrelated);
        Assert.False(reused);
        Assert.Equal(new[] { "Test1.cs: CountOrders ReadOnly", "Test1.cs: ArchiveOrders Destructive" }, tools);

        // The helper's caller, a file that spells no factory, now forwards a method of the unrelated file, which is not
        // edited but now declares a tool: recomputed (the caller spells the helper's name), and the tool is found.
        compilation = Edit(compilation, ref helperCaller, "ToolList.Tool(Maintenance.CountOrders)", "ToolList.Tool(Numbers.Twice)");
        (tools, reused) = await AnalyseAsync(compilation, unrelated);
        Assert.False(reused);
        Assert.Equal(new[] { "Test1.cs: ArchiveOrders Destructive", "Test2.cs: Twice Unknown" }, tools);

        // A new file with a method of a registered name, and then a keystroke in the unrelated file again.
        compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Shop.Other;\n\npublic static class Maintenance\n{\n    public static void PurgeOrders(string folder) => System.IO.Directory.Delete(folder, true);\n}\n",
            (CSharpParseOptions)unrelated.Options,
            TestProject.SourcePath(4)));
        (tools, reused) = await AnalyseAsync(compilation, compilation.SyntaxTrees.Last());
        Assert.False(reused);
        Assert.Equal(new[] { "Test1.cs: ArchiveOrders Destructive", "Test2.cs: Twice Unknown" }, tools);

        // A keystroke in a body of the unrelated file, which declares a registered method now: reused, still a tool.
        compilation = Edit(compilation, ref unrelated, "value  * 2", "value * 2");
        (tools, reused) = await AnalyseAsync(compilation, unrelated);
        Assert.True(reused);
        Assert.Equal(new[] { "Test1.cs: ArchiveOrders Destructive", "Test2.cs: Twice Unknown" }, tools);
    }

    [Fact]
    public void Declarations_compare_equal_across_body_edits_only()
    {
        var before = CSharpSyntaxTree.ParseText(DeclaringFile);
        Assert.True(ToolRegistrationCacheProbe.SameDeclarations(before, CSharpSyntaxTree.ParseText(DeclaringFile.Replace("Directory.Delete(folder, true);", "Directory.Delete(folder, recursive: false); // edited"))));
        Assert.True(ToolRegistrationCacheProbe.SameDeclarations(before, CSharpSyntaxTree.ParseText(DeclaringFile.Replace("public static", "public  static"))));
        Assert.False(ToolRegistrationCacheProbe.SameDeclarations(before, CSharpSyntaxTree.ParseText(DeclaringFile.Replace("int CountOrders", "long CountOrders"))));
        Assert.False(ToolRegistrationCacheProbe.SameDeclarations(before, CSharpSyntaxTree.ParseText(DeclaringFile.Replace("return Directory.GetFiles(folder).Length;", "return Directory.GetFiles(folder).Length; } public static void Extra() {"))));
        Assert.False(ToolRegistrationCacheProbe.SameDeclarations(before, CSharpSyntaxTree.ParseText(DeclaringFile.Replace("public static void PurgeOrders", "[System.Obsolete] public static void PurgeOrders"))));
    }

    /// <summary>
    /// The tools of every document (the edited one asked first, as the IDE does), checked against those of the same
    /// sources parsed again, which share no tree with any earlier compilation; and the edited document's diagnostics
    /// from the four tool-safety analyzers, checked the same way.
    /// </summary>
    private static async Task<(string[] Tools, bool Reused)> AnalyseAsync(Compilation compilation, SyntaxTree edited)
    {
        var (tools, reused) = FindTools(compilation, edited);
        var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(tree =>
            CSharpSyntaxTree.ParseText(tree.GetText(), (CSharpParseOptions)tree.Options, tree.FilePath)));
        var freshEdited = fresh.SyntaxTrees.Single(tree => tree.FilePath == edited.FilePath);
        var (expected, freshReused) = FindTools(fresh, freshEdited);
        Assert.False(freshReused);
        Assert.Equal(expected, tools);

        Assert.Equal(await DiagnosticsAsync(fresh, freshEdited), await DiagnosticsAsync(compilation, edited));
        return (tools, reused);
    }

    private static (string[] Tools, bool Reused) FindTools(Compilation compilation, SyntaxTree edited)
    {
        var context = ToolSafetyContext.Create(compilation, options: null)!;
        var tools = context.GetToolsReportedIn(compilation.GetSemanticModel(edited), default).ToList();
        var reused = (bool)typeof(ToolSafetyContext).GetProperty("RegistrationsReused", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(context)!;
        foreach (var tree in compilation.SyntaxTrees.Where(tree => tree != edited))
        {
            tools.AddRange(context.GetToolsReportedIn(compilation.GetSemanticModel(tree), default));
        }

        return (tools
            .OrderBy(tool => tool.Location.SourceTree!.FilePath, System.StringComparer.Ordinal)
            .ThenBy(tool => tool.Location.SourceSpan.Start)
            .Select(tool => $"{System.IO.Path.GetFileName(tool.Location.SourceTree!.FilePath)}: {tool.Name} {tool.Effect.Effect}")
            .ToArray(), reused);
    }

    private static async Task<string[]> DiagnosticsAsync(Compilation compilation, SyntaxTree document)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer(), new AGR0008DestructiveToolWithoutApprovalAnalyzer(), new AGR0005UndeclaredToolEffectAnalyzer(), new AGR0007ReadOnlyToolWritesAnalyzer());
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(document), null, default);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, System.StringComparer.Ordinal).Select(AnalyzerRunner.Format).ToArray();
    }

    private static Compilation Edit(Compilation compilation, ref SyntaxTree tree, string find, string replace)
    {
        var text = tree.GetText();
        var start = text.ToString().IndexOf(find, System.StringComparison.Ordinal);
        Assert.True(start >= 0, find);
        var edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(start, find.Length), replace)));
        var result = compilation.ReplaceSyntaxTree(tree, edited);
        tree = edited;
        return result;
    }

    /// <summary>The cache's declaration comparison, reached by reflection (it is internal to the analyzers).</summary>
    private static class ToolRegistrationCacheProbe
    {
        public static bool SameDeclarations(SyntaxTree before, SyntaxTree after) =>
            (bool)typeof(ToolSafetyContext).Assembly.GetType("AgentRules.Analyzers.Recognition.Tools.ToolRegistrationCache")!
                .GetMethod("SameDeclarations", BindingFlags.NonPublic | BindingFlags.Static)!
                .Invoke(null, new object[] { before, after, default(System.Threading.CancellationToken) })!;
    }
}

/// <summary>Tests that observe the tool rules' process-wide registration cache run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ToolRegistrationCacheCollection
{
    public const string Name = "Tool rules' registration cache";
}
