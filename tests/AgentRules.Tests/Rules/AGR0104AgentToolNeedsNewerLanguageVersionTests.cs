using System;
using System.Linq;
using System.Threading.Tasks;
using AgentRules.Generators.ToolWrappers;
using AgentRules.Tests.Generators.ToolWrappers;
using AgentRules.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static AgentRules.Tests.Generators.ToolWrappers.ToolWrapperDiagnosticsTests;

namespace AgentRules.Tests.Rules;

/// <summary>AGR0104 (tool wrapper generator): a C# version too old for the generated wrappers.</summary>
public class AGR0104AgentToolNeedsNewerLanguageVersionTests
{
    [Fact]
    public void AGR0104_language_version_before_CSharp_8()
    {
        var run = ToolWrapperGeneratorTests.RunWith("""
            namespace Legacy
            {
                public partial class Tools
                {
                    [AgentRules.AgentTool("lookup"), AgentRules.ReadOnlyTool] public string Lookup(string key) { return key; }
                }
            }
            """, TestProject.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp7_3));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("AGR0104", diagnostic.Id);
        Assert.Equal("Agent tool 'lookup' gets no generated wrapper: AgentRules' generated code needs C# 8 or later, and this project uses C# 7.3", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void CSharp_8_is_enough()
    {
        var run = ToolWrapperGeneratorTests.RunWith("""
            namespace Modern
            {
                public partial class Tools
                {
                    [AgentRules.AgentTool("lookup"), AgentRules.ReadOnlyTool] public string Lookup(string key, int? limit = null) { return key; }
                }
            }
            """, TestProject.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp8));

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.GeneratedSources);
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.Contains("AgentTools", StringComparison.Ordinal) == true)));
    }
}
