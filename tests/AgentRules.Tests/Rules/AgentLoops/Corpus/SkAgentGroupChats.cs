// Semantic Kernel agents: a group chat with a termination strategy, and orchestration managers.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Agents;
using Microsoft.SemanticKernel.Agents.Chat;
using Microsoft.SemanticKernel.Agents.Orchestration.GroupChat;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.SkGroupChat;

public sealed class ApprovalTerminationStrategy : TerminationStrategy
{
    protected override Task<bool> ShouldAgentTerminateAsync(Agent agent, IReadOnlyList<ChatMessageContent> history, CancellationToken cancellationToken) =>
        Task.FromResult(history[^1].Content?.Contains("approve", StringComparison.OrdinalIgnoreCase) ?? false);
}

public static class CopyReview
{
    public static async Task RunAsync(ChatCompletionAgent writer, ChatCompletionAgent reviewer)
    {
        AgentGroupChat chat = new(writer, reviewer)
        {
            ExecutionSettings = new()
            {
                TerminationStrategy = new ApprovalTerminationStrategy { Agents = [reviewer], MaximumIterations = 10 },
            },
        };

        chat.AddChatMessage(new ChatMessageContent(AuthorRole.User, "Write a slogan for a new electric bike."));
        await foreach (ChatMessageContent response in chat.InvokeAsync())
        {
            Console.WriteLine($"{response.AuthorName}: {response.Content}");
        }
    }

    public static GroupChatManager Unlimited() =>
        // expect: AGR0002
        new RoundRobinGroupChatManager();

    public static GroupChatManager Bounded() => new RoundRobinGroupChatManager { MaximumInvocationCount = 5 };
}
