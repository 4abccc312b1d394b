using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace HarnessFix;

public static class Harnesses
{
    // No options: the fix adds them, with a cap.
    public static AIAgent Bare(IChatClient chat) => chat.AsHarnessAgent();

    // Options written in the call: the fix sets the cap in them.
    public static AIAgent Named(IChatClient chat) =>
        new HarnessAgent(chat, new HarnessAgentOptions { Name = "researcher" });
}
