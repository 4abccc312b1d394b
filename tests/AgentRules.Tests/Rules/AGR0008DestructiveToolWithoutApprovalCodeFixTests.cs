using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules;

// The runtime has a ToolEffect too (AgentRules.ToolEffect), which this namespace would otherwise find first.
using ToolEffect = AgentRules.Analyzers.Recognition.Tools.ToolEffect;

/// <summary>
/// The AGR0008 code fix (add [RequiresApproval]), one at a time and with Fix All.
/// </summary>
public class AGR0008DestructiveToolWithoutApprovalCodeFixTests
{
    [Fact]
    public async Task AGR0008_adds_RequiresApproval_to_methods_and_lambdas()
    {
        await new CodeFixTest<AGR0008DestructiveToolWithoutApprovalAnalyzer, AGR0008DestructiveToolWithoutApprovalCodeFix>
        {
            Source = """
                using System.Collections.Generic;
                using System.IO;
                using Microsoft.Extensions.AI;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class AccountTools
                {
                    [McpServerTool(Name = "close_account", Destructive = true)]
                    public string [|CloseAccount|](string id) => id;
                }

                public static class Agent
                {
                    public static IList<AITool> Tools() => [AIFunctionFactory.Create([|(string path) =>|] File.Delete(path), "delete_file")];
                }
                """,
            FixedSource = """
                using System.Collections.Generic;
                using System.IO;
                using AgentRules;
                using Microsoft.Extensions.AI;
                using ModelContextProtocol.Server;

                [McpServerToolType]
                public sealed class AccountTools
                {
                    [McpServerTool(Name = "close_account", Destructive = true)]
                    [RequiresApproval]
                    public string CloseAccount(string id) => id;
                }

                public static class Agent
                {
                    public static IList<AITool> Tools() => [AIFunctionFactory.Create([RequiresApproval] (string path) => File.Delete(path), "delete_file")];
                }
                """,
        }.RunAsync();
    }
}
