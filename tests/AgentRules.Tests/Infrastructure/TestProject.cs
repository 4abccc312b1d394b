using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Tests.Infrastructure;

/// <summary>
/// The input of an analyzer, code fix or generator test: C# sources (with markup), an <c>.editorconfig</c>,
/// additional files and references. <see cref="CreateProject"/> turns it into a project in an
/// <see cref="AdhocWorkspace"/>, so analyzers see options exactly as the IDE and the compiler pass them.
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
        var hasTopLevelStatements = sources.Any(s => CSharpSyntaxTree.ParseText(s, ParseOptions).GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any());
        var compilationOptions = new CSharpCompilationOptions(
            hasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            // The sources are test inputs, not documented APIs.
            specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress });

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

    /// <summary>Fails when the compilation has errors (unless <see cref="AllowCompilerErrors"/>): a test source that does not compile tests nothing real.</summary>
    protected void AssertCompiles(Compilation compilation, string what)
    {
        if (AllowCompilerErrors)
        {
            return;
        }

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            Xunit.Assert.Fail($"{what} does not compile (set AllowCompilerErrors for tests of broken code):{Environment.NewLine}"
                + string.Join(Environment.NewLine, errors.Select(DiagnosticFormatter.Format)));
        }
    }
}
