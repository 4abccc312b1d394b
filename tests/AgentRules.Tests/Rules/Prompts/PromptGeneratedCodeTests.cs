using System.Threading.Tasks;
using AgentRules.Analyzers.Rules;
using AgentRules.Tests.Infrastructure;
using Xunit;

namespace AgentRules.Tests.Rules.Prompts;

/// <summary>
/// AGR0004 reports with <c>GeneratedCodeAnalysisFlags.ReportDiagnostics</c> and drops diagnostics in generated code
/// through <c>GeneratedCodeFilter</c>, as the tool and loop rules do (issue 17). A literal system message is reported in
/// hand-written code and stays quiet where the driver would have suppressed it: a <c>[GeneratedCode]</c> method or type.
/// </summary>
public class PromptGeneratedCodeTests
{
    [Fact]
    public async Task A_literal_system_message_is_reported_only_outside_generated_code()
    {
        await new AnalyzerTest<AGR0004UnversionedPromptAnalyzer>
        {
            Source = """
                using System.CodeDom.Compiler;
                using System.Collections.Generic;
                using Microsoft.Extensions.AI;

                public sealed class Written
                {
                    public List<ChatMessage> Messages(string question) =>
                    [
                        new ChatMessage(ChatRole.System, [|"You are a helpful support agent."|]),
                        new ChatMessage(ChatRole.User, question),
                    ];

                    [GeneratedCode("tool", "1.0")]
                    public List<ChatMessage> GeneratedMessages(string question) =>
                    [
                        new ChatMessage(ChatRole.System, "You are a generated support agent."),
                        new ChatMessage(ChatRole.User, question),
                    ];
                }

                [GeneratedCode("tool", "1.0")]
                public sealed class Generated
                {
                    public List<ChatMessage> Messages(string question) =>
                    [
                        new ChatMessage(ChatRole.System, "You are another generated support agent."),
                        new ChatMessage(ChatRole.User, question),
                    ];
                }
                """,
        }.RunAsync();
    }
}
