using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AgentRules.Tests.Infrastructure;

/// <summary>The outcome of one generator run.</summary>
public sealed record GeneratorRun(
    GeneratorDriver Driver,
    Compilation InputCompilation,
    Compilation OutputCompilation,
    GeneratorDriverRunResult Result)
{
    /// <summary>Generated files by hint name.</summary>
    public ImmutableDictionary<string, string> GeneratedSources =>
        Result.Results.SelectMany(r => r.GeneratedSources).ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>Diagnostics the generator reported.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;
}

/// <summary>
/// Runs an incremental generator over a test project with step tracking on, and checks what every generator here
/// must guarantee: its output compiles without warnings, its steps are cached across unrelated edits, its models
/// hold no symbols, syntax or compilations, and its output is deterministic.
/// </summary>
public class GeneratorTest<TGenerator> : TestProject
    where TGenerator : IIncrementalGenerator, new()
{
    /// <summary>Runs the generator once. The input sources must compile (unless <see cref="TestProject.AllowCompilerErrors"/>) once generated code is added.</summary>
    public async Task<GeneratorRun> RunAsync()
    {
        var project = CreateProject(Sources, AdditionalFiles);
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        var driver = CreateDriver(project);
        return Run(driver, compilation);
    }

    /// <summary>Runs the generator again on <paramref name="compilation"/>, continuing from an earlier run's driver (its cache).</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new GeneratorRun(driver, compilation, output, driver.GetRunResult());
    }

    public GeneratorDriver CreateDriver(Project project) =>
        CSharpGeneratorDriver.Create(
            new[] { new TGenerator().AsSourceGenerator() },
            project.AnalyzerOptions.AdditionalFiles,
            (CSharpParseOptions)project.ParseOptions!,
            project.AnalyzerOptions.AnalyzerConfigOptionsProvider,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Asserts the generated code opts into nullable analysis, compiles with no errors and no warnings (warning level
    /// 9999), and that the generator reported no unexpected diagnostics.
    /// </summary>
    public static void AssertCompilesWithoutWarnings(GeneratorRun run, params string[] allowedGeneratorDiagnosticIds)
    {
        var unexpected = run.Diagnostics.Where(d => !allowedGeneratorDiagnosticIds.Contains(d.Id)).ToList();
        if (unexpected.Count > 0)
        {
            Assert.Fail("The generator reported diagnostics:" + Environment.NewLine + string.Join(Environment.NewLine, unexpected.Select(AnalyzerRunner.Format)));
        }

        // Roslyn turns nullable analysis off in generated files that do not opt in, which would hide exactly the
        // warnings this check exists for (and makes '?' annotations warn in users' builds).
        var notOptedIn = run.Result.GeneratedTrees.Where(t => !t.GetText().ToString().Contains("#nullable enable", StringComparison.Ordinal)).ToList();
        if (notOptedIn.Count > 0)
        {
            Assert.Fail("Generated files must enable nullable analysis with '#nullable enable': " + string.Join(", ", notOptedIn.Select(t => System.IO.Path.GetFileName(t.FilePath))));
        }

        var strict = run.OutputCompilation.WithOptions(((CSharpCompilationOptions)run.OutputCompilation.Options)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithWarningLevel(9999)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Default));
        var generatedTrees = run.Result.GeneratedTrees.ToHashSet();
        var problems = strict.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)))
            .ToList();
        if (problems.Count > 0)
        {
            Assert.Fail("The generated code does not compile cleanly:" + Environment.NewLine
                + string.Join(Environment.NewLine, problems.Select(AnalyzerRunner.Format)));
        }
    }

    /// <summary>
    /// Runs the generator, applies <paramref name="unrelatedEdit"/> (by default: adds a file with an unrelated class),
    /// runs it again with the same driver, and asserts every step named in <paramref name="trackingNames"/> ran and
    /// produced only Cached or Unchanged outputs the second time.
    /// </summary>
    public async Task AssertStepsCachedAfterUnrelatedEditAsync(IReadOnlyCollection<string> trackingNames, Func<Compilation, Compilation>? unrelatedEdit = null)
    {
        if (trackingNames.Count == 0)
        {
            throw new ArgumentException("Name the tracked steps to check.", nameof(trackingNames));
        }

        var first = await RunAsync().ConfigureAwait(false);
        var edit = unrelatedEdit ?? (c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Unrelated { internal static class Edited { internal static int Value => 42; } }",
            (CSharpParseOptions)c.SyntaxTrees.First().Options,
            path: Root + "Unrelated.cs")));
        var second = Run(first.Driver, edit(first.InputCompilation));

        var steps = second.Result.Results.Single().TrackedSteps;
        var failures = new List<string>();
        foreach (var name in trackingNames)
        {
            if (!steps.TryGetValue(name, out var runs))
            {
                failures.Add($"step '{name}' did not run (is the tracking name right?)");
                continue;
            }

            foreach (var run in runs)
            {
                foreach (var (_, reason) in run.Outputs)
                {
                    if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                    {
                        failures.Add($"step '{name}' output was {reason} after an unrelated edit");
                    }
                }
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail(string.Join(Environment.NewLine, failures));
        }
    }

    /// <summary>Asserts no tracked step output holds an <see cref="ISymbol"/>, <see cref="SyntaxNode"/>, <see cref="Compilation"/> or <see cref="SemanticModel"/>: such models defeat caching and keep compilations alive.</summary>
    public static void AssertModelsHoldNoCompilerObjects(GeneratorRun run, IReadOnlyCollection<string> trackingNames)
    {
        var steps = run.Result.Results.Single().TrackedSteps;
        var failures = new List<string>();
        foreach (var name in trackingNames)
        {
            if (!steps.TryGetValue(name, out var runs))
            {
                failures.Add($"step '{name}' did not run");
                continue;
            }

            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                FindCompilerObjects(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance), failures, depth: 0);
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail(string.Join(Environment.NewLine, failures.Distinct()));
        }
    }

    /// <summary>Asserts two runs over the same input produce byte-identical sources.</summary>
    public async Task AssertDeterministicAsync()
    {
        var first = (await RunAsync().ConfigureAwait(false)).GeneratedSources;
        var second = (await RunAsync().ConfigureAwait(false)).GeneratedSources;
        Assert.Equal(first.Keys.OrderBy(k => k, StringComparer.Ordinal), second.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var key in first.Keys)
        {
            Assert.Equal(first[key], second[key]);
        }
    }

    private static void FindCompilerObjects(object? value, string path, HashSet<object> visited, List<string> failures, int depth)
    {
        if (value is null || depth > 12 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is SourceText)
        {
            return;
        }

        if (value is ISymbol or SyntaxNode or Compilation or SemanticModel or SyntaxTree or IOperation)
        {
            failures.Add($"{path} holds a {value.GetType().Name}");
            return;
        }

        if (!value.GetType().IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence)
            {
                FindCompilerObjects(item, $"{path}[{i++}]", visited, failures, depth + 1);
            }

            return;
        }

        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                FindCompilerObjects(field.GetValue(value), $"{path}.{field.Name}", visited, failures, depth + 1);
            }
        }
    }
}
