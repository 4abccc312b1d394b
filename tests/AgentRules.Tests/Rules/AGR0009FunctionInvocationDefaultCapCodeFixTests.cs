using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.CodeFixes.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules;

/// <summary>
/// The AGR0009 code fix (set MaximumIterationsPerRequest): before/after and Fix All.
/// </summary>
public class AGR0009FunctionInvocationDefaultCapCodeFixTests
{
    // ---- AGR0009: set the knob --------------------------------------------------------------------------------

    [Fact]
    public async Task Sets_MaximumIterationsPerRequest_in_the_configure_lambda_or_the_initializer()
    {
        await new FunctionInvocationCapRulesFixTest<AGR0009FunctionInvocationDefaultCapCodeFix>
        {
            Source = """
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.Logging;

                public static class Setup
                {
                    public static IChatClient Plain(IChatClient inner) => inner.AsBuilder().{|AGR0009:UseFunctionInvocation|}().Build();

                    public static IChatClient WithLogging(IChatClient inner, ILoggerFactory loggerFactory) =>
                        inner.AsBuilder().{|AGR0009:UseFunctionInvocation|}(loggerFactory, c => c.AllowConcurrentInvocation = true).Build();

                    public static IChatClient WithBlock(IChatClient inner) =>
                        inner.AsBuilder().{|AGR0009:UseFunctionInvocation|}(configure: client =>
                        {
                            client.IncludeDetailedErrors = true;
                        }).Build();

                    public static IChatClient Created(IChatClient inner) => new {|AGR0009:FunctionInvokingChatClient|}(inner);

                    public static IChatClient CreatedWithInitializer(IChatClient inner) => new {|AGR0009:FunctionInvokingChatClient|}(inner) { AllowConcurrentInvocation = true };
                }
                """,
            FixedSource = """
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.Logging;

                public static class Setup
                {
                    public static IChatClient Plain(IChatClient inner) => inner.AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 10).Build();

                    public static IChatClient WithLogging(IChatClient inner, ILoggerFactory loggerFactory) =>
                        inner.AsBuilder().UseFunctionInvocation(loggerFactory, c =>
                        {
                            c.AllowConcurrentInvocation = true;
                            c.MaximumIterationsPerRequest = 10;
                        }).Build();

                    public static IChatClient WithBlock(IChatClient inner) =>
                        inner.AsBuilder().UseFunctionInvocation(configure: client =>
                        {
                            client.IncludeDetailedErrors = true;
                            client.MaximumIterationsPerRequest = 10;
                        }).Build();

                    public static IChatClient Created(IChatClient inner) => new FunctionInvokingChatClient(inner) { MaximumIterationsPerRequest = 10 };

                    public static IChatClient CreatedWithInitializer(IChatClient inner) => new FunctionInvokingChatClient(inner) { AllowConcurrentInvocation = true, MaximumIterationsPerRequest = 10 };
                }
                """,
            ExpectedCodeActionTitle = "Set MaximumIterationsPerRequest = 10",
        }.RunAsync();
    }

    [Fact]
    public async Task Sets_MaximumIterationsPerRequest_in_the_harness_options_of_the_call_or_adds_them()
    {
        await new FunctionInvocationCapRulesFixTest<AGR0009FunctionInvocationDefaultCapCodeFix>
        {
            Source = """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Harnesses
                {
                    public static AIAgent Bare(IChatClient chat) => chat.{|AGR0009:AsHarnessAgent|}();

                    public static AIAgent Created(IChatClient chat) => new {|AGR0009:HarnessAgent|}(chat);

                    public static AIAgent Named(IChatClient chat) => chat.{|AGR0009:AsHarnessAgent|}(new HarnessAgentOptions { Name = "coder" });

                    public static AIAgent TargetTyped(IChatClient chat) => new {|AGR0009:HarnessAgent|}(chat, new() { MaximumIterationsPerRequest = null });

                    public static AIAgent NullOptions(IChatClient chat) => ChatClientHarnessExtensions.{|AGR0009:AsHarnessAgent|}(chat, null);

                    // Options kept in a local are not the call's to change: reported, no fix.
                    public static AIAgent Local(IChatClient chat)
                    {
                        var options = new HarnessAgentOptions { Name = "local" };
                        return chat.{|AGR0009:AsHarnessAgent|}(options);
                    }
                }
                """,
            FixedSource = """
                using Microsoft.Agents.AI;
                using Microsoft.Extensions.AI;

                public static class Harnesses
                {
                    public static AIAgent Bare(IChatClient chat) => chat.AsHarnessAgent(options: new HarnessAgentOptions { MaximumIterationsPerRequest = 10 });

                    public static AIAgent Created(IChatClient chat) => new HarnessAgent(chat, options: new HarnessAgentOptions { MaximumIterationsPerRequest = 10 });

                    public static AIAgent Named(IChatClient chat) => chat.AsHarnessAgent(new HarnessAgentOptions { Name = "coder", MaximumIterationsPerRequest = 10 });

                    public static AIAgent TargetTyped(IChatClient chat) => new HarnessAgent(chat, new() { MaximumIterationsPerRequest = 10 });

                    public static AIAgent NullOptions(IChatClient chat) => ChatClientHarnessExtensions.AsHarnessAgent(chat, new HarnessAgentOptions { MaximumIterationsPerRequest = 10 });

                    // Options kept in a local are not the call's to change: reported, no fix.
                    public static AIAgent Local(IChatClient chat)
                    {
                        var options = new HarnessAgentOptions { Name = "local" };
                        return chat.{|AGR0009:AsHarnessAgent|}(options);
                    }
                }
                """,
            CodeActionEquivalenceKey = AGR0009FunctionInvocationDefaultCapCodeFix.EquivalenceKey,
            ExpectedCodeActionTitle = "Set MaximumIterationsPerRequest = 10",
        }.RunAsync();
    }
}
