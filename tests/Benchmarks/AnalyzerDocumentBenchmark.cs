using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Benchmarks;

/// <summary>
/// What the IDE pays per keystroke for one open document: a one-character edit makes a new compilation, and the
/// analyzers are asked for that document's semantic diagnostics
/// (<c>CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, …)</c>). AgentRules' analyzers and
/// Meziantou.Analyzer's are timed on the same edits, each on its own fresh compilation (so neither inherits the
/// other's binding), alternating. Not BenchmarkDotNet: each measurement needs a new compilation of a large codebase,
/// and the figure of interest is the distribution over documents (median, max), not one method's mean.
/// </summary>
public static class AnalyzerDocumentBenchmark
{
    public static async Task RunAsync(string sourceDirectory, int documents, TextWriter output)
    {
        var references = References();
        var compilation = Load(sourceDirectory, references, output);
        var trees = compilation.SyntaxTrees.ToList();
        var agentRules = AgentRulesAnalyzers();
        var meziantou = MeziantouAnalyzers();
        output.WriteLine($"AgentRules: {agentRules.Length} analyzers; Meziantou.Analyzer: {meziantou.Length} analyzers");

        // Warm both (JIT, the referenced assemblies' symbols), as an IDE that has been open a while is.
        await TimeAsync(compilation, trees[0], agentRules).ConfigureAwait(false);
        await TimeAsync(compilation, trees[0], meziantou).ConfigureAwait(false);

        var step = Math.Max(1, trees.Count / documents);
        var ours = new List<double>();
        var theirs = new List<double>();
        var ourOwn = new List<double>();
        var theirOwn = new List<double>();
        var current = compilation;
        for (var i = 0; i < documents && i * step < trees.Count; i++)
        {
            var index = i * step;
            // Two independent one-character edits of the same document: one fresh compilation per analyzer set.
            var forOurs = Edit(current, index, out var ourTree);
            var forTheirs = Edit(current, index, out var theirTree);
            ours.Add(await TimeAsync(forOurs, ourTree, agentRules).ConfigureAwait(false));
            theirs.Add(await TimeAsync(forTheirs, theirTree, meziantou).ConfigureAwait(false));

            // The analyzers' own share, on two more fresh compilations of the same edit (the log adds a little overhead).
            var ownOurs = Edit(forOurs, index, out var ownOurTree);
            var ownTheirs = Edit(forOurs, index, out var ownTheirTree);
            var (ourTotal, ourPerAnalyzer) = await ExecutionTimeAsync(ownOurs, ownOurTree, agentRules).ConfigureAwait(false);
            var theirTotal = (await ExecutionTimeAsync(ownTheirs, ownTheirTree, meziantou).ConfigureAwait(false)).Total;
            ourOwn.Add(ourTotal);
            theirOwn.Add(theirTotal);

            // Per document, which of AgentRules' analyzers the time went to (the maximum is one document: say which).
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Path.GetFileName(ownOurTree.FilePath)}: AgentRules {ourTotal:F1} ms, Meziantou {theirTotal:F1} ms; ")
                + string.Join(", ", ourPerAnalyzer.Where(p => p.Ms >= 1).OrderByDescending(p => p.Ms).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name.Substring(0, Math.Min(7, p.Name.Length))} {p.Ms:F1}"))));
            current = ownOurs;
        }

