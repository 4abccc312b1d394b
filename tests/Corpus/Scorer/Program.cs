using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

// Scores the AgentRules analyzers on the development corpus: real public repositories, pinned by commit, whose
// sites are labelled in tests/Corpus/manifest.tsv. Each listed file is compiled together with every .cs file of its
// project directory (the nearest folder with a .csproj), against the real framework packages this program references;
// types the packages do not provide only produce compiler errors, and the analyzers run on what binds. A diagnostic of
// a scored rule in a listed file counts against the labels of that file, line by line:
//   labelled yes + reported = TP, labelled yes + not reported = FN, reported on a line not labelled yes = FP.
//
// --timing also prints each analyzer's execution time summed over the corpus compilations (Roslyn's analyzer
// telemetry, the figure -p:ReportAnalyzer=true prints in a build) next to the time the compiler takes to bind them.
// Tool rules (AGR0001, AGR0005, AGR0007, AGR0008) are scored the same way, at the line where the rule reports a tool:
// a method's name, a lambda's header, an OpenAI chat tool's name argument. --tools lists every tool the engine
// recognises in the listed files with what it concluded, and marks those with no label for any tool rule: a tool
// the labels do not know is either a recognition false alarm or a label to add.
//
// A project listed in tests/Corpus/packages.tsv compiles against the package versions given there instead of (or
// besides) that default set: see PackageSets.cs.
//
// --errors lists the compiler errors in the listed files: what does not bind there (a package the set lacks, an API
// of another version) is invisible to the analyzers.
//
// Usage: dotnet run --project tests/Corpus/Scorer [-- --manifest <tsv>] [--packages <tsv>] [--mirrors <dir>] [--sites] [--tools] [--errors] [--quiet] [--timing]
// The repositories are read from git mirrors (default /work/.mirror/<owner>+<name>/repo); without them the scorer
// says which are missing and exits 0 having scored nothing.

var manifestPath = Path.Combine(FindRepoRoot(), "tests", "Corpus", "manifest.tsv");
var packagesPath = Path.Combine(FindRepoRoot(), "tests", "Corpus", "packages.tsv");
var mirrors = Environment.GetEnvironmentVariable("AGENTRULES_CORPUS_MIRRORS") ?? "/work/.mirror";
var sites = false;
var toolSites = false;
var quiet = false;
var timing = false;
var errors = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--manifest": manifestPath = args[++i]; break;
        case "--mirrors": mirrors = args[++i]; break;
        case "--packages": packagesPath = args[++i]; break;
        case "--sites": sites = true; break;
        case "--tools": toolSites = true; break;
        case "--quiet": quiet = true; break;
        case "--timing": timing = true; break;
        case "--errors": errors = true; break;
        default: Console.Error.WriteLine($"unknown argument '{args[i]}'"); return 2;
    }
}

var labels = Manifest.Read(manifestPath);
var rules = labels.Select(l => l.Rule).Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal).ToArray();
var analyzers = typeof(AgentRules.Analyzers.Diagnostics.DiagnosticIds).Assembly.GetTypes()
    .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
    .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
    .ToImmutableArray();
var references = References.Load();
var packageSets = PackageSets.Read(packagesPath);

var tally = rules.ToDictionary(r => r, _ => new int[3], StringComparer.Ordinal); // TP, FP, FN
var report = new List<string>();
var missing = new List<string>();
var exceptions = new ConcurrentQueue<string>();
var scoredRepos = 0;
var totalTime = Stopwatch.StartNew();
var analyzerTimes = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
var bindTime = TimeSpan.Zero;

