// Microsoft Agent Framework: approval loops — one asks a person, one approves everything automatically.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace Corpus.MafApprovals;

public static class ApprovalFlows
{
    public static async Task<string> AskThePersonAsync(AIAgent agent, AgentSession session, string request)
    {
        AgentResponse response = await agent.RunAsync(request, session);
        List<ToolApprovalRequestContent> approvalRequests = response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().ToList();
        while (approvalRequests.Count > 0)
        {
            List<ChatMessage> userInputResponses = approvalRequests.ConvertAll(approval =>
            {
                Console.WriteLine($"Approve {((FunctionCallContent)approval.ToolCall).Name}? (Y/N)");
                return new ChatMessage(ChatRole.User, [approval.CreateResponse(Console.ReadLine()?.Equals("Y", StringComparison.OrdinalIgnoreCase) ?? false)]);
            });

            response = await agent.RunAsync(userInputResponses, session);
            approvalRequests = response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().ToList();
        }

        return response.Text;
    }

    public static async Task<string> ApproveEverythingAsync(AIAgent agent, AgentSession session, string request)
    {
        AgentResponse response = await agent.RunAsync(request, session);
        var approvalRequests = response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().ToList();
        // expect: AGR0002, AGR0003
        while (approvalRequests.Count > 0)
        {
            var approvals = approvalRequests.Select(a => new ChatMessage(ChatRole.User, [a.CreateResponse(true)])).ToList();
            response = await agent.RunAsync(approvals, session);
            approvalRequests = response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().ToList();
        }

        return response.Text;
    }
}
