using System.Threading.Tasks;
using AgentRules.Analyzers.Rules.ToolSafety;
using AgentRules.CodeFixes.ToolSafety;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

public class AddEnvironmentScopeCodeFixTests
{
    [Fact]
    public async Task Adds_the_default_scope_and_the_using()
    {
        await new CodeFixTest<DestructiveToolAnalyzer, AddEnvironmentScopeCodeFix>
        {
            Source = """
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class Tools
                {
                    /// <summary>Drops the table.</summary>
                    [McpServerTool(Destructive = true)]
                    public void [|DropTable|](string name) { }
                }
                """,
            FixedSource = """
                using AgentRules;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class Tools
                {
                    /// <summary>Drops the table.</summary>
                    [McpServerTool(Destructive = true)]
                    [EnvironmentScope("Development", "Staging")]
                    public void DropTable(string name) { }
                }
                """,
            ExpectedCodeActionTitle = "Add [EnvironmentScope(\"Development\", \"Staging\")]",
        }.RunAsync();
    }

    [Fact]
    public async Task Uses_the_configured_default_environments_and_fixes_all_tools()
    {
        await new CodeFixTest<DestructiveToolAnalyzer, AddEnvironmentScopeCodeFix>
        {
            EditorConfig = "agentrules.default_environments = Development, QA",
            Source = """
                using AgentRules;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class Tools
                {
                    [McpServerTool(Destructive = true)]
                    public void [|DropTable|](string name) { }

                    [McpServerTool(Destructive = true)]
                    public void [|Truncate|](string name) { }
                }
                """,
            FixedSource = """
                using AgentRules;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class Tools
                {
                    [McpServerTool(Destructive = true)]
                    [EnvironmentScope("Development", "QA")]
                    public void DropTable(string name) { }

                    [McpServerTool(Destructive = true)]
                    [EnvironmentScope("Development", "QA")]
                    public void Truncate(string name) { }
                }
                """,
        }.RunAsync();
    }
}
