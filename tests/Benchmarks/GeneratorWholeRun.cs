using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Benchmarks;

/// <summary>
/// What AgentRules' generators and the spec analyzer cost in a full (command-line) build of a real project, measured
/// in this process: the project's own <c>csc</c> arguments (sources, references, parse options, .editorconfig files)
/// are read from <c>csc.args</c> in its directory, one argument per line (copied from a <c>-v:d</c> build log), and
/// each round parses the sources afresh (a new build has new trees), runs the three generators in one driver as the
/// compiler does (<c>GetTimingInfo</c> per generator; with <c>--steps</c>, Roslyn's step tracking per step), then the
/// AgentRules analyzers with the spec analyzer over the compilation with the generated sources (their own execution
/// time). With a baseline directory (another build's AgentRules.Generators.dll and AgentRules.Analyzers.dll), both
/// sets run in every round, alternately, each in a load context of its own, and the generated sources and the spec
/// are compared byte for byte.
/// </summary>
internal static class GeneratorWholeRun
{
    /// <summary>Analyzers run concurrently, as the compiler runs them (AGENTRULES_BENCH_SERIAL=1: one at a time).</summary>
    private static readonly bool Concurrent = Environment.GetEnvironmentVariable("AGENTRULES_BENCH_SERIAL") != "1";

