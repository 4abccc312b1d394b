using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using AgentRules.Tests.Rules.Enforcement;
using Xunit;

namespace AgentRules.Tests.Frameworks;

/// <summary>
/// Microsoft Agent Framework Harness 1.19 (Microsoft.Agents.AI.Harness, on the 1.28 core), compiled against the real
/// package: a <c>HarnessAgent</c> runs its own function-invocation loop over any client (AGR0009, AGR0002, AGR0017),
/// its instructions are prompt sites (AGR0004), and the approvals of the tools it registers (AGR0008).
/// </summary>
public class HarnessFrameworkTests
{
    private const string DefaultCap = " leaves the framework's default iteration cap in force: the harness runs its tools through its own FunctionInvokingChatClient (even over a client that has one) with MaximumIterationsPerRequest = 40; set HarnessAgentOptions.MaximumIterationsPerRequest";

    [Fact]
    public async Task A_harness_left_at_its_default_function_loop_cap_is_reported()
    {
        await new FunctionInvocationCapRulesTest
        {
            Source = """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Harnesses
                {
                    public static AIAgent Bare(IChatClient chat) => chat.{|AGR0009:AsHarnessAgent|}();

                    public static AIAgent Named(IChatClient chat) =>
                        new {|AGR0009:HarnessAgent|}(chat, new HarnessAgentOptions { Name = "researcher", HarnessInstructions = null });

                    public static AIAgent NullCap(IChatClient chat) =>
                        chat.{|AGR0009:AsHarnessAgent|}(new HarnessAgentOptions { MaximumIterationsPerRequest = null });

                    // The harness puts its own function loop over this client's: the inner cap of 5 does not bound it.
                    public static AIAgent OverCappedClient(IChatClient inner) =>
                        inner.AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 5).Build().{|AGR0009:AsHarnessAgent|}();

                    public static AIAgent Local(IChatClient chat)
                    {
                        var options = new HarnessAgentOptions { DisableWebSearch = true };
                        return ChatClientHarnessExtensions.{|AGR0009:AsHarnessAgent|}(chat, options);
                    }
                }
                """,
            ExpectedMessages =
            {
                "AsHarnessAgent(...)" + DefaultCap,
                "Agent 'researcher'" + DefaultCap,
                "AsHarnessAgent(...)" + DefaultCap,
                "AsHarnessAgent(...)" + DefaultCap,
                "AsHarnessAgent(...)" + DefaultCap,
            },
        }.RunAsync();
    }

    [Fact]
    public async Task A_file_that_only_builds_harness_agents_is_reported()
    {
        // No other function-invocation name in the file: the harness names alone must select it.
        await new FunctionInvocationCapRulesTest
        {
            Source = """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Harnesses
                {
                    public static AIAgent Bare(IChatClient chat) => chat.{|AGR0009:AsHarnessAgent|}();

                    public static AIAgent Named(IChatClient chat) =>
                        new {|AGR0009:HarnessAgent|}(chat, new HarnessAgentOptions { Name = "researcher" });
                }
                """,
            ExpectedMessages =
            {
                "AsHarnessAgent(...)" + DefaultCap,
                "Agent 'researcher'" + DefaultCap,
            },
        }.RunAsync();
    }

