using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace AgentRules.Tests.Layout;

/// <summary>
/// The analyzer assembly's layout (docs/architecture.md): recognition in <c>Recognition/&lt;Area&gt;/</c>, framework
/// tables in <c>Knowledge/</c>, Roslyn plumbing in <c>Roslyn/</c>, each folder its own namespace; and the plumbing
/// knows nothing of AgentRules, so it can be read (and reused) on its own.
/// </summary>
public class SourceLayoutTests
{
    private static readonly string s_analyzers = RepositoryPaths.Combine("src", "Analyzers", "AgentRules.Analyzers");

    [Theory]
    [InlineData("Roslyn", "AgentRules.Analyzers.Roslyn")]
    [InlineData("Knowledge", "AgentRules.Analyzers.Knowledge")]
    [InlineData("Recognition", "AgentRules.Analyzers.Recognition")]
    public void Each_folder_is_its_namespace(string folder, string ns)
    {
        var files = Directory.EnumerateFiles(Path.Combine(s_analyzers, folder), "*.cs", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(Path.Combine(s_analyzers, folder), Path.GetDirectoryName(file)!);
            var expected = relative == "." ? ns : ns + "." + relative.Replace(Path.DirectorySeparatorChar, '.');
            Assert.True(
                Regex.IsMatch(File.ReadAllText(file), @"^namespace " + Regex.Escape(expected) + ";", RegexOptions.Multiline),
                $"{Path.GetRelativePath(s_analyzers, file)} should declare namespace {expected}");
        }
    }

    [Fact]
    public void Roslyn_plumbing_uses_no_AgentRules_namespace()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(s_analyzers, "Roslyn"), "*.cs", SearchOption.AllDirectories))
        {
            var uses = Regex.Matches(File.ReadAllText(file), @"^using (?:static )?(AgentRules\.[\w.]+);", RegexOptions.Multiline)
                .Select(m => m.Groups[1].Value)
                .ToList();
            Assert.True(uses.Count == 0, $"{Path.GetFileName(file)} uses {string.Join(", ", uses)}: Roslyn/ is plumbing without AgentRules knowledge");
        }
    }
}