    public static async Task RunAsync(string projectDirectory, int rounds, string currentDirectory, string? baselineDirectory, bool steps, TextWriter output)
    {
        var arguments = File.ReadAllLines(Path.Combine(projectDirectory, "csc.args"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.EndsWith("/csc", StringComparison.Ordinal) && !l.EndsWith("csc.dll", StringComparison.Ordinal))
            .ToArray();
        var parsed = CSharpCommandLineParser.Default.Parse(arguments, projectDirectory, sdkDirectory: null);
        var references = parsed.MetadataReferences
            .Select(r => (MetadataReference)MetadataReference.CreateFromFile(Path.GetFullPath(r.Reference, projectDirectory)))
            .ToList();
        var configs = parsed.AnalyzerConfigPaths
            .Select(p => AnalyzerConfig.Parse(SourceText.From(File.ReadAllText(p)), p))
            .ToImmutableArray();
        var configSet = AnalyzerConfigSet.Create(configs);
        var sources = parsed.SourceFiles.Select(f => f.Path).ToList();
        var options = new ConfigOptionsProvider(configSet, sources);
        output.WriteLine($"{sources.Count} files, {references.Count} references, {configs.Length} config files");

        var sets = new List<Set>();
        if (baselineDirectory is not null)
        {
            sets.Add(new Set("Baseline", baselineDirectory));
        }

        sets.Add(new Set("Current", currentDirectory));
        foreach (var set in sets)
        {
            output.WriteLine($"{set.Name}: {set.Generators.Length} generators, {set.Analyzers.Length} analyzers from {set.Directory}");
        }

        for (var round = 1; round <= rounds; round++)
        {
            foreach (var set in sets)
            {
                var trees = sources.Select(p => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(p), Encoding.UTF8), parsed.ParseOptions, p)).ToList();
                var compilation = CSharpCompilation.Create(parsed.CompilationName ?? "Bench", trees, references, parsed.CompilationOptions);
                GeneratorDriver driver = CSharpGeneratorDriver.Create(
                    set.Generators,
                    ImmutableArray<AdditionalText>.Empty,
                    parsed.ParseOptions,
                    options,
                    new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: steps));
                var cpu = ThreadCpuMilliseconds();
                var watch = Stopwatch.StartNew();
                driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);
                var wall = watch.Elapsed.TotalMilliseconds;
                cpu = ThreadCpuMilliseconds() - cpu;
                var timing = driver.GetTimingInfo();
                var perGenerator = string.Join(", ", timing.GeneratorTimes.Select(t => $"{t.Generator.GetGeneratorType().Name} {t.ElapsedTime.TotalMilliseconds:F1}"));
                var result = driver.GetRunResult();
                set.Generated.Add(Hash(result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName + "\n" + s.SourceText)));
                output.WriteLine($"  round {round} {set.Name,-8} generators {timing.ElapsedTime.TotalMilliseconds,7:F1} ms (wall {wall:F0}, thread CPU {cpu:F0}): {perGenerator}; {result.Results.Sum(r => r.GeneratedSources.Length)} sources ({result.Results.Sum(r => r.GeneratedSources.Sum(g => g.SourceText.Length)):N0} chars), {result.Diagnostics.Length} diagnostics");
                if (steps)
                {
                    foreach (var generator in result.Results)
                    {
                        var bySteps = generator.TrackedSteps
                            .Select(p => (p.Key, Ms: p.Value.Sum(s => s.ElapsedTime.TotalMilliseconds), Runs: p.Value.Length))
                            .Where(p => p.Ms >= 0.05)
                            .OrderByDescending(p => p.Ms);
                        output.WriteLine($"    {generator.Generator.GetGeneratorType().Name}: " + string.Join(", ", bySteps.Select(p => $"{p.Key} {p.Ms:F1} ms/{p.Runs}")));
                    }
                }

                if (Environment.GetEnvironmentVariable("AGENTRULES_BENCH_COMPILE") == "1")
                {
                    // What compiling the generated code costs the compiler: all diagnostics (declarations and every
                    // method body bound) of the compilation with and without the generated sources.
                    var bare = CSharpCompilation.Create(parsed.CompilationName ?? "Bench", trees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), parsed.ParseOptions, t.FilePath)), references, parsed.CompilationOptions);
                    watch.Restart();
                    bare.GetDiagnostics();
                    var without = watch.Elapsed.TotalMilliseconds;
                    var fresh = bare.AddSyntaxTrees(withGenerated.SyntaxTrees.Skip(trees.Count).Select(t => CSharpSyntaxTree.ParseText(t.GetText(), parsed.ParseOptions, t.FilePath)));
                    watch.Restart();
                    fresh.GetDiagnostics();
                    output.WriteLine($"    compiler diagnostics without the generated sources {without:F0} ms, with them (parsed again) {watch.Elapsed.TotalMilliseconds:F0} ms");
                }

                var withAnalyzers = withGenerated.WithAnalyzers(
                    set.Analyzers,
                    new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options), null, concurrentAnalysis: Concurrent, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: true));
                watch.Restart();
                var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
                var analyzersWall = watch.Elapsed.TotalMilliseconds;
                var spec = 0.0;
                var rules = 0.0;
                foreach (var analyzer in set.Analyzers)
                {
                    var ms = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false)).ExecutionTime.TotalMilliseconds;
                    if (analyzer.GetType().Name == "ProcessSpecAnalyzer")
                    {
                        spec += ms;
                    }
                    else
                    {
                        rules += ms;
                    }
                }

                var specDiagnostic = diagnostics.FirstOrDefault(d => d.Id == "AGR0202");
                set.Spec.Add(specDiagnostic is null ? "none" : Hash(specDiagnostic.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "\n" + p.Value)));
                set.GeneratorTimes.Add(timing.ElapsedTime.TotalMilliseconds);
                set.GeneratorCpu.Add(cpu);
                set.SpecTimes.Add(spec);
                output.WriteLine($"    ProcessSpecAnalyzer {spec,6:F1} ms, the rules {rules,6:F0} ms (wall {analyzersWall:F0}); {diagnostics.Count(d => !d.IsSuppressed)} diagnostics; spec {set.Spec[^1]}, generated {set.Generated[^1]}");
            }
        }

        foreach (var set in sets)
        {
            var warm = rounds > 1 ? 1 : 0;
            output.WriteLine($"{set.Name}: generators median {Median(set.GeneratorTimes.Skip(warm))} ms (thread CPU {Median(set.GeneratorCpu.Skip(warm))} ms), ProcessSpecAnalyzer median {Median(set.SpecTimes.Skip(warm))} ms (rounds {warm + 1}–{rounds})");
        }

        if (sets.Count == 2)
        {
            var same = sets[0].Generated.SequenceEqual(sets[1].Generated) && sets[0].Spec.SequenceEqual(sets[1].Spec);
            output.WriteLine(same ? "generated sources and spec: byte-identical between the sets" : "generated sources or spec DIFFER between the sets");
        }
    }

    /// <summary>This thread's CPU time (Linux; 0 elsewhere): less disturbed by other processes than the wall clock.</summary>
    private static double ThreadCpuMilliseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var time = default(TimeSpec);
        return clock_gettime(3 /* CLOCK_THREAD_CPUTIME_ID */, ref time) == 0 ? time.Seconds * 1000.0 + time.Nanoseconds / 1e6 : 0;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, ref TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static string Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? "-" : (sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Hash(IEnumerable<string> parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u0001", parts))))[..12];

    /// <summary>One copy of AgentRules.Generators.dll and AgentRules.Analyzers.dll, in a load context of its own.</summary>
    private sealed class Set
    {
        public Set(string name, string directory)
        {
            Name = name;
            Directory = Path.GetFullPath(directory);
            var context = new DirectoryLoadContext(Directory);
            var types = new[] { "AgentRules.Analyzers.dll", "AgentRules.Generators.dll" }
                .SelectMany(f => context.LoadFromAssemblyPath(Path.Combine(Directory, f)).GetTypes())
                .Where(t => !t.IsAbstract)
                .ToList();
            Generators = types
                .Where(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && t.GetCustomAttribute<GeneratorAttribute>() is not null)
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => ((IIncrementalGenerator)Activator.CreateInstance(t)!).AsSourceGenerator())
                .ToImmutableArray();
            Analyzers = types
                .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is { } a && a.Languages.Contains(LanguageNames.CSharp))
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
        }

        public string Name { get; }

        public string Directory { get; }

        public ImmutableArray<ISourceGenerator> Generators { get; }

        public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

        public List<double> GeneratorTimes { get; } = new();

        public List<double> SpecTimes { get; } = new();

        public List<double> GeneratorCpu { get; } = new();

        public List<string> Generated { get; } = new();

        public List<string> Spec { get; } = new();
    }

    private sealed class DirectoryLoadContext(string directory) : AssemblyLoadContext("agentrules " + directory)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(directory, assemblyName.Name + ".dll");
            return assemblyName.Name!.StartsWith("AgentRules", StringComparison.Ordinal) && File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }

    /// <summary>The project's .editorconfig options, as the compiler gives them to analyzers and generators.</summary>
    private sealed class ConfigOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigSet _set;
        private readonly Dictionary<string, AnalyzerConfigOptions> _byPath = new(StringComparer.Ordinal);

        public ConfigOptionsProvider(AnalyzerConfigSet set, IEnumerable<string> paths)
        {
            _set = set;
            GlobalOptions = new Options(set.GlobalConfigOptions.AnalyzerOptions);
            foreach (var path in paths)
            {
                _byPath[path] = new Options(set.GetOptionsForSourcePath(path).AnalyzerOptions);
            }
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
            _byPath.TryGetValue(tree.FilePath, out var options) ? options : new Options(_set.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(_set.GetOptionsForSourcePath(textFile.Path).AnalyzerOptions);

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);

            public override IEnumerable<string> Keys => values.Keys;
        }
    }
}