    [Fact]
    public async Task A_harness_whose_cap_is_set_or_built_elsewhere_is_not_reported_and_an_unbounded_cap_is_AGR0002()
    {
        await new FunctionInvocationCapRulesTest
        {
            Source = """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Harnesses
                {
                    public static AIAgent Capped(IChatClient chat) =>
                        chat.AsHarnessAgent(new HarnessAgentOptions { Name = "coder", MaximumIterationsPerRequest = 12 });

                    public static AIAgent SetLater(IChatClient chat)
                    {
                        var options = new HarnessAgentOptions();
                        options.MaximumIterationsPerRequest = 8;
                        return new HarnessAgent(chat, options);
                    }

                    // Options from the caller: the rules cannot read them and say nothing.
                    public static AIAgent FromCaller(IChatClient chat, HarnessAgentOptions options) => chat.AsHarnessAgent(options);

                    public static AIAgent Unbounded(IChatClient chat) =>
                        chat.AsHarnessAgent(new HarnessAgentOptions { {|AGR0002:MaximumIterationsPerRequest|} = int.MaxValue });
                }
                """,
            ExpectedMessages =
            {
                "The function-invocation loop has no iteration cap: HarnessAgentOptions.MaximumIterationsPerRequest is set to int.MaxValue, above agentrules.max_iterations_ceiling (100)",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task A_harness_runs_tools_so_it_needs_a_token_or_money_budget()
    {
        var test = new AnalyzerTest<AGR0017AgentRunWithoutBudgetAnalyzer>
        {
            Source = """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Harnesses
                {
                    // A cap on rounds is not a cap on what each round costs.
                    public static AIAgent Capped(IChatClient chat) =>
                        chat.{|AGR0017:AsHarnessAgent|}(new HarnessAgentOptions { MaximumIterationsPerRequest = 12 });
                }
                """,
            References = EnforcementTestReferences.WithCompanions,
        };
        test.ExpectedMessages.Add("AsHarnessAgent(...) runs tools in a model loop with no token or money budget");
        await test.RunAsync();

        await new AnalyzerTest<AGR0017AgentRunWithoutBudgetAnalyzer>
        {
            Source = """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Harnesses
                {
                    public static AIAgent Budgeted(IChatClient chat) =>
                        chat.AsHarnessAgent(new HarnessAgentOptions { MaximumIterationsPerRequest = 12 });

                    public static AgentRules.RunBudgetOptions Budget() => new() { MaxTotalTokens = 200_000 };
                }
                """,
            References = EnforcementTestReferences.WithCompanions,
        }.RunAsync();
    }

    [Fact]
    public async Task Harness_instructions_and_the_agents_own_instructions_are_prompt_sites()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using AgentRules;
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Prompts
                {
                    [Prompt("research.harness", Version = 1)]
                    public const string Harness = "Plan before you search, and cite every source you use.";
                }

                public static class Harnesses
                {
                    public static AIAgent Literal(IChatClient chat) => chat.AsHarnessAgent(new HarnessAgentOptions
                    {
                        MaximumIterationsPerRequest = 12,
                        HarnessInstructions = [|"Use the tools to research, and explain each step."|],
                        ChatOptions = new() { Instructions = [|"You research competitors for the sales team."|] },
                    });

                    public static AIAgent Declared(IChatClient chat) => chat.AsHarnessAgent(new HarnessAgentOptions
                    {
                        MaximumIterationsPerRequest = 12,
                        HarnessInstructions = Prompts.Harness,
                    });

                    // The framework's own text and "no harness instructions" are not the project's prompts.
                    public static AIAgent Builtin(IChatClient chat) => chat.AsHarnessAgent(new HarnessAgentOptions
                    {
                        MaximumIterationsPerRequest = 12,
                        HarnessInstructions = HarnessAgent.DefaultInstructions,
                    });

                    public static AIAgent NoHarnessText(IChatClient chat) => chat.AsHarnessAgent(new HarnessAgentOptions
                    {
                        MaximumIterationsPerRequest = 12,
                        HarnessInstructions = "",
                    });
                }
                """,
            ExpectedMessages =
            {
                "Unversioned agent instructions: a string literal is not a declared prompt",
                "Unversioned agent instructions: a string literal is not a declared prompt",
            },
        }.RunAsync();
    }

    [Fact]
    public async Task Turning_off_approval_of_the_harness_file_tools_is_reported_and_turning_off_auto_approval_is_not()
    {
        await new AnalyzerTest<AGR0008DestructiveToolWithoutApprovalAnalyzer>
        {
            Source = """
                #pragma warning disable MAAI001 // the providers are [Experimental] in Agent Framework 1.28
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Harnesses
                {
                    public static AIAgent Unsafe(IChatClient chat, AgentFileStore workspace) => chat.AsHarnessAgent(new HarnessAgentOptions
                    {
                        MaximumIterationsPerRequest = 12,
                        FileAccessStore = workspace,
                        FileAccessProviderOptions = new() { [|DisableWriteToolApproval = true|] },
                    });

                    public static AIAgent AutoApprovesEverything(IChatClient chat) => chat.AsHarnessAgent(new HarnessAgentOptions
                    {
                        MaximumIterationsPerRequest = 12,
                        ToolApprovalAgentOptions = new() { AutoApprovalRules = [[|FileAccessProvider.AllToolsAutoApprovalRule|]] },
                    });

                    // DisableToolAutoApproval removes the "don't ask again" middleware: every approval goes to a person.
                    public static AIAgent Strict(IChatClient chat, AgentFileStore workspace) => chat.AsHarnessAgent(new HarnessAgentOptions
                    {
                        MaximumIterationsPerRequest = 12,
                        FileAccessStore = workspace,
                        DisableToolAutoApproval = true,
                    });
                }
                """,
            ExpectedMessages =
            {
                "Destructive tool 'FileAccessProvider write tools' runs without human approval (FileAccessProviderOptions.DisableWriteToolApproval = true)",
                "Destructive tool 'FileAccessProvider write tools' runs without human approval (FileAccessProvider.AllToolsAutoApprovalRule approves them automatically)",
            },
        }.RunAsync();
    }
}
