using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules;

public class AGR0001DestructiveToolWithoutEnvironmentScopeCodeFixTests
{
    [Fact]
    public async Task Adds_the_default_scope_and_the_using()
    {
        await new CodeFixTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer, AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix>
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
        await new CodeFixTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer, AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix>
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

    [Fact]
    public async Task Scopes_the_containing_type_once_for_all_its_tools()
    {
        await new CodeFixTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer, AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix>
        {
            CodeActionEquivalenceKey = AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix.TypeEquivalenceKey,
            ExpectedCodeActionTitle = "Add [EnvironmentScope(\"Development\", \"Staging\")] to 'AdminTools'",
            Source = """
                using System.ComponentModel;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class AdminTools
                {
                    [McpServerTool, Description("Deletes a tenant.")]
                    public string [|DeleteTenant|](string id) => id;

                    [McpServerTool(Destructive = true)]
                    public string [|Reindex|]() => "ok";
                }
                """,
            FixedSource = """
                using System.ComponentModel;
                using AgentRules;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                [EnvironmentScope("Development", "Staging")]
                public sealed class AdminTools
                {
                    [McpServerTool, Description("Deletes a tenant.")]
                    public string DeleteTenant(string id) => id;

                    [McpServerTool(Destructive = true)]
                    public string Reindex() => "ok";
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Scopes_lambdas_and_local_functions_where_they_are()
    {
        await new CodeFixTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer, AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using System.IO;
                using Microsoft.Extensions.AI;

                public static class Tools
                {
                    public static IList<AITool> Create()
                    {
                        void [|DeleteFolder|](string path) => Directory.Delete(path, true);

                        return
                        [
                            AIFunctionFactory.Create(DeleteFolder),
                            AIFunctionFactory.Create([|(string path) =>|] File.Delete(path), "delete_file"),
                        ];
                    }
                }
                """,
            FixedSource = """
                using System.Collections.Generic;
                using System.IO;
                using AgentRules;
                using Microsoft.Extensions.AI;

                public static class Tools
                {
                    public static IList<AITool> Create()
                    {
                        [EnvironmentScope("Development", "Staging")]
                        void DeleteFolder(string path) => Directory.Delete(path, true);

                        return
                        [
                            AIFunctionFactory.Create(DeleteFolder),
                            AIFunctionFactory.Create([EnvironmentScope("Development", "Staging")] (string path) => File.Delete(path), "delete_file"),
                        ];
                    }
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task Scopes_the_type_that_registers_an_OpenAI_chat_tool()
    {
        await new CodeFixTest<AGR0001DestructiveToolWithoutEnvironmentScopeAnalyzer, AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix>
        {
            CodeActionEquivalenceKey = AGR0001DestructiveToolWithoutEnvironmentScopeCodeFix.TypeEquivalenceKey,
            Source = """
                using OpenAI.Chat;

                public static class SupportFunctions
                {
                    public static readonly ChatTool Refund = ChatTool.CreateFunctionTool([|"refund_order"|], "Refunds an order in full.");
                }
                """,
            FixedSource = """
                using AgentRules;
                using OpenAI.Chat;

                [EnvironmentScope("Development", "Staging")]
                public static class SupportFunctions
                {
                    public static readonly ChatTool Refund = ChatTool.CreateFunctionTool("refund_order", "Refunds an order in full.");
                }
                """,
        }.RunAsync();
    }
}
