using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using AgentRules.Generators.ProcessSpec;
using AgentRules.Generators.Prompts;
using AgentRules.Generators.ToolWrappers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AgentRules.Benchmarks;

/// <summary>
/// All of AgentRules against the compiler's own work on one codebase (the goal "at most 3% of compile time on the
/// 300k-line codebase"), in process, on fresh compilations of the sources and references <c>--whole</c> uses. Per round:
/// <list type="bullet">
/// <item>the compiler, no analyzers and no generators, two ways, each on its own fresh compilation: as <c>csc</c> runs
/// (parse and declaration diagnostics, then <c>Emit</c> to memory, which binds and lowers every method body once and
/// reports its diagnostics), and as <c>GetDiagnostics()</c> followed by <c>Emit</c> (binds every body twice: the
/// diagnostics pass keeps no bound bodies);</item>
/// <item>AgentRules on another fresh compilation, as a command-line build runs it: its three generators in a
/// <c>CSharpGeneratorDriver</c> (their time from the driver's timing info), then every AgentRules analyzer and the
/// spec analyzer on the compilation with the generated files (their execution time from the compiler's log, as
/// <c>--whole</c>; analysis not concurrent), with the editorconfig options a build gives them
/// (<c>AgentRulesSpecCompute=true</c>: the spec composed by the analyzer).</item>
/// </list>
/// The parts alternate in order from round to round, so a change of load between them does not favour one. Round 1
/// pays the JIT of both; the median is over the later rounds.
/// </summary>
public static class ShareBenchmark
{
    public static async Task RunAsync(string sourceDirectory, int rounds, TextWriter output)
    {
        var references = AnalyzerDocumentBenchmark.References();
        var analyzers = AnalyzerDocumentBenchmark.AgentRulesAnalyzers().Add(new ProcessSpecAnalyzer());
        var options = new BuildOptions(Path.GetFullPath(sourceDirectory));
        output.WriteLine($"AgentRules: {analyzers.Length} analyzers (with the spec analyzer), 3 generators");

        var csc = new List<double>();
        var twice = new List<double>();
        var ours = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var log = round == 1 ? output : TextWriter.Null;
            double cscMs = 0, twiceMs = 0;
            (double Generators, double Analyzers, string Detail) agentRules = default;
            var parts = new List<Func<Task>>
            {
                () =>
                {
                    cscMs = CompileAsCsc(AnalyzerDocumentBenchmark.Load(sourceDirectory, references, log), log, out var detail);
                    output.WriteLine($"  round {round} compiler as csc runs it       {cscMs,9:F0} ms ({detail})");
                    twiceMs = CompileWithDiagnosticsFirst(AnalyzerDocumentBenchmark.Load(sourceDirectory, references, TextWriter.Null), out detail);
                    output.WriteLine($"  round {round} compiler, GetDiagnostics+Emit  {twiceMs,9:F0} ms ({detail})");
                    return Task.CompletedTask;
                },
                async () =>
                {
                    agentRules = await RunAgentRulesAsync(AnalyzerDocumentBenchmark.Load(sourceDirectory, references, TextWriter.Null), analyzers, options).ConfigureAwait(false);
                    output.WriteLine($"  round {round} AgentRules                     {agentRules.Generators + agentRules.Analyzers,9:F0} ms (generators {agentRules.Generators:F0}, analyzers {agentRules.Analyzers:F0}: {agentRules.Detail})");
                },
            };
            if (round % 2 == 0)
            {
                parts.Reverse();
            }

            foreach (var part in parts)
            {
                await part().ConfigureAwait(false);
            }

            var total = agentRules.Generators + agentRules.Analyzers;
            csc.Add(cscMs);
            twice.Add(twiceMs);
            ours.Add(total);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round} share: {100 * total / cscMs:F2}% of the compiler as csc runs it, {100 * total / twiceMs:F2}% of GetDiagnostics+Emit"));
        }

        var warm = rounds > 1 ? 1 : 0;
        var (medianCsc, medianTwice, medianOurs) = (Median(csc.Skip(warm)), Median(twice.Skip(warm)), Median(ours.Skip(warm)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median over rounds {warm + 1}-{rounds}: AgentRules {medianOurs:F0} ms; compiler {medianCsc:F0} ms as csc runs it ({100 * medianOurs / medianCsc:F2}%), {medianTwice:F0} ms with GetDiagnostics+Emit ({100 * medianOurs / medianTwice:F2}%); median of the per-round shares {Median(ours.Zip(csc, (o, c) => 100 * o / c).Skip(warm)):F2}% / {Median(ours.Zip(twice, (o, c) => 100 * o / c).Skip(warm)):F2}%"));
    }

    /// <summary>What <c>csc</c> does after parsing: declaration diagnostics, then Emit (each body bound once).</summary>
    private static double CompileAsCsc(Compilation compilation, TextWriter log, out string detail)
    {
        var watch = Stopwatch.StartNew();
        compilation.GetParseDiagnostics();
        compilation.GetDeclarationDiagnostics();
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var errors = emit.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error); // Emit's include the declaration diagnostics
        detail = $"emit {(emit.Success ? "succeeded" : "failed")}, {errors} errors, {stream.Length / 1024:N0} KB";
        if (!emit.Success)
        {
            log.WriteLine("    the codebase does not compile against these references: Emit stops before writing IL, so the compiler's figure is low. First errors:");
            foreach (var error in emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(3))
            {
                log.WriteLine("      " + error);
            }
        }

        return elapsed;
    }

    private static double CompileWithDiagnosticsFirst(Compilation compilation, out string detail)
    {
        var watch = Stopwatch.StartNew();
        var diagnostics = compilation.GetDiagnostics();
        var diagnosticsMs = watch.Elapsed.TotalMilliseconds;
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        detail = $"GetDiagnostics {diagnosticsMs:F0}, Emit {elapsed - diagnosticsMs:F0}; {diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} errors";
        return elapsed;
    }

    private static async Task<(double Generators, double Analyzers, string Detail)> RunAgentRulesAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, BuildOptions options)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new ToolWrapperGenerator().AsSourceGenerator(), new PromptRegistryGenerator().AsSourceGenerator(), new ProcessSpecGenerator().AsSourceGenerator()],
            ImmutableArray<AdditionalText>.Empty,
            (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);
        var timing = driver.GetTimingInfo();
        var exceptions = driver.GetRunResult().Results.Where(r => r.Exception is not null).Select(r => r.Generator.GetGeneratorType().Name).ToList();

        var withAnalyzers = withGenerated.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
        var perAnalyzer = new List<(string Name, double Ms)>();
        foreach (var analyzer in analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
            perAnalyzer.Add((analyzer.GetType().Name, telemetry.ExecutionTime.TotalMilliseconds));
        }

        var generators = timing.GeneratorTimes.Select(g => (Name: g.Generator.GetGeneratorType().Name, Ms: g.ElapsedTime.TotalMilliseconds)).ToList();
        var thrown = diagnostics.Count(d => d.Id == "AD0001");
        var detail = string.Join(", ", perAnalyzer.Concat(generators).Where(p => p.Ms >= 1).OrderByDescending(p => p.Ms).Select(p => string.Create(CultureInfo.InvariantCulture, $"{Short(p.Name)} {p.Ms:F0}")))
            + (exceptions.Count > 0 ? "; GENERATOR EXCEPTIONS: " + string.Join(", ", exceptions) : string.Empty)
            + (thrown > 0 ? $"; {thrown} AD0001" : string.Empty);
        return (timing.ElapsedTime.TotalMilliseconds, perAnalyzer.Sum(p => p.Ms), detail);
    }

    private static string Short(string name) => name.StartsWith("AGR", StringComparison.Ordinal) ? name[..Math.Min(7, name.Length)] : name;

    private static double Median(IEnumerable<double> values) => AnalyzerDocumentBenchmark.Median(values.ToList());

    /// <summary>The editorconfig options a command-line build with the package gives the analyzers and generators.</summary>
    private sealed class BuildOptions(string projectDirectory) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SpecSettings.ComputeProperty] = "true",
            [SpecSettings.EmbedProperty] = string.Empty,
            [SpecSettings.AlwaysProperty] = string.Empty,
            [SpecSettings.RootNamespaceProperty] = "Bench",
            [SpecSettings.ProjectDirectoryProperty] = projectDirectory.TrimEnd('/') + "/",
        });

        private readonly Options _none = new(new Dictionary<string, string>(StringComparer.Ordinal));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _none;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _none;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);

            public override IEnumerable<string> Keys => values.Keys;
        }
    }
}
