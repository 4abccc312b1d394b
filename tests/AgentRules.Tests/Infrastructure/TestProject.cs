using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using LibraryAnalyzerTest = Microsoft.CodeAnalysis.Testing.AnalyzerTest<Microsoft.CodeAnalysis.Testing.DefaultVerifier>;

namespace AgentRules.Tests.Infrastructure;

/// <summary>
/// The input of an analyzer, code fix or generator test: C# sources (with markup), an <c>.editorconfig</c>,
/// additional files and references. Analyzer and code fix tests hand it to Microsoft.CodeAnalysis.Testing
/// (<see cref="ConfigureLibraryTest"/>); <see cref="CreateProject"/> turns it into a project in an
/// <see cref="AdhocWorkspace"/> for the tests that measure rather than verify (corpora, engines, generators).
/// </summary>
public class TestProject
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>The folder the test files live in, as the compiler sees paths.</summary>
    public static readonly string Root = OperatingSystem.IsWindows() ? @"C:\src\" : "/src/";

    /// <summary>C# sources, named Test0.cs, Test1.cs, ... Markup (<c>[|...|]</c>, <c>{|ID:...|}</c>) is allowed where the test checks diagnostics.</summary>
    public List<string> Sources { get; } = new();

    /// <summary>Shortcut for a single source file.</summary>
    public string Source
    {
        get => Sources.Count == 0 ? string.Empty : Sources[0];
        set
        {
            if (Sources.Count == 0)
            {
                Sources.Add(value);
            }
            else
            {
                Sources[0] = value;
            }
        }
    }

    /// <summary>
    /// <c>.editorconfig</c> content. Plain <c>key = value</c> lines apply to every C# file; text with a section header
    /// (<c>[*.cs]</c>) is used as written.
    /// </summary>
    public string? EditorConfig { get; set; }

    /// <summary>
    /// A global analyzer config (<c>.globalconfig</c>): what MSBuild passes for <c>CompilerVisibleProperty</c>
    /// (<c>build_property.RootNamespace = …</c>) and <c>CompilerVisibleItemMetadata</c> (sections with absolute paths).
    /// <c>is_global = true</c> is added when missing.
    /// </summary>
    public string? GlobalConfig { get; set; }

    /// <summary>Additional files (path relative to the project folder, text). Markup is allowed where diagnostics are checked.</summary>
    public List<(string Path, string Text)> AdditionalFiles { get; } = new();

    /// <summary>The references to compile against; by default the SDK, the restorable frameworks, AgentRules and the stubs.</summary>
    public ImmutableArray<MetadataReference> References { get; set; } = TestReferences.All;

    /// <summary>Allow compiler errors in the sources (for tests of code that does not fully compile).</summary>
    public bool AllowCompilerErrors { get; set; }

    public static string SourcePath(int index) => Root + "Test" + index + ".cs";

    public static string AdditionalFilePath(string relativePath) => Root + relativePath.Replace('/', Path.DirectorySeparatorChar);

    /// <summary>Creates the project from already markup-free sources and additional files.</summary>
    public Project CreateProject(IReadOnlyList<string> sources, IReadOnlyList<(string Path, string Text)> additionalFiles)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId("TestProject");
        var compilationOptions = CompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary), HasTopLevelStatements(sources));

        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            name: "TestProject",
            assemblyName: "TestProject",
            language: LanguageNames.CSharp,
            filePath: Root + "TestProject.csproj",
            compilationOptions: compilationOptions,
            parseOptions: ParseOptions,
            metadataReferences: References));

        for (var i = 0; i < sources.Count; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "Test" + i + ".cs", SourceText.From(sources[i]), filePath: SourcePath(i));
        }

        if (EditorConfig is { } editorConfig)
        {
            var text = editorConfig.Contains("[*", StringComparison.Ordinal) ? editorConfig : "root = true\n\n[*.cs]\n" + editorConfig;
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From(text), filePath: Root + ".editorconfig");
        }

        if (GlobalConfig is { } globalConfig)
        {
            var text = globalConfig.Contains("is_global", StringComparison.Ordinal) ? globalConfig : "is_global = true\n" + globalConfig;
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From(text), filePath: Root + ".globalconfig");
        }

        foreach (var (path, text) in additionalFiles)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), SourceText.From(text), filePath: AdditionalFilePath(path));
        }

        return solution.GetProject(projectId)!;
    }

    /// <summary>True when a source has top-level statements (compiled as a console application, as the SDK does).</summary>
    public static bool HasTopLevelStatements(IEnumerable<string> sources) =>
        sources.Any(s => CSharpSyntaxTree.ParseText(s, ParseOptions).GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any());

    /// <summary>The compilation options of a test project: nullable enabled, documentation comments not required.</summary>
    public static CSharpCompilationOptions CompilationOptions(CSharpCompilationOptions options, bool consoleApplication) =>
        options
            .WithOutputKind(consoleApplication ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            // The sources are test inputs, not documented APIs.
            .WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem("CS1591", ReportDiagnostic.Suppress));

    /// <summary>
    /// Puts this project's inputs into a Microsoft.CodeAnalysis.Testing test: the sources (as <c>/src/Test0.cs</c>, ...),
    /// the additional files, the <c>.editorconfig</c> and <c>.globalconfig</c>, the references, and the options.
    /// Compiler errors are verified like diagnostics (a source that does not compile fails the test) unless
    /// <see cref="AllowCompilerErrors"/>.
    /// </summary>
    protected void ConfigureLibraryTest(LibraryAnalyzerTest test, IReadOnlyList<string> sources, IReadOnlyList<(string Path, string Text)> additionalFiles)
    {
        test.ReferenceAssemblies = TestReferences.ReferenceAssemblies;
        test.TestState.AdditionalReferences.AddRange(References);
        test.CompilerDiagnostics = AllowCompilerErrors ? CompilerDiagnostics.None : CompilerDiagnostics.Errors;
        // '$$' is C# (raw interpolated strings), not a caret position.
        test.MarkupOptions = MarkupOptions.TreatPositionIndicatorsAsCode;

        var consoleApplication = HasTopLevelStatements(sources.Select(StripMarkup));
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            return solution
                .WithProjectParseOptions(projectId, ParseOptions)
                .WithProjectCompilationOptions(projectId, CompilationOptions((CSharpCompilationOptions)project.CompilationOptions!, consoleApplication));
        });

        for (var i = 0; i < sources.Count; i++)
        {
            test.TestState.Sources.Add((SourcePath(i), SourceText.From(sources[i])));
        }

        foreach (var (path, text) in additionalFiles)
        {
            test.TestState.AdditionalFiles.Add((AdditionalFilePath(path), SourceText.From(text)));
        }

        if (EditorConfig is { } editorConfig)
        {
            test.TestState.AnalyzerConfigFiles.Add((Root + ".editorconfig", editorConfig.Contains("[*", StringComparison.Ordinal) ? editorConfig : "root = true\n\n[*.cs]\n" + editorConfig));
        }

        if (GlobalConfig is { } globalConfig)
        {
            test.TestState.AnalyzerConfigFiles.Add((Root + ".globalconfig", globalConfig.Contains("is_global", StringComparison.Ordinal) ? globalConfig : "is_global = true\n" + globalConfig));
        }
    }

    /// <summary>The text without <c>[|...|]</c> and <c>{|ID:...|}</c> markup.</summary>
    public static string StripMarkup(string markup) => ParseMarkup(markup).Text;

    /// <summary>
    /// The marked spans of <paramref name="markup"/> in source order, each with its ID (null for <c>[|...|]</c>), and the
    /// text without markup. Spans that start together are ordered by end, and an inner span before the one enclosing it
    /// (the order in which they close), so that <see cref="AnalyzerTest{TAnalyzer}.ExpectedMessages"/> pair with them as
    /// written. (The library reads the same markup, but keeps no order between IDs.)
    /// </summary>
    public static (string Text, IReadOnlyList<(string? Id, TextSpan Span)> Spans) ParseMarkup(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var open = new Stack<(string? Id, int Start, char Close)>();
        var spans = new List<(string? Id, TextSpan Span)>();
        for (var i = 0; i < markup.Length; i++)
        {
            var next = i + 1 < markup.Length ? markup[i + 1] : '\0';
            if (markup[i] == '[' && next == '|')
            {
                open.Push((null, text.Length, ']'));
                i++;
            }
            else if (markup[i] == '{' && next == '|' && markup.IndexOf(':', i + 2) is var colon and > 0)
            {
                open.Push((markup.Substring(i + 2, colon - i - 2), text.Length, '}'));
                i = colon;
            }
            else if (markup[i] == '|' && open.Count > 0 && next == open.Peek().Close)
            {
                var (id, start, _) = open.Pop();
                spans.Add((id, TextSpan.FromBounds(start, text.Length)));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException($"Markup opened at offset {open.Peek().Start} is never closed.");
        }

        return (text.ToString(), spans.OrderBy(s => s.Span.Start).ThenBy(s => s.Span.End).ToList());
    }
}