foreach (var repo in labels.GroupBy(l => (l.Repo, l.Commit)).OrderBy(g => g.Key.Repo, StringComparer.Ordinal))
{
    var gitDir = Path.Combine(mirrors, repo.Key.Repo.Replace('/', '+'), "repo");
    if (!Directory.Exists(gitDir))
    {
        missing.Add(repo.Key.Repo);
        continue;
    }

    scoredRepos++;
    var tree = Git.ListFiles(gitDir, repo.Key.Commit);
    var files = repo.Select(l => l.Path).Distinct(StringComparer.Ordinal).ToList();
    var actual = new HashSet<(string Path, int Line, string Rule)>();
    var messages = new Dictionary<(string, int, string), string>();
    var loopsByFile = new Dictionary<string, List<(int Line, string Text)>>(StringComparer.Ordinal);

    var projectReferences = new Dictionary<string, MetadataReference?>(StringComparer.Ordinal);
    var repoName = repo.Key.Repo;
    ImmutableArray<MetadataReference> ReferencesFor(string projectDir) => packageSets.ReferencesFor(repoName, projectDir, references);
    foreach (var project in files.GroupBy(f => ProjectDirectory(tree, f)))
    {
        var sources = tree.Where(p => p.EndsWith(".cs", StringComparison.Ordinal) && InProject(tree, project.Key, p)).ToList();
        foreach (var f in project)
        {
            if (!sources.Contains(f, StringComparer.Ordinal))
            {
                sources.Add(f);
            }
        }

        var (compilation, trees) = Compile(gitDir, repo.Key.Commit, tree, project.Key, sources, "Corpus_" + repo.Key.Repo.Replace('/', '_'), ReferencesFor, projectReferences, depth: 0);

        if (errors)
        {
            // What does not bind in the listed files (a package the set lacks, an API of another version): the
            // analyzers see only what binds.
            foreach (var error in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath is { } p && project.Contains(p, StringComparer.Ordinal)))
            {
                Console.WriteLine($"error {repo.Key.Repo}/{error.Location.SourceTree!.FilePath}:{error.Location.GetLineSpan().StartLinePosition.Line + 1}  {error.Id} {error.GetMessage()}");
            }
        }

        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (e, a, _) => exceptions.Enqueue($"{repo.Key.Repo}: {a.GetType().Name} threw {e.GetType().Name}: {e.Message}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: timing);
        if (timing)
        {
            var bind = Stopwatch.StartNew();
            _ = compilation.GetDiagnostics(); // the compiler's own binding of every method body, without analyzers
            bindTime += bind.Elapsed;
            compilation = compilation.Clone(); // analyzers start from a compilation that has bound nothing, as in a build
        }

        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        if (timing)
        {
            foreach (var analyzer in analyzers)
            {
                var name = analyzer.GetType().Name;
                var info = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult();
                analyzerTimes[name] = (analyzerTimes.TryGetValue(name, out var sum) ? sum : TimeSpan.Zero) + info.ExecutionTime;
            }
        }
        foreach (var d in diagnostics)
        {
            if (d.Id == "AD0001")
            {
                exceptions.Enqueue($"{repo.Key.Repo}: {d.GetMessage()}");
                continue;
            }

            var path = d.Location.SourceTree?.FilePath;
            if (path is null || !project.Contains(path, StringComparer.Ordinal) || !tally.ContainsKey(d.Id))
            {
                continue;
            }

            var key = (path, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id);
            actual.Add(key);
            messages[key] = d.GetMessage();
        }

        if (toolSites)
        {
            ListTools(compilation, project.ToList(), repo.Key.Repo, repo.ToList());
        }

        if (sites)
        {
            foreach (var f in project)
            {
                var root = trees.First(t => t.FilePath == f).GetRoot();
                loopsByFile[f] = root.DescendantNodes()
                    .Where(n => n is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax)
                    .Select(n => (n.GetLocation().GetLineSpan().StartLinePosition.Line + 1, n.ToString().Split('\n')[0].Trim()))
                    .ToList();
            }
        }
    }

    foreach (var rule in rules)
    {
        var expected = repo.Where(l => l.Rule == rule && l.Expected).Select(l => (l.Path, l.Line, l.Rule)).ToHashSet();
        var labelledNo = repo.Where(l => l.Rule == rule && !l.Expected).Select(l => (l.Path, l.Line, l.Rule)).ToHashSet();
        // A file is scored for a family of rules (loops, prompts, tools) only when it carries labels of that family:
        // a file listed for its loops whose prompts nobody labelled says nothing about the prompt rule. Diagnostics in
        // files not labelled for their family are listed as "unscored", not counted.
        var family = Family(rule);
        var labelledFiles = repo.Where(l => Family(l.Rule) == family).Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var u in actual.Where(a => a.Rule == rule && !labelledFiles.Contains(a.Path)))
        {
            report.Add($"unscored        {rule} {repo.Key.Repo}/{u.Path}:{u.Line}  {messages[u]}");
        }

        var got = actual.Where(a => a.Rule == rule && labelledFiles.Contains(a.Path)).ToHashSet();
        var counts = tally[rule];
        foreach (var e in expected)
        {
            if (got.Contains(e))
            {
                counts[0]++;
            }
            else
            {
                counts[2]++;
                report.Add($"missed          {rule} {repo.Key.Repo}/{e.Path}:{e.Line}");
            }
        }

        foreach (var g in got.Where(g => !expected.Contains(g)))
        {
            counts[1]++;
            var kind = labelledNo.Contains(g) ? "false positive " : "unlabelled     ";
            report.Add($"{kind} {rule} {repo.Key.Repo}/{g.Path}:{g.Line}  {messages[g]}");
        }
    }

    if (sites)
    {
        foreach (var (file, loops) in loopsByFile.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            foreach (var (line, text) in loops)
            {
                var labelled = repo.Any(l => l.Path == file && l.Line == line && (l.Rule == "AGR0002" || l.Rule == "AGR0003"));
                Console.WriteLine($"loop {(labelled ? "labelled  " : "UNLABELLED")} {repo.Key.Repo}/{file}:{line}  {text}");
            }
        }
    }
}

