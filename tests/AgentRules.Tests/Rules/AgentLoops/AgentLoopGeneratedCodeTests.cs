using System.Threading.Tasks;
using Xunit;

namespace AgentRules.Tests.Rules.AgentLoops;

/// <summary>
/// The loop rules report with <c>GeneratedCodeAnalysisFlags.ReportDiagnostics</c> and drop diagnostics in generated
/// code through <c>GeneratedCodeFilter</c> (issue 17: the driver's own check walked every token of a file on the first
/// report there). An uncapped agent loop is reported in hand-written code and stays quiet where the driver would have
/// suppressed it: a <c>[GeneratedCode]</c> method or type, and a <c>#line hidden</c> region (the file starts with
/// <c>#line default</c>: in a file with a hidden region, the lines before the first <c>#line</c> are hidden too).
/// </summary>
public class AgentLoopGeneratedCodeTests
{
    private const string Message = "Agent loop calling 'IChatClient.GetResponseAsync' has no iteration cap: no counter, bound or step limit ends it";

    [Fact]
    public async Task An_uncapped_loop_is_reported_only_outside_generated_code()
    {
        await AgentLoopRuleTestSources.VerifyAsync(
            """
            #line default
            using System.CodeDom.Compiler;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public sealed class Written(IChatClient chat)
            {
                public async Task<string> RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    {|AGR0002:while|} (true)
                    {
                        var response = await chat.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        messages.AddRange(response.Messages);
                        if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
                    }
                }

                [GeneratedCode("tool", "1.0")]
                public async Task<string> GeneratedMethodAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    while (true)
                    {
                        var response = await chat.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        messages.AddRange(response.Messages);
                        if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
                    }
                }
            }

            [GeneratedCode("tool", "1.0")]
            public sealed class Generated(IChatClient chat)
            {
                public async Task<string> RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
                    while (true)
                    {
                        var response = await chat.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        messages.AddRange(response.Messages);
                        if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
                    }
                }
            }

            public sealed class Hidden(IChatClient chat)
            {
                public async Task<string> RunAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
                {
            #line hidden
                    while (true)
                    {
                        var response = await chat.GetResponseAsync(messages, cancellationToken: cancellationToken);
                        messages.AddRange(response.Messages);
                        if (response.FinishReason == ChatFinishReason.Stop) return response.Text;
                    }
            #line default
                }
            }
            """,
            Message);
    }
}