        // Where AgentRules' time goes, on one more edit (the analyzers' own execution time, as the compiler logs it).
        var probe = Edit(current, trees.Count / 3, out var probeTree);
        var probeAnalyzers = probe.WithAnalyzers(agentRules, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        await probeAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(probe.GetSemanticModel(probeTree), null, CancellationToken.None).ConfigureAwait(false);
        foreach (var analyzer in agentRules)
        {
            var telemetry = await probeAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
            output.WriteLine($"  {analyzer.GetType().Name}: {telemetry.ExecutionTime.TotalMilliseconds:F1} ms");
        }

        output.WriteLine($"per document, {ours.Count} documents after a one-character edit, wall time including the compiler binding the document (ms):");
        output.WriteLine($"  AgentRules       median {Median(ours),8:F1}  max {ours.Max(),8:F1}  mean {ours.Average(),8:F1}");
        output.WriteLine($"  Meziantou        median {Median(theirs),8:F1}  max {theirs.Max(),8:F1}  mean {theirs.Average(),8:F1}");
        output.WriteLine($"  ratio (AgentRules / Meziantou): median {Median(ours) / Median(theirs):F2}, max {ours.Max() / theirs.Max():F2}");
        output.WriteLine($"per document, the analyzers' own execution time (the compiler's log; binding excluded) (ms):");
        output.WriteLine($"  AgentRules       median {Median(ourOwn),8:F1}  max {ourOwn.Max(),8:F1}  mean {ourOwn.Average(),8:F1}");
        output.WriteLine($"  Meziantou        median {Median(theirOwn),8:F1}  max {theirOwn.Max(),8:F1}  mean {theirOwn.Average(),8:F1}");
        output.WriteLine($"  ratio (AgentRules / Meziantou): median {Median(ourOwn) / Median(theirOwn):F2}, max {ourOwn.Max() / theirOwn.Max():F2}");
    }

    /// <summary>
    /// The analyzers on the whole compilation, as a build runs them: <c>GetAnalyzerDiagnosticsAsync</c> on a compilation
    /// of freshly parsed trees (no per-tree cache warm), AgentRules and Meziantou.Analyzer alternately, each set's
    /// execution time summed from the compiler's log (<c>GetAnalyzerTelemetryInfoAsync</c>), analysis not concurrent.
    /// </summary>
    /// <param name="only">AgentRules analyzers to run, by type name (null: all of them).</param>
    /// <param name="baseline">
    /// Another build of AgentRules.Analyzers.dll (loaded in its own load context) to run alternately with this one, for
    /// before/after comparisons in one process under the same load; null for none.
    /// </param>
    /// <param name="meziantou">Whether to run Meziantou.Analyzer as well.</param>
    public static async Task RunWholeCompilationAsync(string sourceDirectory, int rounds, TextWriter output, IReadOnlyCollection<string>? only = null, string? baseline = null, bool meziantou = true)
    {
        var references = References();
        var agentRules = Only(AgentRulesAnalyzers(), only);
        var sets = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers, List<double> Times)>();
        if (baseline is not null)
        {
            sets.Add(("Baseline", Only(BaselineAnalyzers(baseline), only), new List<double>()));
        }

        sets.Add(("AgentRules", agentRules, new List<double>()));
        if (meziantou)
        {
            sets.Add(("Meziantou", MeziantouAnalyzers(), new List<double>()));
        }