if (scoredRepos == 0)
{
    Console.WriteLine($"Corpus not scored: none of the {missing.Count} repositories of {manifestPath} is mirrored under {mirrors}.");
    Console.WriteLine("Fetch them (the manifest pins each by commit) or set AGENTRULES_CORPUS_MIRRORS, then run again.");
    return 0;
}

var repoCount = labels.Select(l => l.Repo).Distinct(StringComparer.Ordinal).Count();
Console.WriteLine($"Development corpus: {scoredRepos} of {repoCount} repositories scored, {labels.Select(l => (l.Repo, l.Path)).Distinct().Count()} files, {labels.Count} labels ({totalTime.Elapsed.TotalSeconds:0}s)");
if (missing.Count > 0)
{
    Console.WriteLine("not mirrored (skipped): " + string.Join(", ", missing));
}

foreach (var used in packageSets.Used)
{
    Console.WriteLine("package set (packages.tsv): " + used);
}

Console.WriteLine("rule      sites  yes   TP   FP   FN  precision  recall");
foreach (var rule in rules)
{
    var c = tally[rule];
    var all = labels.Count(l => l.Rule == rule);
    var yes = labels.Count(l => l.Rule == rule && l.Expected);
    Console.WriteLine($"{rule}  {all,6} {yes,4} {c[0],4} {c[1],4} {c[2],4}  {Ratio(c[0], c[0] + c[1]),9:0.000}  {Ratio(c[0], c[0] + c[2]),6:0.000}");
}

Console.WriteLine($"analyzer exceptions: {exceptions.Count}");
if (timing)
{
    var total = analyzerTimes.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b);
    Console.WriteLine($"timing: compiler binding (GetDiagnostics) {bindTime.TotalMilliseconds:F0} ms; all analyzers {total.TotalMilliseconds:F0} ms ({100 * total.TotalMilliseconds / Math.Max(1, bindTime.TotalMilliseconds):F1}% of it)");
    foreach (var (name, time) in analyzerTimes.OrderByDescending(p => p.Value))
    {
        Console.WriteLine($"timing: {name,-40} {time.TotalMilliseconds,8:F1} ms");
    }
}
foreach (var e in exceptions.Distinct())
{
    Console.WriteLine("  " + e);
}

if (!quiet)
{
    foreach (var line in report.OrderBy(r => r, StringComparer.Ordinal))
    {
        Console.WriteLine(line);
    }
}

return 0;

static double Ratio(int a, int b) => b == 0 ? 1.0 : (double)a / b;

// The rules labelled together: every loop of a file for the loop rules (and its function-invocation sites), every
// prompt site for AGR0004, every tool for the tool rules.
static string Family(string rule) => rule switch
{
    "AGR0002" or "AGR0003" or "AGR0009" => "loops",
    "AGR0004" => "prompts",
    "AGR0001" or "AGR0005" or "AGR0007" or "AGR0008" => "tools",
    _ => rule,
};

// Every tool the engine recognises in the listed files of one project, with its effect, scope and approval.
static void ListTools(Compilation compilation, List<string> files, string repo, List<Label> labels)
{
    var context = AgentRules.Analyzers.Recognition.Tools.ToolSafetyContext.Create(compilation, null);
    if (context is null)
    {
        return;
    }

    foreach (var tool in context.GetAllTools(CancellationToken.None))
    {
        var path = tool.Location.SourceTree?.FilePath;
        if (path is null || !files.Contains(path, StringComparer.Ordinal))
        {
            continue;
        }

        var line = tool.Location.GetLineSpan().StartLinePosition.Line + 1;
        var labelled = labels.Any(l => l.Path == path && l.Line == line && l.Rule is "AGR0001" or "AGR0005" or "AGR0007" or "AGR0008");
        Console.WriteLine($"tool {(labelled ? "labelled  " : "UNLABELLED")} {repo}/{path}:{line}  {tool.Form} '{tool.Name}' effect={tool.Effect.Effect} ({tool.Effect.Deciding?.Text ?? "-"}) scope={tool.Scope?.Kind.ToString() ?? "-"} approval={tool.Approval?.Kind.ToString() ?? "-"}");
    }
}

