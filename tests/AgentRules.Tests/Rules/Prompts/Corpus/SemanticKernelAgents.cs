// Semantic Kernel agents in a group chat: instructions as raw strings and constants, a termination function from a
// prompt, and an agent built by the project's own helper.
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Agents;
using Microsoft.SemanticKernel.Agents.Chat;

namespace Marketing;

public sealed class CopyTeam(Kernel kernel)
{
    private const string ReviewerInstructions = """
        You are an art director. Decide whether the copy is ready to publish.
        If it is, say "approved". Otherwise explain what to change.
        """;

    public AgentGroupChat Create()
    {
        var writer = new ChatCompletionAgent
        {
            Name = "CopyWriter",
            Kernel = kernel,
            Instructions = [|"""
                You are a copywriter with ten years of experience. Write one slogan per turn.
                """|],
        };

        var reviewer = new ChatCompletionAgent { Name = "Reviewer", Instructions = [|ReviewerInstructions|], Kernel = kernel };
        var editor = CreateAgent("Editor", [|"You fix grammar and nothing else."|]);

        var approval = KernelFunctionFactory.CreateFromPrompt([|"Has the copy been approved? Answer yes or no.\n{{$history}}"|]);
        return new AgentGroupChat(writer, reviewer, editor)
        {
            ExecutionSettings = new AgentGroupChatSettings { TerminationStrategy = new ApprovalTermination(approval) },
        };
    }

    private ChatCompletionAgent CreateAgent(string name, string instructions) =>
        new() { Name = name, Instructions = instructions, Kernel = kernel };

    private sealed class ApprovalTermination(KernelFunction function) : TerminationStrategy
    {
        public KernelFunction Function => function;

        protected override Task<bool> ShouldAgentTerminateAsync(Agent agent, IReadOnlyList<Microsoft.SemanticKernel.ChatMessageContent> history, CancellationToken cancellationToken) =>
            Task.FromResult(history.Count > 6);
    }
}