        output.WriteLine(string.Join("; ", sets.Select(s => $"{s.Name}: {s.Analyzers.Length} analyzers")));
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, analyzers, times) in sets)
            {
                var compilation = Load(sourceDirectory, references, round == 0 && times == sets[0].Times ? output : TextWriter.Null);
                var watch = Stopwatch.StartNew();
                var (own, perAnalyzer) = await ExecutionTimeAsync(compilation, null, analyzers).ConfigureAwait(false);
                times.Add(own);
                output.WriteLine($"  round {round + 1} {name,-10} analyzers' execution time {own,9:F0} ms (wall {watch.Elapsed.TotalMilliseconds:F0} ms)");
                if (name != "Meziantou")
                {
                    output.WriteLine("    " + string.Join(", ", perAnalyzer.Where(p => p.Ms >= 1).OrderByDescending(p => p.Ms).Select(p => $"{p.Name} {p.Ms:F0}")));
                }
            }
        }

        var ours = sets.First(s => s.Name == "AgentRules").Times;
        foreach (var (name, _, times) in sets.Where(s => s.Name != "AgentRules"))
        {
            output.WriteLine($"whole compilation, analyzers' execution time: AgentRules median {Median(ours):F0} ms, {name} median {Median(times):F0} ms, ratio {Median(ours) / Median(times):F3}");
        }
    }

    private static ImmutableArray<DiagnosticAnalyzer> Only(ImmutableArray<DiagnosticAnalyzer> analyzers, IReadOnlyCollection<string>? only) =>
        only is null ? analyzers : analyzers.Where(a => only.Contains(a.GetType().Name)).ToImmutableArray();

    /// <summary>The analyzers of another AgentRules.Analyzers.dll, in a load context of its own (same assembly name).</summary>
    private static ImmutableArray<DiagnosticAnalyzer> BaselineAnalyzers(string path)
    {
        var context = new System.Runtime.Loader.AssemblyLoadContext("baseline");
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is { } a && a.Languages.Contains(LanguageNames.CSharp))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
    }

    internal static Compilation Load(string sourceDirectory, IReadOnlyList<MetadataReference> references, TextWriter output)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.Parse);
        var files = Directory.EnumerateFiles(sourceDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f), Encoding.UTF8), parseOptions, f)).ToList();
        var lines = trees.Sum(t => t.GetText().Lines.Count);
        var compilation = CSharpCompilation.Create(
            "Bench",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        output.WriteLine($"{files.Count} files, {lines:N0} lines, {compilation.References.Count()} references, {compilation.GetParseDiagnostics().Length} parse diagnostics");
        return compilation;
    }

    internal static ImmutableArray<DiagnosticAnalyzer> AgentRulesAnalyzers() =>
        typeof(AgentRules.Analyzers.Diagnostics.DiagnosticIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is { } a && a.Languages.Contains(LanguageNames.CSharp))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>
    /// The analyzers' own execution time on a document (or, with a null tree, the whole compilation), as the compiler
    /// logs it, summed over the set; and per analyzer.
    /// </summary>
    private static async Task<(double Total, List<(string Name, double Ms)> PerAnalyzer)> ExecutionTimeAsync(Compilation compilation, SyntaxTree? tree, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        if (tree is null)
        {
            await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None).ConfigureAwait(false);
        }

        var perAnalyzer = new List<(string, double)>();
        var total = 0.0;
        foreach (var analyzer in analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
            total += telemetry.ExecutionTime.TotalMilliseconds;
            perAnalyzer.Add((analyzer.GetType().Name, telemetry.ExecutionTime.TotalMilliseconds));
        }

        return (total, perAnalyzer);
    }

    private static Compilation Edit(Compilation compilation, int index, out SyntaxTree edited)
    {
        var tree = compilation.SyntaxTrees.ElementAt(index);
        var text = tree.GetText();
        // A space after the first '{' of the file's last method-like body: an edit inside a body, as typing is.
        var position = text.ToString().LastIndexOf('{');
        position = position < 0 ? text.Length : position + 1;
        edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(position, 0), " ")));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    private static async Task<double> TimeAsync(Compilation compilation, SyntaxTree tree, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var watch = Stopwatch.StartNew();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var model = compilation.GetSemanticModel(tree);
        await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None).ConfigureAwait(false);
        return watch.Elapsed.TotalMilliseconds;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static ImmutableArray<DiagnosticAnalyzer> MeziantouAnalyzers()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var root = Path.Combine(packages, "meziantou.analyzer", "3.0.341");
        // The build for Roslyn 5.0, the version this process hosts (see the csproj).
        var path = Path.Combine(root, "analyzers", "dotnet", "roslyn5.0", "cs", "Meziantou.Analyzer.dll");
        var reference = new AnalyzerFileReference(path, new Loader());
        return reference.GetAnalyzers(LanguageNames.CSharp);
    }

    internal static List<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        var shared = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var aspnet = shared.Replace("Microsoft.NETCore.App", "Microsoft.AspNetCore.App", StringComparison.Ordinal);
        if (Directory.Exists(aspnet))
        {
            paths.AddRange(Directory.EnumerateFiles(aspnet, "*.dll"));
        }

        // The agent APIs the codebase uses that this process has (MEAI, MCP, AgentRules): the rest stay unresolved,
        // the same for both analyzer sets.
        paths.AddRange(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Where(p => Path.GetFileName(p) is var n
            && (n.StartsWith("ModelContextProtocol", StringComparison.Ordinal) || n.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal) || n == "AgentRules.dll")));
        return paths
            .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToList();
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