// Compiles a project folder's sources. The projects its .csproj references (<ProjectReference>) are compiled the same
// way and referenced as compilations, the way a build references their assemblies: their types bind, their bodies
// are not part of the analyzed compilation.
static (CSharpCompilation Compilation, List<SyntaxTree> Trees) Compile(string gitDir, string commit, List<string> tree, string projectDir, List<string> sources, string name, Func<string, ImmutableArray<MetadataReference>> referencesFor, Dictionary<string, MetadataReference?> projectReferences, int depth)
{
    var texts = Git.ReadFiles(gitDir, commit, sources);
    var parse = new CSharpParseOptions(LanguageVersion.Preview);
    var trees = texts.Select(t => CSharpSyntaxTree.ParseText(t.Value, parse, path: t.Key, encoding: Encoding.UTF8)).ToList();
    trees.Add(CSharpSyntaxTree.ParseText(References.ImplicitUsings, parse, path: "__ImplicitUsings.cs"));
    var all = referencesFor(projectDir); // the default package set, or the one tests/Corpus/packages.tsv gives this project
    if (depth < 4)
    {
        foreach (var referenced in ReferencedProjects(gitDir, commit, tree, projectDir))
        {
            if (!projectReferences.TryGetValue(referenced, out var reference))
            {
                projectReferences[referenced] = null; // a cycle stays unresolved
                var referencedSources = tree.Where(p => p.EndsWith(".cs", StringComparison.Ordinal) && InProject(tree, referenced, p)).ToList();
                var assemblyName = Path.GetFileName(referenced.Length == 0 ? "Root" : referenced);
                var (library, _) = Compile(gitDir, commit, tree, referenced, referencedSources, assemblyName, referencesFor, projectReferences, depth + 1);
                reference = library.WithOptions(library.Options.WithOutputKind(OutputKind.DynamicallyLinkedLibrary)).ToMetadataReference();
                projectReferences[referenced] = reference;
            }

            if (reference is not null)
            {
                all = all.Add(reference);
            }
        }
    }

    var compilation = CSharpCompilation.Create(
        name,
        trees,
        all,
        new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));
    return (compilation, trees);
}

// The folders of the projects a project folder's .csproj files reference.
static IEnumerable<string> ReferencedProjects(string gitDir, string commit, List<string> tree, string projectDir)
{
    var prefix = projectDir.Length == 0 ? string.Empty : projectDir + "/";
    foreach (var csproj in tree.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.EndsWith(".csproj", StringComparison.Ordinal) && !p[prefix.Length..].Contains('/')))
    {
        var text = Git.ReadFiles(gitDir, commit, [csproj]).Values.FirstOrDefault() ?? string.Empty;
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(text, "<ProjectReference\\s+Include=\"([^\"]+)\""))
        {
            var relative = match.Groups[1].Value.Replace('\\', '/');
            var combined = Path.GetFullPath(Path.Combine("/r", projectDir, relative));
            var target = combined.Length > 3 ? combined[3..] : string.Empty;
            var folder = Path.GetDirectoryName(target)?.Replace('\\', '/') ?? string.Empty;
            if (folder != projectDir && tree.Contains(target, StringComparer.Ordinal))
            {
                yield return folder;
            }
        }
    }
}

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "AgentRules.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}

// The folder of the nearest .csproj above a file ("" for the repository root), or the file's own folder when none.
static string ProjectDirectory(IReadOnlyList<string> tree, string file)
{
    var dir = Path.GetDirectoryName(file)?.Replace('\\', '/') ?? string.Empty;
    while (true)
    {
        var prefix = dir.Length == 0 ? string.Empty : dir + "/";
        if (tree.Any(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.EndsWith(".csproj", StringComparison.Ordinal) && !p[prefix.Length..].Contains('/')))
        {
            return dir;
        }

        if (dir.Length == 0)
        {
            return Path.GetDirectoryName(file)?.Replace('\\', '/') ?? string.Empty;
        }

        var slash = dir.LastIndexOf('/');
        dir = slash < 0 ? string.Empty : dir[..slash];
    }
}

