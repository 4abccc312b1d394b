using AgentRules.Benchmarks;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks                    -> everything (short job)
// dotnet run -c Release --project tests/Benchmarks -- --latency       -> kill-switch latency only
// dotnet run -c Release --project tests/Benchmarks -- --full          -> BenchmarkDotNet's default (longer) job
// dotnet run -c Release --project tests/Benchmarks -- --middleware    -> the framework middleware only (short job)
// dotnet run -c Release --project tests/Benchmarks -- --generators    -> generator cost per edit, 1,000 tools (in-process)
// ... -- --in-process                                                 -> no separate benchmark build (loaded machines)
if (Array.IndexOf(args, "--ide") is var ide and >= 0)
{
    // dotnet run -c Release --project tests/Benchmarks -- --ide <source directory> [documents]
    var documents = args.Length > ide + 2 ? int.Parse(args[ide + 2], System.Globalization.CultureInfo.InvariantCulture) : 40;
    await AnalyzerDocumentBenchmark.RunAsync(args[ide + 1], documents, Console.Out);
    return;
}

if (Array.IndexOf(args, "--whole") is var whole and >= 0)
{
    // dotnet run -c Release --project tests/Benchmarks -- --whole <source directory> [rounds]
    //   [--only AGR0002AgentLoopWithoutIterationCapAnalyzer,AGR0004UnversionedPromptAnalyzer] [--baseline <another AgentRules.Analyzers.dll>] [--no-meziantou]
    //   (--only takes type names: a baseline built before issue 16 gave each rule ID its own analyzer has the old ones, e.g. AgentLoopAnalyzer)
    var rounds = args.Length > whole + 2 && !args[whole + 2].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[whole + 2], System.Globalization.CultureInfo.InvariantCulture) : 1;
    string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    await AnalyzerDocumentBenchmark.RunWholeCompilationAsync(
        args[whole + 1],
        rounds,
        Console.Out,
        Option("--only")?.Split(','),
        Option("--baseline"),
        meziantou: !args.Contains("--no-meziantou"));
    return;
}

if (Array.IndexOf(args, "--share") is var share and >= 0)
{
    // dotnet run -c Release --project tests/Benchmarks -- --share <source directory> [rounds]
    //   all of AgentRules (analyzers, spec analyzer, generators) against the compiler's own compile and emit
    var rounds = args.Length > share + 2 ? int.Parse(args[share + 2], System.Globalization.CultureInfo.InvariantCulture) : 3;
    await ShareBenchmark.RunAsync(args[share + 1], rounds, Console.Out);
    return;
}

if (Array.IndexOf(args, "--generators-whole") is var generatorsWhole and >= 0)
{
    // dotnet run -c Release --project tests/Benchmarks -- --generators-whole <project directory with csc.args> [rounds]
    //   [--baseline-generators <directory with another AgentRules.Generators.dll + AgentRules.Analyzers.dll>] [--steps]
    string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    var generatorRounds = args.Length > generatorsWhole + 2 && !args[generatorsWhole + 2].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[generatorsWhole + 2], System.Globalization.CultureInfo.InvariantCulture) : 6;
    var current = Option("--current-generators") ?? Path.GetDirectoryName(typeof(AgentRules.Generators.ToolWrappers.ToolWrapperGenerator).Assembly.Location)!;
    await GeneratorWholeRun.RunAsync(args[generatorsWhole + 1], generatorRounds, current, Option("--baseline-generators"), args.Contains("--steps"), Console.Out);
    return;
}

if (args.Contains("--generator-steps"))
{
    GeneratorEditBenchmarks.PrintStepTimes(edits: 10, Console.Out);
    return;
}

if (args.Contains("--generators"))
{
    // One generator run per iteration (each needs a freshly edited compilation, made in the iteration setup), in this
    // process: the figures are milliseconds, far above what the in-process toolchain adds.
    var generatorJob = Job.Default
        .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance)
        .WithInvocationCount(1).WithUnrollFactor(1)
        .WithWarmupCount(5).WithIterationCount(args.Contains("--full") ? 100 : 30);
    var generatorConfig = DefaultConfig.Instance
        .AddJob(generatorJob.AsDefault())
        .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max)
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);
    BenchmarkRunner.Run<GeneratorEditBenchmarks>(generatorConfig, args.Where(a => a is not ("--generators" or "--full")).ToArray());
    return;
}

if (!args.Contains("--calls-only") && !args.Contains("--middleware"))
{
    KillSwitchLatency.Run(trips: 20_000, Console.Out);
}

if (args.Contains("--latency"))
{
    return;
}

var job = args.Contains("--full")
    ? Job.Default
    : Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10);
if (args.Contains("--in-process"))
{
    // No separate benchmark build (which can time out on a loaded machine): the benchmarks run in this process.
    job = job.WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance);
}

// Median and Min next to Mean: on a small shared machine the minimum is the best estimate of the intrinsic cost.
var config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var rest = args.Where(a => a is not ("--full" or "--calls-only" or "--middleware" or "--in-process")).ToArray();
if (args.Contains("--middleware"))
{
    BenchmarkRunner.Run<MiddlewareBenchmarks>(config, rest);
    return;
}

BenchmarkRunner.Run<ToolCallBenchmarks>(config, rest);