// Whether a file belongs to the project in a folder: under it, not under bin/obj, not in a nested project's folder.
static bool InProject(IReadOnlyList<string> tree, string projectDir, string file)
{
    var prefix = projectDir.Length == 0 ? string.Empty : projectDir + "/";
    if (!file.StartsWith(prefix, StringComparison.Ordinal))
    {
        return false;
    }

    var rest = file[prefix.Length..];
    if (rest.StartsWith("bin/", StringComparison.Ordinal) || rest.StartsWith("obj/", StringComparison.Ordinal) || rest.Contains("/bin/", StringComparison.Ordinal) || rest.Contains("/obj/", StringComparison.Ordinal))
    {
        return false;
    }

    var dir = Path.GetDirectoryName(file)?.Replace('\\', '/') ?? string.Empty;
    while (dir.Length > projectDir.Length)
    {
        var d = dir + "/";
        if (tree.Any(p => p.StartsWith(d, StringComparison.Ordinal) && p.EndsWith(".csproj", StringComparison.Ordinal) && !p[d.Length..].Contains('/')))
        {
            return false;
        }

        var slash = dir.LastIndexOf('/');
        dir = slash < 0 ? string.Empty : dir[..slash];
    }

    return true;
}

internal sealed record Label(string Repo, string Commit, string Path, int Line, string Rule, bool Expected, string Member, string Reason);

internal static class Manifest
{
    // Columns: repo, commit, path, line, rule, expected (yes/no), member, reason. '#' starts a comment line.
    public static List<Label> Read(string path)
    {
        var result = new List<Label>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            if (raw.Length == 0 || raw.StartsWith('#') || raw.StartsWith("repo\t", StringComparison.Ordinal))
            {
                continue;
            }

            var c = raw.Split('\t');
            if (c.Length < 8 || !int.TryParse(c[3], out var line) || c[5] is not ("yes" or "no") || c[1].Length != 40)
            {
                throw new FormatException($"{path}({number}): expected repo, commit (40 hex), path, line, rule, yes|no, member, reason separated by tabs");
            }

            result.Add(new Label(c[0], c[1], c[2], line, c[4], c[5] == "yes", c[6], c[7]));
        }

        return result;
    }
}

internal static class Git
{
    public static List<string> ListFiles(string gitDir, string commit) =>
        Run(gitDir, $"ls-tree -r --name-only {commit}").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    public static Dictionary<string, string> ReadFiles(string gitDir, string commit, IEnumerable<string> paths)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            try
            {
                result[path] = Run(gitDir, $"show {commit}:\"{path}\"");
            }
            catch (InvalidOperationException)
            {
                // absent from the snapshot (over its size limit): compile without it
            }
        }

        return result;
    }

    private static string Run(string gitDir, string arguments)
    {
        var start = new ProcessStartInfo("git", $"--git-dir \"{gitDir}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {arguments} failed");
        }

        return output;
    }
}

internal static class References
{
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>The target framework the corpus compiles for: the running runtime's (the SDK's reference pack).</summary>
    public static string TargetFramework => $"net{Environment.Version.Major}.{Environment.Version.Minor}";

    /// <summary>The .NET reference pack folder of <see cref="TargetFramework"/>.</summary>
    public static string ReferencePack { get; } = FindReferencePack();

    /// <summary>The reference pack's assemblies: what every corpus compilation starts from.</summary>
    public static ImmutableArray<MetadataReference> LoadReferencePack() =>
        Directory.EnumerateFiles(ReferencePack, "*.dll").Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();

    private static string FindReferencePack()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/', '\\');
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        return Directory.GetDirectories(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"))
            .Select(d => Path.Combine(d, "ref", TargetFramework))
            .Where(Directory.Exists)
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .First();
    }

    // The default set: the reference pack and the packages this program references (its output folder).
    public static ImmutableArray<MetadataReference> Load()
    {
        var pack = ReferencePack;
        var own = Assembly.GetExecutingAssembly().Location;
        var packages = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(p => p != own)
            .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && !Path.GetFileName(p).StartsWith("AgentRules.Analyzers", StringComparison.Ordinal));
        var packNames = Directory.EnumerateFiles(pack, "*.dll").Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Directory.EnumerateFiles(pack, "*.dll")
            .Concat(packages.Where(p => !packNames.Contains(Path.GetFileName(p))))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
